import { Migration } from '@mikro-orm/migrations';

export class Migration20261125195436_waiting_room_setting extends Migration {

  override name = 'Migration20261125195436_waiting_room_setting';

  override up(): void | Promise<void> {
    this.addSql(`create table "waiting_room_setting" ("concert_id" uuid not null, "opens_at" timestamptz null, "paused" boolean not null default false, "max_active" int null, "active_seconds" int null, "updated_at" timestamptz not null default now(), primary key ("concert_id"));`);

    this.addSql(`alter table "waiting_room_setting" add constraint "waiting_room_setting_concert_id_fkey" foreign key ("concert_id") references "concert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waiting_room_setting" add constraint "waiting_room_setting_active_seconds_check" check (active_seconds is null or active_seconds >= 1);`);
    this.addSql(`alter table "waiting_room_setting" add constraint "waiting_room_setting_max_active_check" check (max_active is null or max_active >= 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "waiting_room_setting" cascade;`);
  }

}
