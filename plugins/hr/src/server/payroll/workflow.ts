import { defineWorkflow, problem } from '@bureau/core';
import { PAYROLL_YEARS } from '../data/payroll-cz.ts';
import { m } from '../messages.ts';
import { pragueDate } from '../services/dates.ts';
import { postAccrual, postPayment } from './posting.ts';
import { calculateRun } from './run.ts';

/**
 * A monthly pay run: draft → calculated → approved → paid. Calculating (again) replaces the payslips;
 * `reopen` takes a calculated run back to draft. With four-eyes on, the person who calculated the run
 * cannot approve it. With accounting enabled, approving posts the wages and paying posts the net pay
 * sent by transfer (payroll/posting.ts); an approved run is never reopened — as in Pohoda's payroll
 * (PAMICA), where payroll documents handed over to accounting can no longer be changed or deleted,
 * a correction goes into the next month's run.
 */
export const payRunWorkflow = defineWorkflow({
  table: 'hr.pay_runs',
  readPermission: 'hr.payroll.read',
  initial: 'draft',
  states: {
    draft: { label: { en: 'Draft', cs: 'Rozpracováno' } },
    calculated: { label: { en: 'Calculated', cs: 'Spočítáno' }, tone: 'info' },
    approved: { label: { en: 'Approved', cs: 'Schváleno' }, tone: 'warning' },
    paid: { label: { en: 'Paid', cs: 'Vyplaceno' }, tone: 'success', final: true },
  },
  transitions: {
    calculate: {
      from: ['draft', 'calculated'],
      to: 'calculated',
      permission: 'hr.payroll.manage',
      label: { en: 'Calculate', cs: 'Spočítat' },
      run: async ({ ctx, id, record }) => {
        const year = Number(String(record.period).slice(0, 4));
        if (!PAYROLL_YEARS[year]) throw problem(409, m.no_payroll_year, { year: String(year) });
        const result = await calculateRun(ctx, id);
        await ctx.db
          .updateTable('hr.pay_runs')
          .set({ calculated_by: ctx.actor?.userId ?? ctx.actor?.tokenId ?? null })
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
        return result;
      },
    },
    reopen: {
      from: 'calculated',
      to: 'draft',
      permission: 'hr.payroll.manage',
      label: { en: 'Reopen', cs: 'Vrátit k úpravám' },
    },
    approve: {
      from: 'calculated',
      to: 'approved',
      permission: 'hr.payroll.approve',
      label: { en: 'Approve', cs: 'Schválit' },
      guard: async (ctx, run) => {
        const me = ctx.actor?.userId ?? ctx.actor?.tokenId ?? null;
        if (run.four_eyes && me && run.calculated_by === me) return m.four_eyes;
        return true;
      },
      run: async ({ ctx, record }) => {
        const entry = await postAccrual(ctx, record);
        return entry ? { entryId: entry.id } : undefined;
      },
    },
    pay: {
      from: 'approved',
      to: 'paid',
      permission: 'hr.payroll.approve',
      label: { en: 'Mark paid', cs: 'Označit jako vyplacené' },
      run: async ({ ctx, record }) => {
        const entry = await postPayment(ctx, record, pragueDate(ctx.now()));
        return entry ? { paymentEntryId: entry.id } : undefined;
      },
    },
  },
});
