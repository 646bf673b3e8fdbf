import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const tenantCol = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * What HR tells IT (`hr.employee.hired`, `hr.employee.left`), one row per event (its id is the
 * event's, so a redelivery changes nothing): a leaver's return checklist, a hire's equipment ticket.
 */
export const people: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('it.people_changes')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('hired', 'left')`))
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('on_date', 'date', (c) => c.notNull())
      .addColumn('ticket_id', 'uuid')
      .addColumn('closed_at', 'timestamptz')
      .addColumn('closed_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('people_changes_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('people_changes_ticket_fkey', ['tenant_id', 'ticket_id'], 'it.tickets', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('people_changes_employee_idx')
      .on('it.people_changes')
      .columns(['tenant_id', 'employee_id'])
      .execute();
    await enableTenantRls(db, 'it.people_changes');
  },
};
