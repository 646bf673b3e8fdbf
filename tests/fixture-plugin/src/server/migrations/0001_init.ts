import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Vehicles, the log the event handler writes, and per-tenant settings seeded on enable. */
export const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('fleet.vehicles')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('plate', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('vehicles_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('vehicles_plate_key', ['tenant_id', 'plate'])
      .execute();
    await enableTenantRls(db, 'fleet.vehicles');

    await db.schema
      .createTable('fleet.vehicle_log')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('vehicle_id', 'uuid', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      // Keyed by the event id: a redelivered event inserts nothing (the handler is idempotent).
      .addPrimaryKeyConstraint('vehicle_log_pkey', ['tenant_id', 'event_id'])
      .addForeignKeyConstraint('vehicle_log_vehicle_fkey', ['tenant_id', 'vehicle_id'], 'fleet.vehicles', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('vehicle_log_vehicle_idx')
      .on('fleet.vehicle_log')
      .columns(['tenant_id', 'vehicle_id'])
      .execute();
    await enableTenantRls(db, 'fleet.vehicle_log');

    await db.schema
      .createTable('fleet.settings')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('service_interval_km', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('settings_pkey', ['tenant_id'])
      .execute();
    await enableTenantRls(db, 'fleet.settings');
  },
};
