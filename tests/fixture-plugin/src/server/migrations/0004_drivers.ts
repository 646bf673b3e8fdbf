import { enableTenantRls } from '@bureau/core';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Drivers: people the fleet holds personal data about (a licence, the medical fitness check). */
export const drivers: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('fleet.drivers')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('licence_number', 'text', (c) => c.notNull())
      // The date the driver's medical fitness certificate runs out: health data.
      .addColumn('fit_until', 'date')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('drivers_pkey', ['tenant_id', 'id'])
      .execute();
    await enableTenantRls(db, 'fleet.drivers');
  },
};
