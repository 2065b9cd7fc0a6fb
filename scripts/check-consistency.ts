/**
 * `npm run check:consistency`: checks the invariants of seats and money over the whole database
 * of DATABASE_URL (the queries the tests run after every concurrency and fault test), prints each
 * rule with what it found, and exits 1 on any violation. Read-only; safe on a live system.
 * `-- --concert <id>` or `-- --user <id>` (repeatable) narrow it.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { checkConsistency } from '../src/consistency.js';
import { createOrm } from '../src/db/orm.js';

const { values } = parseArgs({ options: { concert: { type: 'string' }, user: { type: 'string', multiple: true } } });
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const orm = await createOrm(config.DATABASE_URL);
let violations = 0;
try {
  // Holds are expected to be released within a sweep interval; a minute past their end is stuck.
  const results = await checkConsistency(orm.em.fork(), { concertId: values.concert, userIds: values.user }, { sweepGraceSeconds: 60 });
  for (const { rule, ids } of results) {
    violations += ids.length;
    console.log(`${ids.length ? 'FAIL' : 'ok  '}  ${rule}${ids.length ? `: ${ids.length} (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', ...' : ''})` : ''}`);
  }
  console.log(violations ? `\n${violations} violation(s)` : `\nall ${results.length} rules hold`);
} finally {
  await orm.close(true);
}
process.exit(violations ? 1 : 0);
