import 'reflect-metadata';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { ensureDatabase, migrate } from './db/orm.js';
import { createLogger } from './logger.js';
import { startServer, type RunningServer } from './http/server.js';

/**
 * Boots one server process (one worker, with WORKERS > 1): migrate, seed demo data if asked,
 * serve (which starts the background loops, so they never run before the migrations), and shut
 * down cleanly on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS.
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
