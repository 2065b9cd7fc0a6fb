import express, { type Express } from 'express';
import { randomUUID } from 'node:crypto';
import type { IdentityVerifier } from '../auth/identity.js';
import { parseUuid } from '../uuid.js';
import { WEB_APP_PATH } from './web-app.js';

/**
 * Outside production only: `POST /app/dev-token` signs an identity JWT for a new (or the given)
 * demo user, so the front end can be tried without an identity provider.
 */
export function mountDevToken(expressApp: Express, identity: IdentityVerifier): void {
  expressApp.post(`${WEB_APP_PATH}/dev-token`, express.json({ limit: '1kb' }), async (req, res) => {
    const requested = (req.body as { userId?: unknown } | undefined)?.userId;
    const userId = requested === undefined ? randomUUID() : parseUuid(requested);
    if (!userId) {
      res.status(400).json({ error: 'userId must be a UUID' });
      return;
    }
    res.json({ userId, token: await identity.sign(userId) });
  });
}
