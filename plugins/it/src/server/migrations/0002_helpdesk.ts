import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const tenantCol = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * The helpdesk: the tenant's business hours, SLA targets per priority, tickets with their SLA clocks
 * (due instants, pause bookkeeping, breach marks) and the ticket's replies and internal notes.
 */
export const helpdesk: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('it.settings')
      .addColumn('tenant_id', 'uuid', (c) => tenantCol(c).primaryKey())
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Prague'))
      .addColumn('day_start', 'text', (c) => c.notNull().defaultTo('08:00'))
      .addColumn('day_end', 'text', (c) => c.notNull().defaultTo('16:00'))
      .addColumn('weekdays', 'jsonb', (c) => c.notNull().defaultTo(sql`'[1,2,3,4,5]'::jsonb`))
      .addColumn('czech_holidays', 'boolean', (c) => c.notNull().defaultTo(true))
      .execute();

    await db.schema
      .createTable('it.sla_policies')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('response_minutes', 'integer', (c) => c.notNull())
      .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('sla_policies_pkey', ['tenant_id', 'priority'])
      .execute();

    await db.schema
      .createTable('it.tickets')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('low', 'normal', 'high', 'urgent')`))
      .addColumn('asset_id', 'uuid')
      .addColumn('requester_id', 'uuid')
      .addColumn('requester_label', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'uuid')
      .addColumn('assignee_label', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('response_minutes', 'integer', (c) => c.notNull())
      .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
      .addColumn('response_due_at', 'timestamptz', (c) => c.notNull())
      .addColumn('resolution_due_at', 'timestamptz')
      .addColumn('resolution_warn_at', 'timestamptz')
      .addColumn('first_response_at', 'timestamptz')
      .addColumn('paused_since', 'timestamptz')
      .addColumn('paused_minutes', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('resolved_at', 'timestamptz')
      .addColumn('closed_at', 'timestamptz')
      .addColumn('response_breached_at', 'timestamptz')
      .addColumn('resolution_breached_at', 'timestamptz')
      .addColumn('rating', 'integer')
      .addPrimaryKeyConstraint('tickets_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('tickets_number_key', ['tenant_id', 'number'])
      .addForeignKeyConstraint('tickets_asset_fkey', ['tenant_id', 'asset_id'], 'it.assets', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('tickets_status_idx').on('it.tickets').columns(['tenant_id', 'status']).execute();
    await db.schema
      .createIndex('tickets_due_idx')
      .on('it.tickets')
      .columns(['tenant_id', 'resolution_due_at'])
      .execute();
    await db.schema
      .createIndex('tickets_requester_idx')
      .on('it.tickets')
      .columns(['tenant_id', 'requester_id'])
      .execute();
    await db.schema.createIndex('tickets_asset_idx').on('it.tickets').columns(['tenant_id', 'asset_id']).execute();

    await db.schema
      .createTable('it.ticket_messages')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('ticket_id', 'uuid', (c) => c.notNull())
      .addColumn('author_id', 'uuid')
      .addColumn('author_label', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('internal', 'boolean', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_messages_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('ticket_messages_ticket_fkey', ['tenant_id', 'ticket_id'], 'it.tickets', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('ticket_messages_ticket_idx')
      .on('it.ticket_messages')
      .columns(['tenant_id', 'ticket_id', 'created_at'])
      .execute();

    for (const t of ['it.settings', 'it.sla_policies', 'it.tickets', 'it.ticket_messages'])
      await enableTenantRls(db, t);
  },
};
