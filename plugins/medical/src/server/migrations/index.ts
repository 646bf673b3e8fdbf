import type { Migration } from 'kysely/migration';
import { lab } from './0001_lab.ts';

/** The medical schema's migrations, in order. Never rename one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001_lab': lab,
};
