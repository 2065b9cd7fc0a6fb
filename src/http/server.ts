import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app.js';
import { maskAndLog, maskError } from '../errors.js';
import { createArmor, MAX_TOKENS } from '../limits/armor.js';
import { buildAppSchema } from '../schema/build.js';
import { compiledExecution } from '../schema/compiled-execution.js';
import { callerIdentity, createContext, type Context } from '../schema/context.js';
import { clientAddressOf } from './client-address.js';
import { mountDevToken } from './dev-token.js';
import { mountExplorer } from './explorer/routes.js';
import { graphqlHttpHandler } from './graphql-http.js';
import { checkReadiness } from './health.js';
import { mountMetrics } from './metrics.js';
import { takeOperationBudget } from './operation-budget.js';
import { requestIdOf } from './request-id.js';
import { httpErrorHandler, requestErrorStatus } from './status.js';
import { mountWebApp } from './web-app.js';
import { CloseCode, serveWebSocket } from './websocket.js';

export const GRAPHQL_PATH = '/graphql';

/** `/graphql`, as express matched it: any case, a trailing slash allowed, any query string. */
const isGraphqlPath = (url: string | undefined) => /^\/graphql\/?(?:\?|$)/i.test(url ?? '');

/** Connections the kernel may queue before the server accepts them. */
const LISTEN_BACKLOG = 4096;

export interface RunningServer {
  httpServer: Server;
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish, closes WebSockets with 1001, closes the app. */
  stop(): Promise<void>;
}

/** HTTP (Apollo over express) and graphql-ws sharing one port and the path `/graphql`. */
export async function startServer(app: App, schema: GraphQLSchema = buildAppSchema(app.bus)): Promise<RunningServer> {
  const { config, log } = app;
  const armor = createArmor(config.NODE_ENV === 'production');
  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', config.TRUSTED_PROXIES);
  const clientAddress = clientAddressOf(config.TRUSTED_PROXIES);
  // POST /graphql (every operation a client sends) goes straight to Apollo; the rest, GETs of
  // /graphql among them (the explorer in a browser), through express.
  // (Set once Apollo has started, before the server listens.)
  let graphqlHttp: ReturnType<typeof graphqlHttpHandler>;
  const httpServer = createHttpServer((req, res) => {
    if (req.method !== 'GET' && isGraphqlPath(req.url)) graphqlHttp(req, res);
    else expressApp(req, res);
  });

  const webSocket = serveWebSocket({ app, httpServer, path: GRAPHQL_PATH, schema, validationRules: armor.validationRules, clientAddress });
  const stopWatchingRedis = app.bus.onConnectionLost(() => {
    log.warn('Redis connection lost; closing WebSockets so their subscriptions start over');
    webSocket.closeAll(CloseCode.TryAgainLater, 'Redis is unreachable; reconnect and subscribe again');
  });

  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema),
    formatError: (formatted, error) => maskError(formatted, error).formatted,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Apollo pretty-prints by default: three times the bytes of a seat map, for nobody to read.
    stringifyResult: (result) => JSON.stringify(result),
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    plugins: [
      // Armor's typings point at Apollo's CommonJS build; the objects are the same at runtime.
      ...(armor.plugins as unknown as ApolloServerPlugin<Context>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No field sets a cache hint, and the plugin wraps every field's resolver to look for one
      // (a fifth of an availableSeats call in the profile).
      ApolloServerPluginCacheControlDisabled(),
      requestErrorStatus<Context>(),
      {
        // Logged here rather than in formatError: here the request's logger (and id) is known.
        async requestDidStart() {
          const started = performance.now();
          return {
            async didResolveOperation({ contextValue }) {
              await takeOperationBudget(contextValue);
            },
            async didEncounterErrors({ contextValue, errors }) {
              for (const e of maskAndLog(errors, contextValue?.log ?? log)) app.metrics.error(e.extensions?.code);
            },
            async willSendResponse({ operationName, operation }) {
              app.metrics.operation(operationName, operation?.operation, (performance.now() - started) / 1000);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  expressApp.use((req, res, next) => {
    const requestId = requestIdOf(req, res);
    const started = performance.now();
    res.on('finish', () => {
      log.debug({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    next();
  });
  expressApp.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  mountMetrics(expressApp, app.metrics, config.METRICS_TOKEN);
  expressApp.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(app);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  if (config.NODE_ENV !== 'production') mountDevToken(expressApp, app.identity);
  mountWebApp(expressApp);
  // Before Apollo: a browser's GET of the endpoint gets the explorer, every other request Apollo.
  mountExplorer(expressApp, app, GRAPHQL_PATH);
  graphqlHttp = graphqlHttpHandler(apollo, {
    log,
    context: (req, requestId) =>
      createContext(app, {
        requestId,
        identity: callerIdentity(app, req.headers.authorization),
        queueToken: req.headers['queue-token'],
        clientAddress: () => clientAddress(req),
      }),
  });
  expressApp.get(GRAPHQL_PATH, (req, res) => graphqlHttp(req, res));
  expressApp.use(httpErrorHandler(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    // A sale opening is a burst of new connections at once: Node's default accept queue (511)
    // overflowed at 1,000 simultaneous fans and the kernel reset the rest (ECONNRESET). The
    // kernel caps this at net.core.somaxconn.
    httpServer.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG }, resolve);
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
        webSocket.closeAll(CloseCode.GoingAway, 'Server shutting down');
        await webSocket.dispose();
        await apollo.stop();
        await app.close();
      })();
      return stopping;
    },
  };
}
