import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const tenantCol = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * The helpdesk's desk tools (issue 16 item 4): ticket categories (names in cs/en, a default assignee
 * and priority, archived rather than deleted once in use), canned responses, and the ticket a
 * duplicate was merged into.
 */
export const ticketDesk: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('it.ticket_categories')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name_cs', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('default_assignee_id', 'uuid')
      .addColumn('default_assignee_label', 'text')
      .addColumn('default_priority', 'text', (c) =>
        c.check(sql`default_priority in ('low', 'normal', 'high', 'urgent')`),
      )
      .addColumn('archived_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_categories_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index ticket_categories_name_key on it.ticket_categories (tenant_id, lower(name_en))`.execute(
      db,
    );

    await db.schema
      .alterTable('it.tickets')
      .addColumn('category_id', 'uuid')
      .addColumn('merged_into_id', 'uuid')
      .execute();
    await db.schema
      .alterTable('it.tickets')
      .addForeignKeyConstraint('tickets_category_fkey', ['tenant_id', 'category_id'], 'it.ticket_categories', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .alterTable('it.tickets')
      .addForeignKeyConstraint('tickets_merged_into_fkey', ['tenant_id', 'merged_into_id'], 'it.tickets', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('tickets_category_idx')
      .on('it.tickets')
      .columns(['tenant_id', 'category_id'])
      .execute();

    await db.schema
      .createTable('it.canned_responses')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('canned_responses_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index canned_responses_title_key on it.canned_responses (tenant_id, lower(title))`.execute(
      db,
    );
    for (const t of ['it.ticket_categories', 'it.canned_responses']) await enableTenantRls(db, t);
  },
};
