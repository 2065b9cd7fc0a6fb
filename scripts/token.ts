/**
 * `npm run token -- [uuid] [--operator]`: prints an identity JWT (12 h) for a new or given user,
 * signed HS256 with AUTH_JWT_SECRET, so a person can call the API at once:
 *   curl -H "Authorization: Bearer $(npm run -s token)" ...
 * `--operator` adds `"roles": ["operator"]` (the operator-only operations). The server accepts
 * these tokens where AUTH_HS256 is on: always without AUTH_JWKS_URL, outside production with it.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { IdentityVerifier, Role } from '../src/auth/identity.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { parseUuid } from '../src/uuid.js';

let args;
try {
  args = parseArgs({ allowPositionals: true, options: { operator: { type: 'boolean', default: false } } });
} catch (e) {
  console.error(`${(e as Error).message}\nusage: npm run token -- [uuid] [--operator]`);
  process.exit(2);
}
const given = args.positionals[0];
const userId = parseUuid(given ?? randomUUID());
if (!userId) {
  console.error(`not a UUID: ${given}`);
  process.exit(2);
}
try {
  const config = loadConfig();
  const identity = new IdentityVerifier(config, createLogger('silent'));
  console.log(await identity.sign(userId, { roles: args.values.operator ? [Role.Operator] : [] }));
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(2);
}
