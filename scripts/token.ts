/**
 * `npm run token -- [uuid]`: prints an identity JWT (12 h) for a new or given user, signed with
 * AUTH_JWT_SECRET, so a person can call the API at once:
 *   curl -H "Authorization: Bearer $(npm run -s token)" ...
 */
import { randomUUID } from 'node:crypto';
import { isUuid, IdentityVerifier } from '../src/auth/identity.js';
import { ConfigError, loadConfig } from '../src/config.js';

const userId = process.argv[2] ?? randomUUID();
if (!isUuid(userId)) {
  console.error(`not a UUID: ${userId}`);
  process.exit(2);
}
try {
  const config = loadConfig();
  console.log(await new IdentityVerifier(config.AUTH_JWT_SECRET).sign(userId.toLowerCase()));
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(2);
}
