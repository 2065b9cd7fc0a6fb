import type { Configuration } from '@mikro-orm/core';
import { PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { DatabaseConnection, Driver, PostgresDialect } from 'kysely';
import type { PoolConfig } from 'pg';

/**
 * Kysely (MikroORM 7's SQL layer) gives a transaction's pooled connection back only after its
 * ROLLBACK or COMMIT succeeded, and never when its BEGIN failed. When PostgreSQL goes away with
 * transactions in flight those statements fail, and each such connection stayed checked out for
 * ever: after an outage, slots of the pool were gone for good and `orm.close()` never returned
 * (found by the PostgreSQL fault test). A session that ended has no transaction left on the
 * server, so here a failed ROLLBACK counts as done (Kysely then releases the connection), and a
 * failed BEGIN releases its connection at once; pg-pool discards a client whose socket is
 * broken instead of handing it out again.
 */
function releasingOnFailure(driver: Driver): Driver {
  const rollback = driver.rollbackTransaction.bind(driver);
  const begin = driver.beginTransaction.bind(driver);
  driver.rollbackTransaction = async (connection: DatabaseConnection) => {
    try {
      await rollback(connection);
    } catch {
      // See above: the session is gone, and with it the transaction.
    }
  };
  driver.beginTransaction = async (connection, settings) => {
    try {
      await begin(connection, settings);
    } catch (e) {
      await driver.releaseConnection(connection).catch(() => undefined);
      throw e;
    }
  };
  return driver;
}

class ReleasingPostgreSqlConnection extends PostgreSqlConnection {
  override createKyselyDialect(overrides: PoolConfig): PostgresDialect {
    const dialect = super.createKyselyDialect(overrides);
    const createDriver = dialect.createDriver.bind(dialect);
    dialect.createDriver = () => releasingOnFailure(createDriver());
    return dialect;
  }
}

/** MikroORM's PostgreSQL driver whose connections (primary and read replicas) release as above. */
export class ReleasingPostgreSqlDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config);
    // The parent constructor made plain connections (not opened yet); these replace them.
    Object.assign(this, {
      connection: new ReleasingPostgreSqlConnection(this.config),
      replicas: this.createReplicas((replica) => new ReleasingPostgreSqlConnection(this.config, replica, 'read')),
    });
  }
}
