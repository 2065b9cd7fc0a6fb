import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConcert } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { joinLine, markDocument, openSeatMap, openSignedIn, seat, stillSameDocument } from './support/app.js';
import { launchChromium, snap } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** A server of its own for each scenario; the cap is what the scenario is about. */
function serverFor(overrides: Record<string, string>) {
  const ref: { server?: TestServer; origin: string } = { origin: '' };
  beforeAll(async () => {
    ref.server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '200', ...overrides });
    ref.origin = new URL(ref.server.url).origin;
  });
  afterAll(() => ref.server?.stop());
  return ref as { server: TestServer; origin: string };
}

describe('front end (/app/), one admission at a time (QUEUE_MAX_ACTIVE=1)', () => {
  const ctx = serverFor({ QUEUE_MAX_ACTIVE: '1' });

  it('admits the second fan live when the first pays; the sold seat shows on the second map', async () => {
    const concert = await createConcert(ctx.server.app, { price: 50_000 });
    const scheduleId = concert.schedules[0].id;
    const first = await openSignedIn(browser, ctx.origin);
    const second = await openSignedIn(browser, ctx.origin);

    await joinLine(first.page, concert.id);
    await first.page.getByTestId('booking').waitFor();
    await joinLine(second.page, concert.id);
    await second.page.locator('[data-testid=queue-status][data-status=WAITING]').waitFor();
    expect(await second.page.getByTestId('queue-position').textContent()).toBe('1');
    await markDocument(second.page);
    await snap(first.page, 'app-1-first-admitted');
    await snap(second.page, 'app-2-second-waiting-position-1');

    await openSeatMap(first.page, scheduleId);
    await seat(first.page, 7, 'available').click();
    await seat(first.page, 7, 'mine').waitFor();
    expect(await first.page.getByTestId('hold-countdown').textContent()).toMatch(/^[45]:\d\d$/);
    await snap(first.page, 'app-3-first-holds-seat-7');

    // With an empty balance the contract's error code comes back and is shown in words.
    await first.page.getByTestId('pay').click();
    const error = first.page.locator('[data-testid=error][data-code=INSUFFICIENT_BALANCE]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/balance is lower than the price/);
    await snap(first.page, 'app-4-first-insufficient-balance');

    await first.page.getByTestId('charge').click();
    await first.page.locator('[data-testid=balance]', { hasText: '₩50,000' }).waitFor();
    await first.page.getByTestId('pay').click();
    await first.page.locator('[data-testid=confirmation][data-seat="7"]').waitFor();
    await snap(first.page, 'app-5-first-confirmation');

    // No reload, no polling: the queuePosition push moves the second fan on.
    await second.page.getByTestId('booking').waitFor();
    expect(await stillSameDocument(second.page)).toBe(true);
    await openSeatMap(second.page, scheduleId);
    await seat(second.page, 7, 'taken').waitFor();
    expect(await seat(second.page, 8).getAttribute('data-status')).toBe('available');
    await snap(second.page, 'app-6-second-admitted-seat-7-sold');

    expect([...first.foreign, ...second.foreign]).toEqual([]);
  });
});

describe('front end (/app/), two fans admitted together (QUEUE_MAX_ACTIVE=2)', () => {
  // Both must be ACTIVE at once to watch one seat map, which one admission at a time cannot show.
  const ctx = serverFor({ QUEUE_MAX_ACTIVE: '2' });

  it("shows the first fan's hold on the second fan's seat map live, and its release", async () => {
    const concert = await createConcert(ctx.server.app);
    const scheduleId = concert.schedules[0].id;
    const first = await openSignedIn(browser, ctx.origin);
    const second = await openSignedIn(browser, ctx.origin);
    for (const fan of [first, second]) {
      await joinLine(fan.page, concert.id);
      await fan.page.getByTestId('booking').waitFor();
      await openSeatMap(fan.page, scheduleId);
    }
    await seat(second.page, 12, 'available').waitFor();
    await markDocument(second.page);

    await seat(first.page, 12).click();
    await seat(first.page, 12, 'mine').waitFor();
    await seat(second.page, 12, 'taken').waitFor();
    expect(await stillSameDocument(second.page)).toBe(true);
    await snap(first.page, 'app-7-first-holds-seat-12');
    await snap(second.page, 'app-8-second-sees-seat-12-taken');

    await first.page.getByTestId('release').click();
    await seat(second.page, 12, 'available').waitFor();
    await snap(second.page, 'app-9-second-sees-seat-12-released');
    expect([...first.foreign, ...second.foreign]).toEqual([]);
  });
});

describe('front end (/app/), an admission that runs out (QUEUE_ACTIVE_SECONDS=2)', () => {
  const ctx = serverFor({ QUEUE_MAX_ACTIVE: '1', QUEUE_ACTIVE_SECONDS: '2' });

  it('says the place in line ended, shows the server refusing a hold in words, and joins again', async () => {
    const concert = await createConcert(ctx.server.app);
    const fan = await openSignedIn(browser, ctx.origin);
    await joinLine(fan.page, concert.id);
    await fan.page.getByTestId('booking').waitFor();
    await openSeatMap(fan.page, concert.schedules[0].id);

    await fan.page.locator('[data-testid=error][data-code=QUEUE_TOKEN_INVALID]').waitFor({ timeout: 10_000 });
    // The map still offers seats, but the server refuses the hold with the contract's code.
    const refused = fan.page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST');
    await seat(fan.page, 3, 'available').click();
    expect(await (await refused).text()).toContain('"QUEUE_TOKEN_INVALID"');
    const error = fan.page.locator('[data-testid=error][data-code=QUEUE_TOKEN_INVALID]');
    await error.waitFor();
    expect(await fan.page.getByTestId('hold').isHidden()).toBe(true);
    expect(await error.textContent()).toMatch(/place in line is no longer valid/);
    await snap(fan.page, 'app-10-admission-ran-out');

    await fan.page.getByTestId('rejoin').click();
    await fan.page.locator('[data-testid=seat-map]').waitFor({ state: 'detached' });
    await fan.page.getByTestId('booking').waitFor();
    expect(fan.foreign).toEqual([]);
  });
});
