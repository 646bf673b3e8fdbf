import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';
import { APP_ROLE } from '../roles.ts';

/**
 * The audit log (append-only, hash-chained per tenant), the transactional outbox, the
 * processed-events record that makes handlers idempotent, and the per-tenant dead-letter list.
 */
export const auditOutbox: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.audit_log')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      // Position in the tenant's chain: 1, 2, 3… without gaps.
      .addColumn('seq', 'bigint', (c) => c.notNull())
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
      // hash = sha256(prev_hash + canonical JSON of the row); prev_hash is the previous row's hash.
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_log_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('audit_log_seq_key', ['tenant_id', 'seq'])
      .execute();
    await db.schema.createIndex('audit_log_at_idx').on('core.audit_log').columns(['tenant_id', 'at']).execute();
    await db.schema
      .createIndex('audit_log_entity_idx')
      .on('core.audit_log')
      .columns(['tenant_id', 'entity_type', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('audit_log_user_idx')
      .on('core.audit_log')
      .columns(['tenant_id', 'actor_user_id'])
      .execute();

    // The head of each tenant's chain; writers lock it, so one tenant's rows are appended in turn.
    await db.schema
      .createTable('core.audit_heads')
      .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('core.tenants.id').onDelete('cascade'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('core.outbox')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('dispatched_at', 'timestamptz')
      // Set when an admin retries a dead letter; the next dispatch marks the job as a redrive.
      .addColumn('redriven_at', 'timestamptz')
      .addPrimaryKeyConstraint('outbox_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create index outbox_pending_idx on core.outbox (tenant_id, id) where dispatched_at is null`.execute(db);

    await db.schema
      .createTable('core.processed_events')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      // The plugin whose handler processed the event.
      .addColumn('handler', 'text', (c) => c.notNull())
      .addColumn('processed_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('processed_events_pkey', ['tenant_id', 'event_id', 'handler'])
      .execute();

    await db.schema
      .createTable('core.event_dead_letters')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('error', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'retried', 'resolved')`))
      .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('retried_at', 'timestamptz')
      .addColumn('resolved_at', 'timestamptz')
      .addPrimaryKeyConstraint('event_dead_letters_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('event_dead_letters_event_key', ['tenant_id', 'event_id'])
      .execute();
    await db.schema
      .createIndex('event_dead_letters_status_idx')
      .on('core.event_dead_letters')
      .columns(['tenant_id', 'status', 'failed_at'])
      .execute();

    for (const t of [
      'core.audit_log',
      'core.audit_heads',
      'core.outbox',
      'core.processed_events',
      'core.event_dead_letters',
    ]) {
      await enableTenantRls(db, t);
    }
    // Append-only for the request role. migrateAll repeats this after it grants the schema.
    await sql`revoke update, delete, truncate on core.audit_log from ${sql.raw(APP_ROLE)}`.execute(db);
  },
};
