import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayReservationDocument } from '../generated/graphql.js';
import { charge, hold } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { admittedCaller, type Caller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DESKTOP, joinLine, openApp, openSeatMap, openSignedIn, PHONE, seat } from './support/app.js';
import { launchChromium, snap } from './support/browser.js';
import { seriousViolations, tabTo } from './support/page-checks.js';

let server: TestServer;
let browser: Browser;
let origin: string;
beforeAll(async () => {
  // One admission at a time: the second fan waits in line behind the first.
  server = await startTestServer({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '200' });
  origin = new URL(server.url).origin;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Frees the only admission: the blocker pays for a seat, which completes its ticket. */
async function payAndLeave(caller: Caller, scheduleId: string, seatNumber: number) {
  const reservation = await hold(server, caller, scheduleId, seatNumber);
  await charge(server, caller, reservation.price);
  const paid = await gql(server.url, PayReservationDocument, { reservationId: reservation.id, idempotencyKey: null }, caller);
  expect(paid.errors).toBeUndefined();
}

/** Front rows cost more, as in the demo data. */
const tiered = (seatNumber: number) => (seatNumber <= 10 ? 150_000 : 90_000);

describe('the fan journey, on a phone (dark) and on a desktop (light)', () => {
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`${device}: signs in, waits in line beside a second fan, holds two seats, charges what they cost, pays both and gets booking codes`, async () => {
      const concert = await createConcert(server.app, { price: tiered });
      const scheduleId = concert.schedules[0].id;
      const blocker = await admittedCaller(server, concert.id);
      const fan = await openApp(browser, origin, viewport);
      const other = await openSignedIn(browser, origin, viewport);
      const violations: string[] = [];
      const screen = async (name: string) => {
        await snap(fan.page, `journey-${device}-${name}`);
        violations.push(...(await seriousViolations(fan.page)).map((v) => `${name}: ${v}`));
      };

      await screen('1-sign-in');
      await fan.page.getByTestId('sign-in').click();
      await fan.page.locator('[data-testid=concert]').first().waitFor();
      expect(await fan.page.getByTestId('user-id').textContent()).toMatch(/^Fan [0-9a-f]{6}$/);
      await screen('2-concerts');

      // Two fans in line behind the blocker: positions 1 and 2, then 1 moves on and 2 becomes 1, live.
      await joinLine(fan.page, concert.id);
      await fan.page.locator('[data-testid=queue-position]', { hasText: /^1$/ }).waitFor();
      await joinLine(other.page, concert.id);
      await other.page.locator('[data-testid=queue-position]', { hasText: /^2$/ }).waitFor();
      expect(await other.page.getByTestId('queue-ahead').textContent()).toBe('1');
      expect(await fan.page.getByTestId('queue-wait').textContent()).toMatch(/^About /);
      await screen('3-line');
      await snap(other.page, `journey-${device}-3-line-second-fan`);
      await payAndLeave(blocker, scheduleId, 50);
      await fan.page.getByTestId('booking').waitFor();
      await other.page.locator('[data-testid=queue-position]', { hasText: /^1$/ }).waitFor();

      await openSeatMap(fan.page, scheduleId);
      const date = fan.page.locator(`[data-testid=date][data-schedule-id="${scheduleId}"]`);
      expect(await date.getAttribute('aria-pressed')).toBe('true');
      expect(await fan.page.getByTestId('price-list').textContent()).toBe('Row A: ₩150,000 · Rows B–E: ₩90,000');
      await seat(fan.page, 50, 'taken').waitFor();
      await screen('4-seat-map');

      await seat(fan.page, 5, 'available').click();
      await seat(fan.page, 5, 'mine').waitFor();
      await seat(fan.page, 25, 'available').click();
      await seat(fan.page, 25, 'mine').waitFor();
      // The performance's count is live: 50 seats less the blocker's and the two held.
      await date.locator('[data-testid=date-seats][data-count="47"]').waitFor();
      expect(await fan.page.getByTestId('held-seat').count()).toBe(2);
      expect(await fan.page.getByTestId('pay').textContent()).toBe('Pay for 2 seats · ₩240,000');

      // The suggested charge covers exactly the seats held.
      expect(await fan.page.getByTestId('charge-cover').textContent()).toBe('Cover my seats · ₩240,000');
      expect(await fan.page.getByTestId('charge-amount').inputValue()).toBe('240000');
      await fan.page.getByTestId('charge').click();
      await fan.page.locator('[data-testid=balance]', { hasText: '₩240,000' }).waitFor();
      await fan.page.getByTestId('ledger-toggle').click();
      await fan.page.locator('[data-testid=ledger-entry][data-kind=CHARGE]', { hasText: '+₩240,000' }).waitFor();
      await screen('5-holds-and-balance');

      await fan.page.getByTestId('pay').click();
      const confirmation = fan.page.locator('[data-testid=confirmation][data-seats="5,25"]');
      await confirmation.waitFor();
      const codes = await fan.page.getByTestId('booking-code').allTextContents();
      expect(codes).toHaveLength(2);
      for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(await confirmation.textContent()).toContain('Balance left: ₩0');
      await screen('6-confirmation');

      // Both seats paid: the ticket completes and the second fan is let in, seeing them sold.
      await other.page.getByTestId('booking').waitFor();
      await openSeatMap(other.page, scheduleId);
      await seat(other.page, 5, 'taken').waitFor();
      await seat(other.page, 25, 'taken').waitFor();
      await snap(other.page, `journey-${device}-7-second-fan-admitted`);

      expect(violations).toEqual([]);
      expect([...fan.foreign, ...other.foreign]).toEqual([]);
      expect([...fan.consoleErrors, ...other.consoleErrors]).toEqual([]);
      await fan.page.context().close();
      await other.page.context().close();
    });
  }
});

describe('the fan app by keyboard alone', () => {
  it('signs in, joins, picks a date, holds a seat with the arrow keys, charges, pays and goes back', async () => {
    const concert = await createConcert(server.app, { price: 70_000 });
    const fan = await openApp(browser, origin, DESKTOP);
    const { page } = fan;
    const press = async (selector: string) => {
      await tabTo(page, selector);
      await page.keyboard.press('Enter');
    };
    await press('[data-testid=sign-in]');
    await page.locator('[data-testid=concert]').first().waitFor();
    await press(`[data-concert-id="${concert.id}"] [data-testid=join]`);
    await page.getByTestId('booking').waitFor();
    await press(`[data-testid=date][data-schedule-id="${concert.schedules[0].id}"]`);
    await page.locator('[data-testid=seat-map][data-loaded=true]').waitFor();
    await tabTo(page, '[data-testid=seat]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await seat(page, 12, 'mine').waitFor();
    await press('[data-testid=charge]');
    await page.locator('[data-testid=balance]', { hasText: '₩70,000' }).waitFor();
    await press('[data-testid=pay]');
    await page.locator('[data-testid=confirmation][data-seat="12"]').waitFor();
    await press('[data-testid=done]');
    await page.locator('[data-testid=concert]').first().waitFor();
    expect(fan.foreign).toEqual([]);
    expect(fan.consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe('a dropped WebSocket', () => {
  it('is reconnected quietly: the line keeps moving on the same page and nothing alarms the fan', async () => {
    const concert = await createConcert(server.app);
    const blocker = await admittedCaller(server, concert.id);
    const fan = await openSignedIn(browser, origin, PHONE);
    // Every socket the page opens goes through here, so the test can cut it as a network would.
    const sockets: Array<{ close(o?: { code?: number; reason?: string }): Promise<void> }> = [];
    await fan.page.routeWebSocket(/\/graphql$/, (ws) => {
      ws.connectToServer();
      sockets.push(ws);
    });
    await joinLine(fan.page, concert.id);
    await fan.page.locator('[data-testid=queue-status][data-phase=waiting]').waitFor();
    const before = sockets.length;
    expect(before).toBeGreaterThan(0);

    await Promise.all(sockets.map((ws) => ws.close({ code: 1001, reason: 'going away' })));
    await expect.poll(() => sockets.length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await fan.page.getByTestId('connection').isHidden()).toBe(true);
    await payAndLeave(blocker, concert.schedules[0].id, 50);
    await fan.page.getByTestId('booking').waitFor();
    expect(await fan.page.getByTestId('error').isHidden()).toBe(true);
    expect(fan.consoleErrors).toEqual([]);
    await fan.page.context().close();
  });
});

describe('GET /', () => {
  it('sends a person typing the bare address to the fan app', async () => {
    const res = await fetch(`${origin}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/app/');
  });
});
