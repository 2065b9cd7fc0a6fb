import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, SNAPSHOT_PATH, type Orm } from '../../src/db/orm.js';
import { fileDatabaseUrl } from '../support/file-database.js';

// This file's database is a copy of the run's template, migrated by every registered migration.
let orm: Orm;
beforeAll(async () => {
  orm = await createOrm(fileDatabaseUrl);
});
afterAll(() => orm.close(true));

describe('the entities are the schema', () => {
  it('a database migrated by every migration has exactly the schema the entities declare (an empty diff)', async () => {
    expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
  });

  it('the snapshot beside the migrations is current, so migration:create diffs against the right schema', async () => {
    expect(existsSync(SNAPSHOT_PATH)).toBe(true);
    // true when the entities declare something the snapshot (and so the migrations) lack
    expect(await orm.migrator.checkSchema()).toBe(false);
  });
});
