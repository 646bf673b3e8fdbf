import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/**
 * The firm's own details (issue 12, item 1): what its invoices, labels, payslips and reports print
 * as the seller or employer. One row per tenant; bank accounts as a small JSON list (a firm has a
 * handful). A tenant without a row reads defaults from its name and billing details.
 */
export const companyProfile: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.company_profiles')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('legal_name', 'text', (c) => c.notNull())
      .addColumn('ico', 'text')
      .addColumn('dic', 'text')
      .addColumn('vat_payer', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('vat_period', 'text', (c) => c.check(sql`vat_period in ('monthly', 'quarterly')`))
      .addColumn('street', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('zip', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('registration', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('web', 'text')
      .addColumn('default_currency', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('bank_accounts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('logo', 'bytea')
      .addColumn('logo_type', 'text')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('company_profiles_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('company_profiles_tenant_key', ['tenant_id'])
      .addCheckConstraint('company_profiles_vat_period', sql`vat_payer or vat_period is null`)
      .execute();
    await sql`create index company_profiles_ico_idx on core.company_profiles (ico)`.execute(db);
    await enableTenantRls(db, 'core.company_profiles');
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('core.company_profiles').ifExists().execute();
  },
};
