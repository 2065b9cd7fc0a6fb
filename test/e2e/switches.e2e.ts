import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConcertsDocument } from '../generated/graphql.js';
import { gql } from '../support/graphql.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** What a browser sends when it navigates to a page. */
const NAVIGATION = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const origin = (s: TestServer) => new URL(s.url).origin;
const devToken = (s: TestServer, body: object = {}) =>
  fetch(`${origin(s)}/app/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('explorer and demo sign-in switches', () => {
  it('outside production: the explorer carries a demo identity and /app/dev-token signs working tokens', async () => {
    server = await startTestServer();
    const page = await (await fetch(`${origin(server)}/graphql`, { headers: NAVIGATION })).text();
    expect(page).toContain('Bearer ey');

    const userId = randomUUID();
    const given = (await (await devToken(server, { userId })).json()) as { userId: string; token: string };
    expect(given.userId).toBe(userId);
    expect((await gql(server.url, ConcertsDocument, {}, { token: given.token })).errors).toBeUndefined();
    const fresh = (await (await devToken(server)).json()) as { userId: string };
    expect(fresh.userId).not.toBe(userId);
    expect((await devToken(server, { userId: 'nobody' })).status).toBe(400);

    // The operator option signs the role the operator console needs; fans' tokens have none.
    const operator = (await (await devToken(server, { operator: true })).json()) as { token: string; roles: string[] };
    expect(operator.roles).toEqual(['operator']);
    expect(JSON.parse(Buffer.from(operator.token.split('.')[1], 'base64url').toString()).roles).toEqual(['operator']);
    expect(JSON.parse(Buffer.from(given.token.split('.')[1], 'base64url').toString()).roles).toBeUndefined();
    expect((await devToken(server, { operator: 'yes' })).status).toBe(400);
  });

  it('in production: no explorer and no demo sign-in unless EXPLORER=true, which still signs nothing', async () => {
    server = await startTestServer({ NODE_ENV: 'production' });
    const page = await fetch(`${origin(server)}/graphql`, { headers: NAVIGATION });
    expect(await page.text()).not.toContain('GraphiQL');
    expect((await fetch(`${origin(server)}/explorer/assets/`)).status).toBe(404);
    expect((await devToken(server)).status).toBe(404);
    await server.stop();

    server = await startTestServer({ NODE_ENV: 'production', EXPLORER: 'true' });
    const opted = await (await fetch(`${origin(server)}/graphql`, { headers: NAVIGATION })).text();
    expect(opted).toContain('GraphiQL');
    expect(opted).not.toContain('Bearer ey');
    expect((await devToken(server)).status).toBe(404);
  });
});
