import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One local release rule per test and one per discipline. Two rules for one test used to decide a
 * release by whichever row the database returned first; the earliest of such duplicates (ids are
 * UUIDv7, so the smallest id was made first) is the one kept, the later ones go, and unique keys
 * keep it so (a rule names a test or a discipline, never both).
 */
export const ruleKeys: Migration = {
  async up(db: Kysely<any>) {
    for (const s of [
      sql`delete from medical.release_rules r
          using medical.release_rules k
          where k.tenant_id = r.tenant_id
            and k.id < r.id
            and ((r.test_id is not null and k.test_id = r.test_id)
              or (r.test_id is null and k.test_id is null and k.discipline = r.discipline))`,
      sql`create unique index release_rules_test_key on medical.release_rules (tenant_id, test_id)
          where test_id is not null`,
      sql`create unique index release_rules_discipline_key on medical.release_rules (tenant_id, discipline)
          where test_id is null`,
    ])
      await s.execute(db);
  },
};
