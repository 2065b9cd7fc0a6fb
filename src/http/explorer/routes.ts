import express, { type Express, type Request } from 'express';
import type { App } from '../../app.js';
import { ASSET_PACKAGES } from './assets.js';
import { DEFAULT_QUERY, renderExplorerPage } from './page.js';

/** The user whose identity the explorer's headers editor starts with, outside production. */
export const EXPLORER_DEMO_USER_ID = 'de300000-0000-4000-8000-00000000e001';

/**
 * True for a browser navigation; GraphQL-over-HTTP GETs (and `Accept: *\/*`) prefer JSON, so
 * they still reach Apollo.
 */
const wantsHtml = (req: Request) => req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';

/**
 * Mounts the explorer: `GET <endpointPath>` with `Accept: text/html` and its assets. Must be
 * mounted before the GraphQL middleware on the same path. Off when `config.EXPLORER` is false.
 */
export function mountExplorer(expressApp: Express, app: App, endpointPath: string): void {
  if (!app.config.EXPLORER) return;
  const demoIdentity = app.config.NODE_ENV !== 'production';
  for (const { urlPath, dir } of Object.values(ASSET_PACKAGES)) {
    expressApp.use(urlPath, express.static(dir, { index: false, immutable: true, maxAge: '7d', fallthrough: false }));
  }
  expressApp.get(endpointPath, async (req, res, next) => {
    if (!wantsHtml(req)) return next();
    // Signed per request so the token in the page is never older than the page itself.
    const token = demoIdentity ? await app.identity.sign(EXPLORER_DEMO_USER_ID) : '<identity JWT>';
    res.type('html').setHeader('cache-control', 'no-store');
    res.send(renderExplorerPage({ endpointPath, headers: JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2), query: DEFAULT_QUERY }));
  });
}
