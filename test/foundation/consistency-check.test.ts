import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { createConcert } from '../support/factories.js';
import { fileDatabaseUrl } from '../support/file-database.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const check = (...args: string[]) =>
  promisify(execFile)(process.execPath, [resolve(PROJECT_ROOT, 'dist/scripts/check-consistency.js'), ...args], { env: { ...process.env, DATABASE_URL: fileDatabaseUrl } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

describe('npm run check:consistency', () => {
  it('prints every rule it checked, and exits 1 naming the rule and the row when one is broken', async () => {
    const concert = await createConcert(server.app);
    const clean = await check('--concert', concert.id);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/ok +seat SOLD more than once/);

    // A seat sold without any reservation: what a half-applied payment would leave.
    const [seat] = await server.app.orm.em.getConnection().execute<{ id: string }[]>(
      `update seat set status = 'SOLD' where id = (select id from seat where schedule_id = ? and number = 1) returning id`,
      [concert.schedules[0].id],
    );
    const broken = await check('--concert', concert.id);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`FAIL  SOLD seat without its CONFIRMED reservation: 1 (${seat.id})`);
  });
});
