import type { Browser, Locator, Page } from 'playwright-core';
import { watchOrigins } from './browser.js';
import { watchConsole } from './page-checks.js';

export interface AppPage {
  page: Page;
  /** Requests and sockets to other origins (must stay empty). */
  foreign: string[];
  /** Console errors and uncaught exceptions (must stay empty). */
  consoleErrors: string[];
}

type Device = { width: number; height: number; colorScheme?: 'light' | 'dark' };
/** A small phone in dark mode, so both colour schemes are looked at and checked. */
export const PHONE: Device = { width: 360, height: 740, colorScheme: 'dark' };
export const DESKTOP: Device = { width: 1280, height: 900, colorScheme: 'light' };

/** A fresh browser context (its own storage, like a second fan) at the sign-in screen. */
export async function openApp(browser: Browser, origin: string, device: Device = { width: 900, height: 900 }): Promise<AppPage> {
  const { colorScheme = 'light', ...viewport } = device;
  const page = await (await browser.newContext({ viewport, colorScheme, hasTouch: viewport.width < 600 })).newPage();
  const { foreign } = watchOrigins(page, origin);
  const consoleErrors = watchConsole(page);
  await page.goto(`${origin}/app/`);
  await page.getByTestId('sign-in').waitFor();
  return { page, foreign, consoleErrors };
}

/** A fresh browser context signed in as a new demo user. */
export async function openSignedIn(browser: Browser, origin: string, device?: Device): Promise<AppPage> {
  const app = await openApp(browser, origin, device);
  await app.page.getByTestId('sign-in').click();
  await app.page.locator('[data-testid=concert]').first().waitFor();
  return app;
}

export async function joinLine(page: Page, concertId: string): Promise<void> {
  await page.locator(`[data-testid=concert][data-concert-id="${concertId}"] [data-testid=join]`).click();
}

export async function openSeatMap(page: Page, scheduleId: string): Promise<void> {
  await page.locator(`[data-testid=date][data-schedule-id="${scheduleId}"]`).click();
  await page.locator(`[data-testid=seat-map][data-schedule-id="${scheduleId}"][data-loaded=true]`).waitFor();
}

export const seat = (page: Page, number: number, status?: 'available' | 'taken' | 'mine'): Locator =>
  page.locator(`[data-testid=seat][data-number="${number}"]${status ? `[data-status=${status}]` : ''}`);

/** Marks the document, so a later check can tell the page was never reloaded. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(globalThis, { __e2eMark: true }));
}
export const stillSameDocument = (page: Page): Promise<boolean> => page.evaluate(() => (globalThis as { __e2eMark?: boolean }).__e2eMark === true);
