import { enableTenantRls } from '@bureau/core';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Annual tax settlements (roční zúčtování záloh a daňového zvýhodnění): one per employee and year,
 * with what the employee declared (earlier employers' statements, non-taxable parts) and the result.
 */
export const taxSettlements: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('hr.tax_settlements')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('previous_employers', 'jsonb', (c) => c.notNull())
      .addColumn('deductions', 'jsonb', (c) => c.notNull())
      .addColumn('figures', 'jsonb', (c) => c.notNull())
      .addColumn('settled_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('tax_settlements_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('tax_settlements_employee_year_key', ['tenant_id', 'employee_id', 'year'])
      .addForeignKeyConstraint(
        'tax_settlements_employee_fkey',
        ['tenant_id', 'employee_id'],
        'hr.employees',
        ['tenant_id', 'id'],
        (c) => c.onDelete('cascade'),
      )
      .execute();
    await enableTenantRls(db, 'hr.tax_settlements');
  },
};
