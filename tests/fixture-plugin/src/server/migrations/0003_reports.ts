import { enableTenantRls } from '@bureau/core';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The weekly fleet report the `weekly-report` schedule writes (deliberately without a unique key per week). */
export const reports: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('fleet.reports')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('week_of', 'date', (c) => c.notNull())
      .addColumn('vehicles', 'integer', (c) => c.notNull())
      .addColumn('in_service', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('reports_pkey', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('reports_week_idx').on('fleet.reports').columns(['tenant_id', 'week_of']).execute();
    await enableTenantRls(db, 'fleet.reports');
  },
};
