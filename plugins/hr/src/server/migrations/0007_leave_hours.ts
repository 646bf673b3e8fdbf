import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Leave in hours (zákoník práce § 211 ff. since 2021): requests and set entitlements keep hours; days
 * become derived. Existing rows are converted at the day's hours of the employee's contract (its
 * weekly hours / 5, an employment contract first, the latest first; 8 without one). An entitlement
 * may also be set as weeks of holiday (an employer giving 5 weeks) and then computed in hours.
 */
export const leaveHours: Migration = {
  async up(db: Kysely<any>) {
    const daily = (alias: string) => sql`coalesce((
      select c.weekly_hours / 5 from hr.contracts c
      where c.tenant_id = ${sql.ref(`${alias}.tenant_id`)} and c.employee_id = ${sql.ref(`${alias}.employee_id`)}
        and c.weekly_hours > 0
      order by (c.type = 'hpp') desc, c.start_date desc limit 1), 8)`;
    await db.schema.alterTable('hr.leave_requests').addColumn('hours', 'numeric').execute();
    await sql`update hr.leave_requests r set hours = r.days * ${daily('r')}`.execute(db);
    await db.schema
      .alterTable('hr.leave_requests')
      .alterColumn('hours', (c) => c.setNotNull())
      .execute();

    await db.schema
      .alterTable('hr.leave_entitlements')
      .addColumn('hours', 'numeric')
      .addColumn('weeks', 'numeric')
      .execute();
    await sql`update hr.leave_entitlements e set hours = e.days * ${daily('e')}`.execute(db);
    await db.schema
      .alterTable('hr.leave_entitlements')
      .alterColumn('days', (c) => c.dropNotNull())
      .execute();
  },
};
