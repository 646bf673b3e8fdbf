import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Training sessions with their attendees (attendance issues the certificate: a training row),
 * the reminders sent before and after a certificate's expiry (one row per stage, so each is sent
 * once), and an employee's link to a Bureau member (their manager is told, and self-service).
 */
export const trainingSessions: Migration = {
  async up(db: Kysely<any>) {
    const tenant = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');
    await db.schema
      .createTable('hr.training_sessions')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('course_id', 'uuid', (c) => c.notNull())
      .addColumn('held_on', 'date', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('trainer', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('training_sessions_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('training_sessions_course_fkey', ['tenant_id', 'course_id'], 'hr.courses', [
        'tenant_id',
        'id',
      ])
      .execute();
    await enableTenantRls(db, 'hr.training_sessions');

    await db.schema
      .createTable('hr.session_attendees')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('session_id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addColumn('attended', 'boolean')
      .addColumn('training_id', 'uuid')
      .addPrimaryKeyConstraint('session_attendees_pkey', ['tenant_id', 'session_id', 'employee_id'])
      .addForeignKeyConstraint('session_attendees_session_fkey', ['tenant_id', 'session_id'], 'hr.training_sessions', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('session_attendees_employee_fkey', ['tenant_id', 'employee_id'], 'hr.employees', [
        'tenant_id',
        'id',
      ])
      .execute();
    await enableTenantRls(db, 'hr.session_attendees');

    await db.schema
      .createTable('hr.training_reminders')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('training_id', 'uuid', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('due', 'expired')`))
      .addColumn('sent_on', 'date', (c) => c.notNull())
      .addPrimaryKeyConstraint('training_reminders_pkey', ['tenant_id', 'training_id', 'stage'])
      .addForeignKeyConstraint('training_reminders_training_fkey', ['tenant_id', 'training_id'], 'hr.trainings', [
        'tenant_id',
        'id',
      ])
      .execute();
    await enableTenantRls(db, 'hr.training_reminders');

    await db.schema.alterTable('hr.employees').addColumn('user_id', 'uuid').execute();
    await sql`create unique index employees_user_key on hr.employees (tenant_id, user_id) where user_id is not null`.execute(
      db,
    );
  },
};
