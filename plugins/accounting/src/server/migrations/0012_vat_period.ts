import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * The VAT period belongs to the company profile (core's Settings → Company: VAT payer, monthly or
 * quarterly). The accounting settings keep only an override for the filings: null follows the
 * profile. The default 'month' every tenant got in 0008 cannot be told from a choice, so it goes;
 * a 'quarter' someone chose stays as their override.
 */
export const vatPeriod: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`alter table accounting.settings alter column vat_period drop not null, alter column vat_period drop default`,
      sql`update accounting.settings set vat_period = null where vat_period = 'month'`,
    ]);
  },
};
