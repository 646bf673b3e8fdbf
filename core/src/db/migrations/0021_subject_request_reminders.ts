import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Data-subject requests remember the last reminder sent about their deadline: a week before, then overdue. */
export const subjectRequestReminders: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table core.subject_requests
      add column reminded text check (reminded in ('soon', 'overdue'))`.execute(db);
  },
};
