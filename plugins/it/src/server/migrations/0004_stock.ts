import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const tenantCol = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * Accessories and consumables (counted, not tagged) and software licences with seats.
 *
 * The database is the wall against over-allocation: a stock item's `on_hand` never goes below zero
 * and never below what is out on loan (`stock_items_on_loan`), and a licence's `seats_used` never exceeds
 * its `seats` (`licences_seats_used`). Both counters change only by one `update … set x = x ± n`
 * per operation, which locks the row, so concurrent check-outs queue and the last one over the
 * limit fails the CHECK. A holder has at most one open seat of a licence.
 */
export const stock: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('it.stock_items')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('accessory', 'consumable')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('model', 'text')
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('on_hand', 'integer', (c) => c.notNull())
      .addColumn('on_loan', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('min_quantity', 'integer')
      .addColumn('low_since', 'timestamptz')
      .addColumn('location_id', 'uuid')
      .addColumn('note', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_items_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('stock_items_location_fkey', ['tenant_id', 'location_id'], 'it.locations', [
        'tenant_id',
        'id',
      ])
      .addCheckConstraint('stock_items_on_hand', sql`on_hand >= 0`)
      .addCheckConstraint('stock_items_on_loan', sql`on_loan >= 0 and on_loan <= on_hand`)
      .addCheckConstraint('stock_items_min', sql`min_quantity is null or min_quantity >= 0`)
      .execute();
    await sql`create unique index stock_items_name_key on it.stock_items (tenant_id, lower(name))`.execute(db);

    // Every change of a stock item's quantities, with who and what it went to (the item's history).
    await db.schema
      .createTable('it.stock_moves')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('item_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('receive', 'issue', 'checkout', 'checkin', 'count')`),
      )
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('on_hand_after', 'integer', (c) => c.notNull())
      .addColumn('holder_type', 'text')
      .addColumn('holder_id', 'text')
      .addColumn('holder_label', 'text')
      .addColumn('loan_id', 'uuid')
      .addColumn('note', 'text')
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('by', 'text')
      .addPrimaryKeyConstraint('stock_moves_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('stock_moves_item_fkey', ['tenant_id', 'item_id'], 'it.stock_items', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('stock_moves_item_idx')
      .on('it.stock_moves')
      .columns(['tenant_id', 'item_id', 'at'])
      .execute();

    // Accessories out on loan (a headset to a person, five cables to a meeting room).
    await db.schema
      .createTable('it.stock_loans')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('item_id', 'uuid', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
      .addColumn('holder_type', 'text', (c) => c.notNull().check(sql`holder_type in ('user', 'employee', 'location')`))
      .addColumn('holder_id', 'text', (c) => c.notNull())
      .addColumn('holder_label', 'text', (c) => c.notNull())
      .addColumn('checked_out_at', 'timestamptz', (c) => c.notNull())
      .addColumn('checked_out_by', 'text')
      .addColumn('checked_in_at', 'timestamptz')
      .addColumn('checked_in_by', 'text')
      .addPrimaryKeyConstraint('stock_loans_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('stock_loans_item_fkey', ['tenant_id', 'item_id'], 'it.stock_items', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('stock_loans_holder_idx')
      .on('it.stock_loans')
      .columns(['tenant_id', 'holder_type', 'holder_id'])
      .execute();
    await db.schema
      .createIndex('stock_loans_item_idx')
      .on('it.stock_loans')
      .columns(['tenant_id', 'item_id'])
      .execute();

    await db.schema
      .createTable('it.licences')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text')
      .addColumn('seats', 'integer', (c) => c.notNull())
      .addColumn('seats_used', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_on', 'date')
      .addColumn('notice_days', 'integer', (c) => c.notNull().check(sql`notice_days between 0 and 365`))
      .addColumn('notified_for', 'date')
      .addColumn('cost_minor', 'bigint')
      .addColumn('currency', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('licences_pkey', ['tenant_id', 'id'])
      .addCheckConstraint('licences_seats', sql`seats > 0`)
      .addCheckConstraint('licences_seats_used', sql`seats_used >= 0 and seats_used <= seats`)
      .execute();
    await sql`create unique index licences_name_key on it.licences (tenant_id, lower(name))`.execute(db);
    await db.schema.createIndex('licences_expiry_idx').on('it.licences').columns(['tenant_id', 'expires_on']).execute();

    await db.schema
      .createTable('it.licence_seats')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('licence_id', 'uuid', (c) => c.notNull())
      .addColumn('holder_type', 'text', (c) => c.notNull().check(sql`holder_type in ('user', 'employee', 'asset')`))
      .addColumn('holder_id', 'text', (c) => c.notNull())
      .addColumn('holder_label', 'text', (c) => c.notNull())
      .addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
      .addColumn('assigned_by', 'text')
      .addColumn('released_at', 'timestamptz')
      .addColumn('released_by', 'text')
      .addPrimaryKeyConstraint('licence_seats_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('licence_seats_licence_fkey', ['tenant_id', 'licence_id'], 'it.licences', [
        'tenant_id',
        'id',
      ])
      .execute();
    await sql`create unique index licence_seats_open_key on it.licence_seats (tenant_id, licence_id, holder_type, holder_id) where released_at is null`.execute(
      db,
    );
    await db.schema
      .createIndex('licence_seats_holder_idx')
      .on('it.licence_seats')
      .columns(['tenant_id', 'holder_type', 'holder_id'])
      .execute();

    for (const t of ['it.stock_items', 'it.stock_moves', 'it.stock_loans', 'it.licences', 'it.licence_seats']) {
      await enableTenantRls(db, t);
    }
  },
};
