import { enableTenantRls } from '@bureau/core';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Leave: requests (holiday, sick leave, other absence) and yearly holiday entitlements in days. */
export const leave: Migration = {
  async up(db: Kysely<any>) {
    const tenant = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');
    await db.schema
      .createTable('hr.leave_requests')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('start_date', 'date', (c) => c.notNull())
      .addColumn('end_date', 'date', (c) => c.notNull())
      .addColumn('days', 'numeric', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('requested'))
      .addColumn('note', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('leave_requests_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('leave_requests_employee_fkey', ['tenant_id', 'employee_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('leave_requests_employee_idx')
      .on('hr.leave_requests')
      .columns(['tenant_id', 'employee_id', 'start_date'])
      .execute();
    await enableTenantRls(db, 'hr.leave_requests');

    await db.schema
      .createTable('hr.leave_entitlements')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('days', 'numeric', (c) => c.notNull())
      .addPrimaryKeyConstraint('leave_entitlements_pkey', ['tenant_id', 'employee_id', 'year'])
      .addForeignKeyConstraint('leave_entitlements_employee_fkey', ['tenant_id', 'employee_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .execute();
    await enableTenantRls(db, 'hr.leave_entitlements');
  },
};
