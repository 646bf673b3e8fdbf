import { sql } from 'kysely';
import { retentionSchedule } from './periods.ts';
import { type RecordsScope, today } from './scope.ts';

/** A client's records work at a glance for its provider: records past retention, held, and open person requests. */
export interface RecordsConsoleSummary {
  recordsDue: number;
  recordsHeld: number;
  subjectRequestsOpen: number;
  subjectRequestsOverdue: number;
}

export async function recordsConsoleSummary(s: RecordsScope): Promise<RecordsConsoleSummary> {
  const schedule = await retentionSchedule(s);
  const day = today(s.runtime);
  const requests = await s.db
    .selectFrom('core.subject_requests')
    .select([
      sql<number>`count(*)::int`.as('open'),
      sql<number>`(count(*) filter (where due_on < ${day}))::int`.as('overdue'),
    ])
    .where('tenant_id', '=', s.tenant.id)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return {
    recordsDue: schedule.classes.reduce((n, c) => n + c.due, 0),
    recordsHeld: schedule.classes.reduce((n, c) => n + c.held, 0),
    subjectRequestsOpen: requests.open,
    subjectRequestsOverdue: requests.overdue,
  };
}
