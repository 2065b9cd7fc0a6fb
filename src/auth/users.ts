import type { Orm } from '../db/orm.js';
import type { IdentityVerifier } from './identity.js';

/** Remembers recently provisioned users so a busy fan does not cost one INSERT per request. */
const PROVISIONED_CACHE_SIZE = 50_000;

/** Turns an Authorization value into a provisioned user id. */
export class UserDirectory {
  private readonly provisioned = new Set<string>();

  constructor(
    private readonly verifier: IdentityVerifier,
    private readonly orm: Orm,
  ) {}

  /** Verifies the identity JWT and creates the user row on first sight (idempotent). */
  async authenticate(authorization: unknown): Promise<string> {
    const userId = await this.verifier.verify(authorization);
    if (!this.provisioned.has(userId)) {
      await this.orm.em.getConnection().execute('insert into app_user (id) values (?) on conflict (id) do nothing', [userId]);
      if (this.provisioned.size >= PROVISIONED_CACHE_SIZE) this.provisioned.clear();
      this.provisioned.add(userId);
    }
    return userId;
  }
}
