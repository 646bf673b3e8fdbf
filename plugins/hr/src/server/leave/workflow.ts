import { defineWorkflow, problem, z } from '@bureau/core';
import { m } from '../messages.ts';
import { pragueDate, ymd } from '../services/dates.ts';
import { balance } from './service.ts';

/**
 * A leave request: requested → approved or rejected (by someone with `hr.leave.approve`);
 * requested or approved → cancelled (by HR, or withdrawn by the employee: while requested, or
 * approved but not yet begun). Approving a holiday checks the balance again.
 */
export const leaveWorkflow = defineWorkflow({
  table: 'hr.leave_requests',
  readPermission: 'hr.read',
  initial: 'requested',
  states: {
    requested: { label: { en: 'Requested', cs: 'Požádáno' }, tone: 'info' },
    approved: { label: { en: 'Approved', cs: 'Schváleno' }, tone: 'success' },
    rejected: { label: { en: 'Rejected', cs: 'Zamítnuto' }, tone: 'danger', final: true },
    cancelled: { label: { en: 'Cancelled', cs: 'Zrušeno' }, tone: 'neutral', final: true },
  },
  transitions: {
    approve: {
      from: 'requested',
      to: 'approved',
      permission: 'hr.leave.approve',
      label: { en: 'Approve', cs: 'Schválit' },
      run: async ({ ctx, record }) => {
        if (record.kind !== 'holiday') return;
        const year = Number(ymd(record.start_date).slice(0, 4));
        const b = await balance(ctx, record.employee_id, year);
        // The status is already approved here: the balance counts this request among the approved ones.
        if (b.approvedHours > b.entitlementHours + 1e-9)
          throw problem(409, m.leave_exceeds_balance, {
            remaining: b.entitlementHours - b.approvedHours + Number(record.hours),
            hours: Number(record.hours),
          });
      },
    },
    reject: {
      from: 'requested',
      to: 'rejected',
      permission: 'hr.leave.approve',
      label: { en: 'Reject', cs: 'Zamítnout' },
      danger: true,
      input: z.object({
        reason: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .meta({ label: { en: 'Reason', cs: 'Důvod' } }),
      }),
    },
    cancel: {
      from: ['requested', 'approved'],
      to: 'cancelled',
      permission: 'hr.people.manage',
      label: { en: 'Cancel', cs: 'Zrušit' },
      danger: true,
    },
    withdraw: {
      from: ['requested', 'approved'],
      to: 'cancelled',
      permission: 'hr.self',
      label: { en: 'Withdraw my request', cs: 'Zrušit moji žádost' },
      danger: true,
      guard: async (ctx, record) => {
        const userId = ctx.actor?.userId;
        if (!userId) return m.leave_not_own;
        const own = await ctx.db
          .selectFrom('hr.employees')
          .select('id')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', record.employee_id)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (!own) return m.leave_not_own;
        if (record.status === 'approved' && ymd(record.start_date) <= pragueDate(ctx.now())) return m.leave_begun;
        return true;
      },
    },
  },
});
