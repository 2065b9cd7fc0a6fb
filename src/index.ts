import 'reflect-metadata';
import cluster from 'node:cluster';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ensureDatabase, migrate } from './db/orm.js';
import { createLogger } from './logger.js';
import { startServer, type RunningServer } from './http/server.js';
import { runPrimary } from './workers.js';

/**
 * Boots one server process (or, with WORKERS > 1, the primary that runs that many of them on one
 * port, see workers.ts): migrate, seed demo data if asked, serve (which starts the background
 * loops, so they never run before the migrations), and shut down cleanly on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS.
 */
export async function main(config: Config): Promise<RunningServer> {
  const log = createLogger(config.LOG_LEVEL);
  await ensureDatabase(config.DATABASE_URL);
  const app = await createApp(config, log);
  const applied = await migrate(app.orm);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (config.SEED_DEMO && (await app.catalogue.seedDemo(app.orm.em.fork()))) log.info('demo concerts seeded');
  const server = await startServer(app);

  let stopping = false;
  const shutdown = (signal: string) => {
    // A worker under a terminal gets SIGINT from Ctrl-C and SIGTERM from its primary: one shutdown.
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
  if (config.WORKERS > 1 && cluster.isPrimary) {
    runPrimary(config, createLogger(config.LOG_LEVEL));
  } else {
    main(config).catch((err) => {
      console.error(`boxoffice failed to start: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
  }
}
