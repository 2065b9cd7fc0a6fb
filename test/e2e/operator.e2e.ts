import type { EntityManager } from '@mikro-orm/postgresql';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayReservationDocument } from '../generated/graphql.js';
import { charge, hold } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { admittedCaller, type Caller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DESKTOP, joinLine, openSignedIn, PHONE } from './support/app.js';
import { launchChromium, snap, watchOrigins } from './support/browser.js';
import { seriousViolations, tabTo, watchConsole } from './support/page-checks.js';

let server: TestServer;
let browser: Browser;
let origin: string;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '200' });
  origin = new URL(server.url).origin;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function payAndLeave(caller: Caller, scheduleId: string, seatNumber: number) {
  const reservation = await hold(server, caller, scheduleId, seatNumber);
  await charge(server, caller, reservation.price);
  const paid = await gql(server.url, PayReservationDocument, { reservationId: reservation.id, idempotencyKey: null }, caller);
  expect(paid.errors).toBeUndefined();
}

/** The operator console, signed in with the dev-token endpoint's operator option, at one concert's room. */
async function openConsole(concertId: string) {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  const { foreign } = watchOrigins(page, origin);
  const consoleErrors = watchConsole(page);
  await page.goto(`${origin}/app/operator`);
  await page.getByTestId('sign-in-operator').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('sign-in-operator').click();
  await page.locator('[data-testid=open-room]').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.locator(`[data-testid=concert][data-concert-id="${concertId}"] [data-testid=open-room]`).click();
  await page.locator('[data-testid=room-status][data-phase]').waitFor();
  return { page, foreign, consoleErrors };
}

async function confirm(page: Page, button: string) {
  await page.getByTestId(button).click();
  await page.getByTestId('confirm-dialog').waitFor();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
}

describe('operator console (/app/operator/)', () => {
  it('pauses a line (the waiting fan is told at once), resumes it (the fan is admitted) and shows a sell-out to the fan', async () => {
    const concert = await createConcert(server.app, { schedules: 1 });
    const scheduleId = concert.schedules[0].id;
    const blocker = await admittedCaller(server, concert.id);
    const operator = await openConsole(concert.id);
    const fan = await openSignedIn(browser, origin, PHONE);
    const second = await openSignedIn(browser, origin, PHONE);

    await joinLine(fan.page, concert.id);
    await fan.page.locator('[data-testid=queue-status][data-phase=waiting]').waitFor();
    await operator.page.locator('[data-testid=kpi-waiting]', { hasText: /^1$/ }).waitFor();
    expect(await operator.page.getByTestId('kpi-active').textContent()).toBe('1 / 1');
    expect(await seriousViolations(operator.page)).toEqual([]);
    await snap(operator.page, 'operator-1-room-open');

    // A change that reaches everyone waiting asks first; cancelling changes nothing.
    await operator.page.getByTestId('pause').click();
    expect(await operator.page.getByTestId('confirm-dialog').textContent()).toMatch(/The 1 fan waiting keeps their place and is told the sale is paused/);
    expect(await seriousViolations(operator.page)).toEqual([]);
    await snap(operator.page, 'operator-2-confirm-pause');
    await operator.page.getByTestId('confirm-cancel').click();
    expect(await operator.page.getByTestId('room-status').getAttribute('data-phase')).toBe('open');

    await confirm(operator.page, 'pause');
    await operator.page.locator('[data-testid=room-status][data-phase=paused]').waitFor();
    await fan.page.locator('[data-testid=queue-status][data-phase=paused]').waitFor({ timeout: 2_000 });
    expect(await fan.page.getByTestId('queue-explain').textContent()).toMatch(/paused admission\. You keep your place/);
    await snap(fan.page, 'operator-3-fan-sees-pause');

    // Paused, a freed place admits nobody; resumed, the fan is let in.
    await payAndLeave(blocker, scheduleId, 50);
    await operator.page.locator('[data-testid=kpi-active]', { hasText: /^0 \/ 1$/ }).waitFor();
    expect(await fan.page.getByTestId('queue-status').getAttribute('data-phase')).toBe('paused');
    await confirm(operator.page, 'pause');
    await fan.page.getByTestId('booking').waitFor();
    await operator.page.locator('[data-testid=kpi-active]', { hasText: /^1 \/ 1$/ }).waitFor();

    // A second fan waits; every seat is then sold (straight in the database: the tick finds it).
    await joinLine(second.page, concert.id);
    await second.page.locator('[data-testid=queue-status][data-phase=waiting]').waitFor();
    const em = server.app.orm.em.fork() as EntityManager;
    await em.execute(`update seat set status = 'SOLD' where schedule_id = ?`, [scheduleId]);
    await second.page.locator('[data-testid=queue-status][data-status=SOLD_OUT]').waitFor();
    expect(await second.page.getByTestId('queue-headline').textContent()).toBe('Sold out');
    await operator.page.locator('[data-testid=room-status][data-phase=sold-out]').waitFor();
    await snap(second.page, 'operator-4-fan-sees-sold-out');
    await snap(operator.page, 'operator-5-room-sold-out');

    expect([...operator.foreign, ...fan.foreign, ...second.foreign]).toEqual([]);
    expect([...operator.consoleErrors, ...fan.consoleErrors, ...second.consoleErrors]).toEqual([]);
  });

  it('sets an opening time (fans see a countdown and the random draw), max active and active time, by keyboard', async () => {
    const concert = await createConcert(server.app);
    const operator = await openConsole(concert.id);
    const { page } = operator;
    const opensAt = new Date(Date.now() + 3 * 60_000);
    const local = new Date(opensAt.getTime() - opensAt.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByTestId('opens-at').fill(local);
    await tabTo(page, '[data-testid=set-opens-at]');
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-ok').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=room-status][data-phase=pre-queue]').waitFor();

    const fan = await openSignedIn(browser, origin, PHONE);
    await joinLine(fan.page, concert.id);
    await fan.page.locator('[data-testid=queue-status][data-phase=pre-queue]').waitFor();
    expect(await fan.page.getByTestId('queue-headline').textContent()).toMatch(/^The line opens in [23]:\d\d$/);
    expect(await fan.page.getByTestId('queue-explain').textContent()).toMatch(/drawn at random at opening/);
    expect(await seriousViolations(fan.page)).toEqual([]);
    await snap(fan.page, 'operator-6-fan-pre-queue');

    await page.getByTestId('max-active').fill('3');
    await page.getByTestId('active-seconds').fill('120');
    await confirm(page, 'apply-capacity');
    await page.locator('[data-testid=kpi-active]', { hasText: /\/ 3$/ }).waitFor();
    await confirm(page, 'open-now');
    await page.locator('[data-testid=room-status][data-phase=open]').waitFor();
    await fan.page.getByTestId('booking').waitFor();
    await page.locator('[data-testid=chart-people] canvas').waitFor();
    await snap(page, 'operator-7-room-after-changes');
    expect(operator.foreign).toEqual([]);
    expect(operator.consoleErrors).toEqual([]);
  });

  it('refuses a fan: the console needs the operator role', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await page.goto(`${origin}/app/operator/`);
    const fanToken = ((await (await fetch(`${origin}/app/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string }).token;
    await page.locator('summary').click();
    await page.getByTestId('token-input').fill(fanToken);
    await page.getByTestId('use-token').click();
    await page.locator('[data-testid=open-room]').first().click();
    await page.locator('[data-testid=error][data-code=FORBIDDEN]').waitFor();
  });
});
