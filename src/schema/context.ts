import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../app.js';
import type { Identity } from '../auth/identity.js';
import { DomainError, ErrorCode, fail } from '../errors.js';
import type { Logger } from '../logger.js';
import { createLoaders, type Loaders } from './loaders.js';

/**
 * What every resolver sees: the caller (resolved lazily, so introspection and the
 * GraphQL-over-HTTP audits work without a token), a request-scoped EntityManager fork,
 * per-request DataLoaders, and the process-wide services. Resolvers turn it into plain values
 * (a user id, an admission) before they call the domain; nothing below `src/resolvers` sees it.
 */
export interface Context {
  requestId: string;
  app: App;
  log: Logger;
  em: EntityManager;
  loaders: Loaders;
  /** The raw `Queue-Token` header or `connectionParams.queueToken`, if any. */
  queueToken: string | null;
  /** The client's address (behind trusted proxies only), for the budget of anonymous callers. */
  clientAddress: string;
  /**
   * The caller's identity (user id and roles); throws UNAUTHENTICATED without a valid identity
   * JWT, and once that JWT has expired (a WebSocket outlives its token). Verified once.
   */
  requireIdentity(): Promise<Identity>;
  /** The caller's user id: `requireIdentity()`'s `userId`. */
  requireUser(): Promise<string>;
}

/**
 * The identity behind a request or a WebSocket connection, verified on first use and then kept:
 * only a verdict on the token is kept, so a connection is not refused for good because the
 * database or the identity provider was away once; an identity whose JWT has since expired is
 * refused (a WebSocket outlives its token).
 */
export type CallerIdentity = () => Promise<Identity>;

export function callerIdentity(app: App, authorization: unknown): CallerIdentity {
  let identity: Promise<Identity> | undefined;
  return async () => {
    identity ??= app.users.authenticate(authorization).catch((e: unknown) => {
      if (!(e instanceof DomainError && e.code === ErrorCode.UNAUTHENTICATED)) identity = undefined;
      throw e;
    });
    const caller = await identity;
    if (caller.expiresAt !== null && caller.expiresAt <= Date.now()) throw fail.unauthenticated('the token has expired');
    return caller;
  };
}

export interface ContextInput {
  /** The id, or how to make one when it is first asked for (a WebSocket operation that never logs needs none). */
  requestId: string | (() => string);
  identity: CallerIdentity;
  queueToken: unknown;
  /** The address, or how to find it (behind proxies: the X-Forwarded-For walk), done only if asked. */
  clientAddress: string | (() => string);
}

/**
 * The context of one operation: an HTTP request, or one operation on a WebSocket (a connection
 * shares its caller's identity between its operations, not its EntityManager, whose identity map
 * would otherwise grow and go stale for as long as the connection lives).
 *
 * The EntityManager fork, its loaders, the request's logger and the client's address are made on first use: most
 * operations behind the waiting room (queueStatus, a join, a seat map served from memory) never
 * touch them, and at thousands of requests a second their cost showed in the profile. The lazy
 * ones are getters on the prototype, not the object: Apollo clones every context with
 * `Object.assign`, which would call own getters and make them all for every request.
 */
class OperationContext implements Context {
  readonly queueToken: string | null;
  readonly requireUser: () => Promise<string>;
  readonly requireIdentity: CallerIdentity;
  private idOf: string | (() => string);
  private addressOf: string | (() => string);
  private lazyEm: EntityManager | undefined;
  private lazyLoaders: Loaders | undefined;
  private lazyLog: Logger | undefined;

  constructor(
    readonly app: App,
    input: ContextInput,
  ) {
    this.idOf = input.requestId;
    this.addressOf = input.clientAddress;
    this.queueToken = typeof input.queueToken === 'string' && input.queueToken !== '' ? input.queueToken : null;
    this.requireIdentity = input.identity;
    this.requireUser = async () => (await input.identity()).userId;
  }

  get requestId(): string {
    return typeof this.idOf === 'string' ? this.idOf : (this.idOf = this.idOf());
  }

  /** Only anonymous callers' budgets need it. */
  get clientAddress(): string {
    return typeof this.addressOf === 'string' ? this.addressOf : (this.addressOf = this.addressOf());
  }

  get log(): Logger {
    return (this.lazyLog ??= this.app.log.child({ requestId: this.requestId }));
  }

  get em(): EntityManager {
    return (this.lazyEm ??= this.app.orm.em.fork() as EntityManager);
  }

  get loaders(): Loaders {
    return (this.lazyLoaders ??= createLoaders(this.em));
  }
}

export function createContext(app: App, input: ContextInput): Context {
  return new OperationContext(app, input);
}
