import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * People: employees with their personal data, their children (tax credits) and their contracts
 * (HPP, DPP, DPČ). DESIGN §3: tenant_id in every key, foreign keys with tenant_id, forced RLS.
 * Money in minor units (bigint), hours as numeric.
 */
export const people: Migration = {
  async up(db: Kysely<any>) {
    const tenant = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');
    await db.schema
      .createTable('hr.employees')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('start_date', 'date', (c) => c.notNull())
      .addColumn('end_date', 'date')
      .addColumn('birth_date', 'date')
      .addColumn('birth_number', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('street', 'text')
      .addColumn('city', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('country', 'text', (c) => c.notNull().defaultTo('CZ'))
      .addColumn('iban', 'text')
      .addColumn('health_insurer', 'text')
      .addColumn('tax_declaration', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('department', 'text')
      .addColumn('position', 'text')
      .addColumn('manager_id', 'uuid')
      .addColumn('note', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('employees_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('employees_number_key', ['tenant_id', 'number'])
      .addForeignKeyConstraint('employees_manager_fkey', ['tenant_id', 'manager_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema.createIndex('employees_status_idx').on('hr.employees').columns(['tenant_id', 'status']).execute();
    await db.schema
      .createIndex('employees_birth_number_idx')
      .on('hr.employees')
      .columns(['tenant_id', 'birth_number'])
      .execute();
    await enableTenantRls(db, 'hr.employees');

    await db.schema
      .createTable('hr.children')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('birth_date', 'date', (c) => c.notNull())
      .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('student_until', 'date')
      .addPrimaryKeyConstraint('children_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('children_employee_fkey', ['tenant_id', 'employee_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('children_employee_idx')
      .on('hr.children')
      .columns(['tenant_id', 'employee_id'])
      .execute();
    await enableTenantRls(db, 'hr.children');

    await db.schema
      .createTable('hr.contracts')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('start_date', 'date', (c) => c.notNull())
      .addColumn('end_date', 'date')
      .addColumn('weekly_hours', 'numeric', (c) => c.notNull())
      .addColumn('salary_type', 'text', (c) => c.notNull())
      .addColumn('monthly_salary_minor', 'bigint')
      .addColumn('hourly_rate_minor', 'bigint')
      .addColumn('probation_months', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('notice_months', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('position', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('contracts_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('contracts_employee_fkey', ['tenant_id', 'employee_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .addCheckConstraint('contracts_type_check', sql`type in ('hpp', 'dpp', 'dpc')`)
      .execute();
    await db.schema
      .createIndex('contracts_employee_idx')
      .on('hr.contracts')
      .columns(['tenant_id', 'employee_id', 'start_date'])
      .execute();
    await enableTenantRls(db, 'hr.contracts');

    // Effective-dated changes of a contract (a raise from the 1st of a month): the latest change
    // effective on a day overrides the contract's own figures.
    await db.schema
      .createTable('hr.contract_changes')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('contract_id', 'uuid', (c) => c.notNull())
      .addColumn('effective_from', 'date', (c) => c.notNull())
      .addColumn('weekly_hours', 'numeric')
      .addColumn('monthly_salary_minor', 'bigint')
      .addColumn('hourly_rate_minor', 'bigint')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('contract_changes_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('contract_changes_day_key', ['tenant_id', 'contract_id', 'effective_from'])
      .addForeignKeyConstraint('contract_changes_contract_fkey', ['tenant_id', 'contract_id'], 'hr.contracts', [
        'tenant_id',
        'id',
      ])
      .execute();
    await enableTenantRls(db, 'hr.contract_changes');
  },
};
