import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's `chromium` package; CI installs it (see .ci/run). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const ARTIFACTS = resolve(import.meta.dirname, '..', 'artifacts');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A full-page screenshot under test/e2e/artifacts/, for a person reviewing the run. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Records every request and WebSocket the page opens whose origin is not `origin`: the pages
 * must load nothing from a CDN or font host.
 */
export function watchOrigins(page: Page, origin: string): { foreign: string[]; sockets: string[] } {
  const seen = { foreign: [] as string[], sockets: [] as string[] };
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) seen.foreign.push(request.url());
  });
  page.on('websocket', (socket) => {
    seen.sockets.push(socket.url());
    if (new URL(socket.url()).origin.replace(/^ws/, 'http') !== origin) seen.foreign.push(socket.url());
  });
  return seen;
}
