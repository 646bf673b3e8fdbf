import { defineRoute, formatMoney, json, type PluginRouter, problemResponses, z } from '@bureau/core';
import { attendanceOf } from '../leave/attendance.ts';
import { setPayInput } from '../payroll/inputs.ts';
import { loadRun } from '../payroll/run.ts';
import { RunInput } from './payroll.ts';

const tags = ['hr: leave'];
const Period = RunInput.shape.period;

const Row = z
  .object({
    employeeId: z.uuid(),
    number: z.string(),
    name: z.string(),
    scheduledHours: z.number(),
    workedHours: z.number(),
    holidayHours: z.number(),
    sickHours: z.number(),
    sickPayHours: z.number(),
    sickDays: z.number(),
    otherHours: z.number(),
    unpaidHours: z.number(),
    publicHolidayHours: z.number(),
  })
  .openapi('HrAttendance');

/**
 * The monthly attendance summary (sick hours are health data: `hr.payroll.read`) and the fill of a pay
 * run's inputs from it, through the pay-inputs service: hours worked, holiday, sick hours with days
 * 4–14 and calendar sick days are replaced; overtime, bonus and average earnings HR entered are kept.
 * Employees without a schedule (agreements without weekly hours) are left as HR entered them.
 */
export const attendanceRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/attendance',
        tags,
        summary: "A month's attendance per employee: worked, holiday, sick (days 4–14), other and unpaid hours",
        permission: 'hr.payroll.read',
        request: { query: z.object({ period: Period }) },
        responses: {
          200: json(z.object({ period: z.string(), items: z.array(Row) })),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => {
        const { period } = c.req.valid('query');
        const items = await attendanceOf(c.var.ctx, period);
        await c.var.ctx.auditRead('hr.attendance', period);
        return c.json({ period, items }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/payroll/runs/{id}/inputs/from-attendance',
        tags: ['hr: payroll'],
        summary: "Fill a draft or calculated run's inputs from the month's attendance (HR can still edit them)",
        permission: 'hr.payroll.manage',
        request: { params: z.object({ id: z.uuid() }) },
        responses: {
          200: json(z.object({ filled: z.number(), items: z.array(Row) })),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { ctx, db, tenant } = c.var;
        const { id } = c.req.valid('param');
        const run = await loadRun(ctx, id);
        const items = await attendanceOf(ctx, run.period);
        const existing = await db
          .selectFrom('hr.pay_inputs')
          .selectAll()
          .where('tenant_id', '=', tenant.id)
          .where('run_id', '=', id)
          .execute();
        const keep = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
        // Without a schedule (an agreement with no weekly hours) attendance says nothing: HR's hours stay.
        const scheduled = items.filter((a) => a.scheduledHours > 0 || a.publicHolidayHours > 0);
        for (const a of scheduled) {
          const had = existing.find((x) => x.employee_id === a.employeeId);
          await setPayInput(ctx, id, a.employeeId, {
            hours: a.workedHours,
            holidayHours: a.holidayHours,
            sickHours: a.sickHours,
            sickPayHours: a.sickPayHours,
            sickDays: a.sickDays,
            unpaidHours: a.unpaidHours,
            overtimeHours: keep(had?.overtime_hours),
            bonus: had?.bonus_minor == null ? undefined : formatMoney(had.bonus_minor),
            averageHourly: had?.average_hourly_minor == null ? undefined : formatMoney(had.average_hourly_minor),
          });
        }
        return c.json({ filled: scheduled.length, items }, 200);
      },
    );
