import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config.js';
import { relaunchOf } from './runtime.js';

/**
 * `node dist/src/index.js`: reads the configuration, makes sure the process runs with its memory
 * settings (src/runtime.ts), then boots one server (main.ts) or, with WORKERS > 1, the primary
 * of that many (workers.ts). Each is imported only where it runs: a primary that loaded the
 * server's libraries would keep 70 MB of them for nothing.
 */
let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(2);
}
// The settings only hold from a process's start: this one is replaced (same PID, so process
// managers and `npm start` keep it) by one started with them, before any library is loaded.
// Workers inherit the primary's flags and environment, so they start with them already.
const relaunch = relaunchOf(config, process.execArgv, process.env);
if (relaunch && typeof process.execve === 'function') {
  try {
    // The whole environment goes on: the new process reads its configuration again.
    process.execve(process.execPath, [process.execPath, ...relaunch.execArgv, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, ...relaunch.env });
  } catch (e) {
    // The settings save memory; they are no reason not to serve.
    console.error(`boxoffice: running without its memory settings (${(e as Error).message})`);
  }
}
if (config.WORKERS > 1 && cluster.isPrimary) {
  const [{ runPrimary }, { createLogger }] = await Promise.all([import('./workers.js'), import('./logger.js')]);
  runPrimary(config, createLogger(config.LOG_LEVEL));
} else {
  const { main } = await import('./main.js');
  main(config).catch((err) => {
    console.error(`boxoffice failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
