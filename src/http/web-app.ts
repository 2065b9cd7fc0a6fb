import express, { type Express } from 'express';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const WEB_APP_PATH = '/app';

export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

/**
 * Serves the front end built from web/ (`npm run build:web`) at /app/ (the fan app) and
 * /app/operator/ (the operator console). `GET /` has nothing of its own to show, so a person
 * typing the bare address lands on the fan app.
 */
export function mountWebApp(expressApp: Express): void {
  expressApp.get('/', (_req, res) => res.redirect(302, `${WEB_APP_PATH}/`));
  expressApp.use(WEB_APP_PATH, express.static(WEB_DIST, { index: 'index.html', maxAge: 0 }));
  expressApp.get(WEB_APP_PATH, (_req, res) => {
    res.status(404).type('text').send('The front end is not built: run `npm run build:web` (npm start does).');
  });
}
