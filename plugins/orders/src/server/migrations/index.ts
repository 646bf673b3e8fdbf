import type { Migration } from 'kysely/migration';
import { stock } from './0001_stock.ts';

/** The orders schema's migrations, in order. Never rename one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001_stock': stock,
};
