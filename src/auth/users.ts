import { LRUCache } from 'lru-cache';
import type { Orm } from '../db/orm.js';
import { User } from '../entities/User.js';
import type { Identity, IdentityVerifier } from './identity.js';

/** Remembers recently provisioned users so a busy fan does not cost one INSERT per request. */
const PROVISIONED_CACHE_SIZE = 50_000;

/** Turns an Authorization value into the identity of a provisioned user. */
export class UserDirectory {
  private readonly provisioned = new LRUCache<string, true>({ max: PROVISIONED_CACHE_SIZE });

  constructor(
    private readonly verifier: IdentityVerifier,
    private readonly orm: Orm,
  ) {}

  /**
   * Verifies the identity JWT and creates the user row on first sight (idempotent), keeping the
   * provider's issuer and subject the id was made from.
   */
  async authenticate(authorization: unknown): Promise<Identity> {
    const identity = await this.verifier.verify(authorization);
    if (!this.provisioned.has(identity.userId)) {
      await this.orm.em
        .fork()
        .createQueryBuilder(User)
        .insert({ id: identity.userId, issuer: identity.issuer, subject: identity.subject })
        .onConflict('id')
        .ignore()
        .execute();
      this.provisioned.set(identity.userId, true);
    }
    return identity;
  }
}
