import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/** Attachments on any entity of any module, and each tenant's retention rules. */
export const records: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.records')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      // The entity the file is attached to: `<module>.<entity>` and its id, e.g. `hr.employee`.
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      // Sniffed from the bytes, never taken from the client.
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('retention_class', 'text', (c) => c.notNull())
      // The rule's expiry when the file was stored; the current rule may lengthen it, never shorten it.
      .addColumn('retain_until', 'timestamptz')
      .addColumn('sensitive', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'timestamptz')
      .addColumn('deleted_by', 'text')
      .addPrimaryKeyConstraint('records_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create index records_entity_idx on core.records (tenant_id, entity_type, entity_id, created_at)
      where deleted_at is null`.execute(db);

    await db.schema
      .createTable('core.retention_rules')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('retention_class', 'text', (c) => c.notNull())
      .addColumn('years', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('months', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('retention_rules_pkey', ['tenant_id', 'retention_class'])
      .execute();

    await enableTenantRls(db, 'core.records');
    await enableTenantRls(db, 'core.retention_rules');
  },
};
