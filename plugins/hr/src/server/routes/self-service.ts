import {
  defineRoute,
  formatMoney,
  json,
  jsonBody,
  type PluginContext,
  type PluginRouter,
  problem,
  problemResponses,
  requestLocale,
  z,
} from '@bureau/core';
import { balance, LeaveInput, requestLeave } from '../leave/service.ts';
import { leaveWorkflow } from '../leave/workflow.ts';
import { m } from '../messages.ts';
import { toTraining, trainingsQuery } from '../onboarding/training.ts';
import { payslipPdf } from '../payroll/pdf.ts';
import { toPayslipView } from '../payroll/run.ts';
import { pragueDate, ymd } from '../services/dates.ts';
import { pdfResponse } from './pdf-response.ts';

const tags = ['hr: self-service'];

/** The employee the signed-in member is (404 `not_linked` for one who is not linked to an employee). */
export async function myEmployee(ctx: PluginContext) {
  const userId = ctx.actor?.userId;
  const row = userId
    ? await ctx.db
        .selectFrom('hr.employees')
        .select(['id', 'number', 'first_name', 'last_name', 'position', 'department', 'manager_id'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('user_id', '=', userId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw problem(404, m.not_linked);
  return row;
}

const MyLeave = LeaveInput.omit({ employeeId: true });

const Me = z
  .object({
    employee: z.object({
      id: z.uuid(),
      number: z.string(),
      name: z.string(),
      position: z.string().nullable(),
      department: z.string().nullable(),
    }),
    balance: z.object({ year: z.number() }).loose(),
    leave: z.array(z.object({ id: z.uuid() }).loose()),
    trainings: z.array(z.object({ id: z.uuid() }).loose()),
    payslips: z.array(z.object({ runId: z.uuid(), period: z.string(), gross: z.string(), net: z.string() })),
  })
  .openapi('HrMe');

/**
 * Self-service for a member linked to an employee (`hr.self`, which every member holds): their own
 * record, holiday balance and leave (a new request, and withdrawing one while it waits or before an
 * approved one begins), certificates and the payslips of approved or paid runs with their PDF
 * (audited). Nothing here takes another employee's id. Tax documents: routes/my-tax-documents.ts.
 */
export const selfServiceRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/me',
        tags,
        summary: 'My HR: my employee record, holiday balance, leave, certificates and payslips',
        permission: 'hr.self',
        request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
        responses: { 200: json(Me), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx, db, tenant } = c.var;
        const me = await myEmployee(ctx);
        const today = pragueDate(ctx.now());
        const year = c.req.valid('query').year ?? Number(today.slice(0, 4));
        const leave = await db
          .selectFrom('hr.leave_requests')
          .select(['id', 'kind', 'start_date', 'end_date', 'days', 'hours', 'status'])
          .where('tenant_id', '=', tenant.id)
          .where('employee_id', '=', me.id)
          .where('start_date', '>=', `${year}-01-01`)
          .where('start_date', '<=', `${year}-12-31`)
          .orderBy('start_date', 'desc')
          .execute();
        const trainings = await trainingsQuery(c.var)
          .where('tr.employee_id', '=', me.id)
          .orderBy('tr.completed_on', 'desc')
          .execute();
        const slips = await db
          .selectFrom('hr.payslips as p')
          .innerJoin('hr.pay_runs as r', (j) =>
            j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.run_id'),
          )
          .select(['p.run_id', 'r.period', 'p.gross_minor', 'p.net_minor'])
          .where('p.tenant_id', '=', tenant.id)
          .where('p.employee_id', '=', me.id)
          .where('r.status', 'in', ['approved', 'paid'])
          .orderBy('r.period', 'desc')
          .execute();
        return c.json(
          {
            employee: {
              id: me.id,
              number: me.number,
              name: `${me.first_name} ${me.last_name}`,
              position: me.position ?? null,
              department: me.department ?? null,
            },
            balance: await balance(ctx, me.id, year),
            leave: leave.map((l) => ({
              id: l.id,
              kind: l.kind,
              startDate: ymd(l.start_date),
              endDate: ymd(l.end_date),
              days: String(Number(l.days)),
              hours: String(Number(l.hours)),
              status: l.status,
            })),
            trainings: trainings.filter((r) => !r.superseded).map((r) => toTraining(r, today)),
            payslips: slips.map((s) => ({
              runId: s.run_id,
              period: s.period,
              gross: formatMoney(s.gross_minor),
              net: formatMoney(s.net_minor),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/me/leave',
        tags,
        summary: 'Request my own leave; it waits for approval like any other',
        permission: 'hr.self',
        request: { body: jsonBody(MyLeave) },
        responses: {
          201: json(z.object({ id: z.uuid() }).loose(), 'Created'),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const me = await myEmployee(c.var.ctx);
        const id = await requestLeave(c.var.ctx, { ...c.req.valid('json'), employeeId: me.id });
        await c.var.ctx.workflow(leaveWorkflow).start(id);
        return c.json({ id, status: 'requested' }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/me/leave/{id}/cancel',
        tags,
        summary:
          'Withdraw my own leave request while it waits, or an approved one before it begins (409 `transition_blocked` after)',
        permission: 'hr.self',
        request: { params: z.object({ id: z.uuid() }) },
        responses: {
          200: json(z.object({ id: z.uuid(), status: z.string() })),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { ctx, db, tenant } = c.var;
        const me = await myEmployee(ctx);
        const { id } = c.req.valid('param');
        const mine = await db
          .selectFrom('hr.leave_requests')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', id)
          .where('employee_id', '=', me.id)
          .executeTakeFirst();
        if (!mine) throw problem(404, m.leave_not_found);
        const r = await ctx.workflow(leaveWorkflow).transition(id, 'withdraw');
        return c.json({ id, status: r.to }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/me/payslips/{runId}/pdf',
        tags,
        summary: 'My payslip of an approved or paid run as PDF (?lang=cs|en); audited',
        permission: 'hr.self',
        request: {
          params: z.object({ runId: z.uuid() }),
          query: z.object({ lang: z.enum(['cs', 'en']).optional() }),
        },
        responses: {
          200: pdfResponse,
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { ctx, db, tenant } = c.var;
        const me = await myEmployee(ctx);
        const { runId } = c.req.valid('param');
        const row = await db
          .selectFrom('hr.payslips as p')
          .innerJoin('hr.pay_runs as r', (j) =>
            j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.run_id'),
          )
          .selectAll('p')
          .select('r.period')
          .where('p.tenant_id', '=', tenant.id)
          .where('p.run_id', '=', runId)
          .where('p.employee_id', '=', me.id)
          .where('r.status', 'in', ['approved', 'paid'])
          .orderBy('p.id')
          .executeTakeFirst();
        if (!row) throw problem(404, m.payslip_not_found);
        await ctx.auditRead('hr.pay_run', runId);
        await ctx.auditRead('hr.employee', me.id);
        const lang = c.req.valid('query').lang ?? requestLocale(c);
        const pdf = await payslipPdf(toPayslipView(row), { employer: tenant.name, period: row.period, lang });
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="payslip-${row.period}-${me.number}.pdf"`,
        }) as never;
      },
    );
