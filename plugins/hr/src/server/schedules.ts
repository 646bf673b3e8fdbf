import type { ScheduleDefinition } from '@bureau/core';
import { employeeWorkflow } from './workflow.ts';

/** A business date in Prague (`YYYY-MM-DD`) of an instant. */
const pragueDate = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(d);

/** Every night at 2:00, open employees whose due date has passed become overdue (through the workflow). */
export const markOverdue: ScheduleDefinition = {
  cron: '0 2 * * *',
  label: { en: 'Mark overdue employees', cs: 'Označit položky po termínu' },
  async run(ctx) {
    const today = pragueDate(ctx.schedule.scheduledAt);
    const late = await ctx.db
      .selectFrom('hr.employees')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('status', '=', 'open')
      .where('due_date', '<', today)
      .execute();
    for (const row of late) await ctx.transition(employeeWorkflow, row.id, 'lapse');
  },
};
