import type { Migration } from 'kysely/migration';
import { lab } from './0001_lab.ts';
import { ruleKeys } from './0002_rule_keys.ts';
import { clinicParties } from './0003_clinic_parties.ts';
import { clinicNotices } from './0004_clinic_notices.ts';

/** The medical schema's migrations, in order. Never rename one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001_lab': lab,
  '0002_rule_keys': ruleKeys,
  '0003_clinic_parties': clinicParties,
  '0004_clinic_notices': clinicNotices,
};
