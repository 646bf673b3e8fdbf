import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * A document remembers whether its issuer was a VAT payer when it was made: a non-payer's invoice
 * carries no VAT and says so ("Nejsem plátce DPH"), its bills deduct nothing, and neither writes VAT
 * records. Every document before this migration was a payer's.
 */
export const nonPayer: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [sql`alter table accounting.documents add column vat_payer boolean not null default true`]);
  },
};
