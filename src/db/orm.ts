import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { join } from 'node:path';
import pg from 'pg';
import { migrationsList } from '../../migrations/index.js';
import { PROJECT_ROOT } from '../paths.js';
import { ReleasingPostgreSqlDriver } from './releasing-driver.js';
import { Concert } from '../entities/Concert.js';
import { ConcertSchedule } from '../entities/ConcertSchedule.js';
import { Seat } from '../entities/Seat.js';
import { User } from '../entities/User.js';
import { BalanceEntry } from '../entities/BalanceEntry.js';
import { Payment } from '../entities/Payment.js';
import { Reservation } from '../entities/Reservation.js';
import { WaitingRoomSetting } from '../entities/WaitingRoomSetting.js';

/**
 * Every entity the ORM knows: together they declare the whole schema. A new or changed entity gets
 * its migration from `npm run migration:create`.
 */
const entities = [User, Concert, ConcertSchedule, Seat, BalanceEntry, Reservation, Payment, WaitingRoomSetting];

export type Orm = MikroORM;

/** Where migrations and the schema snapshot live (the source folder, also when run compiled). */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');
const SNAPSHOT_NAME = '.snapshot-boxoffice';
/** The schema the migrations lead to, as the migrator last generated it from the entities. */
export const SNAPSHOT_PATH = join(MIGRATIONS_DIR, `${SNAPSHOT_NAME}.json`);

/**
 * A pg client that gives up connecting after 2 s: pg's default waits for ever on a server that
 * does not answer, and a request should fail with SERVICE_UNAVAILABLE rather than hang. Set on
 * the client, not the pool, whose timeout would also fail healthy requests that merely queue for
 * a free connection during a rush.
 */
class PromptClient extends pg.Client {
  constructor(config: pg.ClientConfig) {
    // pg-pool makes `password` non-enumerable (to keep it out of logs), so a spread drops it.
    super({ ...config, password: config.password, connectionTimeoutMillis: 2000 });
  }
}

/** How this process connects to PostgreSQL. */
export interface DatabaseSettings {
  /** The primary: every write, every transaction, every read that decides something. */
  DATABASE_URL: string;
  /** Connections this process keeps at most (each server process has its own pool). */
  DATABASE_POOL_SIZE?: number;
  /** A replica for catalogue and seat-map reads that may lag (`connectionType: 'read'`). */
  DATABASE_READ_URL?: string;
}

function ormOptions({ DATABASE_URL, DATABASE_POOL_SIZE = 10, DATABASE_READ_URL }: DatabaseSettings): Options {
  return {
    clientUrl: DATABASE_URL,
    // Only reads that ask for it (connectionType 'read') go to the replica: a read after one's own
    // write (a user just provisioned, a hold just made) must see it.
    replicas: DATABASE_READ_URL ? [{ name: 'read', clientUrl: DATABASE_READ_URL }] : undefined,
    preferReadReplicas: false,
    entities,
    metadataProvider: ReflectMetadataProvider,
    // Releases a transaction's connection even when PostgreSQL vanished mid-transaction.
    driver: ReleasingPostgreSqlDriver,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      silent: true,
      // New migrations are generated from the entities (`npm run migration:create`) into the
      // source folder, with the snapshot of the schema they lead to beside them.
      path: MIGRATIONS_DIR,
      emit: 'ts',
      snapshot: true,
      snapshotName: SNAPSHOT_NAME,
      // Only `migration:create` writes the snapshot; migrating a database (at every start and in
      // every test run) must never rewrite a file of the source tree.
      snapshotOnMigrate: false,
    },
    // The schema only changes through migrations; never let the ORM alter it.
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: DATABASE_POOL_SIZE },
    driverOptions: { Client: PromptClient },
    debug: false,
  };
}

/** Connects with every entity (a URL, or the settings); the schema is left as the migrations made it. */
export async function createOrm(database: string | DatabaseSettings): Promise<Orm> {
  return MikroORM.init(ormOptions(typeof database === 'string' ? { DATABASE_URL: database } : database));
}

/**
 * Applies pending migrations; returns the names applied. Under a session advisory lock: every
 * server process migrates at start, and several start at once (workers, a rolling deploy), so
 * one applies them while the others wait and then find nothing left to do.
 */
export async function migrate(orm: Orm): Promise<string[]> {
  const lock = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await lock.connect();
  try {
    await lock.query(`select pg_advisory_lock(hashtext('boxoffice:migrate'))`);
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await lock.end();
  }
}

const databaseName = (databaseUrl: string) => decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Runs `work` on a connection to the server's `postgres` database (creating and dropping others). */
async function onServer<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `databaseUrl` if it does not exist yet (used on first start). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await onServer(databaseUrl, async (client) => {
    try {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (!rowCount) await client.query(`create database ${quoted(name)}`);
    } catch (e) {
      // Two processes racing to create it is fine: the loser sees duplicate_database, or, when
      // both passed the check at once, the catalogue's unique index (unique_violation).
      if (!['42P04', '23505'].includes((e as { code?: string }).code ?? '')) throw e;
    }
  });
}

/** Drops a database (test runs drop their own at the end). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  await onServer(databaseUrl, (client) => client.query(`drop database if exists ${quoted(databaseName(databaseUrl))} with (force)`));
}

/**
 * Creates `targetUrl`'s database as a copy of `templateUrl`'s (tests give each file its own
 * migrated database this way). The template must have no open connections.
 */
export async function copyDatabase(templateUrl: string, targetUrl: string): Promise<void> {
  await onServer(targetUrl, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${quoted(databaseName(targetUrl))} template ${quoted(databaseName(templateUrl))}`);
        return;
      } catch (e) {
        // 55006: another copy is reading the template at this moment; copies queue up.
        if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
}
