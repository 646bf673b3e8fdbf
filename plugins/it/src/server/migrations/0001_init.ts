import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const tenantCol = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * Assets and who has them (DESIGN §3: tenant_id in every key, forced row level security):
 * categories with custom fields, locations, assets (tag unique per tenant, serial unique when
 * given), assignments (at most one open per asset, enforced by a partial unique index) and the
 * per-tenant counters that number generated tags.
 */
export const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('it.categories')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('categories_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index categories_name_key on it.categories (tenant_id, lower(name))`.execute(db);

    await db.schema
      .createTable('it.locations')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('locations_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index locations_name_key on it.locations (tenant_id, lower(name))`.execute(db);

    await db.schema
      .createTable('it.assets')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category_id', 'uuid', (c) => c.notNull())
      .addColumn('serial_number', 'text')
      .addColumn('model', 'text')
      .addColumn('vendor', 'text')
      .addColumn('purchase_date', 'date')
      .addColumn('purchase_price_minor', 'bigint')
      .addColumn('currency', 'text')
      .addColumn('invoice_ref', 'text')
      .addColumn('warranty_until', 'date')
      .addColumn('location_id', 'uuid')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('in_stock'))
      .addColumn('retired_reason', 'text')
      .addColumn('custom', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('note', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('assets_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('assets_tag_key', ['tenant_id', 'tag'])
      .addForeignKeyConstraint('assets_category_fkey', ['tenant_id', 'category_id'], 'it.categories', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('assets_location_fkey', ['tenant_id', 'location_id'], 'it.locations', [
        'tenant_id',
        'id',
      ])
      .execute();
    await sql`create unique index assets_serial_key on it.assets (tenant_id, serial_number) where serial_number is not null`.execute(
      db,
    );
    await db.schema.createIndex('assets_status_idx').on('it.assets').columns(['tenant_id', 'status']).execute();
    await db.schema
      .createIndex('assets_warranty_idx')
      .on('it.assets')
      .columns(['tenant_id', 'warranty_until'])
      .execute();

    await db.schema
      .createTable('it.assignments')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('asset_id', 'uuid', (c) => c.notNull())
      .addColumn('holder_type', 'text', (c) =>
        c.notNull().check(sql`holder_type in ('user', 'employee', 'location', 'asset')`),
      )
      .addColumn('holder_id', 'text', (c) => c.notNull())
      .addColumn('holder_label', 'text', (c) => c.notNull())
      .addColumn('checked_out_at', 'timestamptz', (c) => c.notNull())
      .addColumn('checked_out_by', 'text')
      .addColumn('expected_back', 'date')
      .addColumn('acknowledged_at', 'timestamptz')
      .addColumn('checked_in_at', 'timestamptz')
      .addColumn('checked_in_by', 'text')
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('assignments_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('assignments_asset_fkey', ['tenant_id', 'asset_id'], 'it.assets', ['tenant_id', 'id'])
      .execute();
    // An asset is out to at most one holder: the database refuses a second open assignment.
    await sql`create unique index assignments_open_key on it.assignments (tenant_id, asset_id) where checked_in_at is null`.execute(
      db,
    );
    await db.schema
      .createIndex('assignments_holder_idx')
      .on('it.assignments')
      .columns(['tenant_id', 'holder_type', 'holder_id'])
      .execute();

    await db.schema
      .createTable('it.counters')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('counters_pkey', ['tenant_id', 'name'])
      .execute();

    for (const t of ['it.categories', 'it.locations', 'it.assets', 'it.assignments', 'it.counters']) {
      await enableTenantRls(db, t);
    }
  },
};
