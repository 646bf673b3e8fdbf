import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/** The audit log and the transactional outbox. */
export const auditOutbox: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.audit_log')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'uuid')
      .addColumn('actor_token_id', 'uuid')
      .addColumn('actor_provider_id', 'uuid')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('before', 'jsonb')
      .addColumn('after', 'jsonb')
      .addColumn('request_id', 'text')
      .addColumn('ip', 'text')
      .addPrimaryKeyConstraint('audit_log_pkey', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('audit_log_at_idx').on('core.audit_log').columns(['tenant_id', 'at']).execute();

    await db.schema
      .createTable('core.outbox')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('dispatched_at', 'timestamptz')
      .addPrimaryKeyConstraint('outbox_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create index outbox_pending_idx on core.outbox (tenant_id, id) where dispatched_at is null`.execute(db);

    await enableTenantRls(db, 'core.audit_log');
    await enableTenantRls(db, 'core.outbox');
  },
};
