import { Migration } from '@mikro-orm/migrations';

/** The balance ledger, seat reservations (holds) and payments. */
export class Migration20261125010000_booking extends Migration {
  override up(): void {
    // The balance lives on the user row so one conditional UPDATE both checks and changes it;
    // the ledger below is the history that must always add up to it.
    this.addSql(`alter table "app_user" add column "balance" bigint not null default 0,
      add constraint "app_user_balance_range" check ("balance" between 0 and 2147483647)`);
    this.addSql(`create type "balance_entry_kind" as enum ('CHARGE', 'PAYMENT')`);
    this.addSql(`create table "balance_entry" (
      "id" uuid primary key default gen_random_uuid(),
      "seq" bigserial not null unique,
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "kind" "balance_entry_kind" not null,
      "amount" bigint not null,
      "balance_after" bigint not null check ("balance_after" >= 0),
      "created_at" timestamptz not null default clock_timestamp(),
      constraint "balance_entry_sign" check (("kind" = 'CHARGE' and "amount" > 0) or ("kind" = 'PAYMENT' and "amount" < 0)))`);
    this.addSql(`create index "balance_entry_user_newest" on "balance_entry" ("user_id", "seq" desc)`);

    this.addSql(`create type "reservation_status" as enum ('HELD', 'CONFIRMED', 'EXPIRED', 'CANCELLED')`);
    this.addSql(`create table "reservation" (
      "id" uuid primary key default gen_random_uuid(),
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "seat_id" uuid not null references "seat" ("id") on delete cascade,
      "status" "reservation_status" not null default 'HELD',
      "price" integer not null check ("price" >= 0),
      "expires_at" timestamptz null,
      "created_at" timestamptz not null default clock_timestamp(),
      "queue_token_id" text null,
      constraint "reservation_held_has_deadline" check (("status" = 'HELD') <= ("expires_at" is not null)))`);
    // A seat is sold at most once, whatever the code above does.
    this.addSql(`create unique index "reservation_one_confirmed_per_seat" on "reservation" ("seat_id") where "status" = 'CONFIRMED'`);
    this.addSql(`create index "reservation_user_newest" on "reservation" ("user_id", "created_at" desc)`);
    this.addSql(`create index "reservation_live_by_seat" on "reservation" ("seat_id") where "status" = 'HELD'`);
    this.addSql(`create index "seat_expired_holds" on "seat" ("held_until") where "status" = 'HELD'`);

    this.addSql(`create table "payment" (
      "id" uuid primary key default gen_random_uuid(),
      "reservation_id" uuid not null unique references "reservation" ("id") on delete cascade,
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "amount" integer not null check ("amount" >= 0),
      "balance_after" bigint not null check ("balance_after" >= 0),
      "idempotency_key" text not null,
      "paid_at" timestamptz not null default clock_timestamp(),
      constraint "payment_user_idempotency_key_unique" unique ("user_id", "idempotency_key"))`);
  }

  override down(): void {
    this.addSql(`drop table if exists "payment"`);
    this.addSql(`drop index if exists "seat_expired_holds"`);
    this.addSql(`drop table if exists "reservation"`);
    this.addSql(`drop type if exists "reservation_status"`);
    this.addSql(`drop table if exists "balance_entry"`);
    this.addSql(`drop type if exists "balance_entry_kind"`);
    this.addSql(`alter table "app_user" drop column if exists "balance"`);
  }
}
