import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../app.js';
import { fail, maskAndLog, type DomainError } from '../errors.js';
import { operationParser } from '../limits/armor.js';
import { compiledSubscribe } from '../schema/compiled-subscriptions.js';
import { callerIdentity, createContext, type CallerIdentity, type Context } from '../schema/context.js';
import { keepAlive } from './keep-alive.js';
import { takeOperationBudget } from './operation-budget.js';
import { serveGraphqlWs } from './ws-transport.js';

/** Close codes boxoffice uses on WebSockets, beside graphql-ws's own (4400-4499). */
export enum CloseCode {
  /** RFC 6455: the server is going down; reconnect elsewhere or later. */
  GoingAway = 1001,
  /** RFC 6455: a message over WS_MAX_PAYLOAD_BYTES (sent by the ws library). */
  MessageTooBig = 1009,
  /**
   * RFC 6455 "try again later": the server lost Redis, so open subscriptions may have missed
   * events. graphql-ws clients reconnect (with back-off) and subscribe again, which reads their
   * state afresh once Redis answers.
   */
  TryAgainLater = 1013,
  /**
   * The connection's identity JWT expired: refresh it and reconnect. graphql-ws's client does not
   * retry it by itself, as retrying with the same token would be refused again.
   */
  IdentityExpired = 4401,
  /** graphql-ws: no ConnectionInit within WS_INIT_TIMEOUT_MS. */
  InitTimeout = 4408,
  /** The user already has WS_MAX_CONNECTIONS_PER_USER open on this process (not retried by graphql-ws clients). */
  TooManyConnections = 4429,
}

/** setTimeout's largest delay; a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What boxoffice keeps per WebSocket beside graphql-ws's own: its socket and address, its caller, its expiry timer, its user. */
type ConnectionExtra = { socket: WebSocket; address: string; identity?: CallerIdentity; expiry?: NodeJS.Timeout; userId?: string };
type Ctx = WsContext<Record<string, unknown>, ConnectionExtra>;

export interface WebSocketEndpoint {
  /** Closes every open connection with `code`. */
  closeAll(code: CloseCode, reason: string): void;
  /** Stops accepting and disposes graphql-ws. */
  dispose(): Promise<void>;
}

/** Counts of open connections by key (address or user), for per-process caps. */
class OpenCounts {
  private readonly counts = new Map<string, number>();
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  add(key: string): void {
    this.counts.set(key, this.get(key) + 1);
  }
  remove(key: string): void {
    const n = this.get(key) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
}

/**
 * graphql-ws on the HTTP server's `path`, with the limits a public endpoint needs. Budgets are
 * shared across processes in Redis (a new connection costs its address one unit); the caps on
 * open connections per address and per user, and on operations per connection, protect this
 * process's own memory and sockets, so they are counted here, per process.
 */
export function serveWebSocket(options: {
  app: App;
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  validationRules: ValidationRule[];
  clientAddress: (req: IncomingMessage) => string;
}): WebSocketEndpoint {
  const { app, schema, validationRules, clientAddress } = options;
  const { config, log } = app;
  const byAddress = new OpenCounts();
  const byUser = new OpenCounts();
  const parseOperation = operationParser(schema, validationRules);
  // The address as verifyClient found it, for the connection that follows (one X-Forwarded-For walk).
  const addressOfRequest = new WeakMap<IncomingMessage, string>();
  // Kept by socket rather than with the upgrade request (its headers object, raw header strings and
  // listeners were about 1 KB per open socket).
  const addressOfSocket = new WeakMap<WebSocket, string>();
  function releaseAddress(this: WebSocket) {
    byAddress.remove(addressOfSocket.get(this)!);
  }

  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: config.WS_MAX_PAYLOAD_BYTES,
    verifyClient: ({ req }, done) => {
      const address = clientAddress(req);
      addressOfRequest.set(req, address);
      if (byAddress.get(address) >= config.WS_MAX_CONNECTIONS_PER_ADDRESS) return done(false, 429, 'Too Many Requests', { 'retry-after': '5' });
      // A reconnect storm from one place is refused with 429 before any GraphQL work.
      app.rateLimiter.takeAddress(address).then(
        () => done(true),
        (e: DomainError) => done(false, 429, 'Too Many Requests', { 'retry-after': String(e.extensions.retryAfterSeconds ?? 1) }),
      );
    },
  });
  wsServer.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const address = addressOfRequest.get(req) ?? clientAddress(req);
    addressOfSocket.set(socket, address);
    byAddress.add(address);
    // One listener shared by every socket (no closure, nor `once` wrapper, per socket): 'close' comes once.
    socket.on('close', releaseAddress);
  });

  // A connection's identity and queue token do not change: verified once, shared by its operations.
  const identityOf = (ctx: Ctx): CallerIdentity => (ctx.extra.identity ??= callerIdentity(app, ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization));
  /** A fresh context (and EntityManager) for each operation on the connection. */
  const operationContext = (ctx: Ctx): Context =>
    createContext(app, {
      // Made if asked for: node's randomUUID builds its string from 16 pieces, kept as long as the subscription.
      requestId: randomUUID,
      identity: identityOf(ctx),
      queueToken: ctx.connectionParams?.queueToken ?? ctx.connectionParams?.['Queue-Token'],
      clientAddress: ctx.extra.address,
    });

  /**
   * Verifies the connection's identity once it is known: counts it against the user's cap, and
   * closes the socket with IdentityExpired when the token expires. A connection whose token does
   * not verify stays open and each of its operations answers UNAUTHENTICATED, as over HTTP.
   */
  const watchIdentity = async (ctx: Ctx): Promise<void> => {
    if (ctx.extra.userId) return;
    const identity = await identityOf(ctx)().catch(() => null);
    if (!identity || ctx.extra.userId) return;
    if (byUser.get(identity.userId) >= config.WS_MAX_CONNECTIONS_PER_USER) {
      ctx.extra.socket.close(CloseCode.TooManyConnections, `At most ${config.WS_MAX_CONNECTIONS_PER_USER} open connections per user`);
      return;
    }
    ctx.extra.userId = identity.userId;
    byUser.add(identity.userId);
    if (identity.expiresAt == null) return;
    const expiresAt = identity.expiresAt;
    const arm = () => {
      const left = expiresAt - Date.now();
      // Unref'd: a timer left by a socket that closed while its identity was checked holds nothing up.
      if (left > 0) ctx.extra.expiry = setTimeout(arm, Math.min(left, MAX_TIMER_MS)).unref();
      else ctx.extra.socket.close(CloseCode.IdentityExpired, 'Identity token expired: refresh it and reconnect');
    };
    arm();
  };

  const counted = (errors: GraphQLFormattedError[]) => {
    for (const e of errors) app.metrics.error(e.extensions?.code);
    return errors;
  };
  // Open connections and their operations, read when metrics are scraped.
  const open = new Set<Ctx>();
  app.metrics.sockets = () => {
    let operations = 0;
    for (const ctx of open) operations += Object.keys(ctx.subscriptions).length;
    return { connections: wsServer.clients.size, operations };
  };

  const disposeGraphqlWs = serveGraphqlWs<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      subscribe: compiledSubscribe(schema),
      connectionInitWaitTimeout: config.WS_INIT_TIMEOUT_MS,
      onConnect: async (ctx) => {
        open.add(ctx);
        await watchIdentity(ctx);
      },
      onClose: (ctx) => {
        open.delete(ctx);
        clearTimeout(ctx.extra.expiry);
        if (ctx.extra.userId) byUser.remove(ctx.extra.userId);
      },
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already entered this operation in `ctx.subscriptions`.
        if (Object.keys(ctx.subscriptions).length > config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION) return [fail.tooManySubscriptions(config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION)];
        const document = parseOperation(payload);
        if (Array.isArray(document)) return document;
        const contextValue = operationContext(ctx);
        try {
          // Identity that could not be checked at connection time (a service was away) is checked now.
          await watchIdentity(ctx);
          await takeOperationBudget(contextValue);
        } catch (e) {
          // Sent as the operation's error (and masked by onError like every other).
          if (e instanceof GraphQLError) return [e];
          throw e;
        }
        return { schema, document: document as DocumentNode, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      onNext: (_ctx, _id, _payload, args, result: ExecutionResult) => (result.errors ? { ...result, errors: counted(maskAndLog(result.errors, (args.contextValue as Context | undefined)?.log ?? log)) } : undefined),
      onError: (_ctx, id, _payload, errors) => counted(maskAndLog(errors, log.child({ operationId: id }))),
    },
    wsServer,
    (socket) => ({ socket, address: addressOfSocket.get(socket)! }),
    log,
  );
  // Pings every WS_KEEPALIVE_MS; a peer that has not answered the previous one is dropped.
  const stopKeepAlive = keepAlive(wsServer, config.WS_KEEPALIVE_MS);

  return {
    closeAll(code, reason) {
      for (const client of wsServer.clients) client.close(code, reason);
    },
    dispose: async () => {
      stopKeepAlive();
      await disposeGraphqlWs();
    },
  };
}
