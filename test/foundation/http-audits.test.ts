import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/**
 * The GraphQL-over-HTTP conformance audits of the graphql-http package. Every MUST passes;
 * the SHOULDs and MAYs that Apollo Server does not meet are listed in the README with the reason.
 */
describe('GraphQL over HTTP audits', () => {
  for (const audit of serverAudits({ url: () => server.url })) {
    const must = audit.name.startsWith('MUST');
    it(must ? audit.name : `${audit.name} (reported, not required)`, async () => {
      const result = await audit.fn();
      if (must) expect(result.status, result.status === 'ok' ? '' : result.reason).toBe('ok');
      else if (result.status !== 'ok') console.info(`[audit ${result.status}] ${audit.name}: ${result.reason}`);
    });
  }
});
