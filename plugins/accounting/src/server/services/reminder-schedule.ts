import type { ScheduleDefinition } from '@bureau/core';
import { dateOf } from './dates.ts';
import { prepareDueReminders } from './reminders.ts';

/**
 * Every morning: prepares the reminders overdue invoices have become due for, for a person to review
 * and send; only a tenant that turned auto-send on has them sent by the run itself.
 */
export const reminderSchedule: ScheduleDefinition = {
  cron: '0 6 * * *',
  label: { en: 'Prepare reminders of overdue invoices', cs: 'Připravit upomínky faktur po splatnosti' },
  async run(ctx) {
    await prepareDueReminders(ctx, dateOf(ctx.schedule.scheduledAt));
  },
};
