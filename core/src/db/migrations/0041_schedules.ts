import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/**
 * Schedules (core/src/schedules): the periods each schedule was fanned out for (once across all
 * app instances), each tenant's runs (one per schedule and period), and platform runs.
 */
export const schedules: Migration = {
  async up(db: Kysely<any>) {
    // Platform bookkeeping, not tenant data: which (schedule, period) has been enqueued.
    await db.schema
      .createTable('core.schedule_ticks')
      .addColumn('schedule', 'text', (c) => c.notNull())
      .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
      .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('jobs', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('schedule_ticks_pkey', ['schedule', 'scheduled_for'])
      .execute();

    await db.schema
      .createTable('core.schedule_runs')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('schedule', 'text', (c) => c.notNull())
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('running', 'succeeded', 'failed', 'retry_requested')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('finished_at', 'timestamptz')
      .addColumn('duration_ms', 'integer')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('schedule_runs_pkey', ['tenant_id', 'id'])
      // Idempotency: one run per tenant, schedule and period.
      .addUniqueConstraint('schedule_runs_period_key', ['tenant_id', 'schedule', 'scheduled_for'])
      .execute();
    await sql`create index schedule_runs_status_idx on core.schedule_runs (tenant_id, status, scheduled_for)`.execute(
      db,
    );
    // The scheduler's scan for runs an admin asked to retry (privileged, across tenants).
    await sql`create index schedule_runs_retry_idx on core.schedule_runs (status) where status = 'retry_requested'`.execute(
      db,
    );
    await enableTenantRls(db, 'core.schedule_runs');

    await db.schema
      .createTable('core.platform_runs')
      .addColumn('schedule', 'text', (c) => c.notNull())
      .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'succeeded', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('finished_at', 'timestamptz')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('platform_runs_pkey', ['schedule', 'scheduled_for'])
      .execute();
  },
};
