import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Own-courier delivery: a run is one driver's day (planned → out for delivery → completed) with
 * ordered stops, one per order; a stop ends delivered (recipient, cash collected) or failed (a reason
 * from a fixed list). An order waits on at most one pending stop at a time. The cash the driver
 * hands over at the end of the run is kept with its difference from what the stops collected.
 */
export const delivery: Migration = {
  async up(db: Kysely<any>) {
    await sql`create table orders.delivery_runs (
      tenant_id uuid not null,
      id uuid not null,
      number text not null,
      run_date date not null,
      driver_user_id uuid not null,
      status text not null default 'planned' check (status in ('planned', 'out', 'completed')),
      currency text not null default 'CZK',
      cash_handed_minor bigint,
      note text,
      created_at timestamptz not null,
      started_at timestamptz,
      completed_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, number)
    )`.execute(db);
    await sql`create index delivery_runs_driver_idx on orders.delivery_runs (tenant_id, driver_user_id, run_date)`.execute(
      db,
    );
    await sql`create table orders.delivery_stops (
      tenant_id uuid not null,
      id uuid not null,
      run_id uuid not null,
      seq int not null,
      order_id uuid not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      cod_due_minor bigint not null default 0 check (cod_due_minor >= 0),
      cod_collected_minor bigint check (cod_collected_minor >= 0),
      recipient_name text,
      proof_record_id uuid,
      failure_reason text check (failure_reason in ('nobody_home', 'refused', 'wrong_address', 'damaged', 'other')),
      failure_note text,
      done_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, run_id, seq) deferrable initially deferred,
      foreign key (tenant_id, run_id) references orders.delivery_runs (tenant_id, id) on delete cascade,
      foreign key (tenant_id, order_id) references orders.orders (tenant_id, id),
      check ((status = 'failed') = (failure_reason is not null))
    )`.execute(db);
    await sql`create unique index delivery_stops_pending_order on orders.delivery_stops (tenant_id, order_id) where status = 'pending'`.execute(
      db,
    );
    await sql`create index delivery_stops_order_idx on orders.delivery_stops (tenant_id, order_id)`.execute(db);
    for (const t of ['delivery_runs', 'delivery_stops']) await enableTenantRls(db, `orders.${t}`);
  },
};
