import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/** Which modules each tenant has enabled; a disabled module keeps its row (and its data). */
export const tenantModules: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.tenant_modules')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('enabled', 'boolean', (c) => c.notNull())
      .addColumn('enabled_at', 'timestamptz')
      .addColumn('disabled_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('tenant_modules_pkey', ['tenant_id', 'module_id'])
      .execute();
    await enableTenantRls(db, 'core.tenant_modules');
  },
};
