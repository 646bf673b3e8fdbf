import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The order list's pages straight from an index. Core's list paging sorts `created_at desc nulls
 * last, id desc`; the indexes of 0001 (`created_at` ascending, nulls last) cannot give that order, so
 * the first page of 100,000 orders read and sorted them all (bench/orders.ts). These match it, with
 * and without the status filter, and replace those two (an equality on status or a range of
 * `created_at` still uses them).
 */
export const orderListIndex: Migration = {
  async up(db: Kysely<any>) {
    await sql`create index orders_list_idx on orders.orders (tenant_id, created_at desc nulls last, id desc)`.execute(
      db,
    );
    await sql`create index orders_list_status_idx on orders.orders (tenant_id, status, created_at desc nulls last, id desc)`.execute(
      db,
    );
    await sql`drop index orders.orders_created_idx`.execute(db);
    await sql`drop index orders.orders_status_idx`.execute(db);
  },
};
