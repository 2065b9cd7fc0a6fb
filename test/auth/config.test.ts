import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { testEnv } from '../support/server.js';

/** Starts the compiled server and resolves with how it ended (loading it takes seconds on a busy machine). */
function boot(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [resolve(PROJECT_ROOT, 'dist', 'src', 'index.js')], { env: { PATH: process.env.PATH, ...testEnv(), ...env }, timeout: 60_000 }, (error, _stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

describe('sign-in configuration', () => {
  it('an HMAC algorithm for the provider is refused at start (exit 2)', { timeout: 90_000 }, async () => {
    const { code, stderr } = await boot({ AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json', AUTH_ALGORITHMS: 'RS256,HS256' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/AUTH_ALGORITHMS.*not a public-key algorithm/);
  });

  it('in production a JWKS without issuer and audience, over plain http, or beside development tokens is refused at start (exit 2, one line each)', { timeout: 90_000 }, async () => {
    const { code, stderr } = await boot({ NODE_ENV: 'production', QUEUE_TOKEN_SECRET: 'q'.repeat(40), AUTH_JWKS_URL: 'http://id.example.com/jwks.json', AUTH_HS256: 'true' });
    expect(code).toBe(2);
    for (const problem of ['AUTH_HS256', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL: must be https']) expect(stderr).toContain(problem);
  });
});
