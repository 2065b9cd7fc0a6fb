import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../app.js';
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
  /** The caller's user id; throws UNAUTHENTICATED without a valid identity JWT. Checked once. */
  requireUser(): Promise<string>;
}

export interface ContextInput {
  requestId: string;
  authorization: unknown;
  queueToken: unknown;
  clientAddress: string;
}

export function createContext(app: App, input: ContextInput): Context {
  const em = app.orm.em.fork() as EntityManager;
  let user: Promise<string> | undefined;
  return {
    requestId: input.requestId,
    app,
    log: app.log.child({ requestId: input.requestId }),
    em,
    loaders: createLoaders(em),
    queueToken: typeof input.queueToken === 'string' && input.queueToken !== '' ? input.queueToken : null,
    clientAddress: input.clientAddress,
    requireUser() {
      user ??= app.users.authenticate(input.authorization);
      return user;
    },
  };
}
