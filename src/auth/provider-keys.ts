import { createLocalJWKSet, createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { ServiceUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * How long after a fetch began callers stop waiting for it and are answered SERVICE_UNAVAILABLE.
 * The fetch itself goes on (up to FETCH_TIMEOUT_MS) and serves the requests after it, so a slow
 * provider still gets its keys loaded while no caller waits more than this, and a hanging one
 * does not add this wait to every request while it hangs.
 */
const KEY_WAIT_MS = 750;
/** jose's own fetch timeout. */
const FETCH_TIMEOUT_MS = 5_000;
/** After a failed fetch the provider is not asked again for this long, whatever the traffic. */
const RETRY_AFTER_FAILURE_MS = 1_000;

export interface ProviderKeysOptions {
  /** The provider's JWKS document. */
  url: URL;
  /** Least time between two fetches caused by an unknown `kid`. */
  cooldownMs: number;
  /** Keys older than this are fetched again (so a key the provider withdrew stops working). */
  maxAgeMs: number;
}

type LocalKeys = ReturnType<typeof createLocalJWKSet>;

/**
 * The identity provider's signing keys, as a jose key resolver for `jwtVerify`. jose's remote key
 * set does the fetching (with a timeout), validates the document and keeps the freshness and
 * cooldown clocks; on top of it this adds what an outage needs:
 * - keys past their age keep verifying while fresh ones load in the background, and keep
 *   working while the provider is down;
 * - a caller waits at most KEY_WAIT_MS for keys it does not have, then gets SERVICE_UNAVAILABLE;
 * - an unknown `kid` (the provider rotated its keys) causes one fetch per cooldown at most, and a
 *   failing provider is asked at most once per RETRY_AFTER_FAILURE_MS, so no flood of tokens
 *   reaches the provider.
 */
export class ProviderKeys {
  private readonly remote: ReturnType<typeof createRemoteJWKSet>;
  /** The last key set fetched; stays when a later fetch fails. */
  private keys: LocalKeys | undefined;
  private loading: Promise<boolean> | undefined;
  private loadingSince = 0;
  private failedAt = -Infinity;

  constructor(
    private readonly options: ProviderKeysOptions,
    private readonly log: Logger,
  ) {
    this.remote = createRemoteJWKSet(options.url, { cooldownDuration: options.cooldownMs, cacheMaxAge: options.maxAgeMs, timeoutDuration: FETCH_TIMEOUT_MS });
  }

  /** The key that verifies a token with this protected header (jose's `JWTVerifyGetKey`). */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.remote.fresh) {
      if (this.keys) void this.refresh();
      else await this.refreshWithinWait();
    }
    const keys = this.keys;
    if (!keys) throw new ServiceUnavailableError('identity provider');
    try {
      return await keys(header, token);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey) || this.remote.coolingDown) throw e;
      // A kid we have not seen: the provider may have rotated its keys since the last fetch.
      if (!(await this.refreshWithinWait())) throw new ServiceUnavailableError('identity provider');
      return this.keys!(header, token);
    }
  };

  /** Fetches the key set once (callers at the same time share the fetch); false if it failed. */
  private refresh(): Promise<boolean> {
    if (Date.now() < this.failedAt + RETRY_AFTER_FAILURE_MS) return Promise.resolve(false);
    if (this.loading) return this.loading;
    this.loadingSince = Date.now();
    this.loading = this.remote
      .reload()
      .then(
        () => {
          this.keys = createLocalJWKSet(this.remote.jwks()!);
          return true;
        },
        (err: unknown) => {
          this.failedAt = Date.now();
          this.log.warn({ err, url: this.options.url.href }, 'identity provider keys could not be fetched');
          return false;
        },
      )
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** `refresh()`, but false once KEY_WAIT_MS have passed since the fetch began; the fetch goes on. */
  private async refreshWithinWait(): Promise<boolean> {
    const refreshed = this.refresh();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, this.loadingSince + KEY_WAIT_MS - Date.now()));
    });
    try {
      return await Promise.race([refreshed, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }
}
