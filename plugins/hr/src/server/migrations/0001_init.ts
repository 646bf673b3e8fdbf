import { enableTenantRls } from '@bureau/core';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The employees table (DESIGN §3: tenant_id in every key, forced row level security). */
export const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('hr.employees')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('due_date', 'date')
      .addColumn('amount_minor', 'bigint')
      .addColumn('currency', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('employees_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('employees_code_key', ['tenant_id', 'code'])
      .execute();
    await db.schema.createIndex('employees_status_idx').on('hr.employees').columns(['tenant_id', 'status']).execute();
    await enableTenantRls(db, 'hr.employees');
  },
};
