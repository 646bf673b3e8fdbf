import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const tenantCol = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * Preventive maintenance: plans (per asset or per category; every N days or months, fixed or
 * floating, or every N units of a meter), each covered asset's progress through the plan's
 * periods, the work orders that serve the periods (unique per plan, asset and period: a period is
 * opened once however often the schedule runs) and meter readings.
 */
export const maintenance: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('it.maintenance_plans')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('asset_id', 'uuid')
      .addColumn('category_id', 'uuid')
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('days', 'months', 'meter')`))
      .addColumn('every', 'integer', (c) => c.notNull().check(sql`every > 0`))
      .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('fixed', 'floating')`))
      .addColumn('starts_on', 'date', (c) => c.notNull())
      .addColumn('shift', 'text', (c) => c.notNull().check(sql`shift in ('none', 'before', 'after')`))
      .addColumn('lead_days', 'integer', (c) => c.notNull().check(sql`lead_days >= 0`))
      .addColumn('meter', 'text')
      .addColumn('meter_start', 'numeric')
      .addColumn('lead_meter', 'numeric')
      .addColumn('checklist', 'jsonb', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('estimated_minutes', 'integer')
      .addColumn('instructions', 'text')
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('maintenance_plans_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('maintenance_plans_asset_fkey', ['tenant_id', 'asset_id'], 'it.assets', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('maintenance_plans_category_fkey', ['tenant_id', 'category_id'], 'it.categories', [
        'tenant_id',
        'id',
      ])
      .addCheckConstraint('maintenance_plans_target', sql`(asset_id is null) <> (category_id is null)`)
      .addCheckConstraint('maintenance_plans_meter', sql`(kind = 'meter') = (meter is not null)`)
      .execute();
    await db.schema
      .createIndex('maintenance_plans_asset_idx')
      .on('it.maintenance_plans')
      .columns(['tenant_id', 'asset_id'])
      .execute();
    await db.schema
      .createIndex('maintenance_plans_category_idx')
      .on('it.maintenance_plans')
      .columns(['tenant_id', 'category_id'])
      .execute();

    await db.schema
      .createTable('it.maintenance_progress')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('plan_id', 'uuid', (c) => c.notNull())
      .addColumn('asset_id', 'uuid', (c) => c.notNull())
      .addColumn('next_seq', 'integer', (c) => c.notNull().check(sql`next_seq >= 0`))
      .addColumn('anchor_on', 'date', (c) => c.notNull())
      .addColumn('last_done_on', 'date')
      .addPrimaryKeyConstraint('maintenance_progress_pkey', ['tenant_id', 'plan_id', 'asset_id'])
      .addForeignKeyConstraint('maintenance_progress_plan_fkey', ['tenant_id', 'plan_id'], 'it.maintenance_plans', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('maintenance_progress_asset_fkey', ['tenant_id', 'asset_id'], 'it.assets', [
        'tenant_id',
        'id',
      ])
      .execute();

    await db.schema
      .createTable('it.work_orders')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'uuid', (c) => c.notNull())
      .addColumn('asset_id', 'uuid', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_on', 'date', (c) => c.notNull())
      .addColumn('meter_due', 'numeric')
      .addColumn('checklist', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done', 'skipped')`))
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
      .addColumn('completed_at', 'timestamptz')
      .addColumn('completed_on', 'date')
      .addColumn('completed_by', 'text')
      .addColumn('completed_by_label', 'text')
      .addColumn('notes', 'text')
      .addColumn('minutes_spent', 'integer')
      .addColumn('parts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('cost_minor', 'bigint')
      .addColumn('currency', 'text')
      .addColumn('meter_reading', 'numeric')
      .addPrimaryKeyConstraint('work_orders_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('work_orders_number_key', ['tenant_id', 'number'])
      // One work order per (plan, asset, period): the schedule may run twice, the period opens once.
      .addUniqueConstraint('work_orders_period_key', ['tenant_id', 'plan_id', 'asset_id', 'seq'])
      .addForeignKeyConstraint('work_orders_plan_fkey', ['tenant_id', 'plan_id'], 'it.maintenance_plans', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('work_orders_asset_fkey', ['tenant_id', 'asset_id'], 'it.assets', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('work_orders_due_idx')
      .on('it.work_orders')
      .columns(['tenant_id', 'status', 'due_on'])
      .execute();
    await db.schema
      .createIndex('work_orders_asset_idx')
      .on('it.work_orders')
      .columns(['tenant_id', 'asset_id'])
      .execute();

    await db.schema
      .createTable('it.meter_readings')
      .addColumn('tenant_id', 'uuid', tenantCol)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('asset_id', 'uuid', (c) => c.notNull())
      .addColumn('meter', 'text', (c) => c.notNull())
      .addColumn('value', 'numeric', (c) => c.notNull().check(sql`value >= 0`))
      .addColumn('read_at', 'timestamptz', (c) => c.notNull())
      .addColumn('recorded_by', 'text')
      .addColumn('recorded_by_label', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('meter_readings_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('meter_readings_asset_fkey', ['tenant_id', 'asset_id'], 'it.assets', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('meter_readings_asset_idx')
      .on('it.meter_readings')
      .columns(['tenant_id', 'asset_id', 'meter', 'read_at'])
      .execute();

    for (const t of ['it.maintenance_plans', 'it.maintenance_progress', 'it.work_orders', 'it.meter_readings'])
      await enableTenantRls(db, t);
  },
};
