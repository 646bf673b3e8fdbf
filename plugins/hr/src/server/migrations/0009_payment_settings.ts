import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The employer's payment settings for payroll: the debit account salaries are paid from (and optional
 * accounts per department), ČSSZ's account at the district office (OSSZ) with the employer's variable
 * symbol, each health insurer's account and variable symbol, the tax office's accounts for advances
 * and withholding tax with the variable symbol, and the payday in the following month.
 * Accounts are stored as IBANs.
 */
export const paymentSettings: Migration = {
  async up(db: Kysely<any>) {
    const tenant = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');
    await db.schema
      .createTable('hr.payment_settings')
      .addColumn('tenant_id', 'uuid', (c) => tenant(c).primaryKey())
      .addColumn('debit_iban', 'text')
      .addColumn('cssz_iban', 'text')
      .addColumn('cssz_variable_symbol', 'text')
      .addColumn('tax_advances_iban', 'text')
      .addColumn('tax_withholding_iban', 'text')
      .addColumn('tax_variable_symbol', 'text')
      .addColumn('pay_day', 'integer', (c) => c.notNull().check(sql`pay_day between 1 and 20`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await enableTenantRls(db, 'hr.payment_settings');

    await db.schema
      .createTable('hr.payment_debit_accounts')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('iban', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('payment_debit_accounts_pkey', ['tenant_id', 'department'])
      .execute();
    await enableTenantRls(db, 'hr.payment_debit_accounts');

    await db.schema
      .createTable('hr.payment_insurers')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('insurer', 'text', (c) => c.notNull())
      .addColumn('iban', 'text', (c) => c.notNull())
      .addColumn('variable_symbol', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('payment_insurers_pkey', ['tenant_id', 'insurer'])
      .execute();
    await enableTenantRls(db, 'hr.payment_insurers');
  },
};
