import { enableTenantRls } from '@bureau/core';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

async function run(db: Kysely<any>, statements: RawBuilder<unknown>[]): Promise<void> {
  for (const s of statements) await s.execute(db);
}

const TABLES = [
  'settings',
  'counters',
  'products',
  'kit_components',
  'prices',
  'warehouses',
  'locations',
  'stock_levels',
  'stock_moves',
  'counts',
  'count_lines',
  'orders',
  'order_lines',
  'allocations',
  'packages',
] as const;

/**
 * Products, warehouses and the stock ledger, sales orders and their fulfilment.
 *
 * Stock: `stock_moves` is the immutable ledger (an update is refused by a trigger); every insert
 * adds its deltas to `stock_levels` in the same statement (trigger), whose CHECKs are the last wall
 * against overselling: on hand ≥ 0, reserved ≥ 0, reserved ≤ on hand (available ≥ 0). Concurrent
 * reservations serialise on the level rows (SELECT … FOR UPDATE, then the trigger's upsert).
 */
export const stock: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table orders.settings (
        tenant_id uuid not null,
        invoice_on text not null default 'ship' check (invoice_on in ('ship', 'deliver')),
        default_warehouse_id uuid,
        primary key (tenant_id)
      )`,
      sql`create table orders.counters (
        tenant_id uuid not null,
        series text not null,
        year int not null,
        last int not null,
        primary key (tenant_id, series, year)
      )`,
      sql`create table orders.products (
        tenant_id uuid not null,
        id uuid not null,
        sku text not null,
        gtin text check (gtin ~ '^[0-9]{8}$|^[0-9]{12,14}$'),
        name_en text not null,
        name_cs text not null,
        unit text not null default 'pcs',
        whole_units boolean not null default true,
        vat_rate text not null check (vat_rate in ('standard', 'reduced', 'zero', 'exempt')),
        unit_price_minor bigint not null check (unit_price_minor >= 0),
        currency text not null,
        cost_minor bigint check (cost_minor >= 0),
        weight_g int check (weight_g >= 0),
        length_mm int check (length_mm >= 0),
        width_mm int check (width_mm >= 0),
        height_mm int check (height_mm >= 0),
        tracking text not null default 'none' check (tracking in ('none', 'lot', 'serial')),
        is_kit boolean not null default false,
        variant_of uuid,
        variant_attributes jsonb,
        reorder_point numeric(14, 3) check (reorder_point >= 0),
        image_url text,
        active boolean not null default true,
        created_at timestamptz not null,
        primary key (tenant_id, id),
        unique (tenant_id, sku),
        unique (tenant_id, gtin),
        foreign key (tenant_id, variant_of) references orders.products (tenant_id, id)
      )`,
      sql`create table orders.kit_components (
        tenant_id uuid not null,
        kit_id uuid not null,
        component_id uuid not null,
        quantity numeric(14, 3) not null check (quantity > 0),
        primary key (tenant_id, kit_id, component_id),
        foreign key (tenant_id, kit_id) references orders.products (tenant_id, id) on delete cascade,
        foreign key (tenant_id, component_id) references orders.products (tenant_id, id),
        check (kit_id <> component_id)
      )`,
      sql`create table orders.prices (
        tenant_id uuid not null,
        id uuid not null,
        product_id uuid not null,
        currency text not null check (currency in ('CZK', 'EUR')),
        price_minor bigint not null check (price_minor >= 0),
        valid_from date not null,
        valid_to date,
        primary key (tenant_id, id),
        foreign key (tenant_id, product_id) references orders.products (tenant_id, id) on delete cascade,
        check (valid_to is null or valid_to >= valid_from)
      )`,
      sql`create index prices_product_idx on orders.prices (tenant_id, product_id, currency, valid_from)`,
      sql`create table orders.warehouses (
        tenant_id uuid not null,
        id uuid not null,
        code text not null,
        name text not null,
        created_at timestamptz not null,
        primary key (tenant_id, id),
        unique (tenant_id, code)
      )`,
      sql`create table orders.locations (
        tenant_id uuid not null,
        id uuid not null,
        warehouse_id uuid not null,
        code text not null,
        kind text not null default 'bin' check (kind in ('bin', 'dispatch', 'scrap')),
        pick_path int not null default 0,
        created_at timestamptz not null,
        primary key (tenant_id, id),
        unique (tenant_id, warehouse_id, code),
        foreign key (tenant_id, warehouse_id) references orders.warehouses (tenant_id, id)
      )`,
      sql`create table orders.stock_levels (
        tenant_id uuid not null,
        product_id uuid not null,
        location_id uuid not null,
        lot text not null default '',
        on_hand numeric(14, 3) not null default 0,
        reserved numeric(14, 3) not null default 0,
        primary key (tenant_id, product_id, location_id, lot),
        foreign key (tenant_id, product_id) references orders.products (tenant_id, id),
        foreign key (tenant_id, location_id) references orders.locations (tenant_id, id),
        constraint stock_on_hand_nonnegative check (on_hand >= 0),
        constraint stock_reserved_nonnegative check (reserved >= 0),
        constraint stock_available_nonnegative check (reserved <= on_hand)
      )`,
      sql`create table orders.stock_moves (
        tenant_id uuid not null,
        id uuid not null,
        product_id uuid not null,
        location_id uuid not null,
        lot text not null default '',
        kind text not null check (kind in ('receipt', 'reservation', 'release', 'pick', 'ship', 'return', 'adjustment', 'count', 'scrap')),
        on_hand_delta numeric(14, 3) not null default 0,
        reserved_delta numeric(14, 3) not null default 0,
        order_id uuid,
        document text,
        reason text,
        actor text,
        created_at timestamptz not null,
        primary key (tenant_id, id),
        foreign key (tenant_id, product_id) references orders.products (tenant_id, id),
        foreign key (tenant_id, location_id) references orders.locations (tenant_id, id),
        check (on_hand_delta <> 0 or reserved_delta <> 0)
      )`,
      sql`create index stock_moves_product_idx on orders.stock_moves (tenant_id, product_id, created_at)`,
      sql`create index stock_moves_order_idx on orders.stock_moves (tenant_id, order_id)`,
      sql`create function orders.apply_stock_move() returns trigger language plpgsql as $$
        begin
          -- Update first: an INSERT … ON CONFLICT checks the proposed row (the bare delta) before the conflict.
          update orders.stock_levels
             set on_hand = on_hand + new.on_hand_delta, reserved = reserved + new.reserved_delta
           where tenant_id = new.tenant_id and product_id = new.product_id
             and location_id = new.location_id and lot = new.lot;
          if not found then
            insert into orders.stock_levels as l (tenant_id, product_id, location_id, lot, on_hand, reserved)
            values (new.tenant_id, new.product_id, new.location_id, new.lot, new.on_hand_delta, new.reserved_delta)
            on conflict (tenant_id, product_id, location_id, lot) do update
              set on_hand = l.on_hand + excluded.on_hand, reserved = l.reserved + excluded.reserved;
          end if;
          return new;
        end $$`,
      sql`create trigger stock_moves_apply after insert on orders.stock_moves
        for each row execute function orders.apply_stock_move()`,
      sql`create function orders.refuse_stock_move_change() returns trigger language plpgsql as $$
        begin
          raise exception 'stock moves are immutable; post a correcting move' using errcode = '55000';
        end $$`,
      sql`create trigger stock_moves_immutable before update on orders.stock_moves
        for each row execute function orders.refuse_stock_move_change()`,
      sql`create table orders.counts (
        tenant_id uuid not null,
        id uuid not null,
        number text not null,
        warehouse_id uuid not null,
        status text not null default 'open' check (status in ('open', 'posted')),
        note text,
        created_at timestamptz not null,
        posted_at timestamptz,
        primary key (tenant_id, id),
        unique (tenant_id, number),
        foreign key (tenant_id, warehouse_id) references orders.warehouses (tenant_id, id)
      )`,
      sql`create table orders.count_lines (
        tenant_id uuid not null,
        count_id uuid not null,
        product_id uuid not null,
        location_id uuid not null,
        lot text not null default '',
        counted numeric(14, 3) not null check (counted >= 0),
        expected numeric(14, 3),
        primary key (tenant_id, count_id, product_id, location_id, lot),
        foreign key (tenant_id, count_id) references orders.counts (tenant_id, id) on delete cascade,
        foreign key (tenant_id, product_id) references orders.products (tenant_id, id),
        foreign key (tenant_id, location_id) references orders.locations (tenant_id, id)
      )`,
      sql`create table orders.orders (
        tenant_id uuid not null,
        id uuid not null,
        number text not null,
        status text not null default 'draft',
        customer_party_id text,
        customer jsonb not null,
        ship_to jsonb,
        currency text not null,
        warehouse_id uuid not null,
        carrier text not null default 'packeta' check (carrier in ('packeta', 'courier', 'pickup')),
        cash_on_delivery boolean not null default false,
        order_date date not null,
        promised_date date,
        backorder_of uuid,
        subtotal_minor bigint not null default 0,
        vat_minor bigint not null default 0,
        total_minor bigint not null default 0,
        note text,
        tracking_number text,
        invoice_document_id uuid,
        invoice_number text,
        receipt_number text,
        cod_settled_at timestamptz,
        cod_settlement text,
        created_at timestamptz not null,
        confirmed_at timestamptz,
        shipped_at timestamptz,
        delivered_at timestamptz,
        primary key (tenant_id, id),
        unique (tenant_id, number),
        foreign key (tenant_id, warehouse_id) references orders.warehouses (tenant_id, id),
        foreign key (tenant_id, backorder_of) references orders.orders (tenant_id, id)
      )`,
      sql`create index orders_status_idx on orders.orders (tenant_id, status, created_at)`,
      sql`create index orders_created_idx on orders.orders (tenant_id, created_at, id)`,
      sql`create table orders.order_lines (
        tenant_id uuid not null,
        id uuid not null,
        order_id uuid not null,
        line_no int not null,
        product_id uuid not null,
        description text not null,
        quantity numeric(14, 3) not null check (quantity > 0),
        unit_price_minor bigint not null,
        discount_percent numeric(5, 2) not null default 0 check (discount_percent between 0 and 100),
        vat_rate text not null,
        vat_percent numeric(5, 2) not null,
        net_minor bigint not null,
        vat_minor bigint not null,
        shipped numeric(14, 3) not null default 0,
        primary key (tenant_id, id),
        unique (tenant_id, order_id, line_no),
        foreign key (tenant_id, order_id) references orders.orders (tenant_id, id) on delete cascade,
        foreign key (tenant_id, product_id) references orders.products (tenant_id, id)
      )`,
      sql`create table orders.allocations (
        tenant_id uuid not null,
        id uuid not null,
        order_id uuid not null,
        line_id uuid not null,
        product_id uuid not null,
        location_id uuid not null,
        lot text not null default '',
        quantity numeric(14, 3) not null check (quantity > 0),
        picked numeric(14, 3) not null default 0 check (picked >= 0 and picked <= quantity),
        shipped boolean not null default false,
        primary key (tenant_id, id),
        foreign key (tenant_id, order_id) references orders.orders (tenant_id, id) on delete cascade,
        foreign key (tenant_id, line_id) references orders.order_lines (tenant_id, id) on delete cascade,
        foreign key (tenant_id, product_id) references orders.products (tenant_id, id),
        foreign key (tenant_id, location_id) references orders.locations (tenant_id, id)
      )`,
      sql`create index allocations_order_idx on orders.allocations (tenant_id, order_id)`,
      sql`create table orders.packages (
        tenant_id uuid not null,
        id uuid not null,
        order_id uuid not null,
        package_no int not null,
        weight_g int not null check (weight_g > 0),
        tracking_number text,
        created_at timestamptz not null,
        primary key (tenant_id, id),
        unique (tenant_id, order_id, package_no),
        foreign key (tenant_id, order_id) references orders.orders (tenant_id, id) on delete cascade
      )`,
    ]);
    for (const t of TABLES) await enableTenantRls(db, `orders.${t}`);
  },
};
