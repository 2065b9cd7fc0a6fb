import express, { type Express } from 'express';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { App } from '../app.js';
import { isUuid } from '../auth/identity.js';
import { PROJECT_ROOT } from '../paths.js';

export const WEB_APP_PATH = '/app';

export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

/**
 * Serves the front end built from web/ (`npm run build:web`) at /app/, and outside production
 * `POST /app/dev-token`, which signs an identity JWT for a new (or the given) demo user so the
 * app can be tried without an identity provider.
 */
export function mountWebApp(expressApp: Express, app: App): void {
  if (app.config.NODE_ENV !== 'production') {
    expressApp.post(`${WEB_APP_PATH}/dev-token`, express.json({ limit: '1kb' }), async (req, res) => {
      const requested = (req.body as { userId?: unknown } | undefined)?.userId;
      if (requested !== undefined && (typeof requested !== 'string' || !isUuid(requested))) {
        res.status(400).json({ error: 'userId must be a UUID' });
        return;
      }
      const userId = requested?.toLowerCase() ?? randomUUID();
      res.json({ userId, token: await app.identity.sign(userId) });
    });
  }
  expressApp.use(WEB_APP_PATH, express.static(WEB_DIST, { index: 'index.html', maxAge: 0 }));
  expressApp.get(WEB_APP_PATH, (_req, res) => {
    res.status(404).type('text').send('The front end is not built: run `npm run build:web` (npm start does).');
  });
}
