import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/** Workflows: every status change of a record, by a named transition (core/src/workflows). */
export const statusHistory: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.status_history')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      // `<plugin>.<entity>` and the record's id.
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      // Null for the entry recording the record's creation in its first state.
      .addColumn('transition', 'text')
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'uuid')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('status_history_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create index status_history_entity_idx
      on core.status_history (tenant_id, entity_type, entity_id, at)`.execute(db);
    await enableTenantRls(db, 'core.status_history');
  },
};
