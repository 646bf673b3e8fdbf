import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/** Users, sessions, tenants, memberships, roles, invitations, password resets, API tokens. */
export const tenancyAuth: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.users')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`create unique index users_email_key on core.users (lower(email))`.execute(db);

    await db.schema
      .createTable('core.sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('core.sessions').column('user_id').execute();

    await db.schema
      .createTable('core.password_resets')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('core.tenants')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('company', 'provider')`))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('country', 'text', (c) => c.notNull().defaultTo('CZ'))
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('cs'))
      .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CZK'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('core.roles')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('permissions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('roles_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('roles_key_key', ['tenant_id', 'key'])
      .execute();

    await db.schema
      .createTable('core.memberships')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('memberships_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('memberships_user_key', ['tenant_id', 'user_id'])
      .execute();
    await db.schema.createIndex('memberships_user_idx').on('core.memberships').columns(['user_id']).execute();

    await db.schema
      .createTable('core.invitations')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('invited_by', 'uuid', (c) => c.references('core.users.id').onDelete('set null'))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('accepted_at', 'timestamptz')
      .addColumn('accepted_by', 'uuid', (c) => c.references('core.users.id').onDelete('set null'))
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('invitations_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('invitations_token_key', ['tenant_id', 'token_hash'])
      .execute();
    await db.schema.createIndex('invitations_token_idx').on('core.invitations').columns(['token_hash']).execute();

    await db.schema
      .createTable('core.api_tokens')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('permissions', sql`text[]`, (c) => c.notNull())
      .addColumn('created_by', 'uuid', (c) => c.references('core.users.id').onDelete('set null'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_used_at', 'timestamptz')
      .addColumn('revoked_at', 'timestamptz')
      .addPrimaryKeyConstraint('api_tokens_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('api_tokens_hash_key', ['tenant_id', 'token_hash'])
      .execute();
    await db.schema.createIndex('api_tokens_hash_idx').on('core.api_tokens').columns(['token_hash']).execute();

    for (const t of ['core.roles', 'core.memberships', 'core.invitations', 'core.api_tokens']) {
      await enableTenantRls(db, t);
    }
  },
};
