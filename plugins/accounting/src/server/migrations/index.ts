import type { Migration } from 'kysely/migration';
import { ledger } from './0001_ledger.ts';
import { receivables } from './0002_receivables.ts';
import { bank } from './0003_bank.ts';

/** The accounting schema's migrations, in order. Keys sort lexicographically; never rename one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001_ledger': ledger,
  '0002_receivables': receivables,
  '0003_bank': bank,
};
