import { Authorized, buildSchemaSync, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { createApp } from '../../../src/app.js';
import { Role } from '../../../src/auth/identity.js';
import { loadConfig } from '../../../src/config.js';
import { startServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logger.js';
import { authChecker } from '../../../src/resolvers/gate.js';
import { testEnv, type TestServer } from '../../support/server.js';

/**
 * Test-only operations behind `@Authorized(Role.Operator)`, one of each kind, until the public
 * API has operator operations of its own.
 */
@Resolver()
class OperatorProbeResolver {
  @Authorized(Role.Operator)
  @Query(() => String, { description: 'Operators only.' })
  operatorProbe(): string {
    return 'query';
  }

  @Authorized(Role.Operator)
  @Mutation(() => String, { description: 'Operators only.' })
  operatorProbeChange(): string {
    return 'mutation';
  }

  @Authorized(Role.Operator)
  @Subscription(() => String, {
    description: 'Operators only; one event.',
    subscribe: async function* () {
      yield 'subscription';
    },
  })
  operatorProbeEvents(@Root() event: string): string {
    return event;
  }
}

export const PROBE_QUERY = '{ operatorProbe }';
export const PROBE_MUTATION = 'mutation { operatorProbeChange }';
export const PROBE_SUBSCRIPTION = 'subscription { operatorProbeEvents }';

/**
 * The real server (context, identity, transports, error masking) serving the probe schema, with
 * the app's own `authChecker`.
 */
export async function startProbeServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig(testEnv(overrides));
  const app = await createApp(config, createLogger(config.LOG_LEVEL));
  const schema = buildSchemaSync({ resolvers: [OperatorProbeResolver], authChecker, authMode: 'error', validate: false, pubSub: app.bus });
  const server = await startServer(app, schema);
  return { app, config, url: server.url, wsUrl: server.url.replace(/^http/, 'ws'), port: server.port, stop: server.stop };
}
