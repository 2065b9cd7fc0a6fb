import { Migration } from '@mikro-orm/migrations';

export class Migration20261125173934_user_subject extends Migration {

  override name = 'Migration20261125173934_user_subject';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add "issuer" text null, add "subject" text null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_issuer_subject_unique" unique ("issuer", "subject");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_issuer_subject_unique";`);
    this.addSql(`alter table "app_user" drop column "issuer", drop column "subject";`);
  }

}
