/**
 * `npm run token -- [uuid]`: prints an identity JWT (12 h) for a new or given user, signed with
 * AUTH_JWT_SECRET, so a person can call the API at once:
 *   curl -H "Authorization: Bearer $(npm run -s token)" ...
 */
import { randomUUID } from 'node:crypto';
import { IdentityVerifier } from '../src/auth/identity.js';
import { parseUuid } from '../src/uuid.js';
import { ConfigError, loadConfig } from '../src/config.js';

const userId = parseUuid(process.argv[2] ?? randomUUID());
if (!userId) {
  console.error(`not a UUID: ${process.argv[2]}`);
  process.exit(2);
}
try {
  const config = loadConfig();
  console.log(await new IdentityVerifier(config.AUTH_JWT_SECRET).sign(userId));
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(2);
}
