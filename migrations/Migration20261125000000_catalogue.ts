import { Migration } from '@mikro-orm/migrations';

/** Users, concerts, schedules and their 50 seats. */
export class Migration20261125000000_catalogue extends Migration {
  override up(): void {
    this.addSql(`create table "app_user" ("id" uuid primary key, "created_at" timestamptz not null default now())`);
    this.addSql(`create table "concert" ("id" uuid primary key default gen_random_uuid(), "title" text not null, "created_at" timestamptz not null default now())`);
    this.addSql(`create table "concert_schedule" (
      "id" uuid primary key default gen_random_uuid(),
      "concert_id" uuid not null references "concert" ("id") on delete cascade,
      "starts_at" timestamptz not null)`);
    this.addSql(`create index "concert_schedule_concert_id_starts_at_index" on "concert_schedule" ("concert_id", "starts_at")`);
    this.addSql(`create type "seat_status" as enum ('AVAILABLE', 'HELD', 'SOLD')`);
    this.addSql(`create table "seat" (
      "id" uuid primary key default gen_random_uuid(),
      "schedule_id" uuid not null references "concert_schedule" ("id") on delete cascade,
      "number" integer not null check ("number" between 1 and 50),
      "price" integer not null check ("price" >= 0),
      "status" "seat_status" not null default 'AVAILABLE',
      "held_until" timestamptz null,
      constraint "seat_schedule_id_number_unique" unique ("schedule_id", "number"),
      constraint "seat_held_has_deadline" check (("status" = 'HELD') = ("held_until" is not null)))`);
  }

  override down(): void {
    this.addSql(`drop table if exists "seat"`);
    this.addSql(`drop type if exists "seat_status"`);
    this.addSql(`drop table if exists "concert_schedule"`);
    this.addSql(`drop table if exists "concert"`);
    this.addSql(`drop table if exists "app_user"`);
  }
}
