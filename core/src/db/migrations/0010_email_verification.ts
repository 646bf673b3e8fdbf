import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * E-mail verification (issue 11, item 1): when an account proved it owns its address, and the
 * single-use links mailed to prove it. Accounts that existed before are not verified: operator
 * rights and accepting invitations wait until their owner follows a link (resend from the app).
 */
export const emailVerification: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('core.users').addColumn('email_verified_at', 'timestamptz').execute();
    await db.schema
      .createTable('core.email_verifications')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      // The address the link was sent to: a link proves that address only.
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('email_verifications_user_idx')
      .on('core.email_verifications')
      .column('user_id')
      .execute();
  },
};
