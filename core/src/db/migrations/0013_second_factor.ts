import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Second factor (TOTP, RFC 6238) per account, and its single-use recovery codes (hashed). An
 * account's factor is pending until its first code is confirmed. Platform tables, not tenant data:
 * the request role has no access to them (restrictCoreGrants).
 */
export const secondFactor: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.user_totp')
      .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('core.users.id').onDelete('cascade'))
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('enabled_at', 'timestamptz')
      // The last time step a code was accepted for: a code works once.
      .addColumn('last_step', 'bigint')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('core.user_recovery_codes')
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .addPrimaryKeyConstraint('user_recovery_codes_pkey', ['user_id', 'code_hash'])
      .execute();
  },
};
