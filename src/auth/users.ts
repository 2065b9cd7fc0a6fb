import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { Orm } from '../db/orm.js';
import { User } from '../entities/User.js';
import type { Identity, IdentityVerifier } from './identity.js';

/** Remembers recently provisioned users so a busy fan does not cost one INSERT per request. */
const PROVISIONED_CACHE_SIZE = 50_000;

/** Turns an Authorization value into the identity of a provisioned user. */
export class UserDirectory {
  private readonly provisioned = new LRUCache<string, true>({ max: PROVISIONED_CACHE_SIZE });
  /**
   * New users seen in one turn of the event loop are created by one statement: when a sale opens,
   * thousands of first requests arrive each second, and an INSERT each was a PostgreSQL round trip
   * per join. `on conflict do nothing` without a target, so a row that exists by any of the
   * table's unique keys never fails the others in its batch.
   */
  private readonly creating: DataLoader<Identity, void, string>;

  constructor(
    private readonly verifier: IdentityVerifier,
    private readonly orm: Orm,
  ) {
    this.creating = new DataLoader(
      async (identities) => {
        const rows = [...new Map(identities.map((i) => [i.userId, { id: i.userId, issuer: i.issuer, subject: i.subject }])).values()];
        await this.orm.em.fork().createQueryBuilder(User).insert(rows).onConflict().ignore().execute();
        return identities.map(() => undefined);
      },
      { cache: false, cacheKeyFn: (i) => i.userId, batchScheduleFn: (run) => setImmediate(run), maxBatchSize: 500 },
    );
  }

  /**
   * Verifies the identity JWT and creates the user row on first sight (idempotent), keeping the
   * provider's issuer and subject the id was made from.
   */
  async authenticate(authorization: unknown): Promise<Identity> {
    const identity = await this.verifier.verify(authorization);
    if (!this.provisioned.has(identity.userId)) {
      await this.creating.load(identity);
      this.provisioned.set(identity.userId, true);
    }
    return identity;
  }
}
