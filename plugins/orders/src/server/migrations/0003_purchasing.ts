import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Purchasing: purchase orders to vendors (parties of the address book with the vendor role), their
 * lines at the agreed unit cost, and goods receipts against them (partial); the goods themselves
 * move in the stock ledger as `receipt` moves naming the receipt.
 */
export const purchasing: Migration = {
  async up(db: Kysely<any>) {
    await sql`create table orders.purchase_orders (
      tenant_id uuid not null,
      id uuid not null,
      number text not null,
      status text not null default 'draft',
      vendor_party_id text,
      vendor jsonb not null,
      currency text not null check (currency in ('CZK', 'EUR')),
      warehouse_id uuid not null,
      order_date date not null,
      expected_date date,
      subtotal_minor bigint not null default 0,
      vat_minor bigint not null default 0,
      total_minor bigint not null default 0,
      note text,
      bill_document_id uuid,
      bill_number text,
      vendor_bill_number text,
      created_at timestamptz not null,
      primary key (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, warehouse_id) references orders.warehouses (tenant_id, id)
    )`.execute(db);
    await sql`create index purchase_orders_status_idx on orders.purchase_orders (tenant_id, status, created_at)`.execute(
      db,
    );
    await sql`create table orders.purchase_lines (
      tenant_id uuid not null,
      id uuid not null,
      purchase_id uuid not null,
      line_no int not null,
      product_id uuid not null,
      description text not null,
      quantity numeric(14, 3) not null check (quantity > 0),
      unit_cost_minor bigint not null check (unit_cost_minor >= 0),
      vat_rate text not null,
      vat_percent numeric(5, 2) not null,
      net_minor bigint not null,
      vat_minor bigint not null,
      received numeric(14, 3) not null default 0 check (received >= 0 and received <= quantity),
      billed numeric(14, 3) not null default 0 check (billed >= 0 and billed <= received),
      primary key (tenant_id, id),
      unique (tenant_id, purchase_id, line_no),
      foreign key (tenant_id, purchase_id) references orders.purchase_orders (tenant_id, id) on delete cascade,
      foreign key (tenant_id, product_id) references orders.products (tenant_id, id)
    )`.execute(db);
    await sql`create index purchase_lines_product_idx on orders.purchase_lines (tenant_id, product_id)`.execute(db);
    await sql`create table orders.purchase_receipts (
      tenant_id uuid not null,
      id uuid not null,
      number text not null,
      purchase_id uuid not null,
      delivery_note text,
      value_minor bigint not null,
      created_at timestamptz not null,
      primary key (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, purchase_id) references orders.purchase_orders (tenant_id, id)
    )`.execute(db);
    for (const t of ['purchase_orders', 'purchase_lines', 'purchase_receipts'])
      await enableTenantRls(db, `orders.${t}`);
  },
};
