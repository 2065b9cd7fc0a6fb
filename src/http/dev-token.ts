import express, { type Express } from 'express';
import { randomUUID } from 'node:crypto';
import { Role, type IdentityVerifier } from '../auth/identity.js';
import { parseUuid } from '../uuid.js';
import { WEB_APP_PATH } from './web-app.js';

/**
 * Outside production only: `POST /app/dev-token` signs an identity JWT for a new (or the given)
 * demo user, so the front end can be tried without an identity provider. `{ "operator": true }`
 * gives the token the operator role (the operator console at /app/operator/).
 */
export function mountDevToken(expressApp: Express, identity: IdentityVerifier): void {
  expressApp.post(`${WEB_APP_PATH}/dev-token`, express.json({ limit: '1kb' }), async (req, res) => {
    const body = req.body as { userId?: unknown; operator?: unknown } | undefined;
    const requested = body?.userId;
    const userId = requested === undefined ? randomUUID() : parseUuid(requested);
    if (!userId) {
      res.status(400).json({ error: 'userId must be a UUID' });
      return;
    }
    if (body?.operator !== undefined && typeof body.operator !== 'boolean') {
      res.status(400).json({ error: 'operator must be true or false' });
      return;
    }
    const roles = body?.operator ? [Role.Operator] : [];
    res.json({ userId, roles, token: await identity.sign(userId, { roles }) });
  });
}
