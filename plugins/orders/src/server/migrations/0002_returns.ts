import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Returns (RMA): a return authorisation against a shipped order, its lines (what of which order line
 * may come back) and, once received, how much went back to stock and how much to scrap. The goods
 * themselves move in the stock ledger (`return` into a bin, `scrap` into the scrap location).
 */
export const returns: Migration = {
  async up(db: Kysely<any>) {
    await sql`create table orders.returns (
      tenant_id uuid not null,
      id uuid not null,
      number text not null,
      order_id uuid not null,
      status text not null default 'authorised',
      reason text not null,
      note text,
      credit_minor bigint not null default 0,
      credit_document_id uuid,
      credit_number text,
      created_at timestamptz not null,
      received_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, order_id) references orders.orders (tenant_id, id)
    )`.execute(db);
    await sql`create index returns_order_idx on orders.returns (tenant_id, order_id)`.execute(db);
    await sql`create index returns_status_idx on orders.returns (tenant_id, status, created_at)`.execute(db);
    await sql`create table orders.return_lines (
      tenant_id uuid not null,
      id uuid not null,
      return_id uuid not null,
      line_no int not null,
      order_line_id uuid not null,
      product_id uuid not null,
      quantity numeric(14, 3) not null check (quantity > 0),
      restocked numeric(14, 3) not null default 0 check (restocked >= 0),
      scrapped numeric(14, 3) not null default 0 check (scrapped >= 0),
      primary key (tenant_id, id),
      unique (tenant_id, return_id, line_no),
      foreign key (tenant_id, return_id) references orders.returns (tenant_id, id) on delete cascade,
      foreign key (tenant_id, order_line_id) references orders.order_lines (tenant_id, id),
      foreign key (tenant_id, product_id) references orders.products (tenant_id, id),
      check (restocked + scrapped <= quantity)
    )`.execute(db);
    for (const t of ['returns', 'return_lines']) await enableTenantRls(db, `orders.${t}`);
  },
};
