import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer, type Extra as WsExtra } from 'graphql-ws/use/ws';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { App } from '../app.js';
import { maskAndLog, maskError, type DomainError } from '../errors.js';
import { createArmor, MAX_TOKENS, parseOperation } from '../limits/armor.js';
import { buildAppSchema } from '../schema/build.js';
import { createContext, type Context } from '../schema/context.js';
import { clientAddressOf } from './client-address.js';
import { mountDevToken } from './dev-token.js';
import { mountExplorer } from './explorer/routes.js';
import { checkReadiness } from './health.js';
import { httpErrorHandler, requestErrorStatus } from './status.js';
import { mountWebApp } from './web-app.js';

export const GRAPHQL_PATH = '/graphql';
/** RFC 6455 close code: the server is going down; clients should reconnect elsewhere or later. */
export const WS_GOING_AWAY = 1001;
/**

 * RFC 6455 close code "try again later": the server lost Redis, so open subscriptions may have
 * missed events. graphql-ws clients reconnect (with back-off) and subscribe again, which reads
 * their state afresh once Redis answers.
 */
export const WS_TRY_AGAIN_LATER = 1013;
/**
 * Close code of a WebSocket whose identity JWT expired: refresh the token and reconnect. The code
 * graphql-ws gives "Unauthorized"; its client does not retry it by itself, as retrying with the
 * same token would be refused again.
 */
export const WS_IDENTITY_EXPIRED = 4401;
/** setTimeout's largest delay; a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * What graphql-ws keeps per connection (the ws socket and upgrade request) and what boxoffice
 * adds: the connection's context and the timer that closes it when its identity expires.
 */
type ConnectionExtra = { context?: Context; expiry?: NodeJS.Timeout };

export interface RunningServer {
  httpServer: Server;
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish, closes WebSockets with 1001, closes the app. */
  stop(): Promise<void>;
}

/**
 * Counts one operation against its caller's budget: the user's with a valid identity, else the
 * client address's (such callers get UNAUTHENTICATED from most operations, but each one still
 * costs a parse and a signature check). Run once per operation, before execution: by an Apollo
 * plugin over HTTP and graphql-ws's `onSubscribe`.
 */
async function limitOperation(ctx: Context): Promise<void> {
  const userId = await ctx.requireUser().catch(() => null);
  if (userId) await ctx.app.rateLimiter.takeUser(userId);
  else await ctx.app.rateLimiter.takeAddress(ctx.clientAddress);
}

/** HTTP (Apollo over express) and graphql-ws sharing one port and the path `/graphql`. */
export async function startServer(app: App, schema: GraphQLSchema = buildAppSchema(app.bus)): Promise<RunningServer> {
  const { config, log } = app;
  const armor = createArmor(config.NODE_ENV === 'production');
  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', config.TRUSTED_PROXIES);
  const clientAddress = clientAddressOf(config.TRUSTED_PROXIES);
  const httpServer = createHttpServer(expressApp);

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: GRAPHQL_PATH,
    // A new connection costs its address one unit of the anonymous budget: a reconnect storm
    // from one place is refused with 429 before any GraphQL work.
    verifyClient: ({ req }, done) => {
      app.rateLimiter.takeAddress(clientAddress(req)).then(
        () => done(true),
        (e: DomainError) => done(false, 429, 'Too Many Requests', { 'retry-after': String(e.extensions.retryAfterSeconds ?? 1) }),
      );
    },
  });
  type Ctx = WsContext<Record<string, unknown>, ConnectionExtra & WsExtra>;
  // One context per connection: the WebSocket's identity and queue token do not change.
  const connectionContext = (ctx: Ctx): Context =>
    (ctx.extra.context ??= createContext(app, {
      requestId: randomUUID(),
      authorization: ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization,
      queueToken: ctx.connectionParams?.queueToken ?? ctx.connectionParams?.['Queue-Token'],
      clientAddress: clientAddress(ctx.extra.request),
    }));
  const stopWatchingRedis = app.bus.onConnectionLost(() => {
    if (wsServer.clients.size) log.warn({ connections: wsServer.clients.size }, 'Redis connection lost; closing WebSockets so their subscriptions start over');
    for (const client of wsServer.clients) client.close(WS_TRY_AGAIN_LATER, 'Redis is unreachable; reconnect and subscribe again');
  });
  /**
   * Verifies the connection's identity and closes the socket with WS_IDENTITY_EXPIRED when its
   * token expires. A connection whose token does not verify stays open and each of its
   * operations answers UNAUTHENTICATED, as over HTTP.
   */
  const closeOnExpiry = async (ctx: Ctx): Promise<void> => {
    if (ctx.extra.expiry) return;
    const identity = await connectionContext(ctx).requireIdentity().catch(() => null);
    if (identity?.expiresAt == null || ctx.extra.expiry) return;
    const expiresAt = identity.expiresAt;
    const arm = () => {
      const left = expiresAt - Date.now();
      // Unref'd: a timer left by a socket that closed while its identity was checked holds nothing up.
      if (left > 0) ctx.extra.expiry = setTimeout(arm, Math.min(left, MAX_TIMER_MS)).unref();
      else ctx.extra.socket.close(WS_IDENTITY_EXPIRED, 'Identity token expired: refresh it and reconnect');
    };
    arm();
  };
  const wsCleanup = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      context: connectionContext,
      onConnect: async (ctx) => {
        await closeOnExpiry(ctx);
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
      onSubscribe: async (ctx, _id, payload) => {
        const document = parseOperation(schema, payload, armor.validationRules);
        if (Array.isArray(document)) return document;
        const contextValue = connectionContext(ctx);
        try {
          // Identity that could not be checked at connection time (a service was away) is checked now.
          await closeOnExpiry(ctx);
          await limitOperation(contextValue);
        } catch (e) {
          // Sent as the operation's error (and masked by onError like every other).
          if (e instanceof GraphQLError) return [e];
          throw e;
        }
        return { schema, document: document as DocumentNode, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      onNext: (ctx, _id, _payload, _args, result: ExecutionResult) =>
        result.errors ? { ...result, errors: maskAndLog(result.errors, ctx.extra.context?.log ?? log) } : undefined,
      onError: (ctx, _id, _payload, errors) => maskAndLog(errors, ctx.extra.context?.log ?? log),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: (formatted, error) => maskError(formatted, error).formatted,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    plugins: [
      // Armor's typings point at Apollo's CommonJS build; the objects are the same at runtime.
      ...(armor.plugins as unknown as ApolloServerPlugin<Context>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestErrorStatus<Context>(),
      {
        // Logged here rather than in formatError: here the request's logger (and id) is known.
        async requestDidStart() {
          return {
            async didResolveOperation({ contextValue }) {
              await limitOperation(contextValue);
            },
            async didEncounterErrors({ contextValue, errors }) {
              maskAndLog(errors, contextValue?.log ?? log);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  expressApp.use((req, res, next) => {
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      log.debug({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    next();
  });
  expressApp.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  expressApp.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(app);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  if (config.NODE_ENV !== 'production') mountDevToken(expressApp, app.identity);
  mountWebApp(expressApp);
  // Before Apollo: a browser's GET of the endpoint gets the explorer, every other request Apollo.
  mountExplorer(expressApp, app, GRAPHQL_PATH);
  expressApp.use(
    GRAPHQL_PATH,
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(app, {
          requestId: res.locals.requestId as string,
          authorization: req.headers.authorization,
          queueToken: req.headers['queue-token'],
          clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        }),
    }),
  );
  expressApp.use(httpErrorHandler(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${GRAPHQL_PATH}`;
  // The admission loop and the hold sweeper read tables the migrations create: the caller has
  // migrated by now (src/index.ts), so they start here and not with the app.
  app.startBackground();
  log.info({ port, url }, 'boxoffice listening');

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    url,
    port,
    stop() {
      stopping ??= (async () => {
        stopWatchingRedis();
        // Close WebSockets first: open subscriptions would otherwise keep the HTTP server alive.
        for (const client of wsServer.clients) client.close(WS_GOING_AWAY, 'Server shutting down');
        await wsCleanup.dispose();
        await apollo.stop();
        await app.close();
      })();
      return stopping;
    },
  };
}
