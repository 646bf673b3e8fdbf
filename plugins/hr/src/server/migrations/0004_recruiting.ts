import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Recruiting: the tenant's pipeline stages, openings, candidates (one row per application, with the
 * offer and, once hired, the employee), interviews with their interviewers, and scorecards.
 */
export const recruiting: Migration = {
  async up(db: Kysely<any>) {
    const tenant = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');
    const fk = (name: string, cols: string[], table: string): [string, any[], string, any[]] => [
      name,
      ['tenant_id', ...cols],
      table,
      ['tenant_id', 'id'],
    ];

    await db.schema
      .createTable('hr.recruiting_stages')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('key', 'text')
      .addColumn('name', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('recruiting_stages_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('recruiting_stages_key_key', ['tenant_id', 'key'])
      .execute();
    await enableTenantRls(db, 'hr.recruiting_stages');

    await db.schema
      .createTable('hr.openings')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('department', 'text')
      .addColumn('position', 'text')
      .addColumn('manager_id', 'uuid')
      .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('contract_type', 'text')
      .addColumn('description', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('openings_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('openings_manager_fkey', ['manager_id'], 'hr.employees'))
      .execute();
    await db.schema.createIndex('openings_status_idx').on('hr.openings').columns(['tenant_id', 'status']).execute();
    await enableTenantRls(db, 'hr.openings');

    await db.schema
      .createTable('hr.candidates')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('opening_id', 'uuid', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('source', 'text')
      .addColumn('note', 'text')
      .addColumn('stage_id', 'uuid', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('consent_until', 'date')
      .addColumn('last_contact', 'date', (c) => c.notNull())
      .addColumn('closed_on', 'date')
      .addColumn('anonymised_at', 'timestamptz')
      .addColumn('offer_contract_type', 'text')
      .addColumn('offer_monthly_salary_minor', 'bigint')
      .addColumn('offer_hourly_rate_minor', 'bigint')
      .addColumn('offer_weekly_hours', 'numeric')
      .addColumn('offer_start_date', 'date')
      .addColumn('employee_id', 'uuid')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('candidates_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('candidates_opening_fkey', ['opening_id'], 'hr.openings'))
      .addForeignKeyConstraint(...fk('candidates_stage_fkey', ['stage_id'], 'hr.recruiting_stages'))
      .addForeignKeyConstraint(...fk('candidates_employee_fkey', ['employee_id'], 'hr.employees'))
      .addCheckConstraint('candidates_offer_type_check', sql`offer_contract_type in ('hpp', 'dpp', 'dpc')`)
      .execute();
    await db.schema
      .createIndex('candidates_opening_idx')
      .on('hr.candidates')
      .columns(['tenant_id', 'opening_id', 'status'])
      .execute();
    await db.schema
      .createIndex('candidates_retention_idx')
      .on('hr.candidates')
      .columns(['tenant_id', 'closed_on'])
      .where(sql.ref('anonymised_at'), 'is', null)
      .execute();
    await enableTenantRls(db, 'hr.candidates');

    await db.schema
      .createTable('hr.interviews')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('candidate_id', 'uuid', (c) => c.notNull())
      .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
      .addColumn('duration_minutes', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('location', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('interviews_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('interviews_candidate_fkey', ['candidate_id'], 'hr.candidates'))
      .execute();
    await db.schema
      .createIndex('interviews_candidate_idx')
      .on('hr.interviews')
      .columns(['tenant_id', 'candidate_id', 'starts_at'])
      .execute();
    await enableTenantRls(db, 'hr.interviews');

    await db.schema
      .createTable('hr.interview_interviewers')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('interview_id', 'uuid', (c) => c.notNull())
      .addColumn('employee_id', 'uuid', (c) => c.notNull())
      .addPrimaryKeyConstraint('interview_interviewers_pkey', ['tenant_id', 'interview_id', 'employee_id'])
      .addForeignKeyConstraint(...fk('interview_interviewers_interview_fkey', ['interview_id'], 'hr.interviews'))
      .addForeignKeyConstraint(...fk('interview_interviewers_employee_fkey', ['employee_id'], 'hr.employees'))
      .execute();
    await enableTenantRls(db, 'hr.interview_interviewers');

    await db.schema
      .createTable('hr.scorecards')
      .addColumn('tenant_id', 'uuid', tenant)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('interview_id', 'uuid', (c) => c.notNull())
      .addColumn('candidate_id', 'uuid', (c) => c.notNull())
      .addColumn('interviewer_id', 'uuid', (c) => c.notNull())
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('recommendation', 'text', (c) => c.notNull())
      .addColumn('criteria', 'jsonb', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('scorecards_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('scorecards_interviewer_key', ['tenant_id', 'interview_id', 'interviewer_id'])
      .addForeignKeyConstraint(...fk('scorecards_interview_fkey', ['interview_id'], 'hr.interviews'))
      .addForeignKeyConstraint(...fk('scorecards_candidate_fkey', ['candidate_id'], 'hr.candidates'))
      .addForeignKeyConstraint(...fk('scorecards_interviewer_fkey', ['interviewer_id'], 'hr.employees'))
      .addCheckConstraint('scorecards_rating_check', sql`rating between 1 and 5`)
      .execute();
    await db.schema
      .createIndex('scorecards_candidate_idx')
      .on('hr.scorecards')
      .columns(['tenant_id', 'candidate_id'])
      .execute();
    await enableTenantRls(db, 'hr.scorecards');
  },
};
