import type { Migration } from 'kysely/migration';
import { lab } from './0001_lab.ts';
import { ruleKeys } from './0002_rule_keys.ts';

/** The medical schema's migrations, in order. Never rename one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001_lab': lab,
  '0002_rule_keys': ruleKeys,
};
