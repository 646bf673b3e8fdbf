import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const tenantCol = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * Updates and health (issue 16 item 6): one reading per report about a device, whether a script or
 * agent posted it or a CSV file brought it, so a device's history stays; the newest reading is its
 * current state (the compliance report reads it through `health_readings_asset_idx`).
 */
export const health: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('it.health_readings')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('asset_id', 'uuid', (c) => c.notNull())
      .addColumn('os', 'text', (c) => c.notNull())
      .addColumn('os_version', 'text')
      .addColumn('last_update_on', 'date')
      .addColumn('patch_state', 'text', (c) =>
        c.notNull().check(sql`patch_state in ('up_to_date', 'updates_pending', 'unsupported')`),
      )
      .addColumn('last_seen_at', 'timestamptz')
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('agent', 'csv')`))
      .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('health_readings_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('health_readings_asset_fkey', ['tenant_id', 'asset_id'], 'it.assets', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('health_readings_asset_idx')
      .on('it.health_readings')
      .columns(['tenant_id', 'asset_id', 'reported_at'])
      .execute();
    await enableTenantRls(db, 'it.health_readings');
  },
};
