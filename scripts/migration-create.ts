/**
 * `npm run migration:create -- <name>`: generates the next migration from the entities with
 * MikroORM's migrator, into `migrations/`, and updates the schema snapshot beside it. The diff is
 * taken against the snapshot (the schema the existing migrations lead to); without a snapshot,
 * against a scratch database migrated here by every existing migration and dropped afterwards.
 * The new migration is then registered by hand in `migrations/index.ts`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { createOrm, dropDatabase, ensureDatabase, migrate, MIGRATIONS_DIR } from '../src/db/orm.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { ensureDevServices } from './dev-services.js';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9_]*$/i.test(name)) {
  console.error('usage: npm run migration:create -- <name>   (letters, digits and _; it ends the file name)');
  process.exit(2);
}

const services = await ensureDevServices(process.env);
const scratch = new URL(services.databaseUrl);
scratch.pathname = `/boxoffice_migration_${randomBytes(4).toString('hex')}`;
const scratchUrl = scratch.toString();
let code = 0;
try {
  await ensureDatabase(scratchUrl);
  const orm = await createOrm(scratchUrl);
  try {
    await migrate(orm);
    const result = await orm.migrator.create(undefined, false, false, name);
    if (!result.fileName) {
      console.log('The entities and the migrations agree: no migration needed.');
    } else {
      const className = result.fileName.replace(/\.ts$/, '');
      console.log(`Created ${relative(PROJECT_ROOT, `${MIGRATIONS_DIR}/${result.fileName}`)}:\n`);
      for (const sql of result.diff.up) console.log(`  ${sql}`);
      console.log(`\nRegister it at the end of migrations/index.ts:\n`);
      console.log(`  import { ${className} } from './${className}.js';`);
      console.log(`  { name: '${className}', class: ${className} },`);
    }
  } finally {
    await orm.close(true);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await dropDatabase(scratchUrl).catch(() => undefined);
  await services.stop();
}
process.exit(code);
