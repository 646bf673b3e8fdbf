import { defineWorkflow, problem, z } from '@bureau/core';
import { EMPLOYEE_LEFT, type EmployeeLeft } from '../contract.ts';
import { m } from './messages.ts';
import { ymd } from './services/dates.ts';

/**
 * An employee is active from hiring until they leave. Leaving (`terminate`) records the last day,
 * ends the contracts still running then, and emits `hr.employee.left` besides the workflow's own
 * `hr.employee.terminate` (status history, audit row, all in the request's transaction).
 */
export const employeeWorkflow = defineWorkflow({
  table: 'hr.employees',
  readPermission: 'hr.read',
  initial: 'active',
  states: {
    active: { label: { en: 'Active', cs: 'V pracovním poměru' }, tone: 'success' },
    left: { label: { en: 'Left', cs: 'Ukončen' }, tone: 'neutral' },
  },
  transitions: {
    terminate: {
      from: 'active',
      to: 'left',
      permission: 'hr.people.manage',
      label: { en: 'End employment', cs: 'Ukončit poměr' },
      danger: true,
      input: z.object({
        endDate: z.iso.date().meta({ label: { en: 'Last day', cs: 'Poslední den' } }),
      }),
      run: async ({ ctx, id, record, input }) => {
        const start = ymd(record.start_date);
        if (input.endDate < start) throw problem(400, m.end_before_employee_start, { date: start });
        const t = ctx.tenant.id;
        await ctx.db
          .updateTable('hr.employees')
          .set({ end_date: input.endDate })
          .where('tenant_id', '=', t)
          .where('id', '=', id)
          .execute();
        await ctx.db
          .updateTable('hr.contracts')
          .set({ end_date: input.endDate })
          .where('tenant_id', '=', t)
          .where('employee_id', '=', id)
          .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', input.endDate)]))
          .where('start_date', '<=', input.endDate)
          .execute();
        const left: EmployeeLeft = {
          employeeId: id,
          name: `${record.first_name} ${record.last_name}`,
          endDate: input.endDate,
        };
        await ctx.emit(EMPLOYEE_LEFT, left);
        return { endDate: input.endDate };
      },
    },
    rehire: {
      from: 'left',
      to: 'active',
      permission: 'hr.people.manage',
      label: { en: 'Rehire', cs: 'Znovu přijmout' },
      run: async ({ ctx, id }) => {
        await ctx.db
          .updateTable('hr.employees')
          .set({ end_date: null })
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
      },
    },
  },
});
