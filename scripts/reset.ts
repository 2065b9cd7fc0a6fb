/**
 * `npm run reset`: forgets the demo's state (holds, sales, balances, lines) so the next
 * `npm start` seeds fresh demo concerts. Removes `.data/` (the PostgreSQL and Redis that
 * `npm start` started itself) and, when `npm start` uses servers already running, drops its
 * database and deletes its Redis keys (REDIS_PREFIX). Stop the server first.
 */
import { rmSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { dropDatabase } from '../src/db/orm.js';
import { connectRedis } from '../src/redis.js';
import { DATA_DIR, isListening } from './dev-services.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
rmSync(DATA_DIR, { recursive: true, force: true });
console.log(`removed ${DATA_DIR}`);
if (process.env.DATABASE_URL || (await isListening(5432))) {
  await dropDatabase(config.DATABASE_URL);
  console.log(`dropped ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
}
if (process.env.REDIS_URL || (await isListening(6379))) {
  const redis = await connectRedis(config.REDIS_URL);
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) removed += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  console.log(`deleted ${removed} Redis keys under ${config.REDIS_PREFIX}`);
}
