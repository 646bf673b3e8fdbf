import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The spouse credit claimed in an annual tax settlement (months, the spouse's income, ZTP/P); null when none. */
export const settlementSpouse: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('hr.tax_settlements').addColumn('spouse', 'jsonb').execute();
  },
};
