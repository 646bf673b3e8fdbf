import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Unpaid-leave hours of a month among a pay run's inputs (they reduce a monthly salary pro rata). */
export const unpaidHours: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('hr.pay_inputs').addColumn('unpaid_hours', 'numeric').execute();
  },
};
