import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Payment orders (příkazy k úhradě) for vendor bills due: one order per bank account, execution date
 * and currency, a line per bill with the payee's account and symbols as they were when the order was
 * made (so the file downloaded later is the same file). An order cannot change; it can only be
 * cancelled (then its bills count as unordered again). The lines cannot change at all (AC004).
 */
export const paymentOrders: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.payment_orders (
        tenant_id uuid not null,
        id uuid not null,
        bank_account_id uuid not null,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        execution_date date not null,
        item_count int not null check (item_count > 0),
        total bigint not null check (total > 0),
        status text not null default 'open' check (status in ('open', 'cancelled')),
        created_at timestamptz not null default now(),
        created_by text,
        cancelled_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id, bank_account_id) references accounting.bank_accounts (tenant_id, id)
      )`,
      sql`create index payment_orders_created on accounting.payment_orders (tenant_id, created_at desc)`,
      sql`create table accounting.payment_order_items (
        tenant_id uuid not null,
        id uuid not null,
        order_id uuid not null,
        line_no int not null check (line_no > 0),
        document_id uuid not null,
        amount bigint not null check (amount > 0),
        creditor_name text not null check (length(creditor_name) between 1 and 255),
        creditor_iban text,
        creditor_bic text,
        creditor_account text,
        variable_symbol text check (variable_symbol ~ '^[0-9]{1,10}$'),
        message text,
        primary key (tenant_id, id),
        unique (tenant_id, order_id, line_no),
        unique (tenant_id, order_id, document_id),
        check (creditor_iban is not null or creditor_account is not null),
        foreign key (tenant_id, order_id) references accounting.payment_orders (tenant_id, id) on delete restrict,
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict
      )`,
      sql`create index payment_order_items_document on accounting.payment_order_items (tenant_id, document_id)`,
      // An order only goes from open to cancelled; its lines never change (the owner's purge aside).
      sql`create function accounting.payment_order_frozen() returns trigger language plpgsql as $$
      begin
        if accounting.purging(old.tenant_id) then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        -- Nested: plpgsql would look up old.status on the lines' table too if it were one condition.
        if tg_table_name = 'payment_orders' and tg_op = 'UPDATE' then
          if old.status = 'open' and new.status = 'cancelled'
            and (new.bank_account_id, new.currency, new.execution_date, new.item_count, new.total, new.created_at, new.created_by)
              is not distinct from (old.bank_account_id, old.currency, old.execution_date, old.item_count, old.total, old.created_at, old.created_by) then
            return new;
          end if;
        end if;
        raise exception 'a payment order cannot be changed, only cancelled (% on %)', tg_op, tg_table_name
          using errcode = 'AC004';
      end $$`,
      sql`create trigger payment_orders_frozen before update or delete on accounting.payment_orders
        for each row execute function accounting.payment_order_frozen()`,
      sql`create trigger payment_order_items_frozen before update or delete on accounting.payment_order_items
        for each row execute function accounting.payment_order_frozen()`,
    ]);
    for (const t of ['payment_orders', 'payment_order_items']) await enableTenantRls(db, `accounting.${t}`);
  },
};
