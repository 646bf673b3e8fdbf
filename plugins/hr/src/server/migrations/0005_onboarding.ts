import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Onboarding and training: checklist templates per position with their tasks (for HR, the manager,
 * IT and the employee), the checklists a hire starts, courses with their validity, and the trainings
 * employees completed (certificates with an expiry the nightly schedule flags).
 */
export const onboarding: Migration = {
  async up(db: Kysely<any>) {
    const tenant = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');
    const fk = (name: string, cols: string[], table: string): [string, any[], string, any[]] => [
      name,
      ['tenant_id', ...cols],
      table,
      ['tenant_id', 'id'],
    ];
    const assignee = sql`assignee in ('hr', 'manager', 'it', 'employee')`;

    await db.schema
      .createTable('hr.onboarding_templates')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('onboarding_templates_pkey', ['tenant_id', 'id'])
      .execute();
    await enableTenantRls(db, 'hr.onboarding_templates');

    await db.schema
      .createTable('hr.onboarding_template_tasks')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('template_id', 'uuid', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text', (c) => c.notNull())
      .addColumn('due_days', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('onboarding_template_tasks_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(
        ...fk('onboarding_template_tasks_template_fkey', ['template_id'], 'hr.onboarding_templates'),
        (c) => c.onDelete('cascade'),
      )
      .addCheckConstraint('onboarding_template_tasks_assignee_check', assignee)
      .execute();
    await db.schema
      .createIndex('onboarding_template_tasks_template_idx')
      .on('hr.onboarding_template_tasks')
      .columns(['tenant_id', 'template_id'])
      .execute();
    await enableTenantRls(db, 'hr.onboarding_template_tasks');

    await db.schema
      .createTable('hr.onboarding_checklists')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('template_id', 'uuid')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('onboarding_checklists_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('onboarding_checklists_employee_fkey', ['employee_id'], 'hr.employees'))
      .execute();
    await db.schema
      .createIndex('onboarding_checklists_employee_idx')
      .on('hr.onboarding_checklists')
      .columns(['tenant_id', 'employee_id'])
      .execute();
    await enableTenantRls(db, 'hr.onboarding_checklists');

    await db.schema
      .createTable('hr.onboarding_tasks')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('checklist_id', 'uuid', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text', (c) => c.notNull())
      .addColumn('due_date', 'date', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('done_at', 'timestamptz')
      .addColumn('done_by', 'text')
      .addPrimaryKeyConstraint('onboarding_tasks_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('onboarding_tasks_checklist_fkey', ['checklist_id'], 'hr.onboarding_checklists'))
      .addCheckConstraint('onboarding_tasks_assignee_check', assignee)
      .execute();
    await db.schema
      .createIndex('onboarding_tasks_checklist_idx')
      .on('hr.onboarding_tasks')
      .columns(['tenant_id', 'checklist_id'])
      .execute();
    await db.schema
      .createIndex('onboarding_tasks_open_idx')
      .on('hr.onboarding_tasks')
      .columns(['tenant_id', 'assignee', 'due_date'])
      .execute();
    await enableTenantRls(db, 'hr.onboarding_tasks');

    await db.schema
      .createTable('hr.courses')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('validity_months', 'integer')
      .addColumn('remind_days', 'integer', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('courses_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('courses_name_key', ['tenant_id', 'name'])
      .execute();
    await enableTenantRls(db, 'hr.courses');

    await db.schema
      .createTable('hr.trainings')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('course_id', 'uuid', (c) => c.notNull())
      .addColumn('completed_on', 'date', (c) => c.notNull())
      .addColumn('expires_on', 'date')
      .addColumn('certificate', 'text')
      .addColumn('flagged_on', 'date')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('trainings_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('trainings_employee_fkey', ['employee_id'], 'hr.employees'))
      .addForeignKeyConstraint(...fk('trainings_course_fkey', ['course_id'], 'hr.courses'))
      .execute();
    await db.schema
      .createIndex('trainings_employee_idx')
      .on('hr.trainings')
      .columns(['tenant_id', 'employee_id', 'course_id'])
      .execute();
    await db.schema
      .createIndex('trainings_expiry_idx')
      .on('hr.trainings')
      .columns(['tenant_id', 'expires_on'])
      .execute();
    await enableTenantRls(db, 'hr.trainings');
  },
};
