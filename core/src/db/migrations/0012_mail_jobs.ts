import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Account mails are sent after the response, from this queue (issue 11, item 7): a request only
 * records what to send, so its answer and its timing are the same whether or not an address has an
 * account, and a slow mail server never holds a request. Platform table, not tenant data: the
 * request role has no access to it (restrictCoreGrants).
 */
export const mailJobs: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.mail_jobs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('run_after', 'timestamptz', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`create index mail_jobs_due_idx on core.mail_jobs (run_after) where attempts < 5`.execute(db);
  },
};
