import type { TestServer } from './server.js';

/**
 * How many SQL statements (those matching `pattern`, or all) the in-process server sent to
 * PostgreSQL while `work` ran.
 */
export async function countStatements(server: TestServer, work: () => Promise<unknown>, pattern?: RegExp): Promise<number> {
  let count = 0;
  server.app.orm.config.set('onQuery', (sql: string) => {
    if (!pattern || pattern.test(sql)) count++;
    return sql;
  });
  try {
    await work();
  } finally {
    server.app.orm.config.set('onQuery', (sql: string) => sql);
  }
  return count;
}
