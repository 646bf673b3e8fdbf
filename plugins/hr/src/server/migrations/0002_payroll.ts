import { enableTenantRls } from '@bureau/core';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Pay runs (one per month), the month's inputs per contract and the calculated payslips. A payslip
 * keeps its own copy of the identity and bank account (the payroll ledger outlives the personnel file).
 */
export const payroll: Migration = {
  async up(db: Kysely<any>) {
    const tenant = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');
    await db.schema
      .createTable('hr.pay_runs')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('four_eyes', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('calculated_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('pay_runs_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('pay_runs_period_key', ['tenant_id', 'period'])
      .execute();
    await enableTenantRls(db, 'hr.pay_runs');

    await db.schema
      .createTable('hr.pay_inputs')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('run_id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('hours', 'numeric')
      .addColumn('overtime_hours', 'numeric')
      .addColumn('holiday_hours', 'numeric')
      .addColumn('sick_hours', 'numeric')
      .addColumn('sick_pay_hours', 'numeric')
      .addColumn('sick_days', 'integer')
      .addColumn('bonus_minor', 'bigint')
      .addColumn('average_hourly_minor', 'bigint')
      .addPrimaryKeyConstraint('pay_inputs_pkey', ['tenant_id', 'run_id', 'employee_id'])
      .addForeignKeyConstraint('pay_inputs_run_fkey', ['tenant_id', 'run_id'], 'hr.pay_runs', ['tenant_id', 'id'])
      .addForeignKeyConstraint('pay_inputs_employee_fkey', ['tenant_id', 'employee_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .execute();
    await enableTenantRls(db, 'hr.pay_inputs');

    await db.schema
      .createTable('hr.payslips')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('run_id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('contract_id', 'uuid', (c) => c.notNull())
      .addColumn('contract_type', 'text', (c) => c.notNull())
      .addColumn('employee_number', 'text', (c) => c.notNull())
      .addColumn('employee_name', 'text', (c) => c.notNull())
      .addColumn('birth_number', 'text')
      .addColumn('iban', 'text')
      .addColumn('health_insurer', 'text')
      .addColumn('worked_hours', 'numeric', (c) => c.notNull())
      .addColumn('components', 'jsonb', (c) => c.notNull())
      .addColumn('figures', 'jsonb', (c) => c.notNull())
      .addColumn('gross_minor', 'bigint', (c) => c.notNull())
      .addColumn('social_base_minor', 'bigint', (c) => c.notNull())
      .addColumn('net_minor', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('payslips_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('payslips_contract_key', ['tenant_id', 'run_id', 'contract_id'])
      .addForeignKeyConstraint('payslips_run_fkey', ['tenant_id', 'run_id'], 'hr.pay_runs', ['tenant_id', 'id'])
      .addForeignKeyConstraint('payslips_employee_fkey', ['tenant_id', 'employee_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('payslips_employee_idx')
      .on('hr.payslips')
      .columns(['tenant_id', 'employee_id'])
      .execute();
    await enableTenantRls(db, 'hr.payslips');
  },
};
