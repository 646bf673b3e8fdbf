import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Cash-on-delivery payouts of a parcel carrier (Packeta): one batch per payout report confirmed, its
 * total (the bank transfer: cash on delivery less fees) and every row of the report as it was matched
 * (`matched`, `short`, `over` against what the order asked, `unknown` parcel, `settled` before).
 * The batch's figures are the sums of its rows (checked by the tests, kept by the one writer).
 */
export const codPayouts: Migration = {
  async up(db: Kysely<any>) {
    await sql`create table orders.cod_payouts (
      tenant_id uuid not null,
      id uuid not null,
      number text not null,
      carrier text not null check (carrier in ('packeta')),
      payout_date date not null,
      currency text not null,
      cod_minor bigint not null,
      fees_minor bigint not null check (fees_minor >= 0),
      total_minor bigint not null,
      note text,
      created_at timestamptz not null,
      created_by text,
      primary key (tenant_id, id),
      unique (tenant_id, number),
      check (total_minor = cod_minor - fees_minor)
    )`.execute(db);
    await sql`create table orders.cod_payout_rows (
      tenant_id uuid not null,
      payout_id uuid not null,
      line_no int not null,
      tracking text not null,
      reference text not null,
      order_id uuid,
      due_minor bigint,
      paid_minor bigint not null check (paid_minor >= 0),
      fee_minor bigint not null check (fee_minor >= 0),
      status text not null check (status in ('matched', 'short', 'over', 'unknown', 'settled')),
      primary key (tenant_id, payout_id, line_no),
      foreign key (tenant_id, payout_id) references orders.cod_payouts (tenant_id, id) on delete cascade,
      foreign key (tenant_id, order_id) references orders.orders (tenant_id, id)
    )`.execute(db);
    await sql`create index cod_payout_rows_order_idx on orders.cod_payout_rows (tenant_id, order_id)`.execute(db);
    for (const t of ['cod_payouts', 'cod_payout_rows']) await enableTenantRls(db, `orders.${t}`);
  },
};
