import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/**
 * The shared address book (issue 12, item 2): the companies and people the firm deals with, one row
 * each, used by every department (accounting's customers and vendors, orders' buyers, the lab's
 * referring clinics, IT's asset vendors). Addresses, contacts and bank accounts are small JSON lists
 * (a partner has a handful); roles and tags are text arrays. An IČO names one party per tenant.
 */
export const parties: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.parties')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('company', 'person')`))
      .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
      .addColumn('ico', 'text')
      .addColumn('dic', 'text')
      .addColumn('country', 'text', (c) => c.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('web', 'text')
      .addColumn('note', 'text')
      .addColumn('addresses', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('bank_accounts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('parties_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index parties_ico_key on core.parties (tenant_id, ico) where ico is not null`.execute(db);
    await sql`create index parties_name_idx on core.parties (tenant_id, lower(name))`.execute(db);
    await enableTenantRls(db, 'core.parties');
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('core.parties').ifExists().execute();
  },
};
