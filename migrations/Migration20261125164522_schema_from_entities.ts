import { Migration } from '@mikro-orm/migrations';

/**
 * Generated from the entities (`npm run migration:create`): brings a database migrated by the
 * two hand-written migrations in line with them (the unused `reservation.queue_token_id` goes).
 */
export class Migration20261125164522_schema_from_entities extends Migration {

  override name = 'Migration20261125164522_schema_from_entities';

  override up(): void | Promise<void> {
    this.addSql(`alter table "reservation" drop column "queue_token_id";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "reservation" add "queue_token_id" text null;`);
  }

}
