import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * The filer of the VAT filings (přiznání k DPH, kontrolní hlášení, souhrnné hlášení): the firm's own
 * DIČ, name and seat as the Tax Portal wants them in `VetaP`, and whether it files monthly or
 * quarterly (ZDPH § 99, § 99a). The tax office, its branch, NACE and the kind of person came with 0007.
 */
export const filings: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`alter table accounting.settings
        add column vat_id text check (vat_id ~ '^CZ[0-9]{8,10}$'),
        add column filer_name text check (length(filer_name) between 1 and 255),
        add column filer_street text check (length(filer_street) <= 38),
        add column filer_city text check (length(filer_city) <= 48),
        add column filer_postal_code text check (filer_postal_code ~ '^[0-9]{5}$'),
        add column vat_period text not null default 'month' check (vat_period in ('month', 'quarter'))`,
    ]);
  },
  async down(db: Kysely<any>) {
    await run(db, [
      sql`alter table accounting.settings drop column vat_id, drop column filer_name, drop column filer_street,
        drop column filer_city, drop column filer_postal_code, drop column vat_period`,
    ]);
  },
};
