import {
  defineRoute,
  formatMoney,
  json,
  jsonBody,
  listQuery,
  listResponse,
  newId,
  type PluginRouter,
  parseMoney,
  problem,
  problemResponses,
  sendList,
  workflowRoutes,
  z,
} from '@bureau/core';
import { fm } from '../../field-messages.ts';
import { m } from '../messages.ts';
import { setPayInput } from '../payroll/inputs.ts';
import { runPosting } from '../payroll/posting.ts';
import { loadRun, payslipsOf, toPayslipView } from '../payroll/run.ts';
import { payRunWorkflow } from '../payroll/workflow.ts';

const tags = ['hr: payroll'];
const IdParam = z.object({ id: z.uuid() });
const Period = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, fm.period.ref);
const Hours = z.union([z.number().min(0).max(744), z.string().regex(/^\d{1,3}(\.\d{1,2})?$/)]);
const Amount = z.union([z.number().min(0).max(99_999_999), z.string().regex(/^\d{1,8}(\.\d{1,2})?$/)]);

export const RunInput = z.object({ period: Period, fourEyes: z.boolean().optional() });
export const PayInput = z.object({
  hours: Hours.optional(),
  overtimeHours: Hours.optional(),
  holidayHours: Hours.optional(),
  sickHours: Hours.optional(),
  /** Of the sick hours, those of days 4–14 of the sickness (paid as náhrada mzdy). */
  sickPayHours: Hours.optional(),
  /** Calendar days of sickness in the month (they reduce the minimum health base). */
  sickDays: z.number().int().min(0).max(31).optional(),
  /** Hours of unpaid leave (neplacené volno): a monthly salary is reduced by them. */
  unpaidHours: Hours.optional(),
  bonus: Amount.optional(),
  /** Average hourly earnings, when the previous quarter is not in Bureau. */
  averageHourly: Amount.optional(),
});

const RunSchema = z
  .object({
    id: z.uuid(),
    period: z.string(),
    status: z.enum(['draft', 'calculated', 'approved', 'paid']),
    fourEyes: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('HrPayRun');
const Slip = z.object({ employeeId: z.uuid(), gross: z.string(), net: z.string() }).loose();
const EntryRef = z.object({ id: z.uuid(), number: z.string(), date: z.string() });
const RunDetail = RunSchema.extend({
  payslips: z.array(Slip),
  inputs: z.array(z.object({ employeeId: z.uuid() }).loose()),
  totals: z.record(z.string(), z.string()),
  posting: z
    .object({ wages: EntryRef.nullable(), payment: EntryRef.nullable() })
    .nullable()
    .openapi({ description: 'The journal entries the run posted; null when accounting is not enabled' }),
}).openapi('HrPayRunDetail');

const toRun = (r: Record<string, any>) => ({
  id: r.id as string,
  period: r.period as string,
  status: r.status,
  fourEyes: r.four_eyes as boolean,
  createdAt: new Date(r.created_at).toISOString(),
});

const RunQuery = listQuery({
  sort: ['period'],
  defaultSort: 'period',
  defaultDir: 'desc',
  filters: { status: z.enum(['draft', 'calculated', 'approved', 'paid']).optional(), period: Period.optional() },
});

const TOTAL_FIELDS = [
  'gross',
  'net',
  'socialEmployee',
  'healthEmployee',
  'taxAdvance',
  'withholdingTax',
  'taxBonus',
  'socialEmployer',
  'healthEmployer',
  'employerCost',
];

export const payrollRoutes = (router: PluginRouter) =>
  workflowRoutes(
    router
      .openapi(
        defineRoute({
          method: 'get',
          path: '/payroll/runs',
          tags,
          summary: 'Pay runs, newest period first',
          permission: 'hr.payroll.read',
          request: { query: RunQuery },
          responses: { 200: listResponse(RunSchema), ...problemResponses(400, 401, 403) },
        }),
        async (c) => {
          const q = c.req.valid('query');
          let query = c.var.db.selectFrom('hr.pay_runs as r').selectAll('r').where('r.tenant_id', '=', c.var.tenant.id);
          if (q.status) query = query.where('r.status', '=', q.status);
          if (q.period) query = query.where('r.period', '=', q.period);
          return sendList(c, q, query, { sort: { period: 'r.period' }, id: 'r.id', search: ['r.period'] }, toRun, {
            filename: 'pay-runs',
            title: { en: 'Pay runs', cs: 'Mzdová zpracování' },
            columns: [
              { header: { en: 'Period', cs: 'Období' }, value: (r) => r.period },
              { header: { en: 'Status', cs: 'Stav' }, value: (r) => r.status },
            ],
          });
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/payroll/runs',
          tags,
          summary: 'Open the pay run of a month (draft); one per month',
          permission: 'hr.payroll.manage',
          request: { body: jsonBody(RunInput) },
          responses: { 201: json(RunSchema, 'Created'), ...problemResponses(400, 401, 403, 409) },
        }),
        async (c) => {
          const { period, fourEyes } = c.req.valid('json');
          const { db, tenant, ctx } = c.var;
          const exists = await db
            .selectFrom('hr.pay_runs')
            .select(['id', 'status'])
            .where('tenant_id', '=', tenant.id)
            .where('period', '=', period)
            .executeTakeFirst();
          if (exists)
            throw problem(409, m.run_exists, { period, status: exists.status }, { extra: { runId: exists.id } });
          const id = newId();
          const row = await db
            .insertInto('hr.pay_runs')
            .values({
              tenant_id: tenant.id,
              id,
              period,
              status: payRunWorkflow.initial,
              four_eyes: fourEyes ?? false,
              created_at: ctx.now(),
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await ctx.workflow(payRunWorkflow).start(id);
          await ctx.audit({ action: 'hr.pay_run.created', entityType: 'hr.pay_run', entityId: id, after: { period } });
          return c.json(toRun(row), 201);
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/payroll/runs/{id}',
          tags,
          summary: 'A pay run with its inputs, payslips (amounts as decimal strings) and totals; audited',
          permission: 'hr.payroll.read',
          request: { params: IdParam },
          responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404) },
        }),
        async (c) => {
          const { ctx, tenant, db } = c.var;
          const run = await loadRun(ctx, c.req.valid('param').id);
          const payslips = (await payslipsOf(ctx, run.id)).map(toPayslipView);
          const inputs = await db
            .selectFrom('hr.pay_inputs')
            .selectAll()
            .where('tenant_id', '=', tenant.id)
            .where('run_id', '=', run.id)
            .execute();
          await ctx.auditRead('hr.pay_run', run.id);
          const totals = Object.fromEntries(
            TOTAL_FIELDS.map((k) => [
              k,
              formatMoney(payslips.reduce((s, p) => s + BigInt(parseMoney(String(p[k])) ?? 0n), 0n)),
            ]),
          );
          return c.json(
            {
              ...toRun(run),
              payslips,
              inputs: inputs.map((i) => ({
                employeeId: i.employee_id,
                hours: i.hours === null ? null : String(Number(i.hours)),
                overtimeHours: i.overtime_hours === null ? null : String(Number(i.overtime_hours)),
                holidayHours: i.holiday_hours === null ? null : String(Number(i.holiday_hours)),
                sickHours: i.sick_hours === null ? null : String(Number(i.sick_hours)),
                sickPayHours: i.sick_pay_hours === null ? null : String(Number(i.sick_pay_hours)),
                sickDays: i.sick_days,
                unpaidHours: i.unpaid_hours === null ? null : String(Number(i.unpaid_hours)),
                bonus: i.bonus_minor === null ? null : formatMoney(i.bonus_minor),
                averageHourly: i.average_hourly_minor === null ? null : formatMoney(i.average_hourly_minor),
              })),
              totals,
              posting: await runPosting(ctx, run.id),
            },
            200,
          );
        },
      )
      .openapi(
        defineRoute({
          method: 'put',
          path: '/payroll/runs/{id}/inputs/{employeeId}',
          tags,
          summary:
            "An employee's inputs for the month (hours, overtime, holiday, sickness, bonus); while draft or calculated",
          permission: 'hr.payroll.manage',
          request: { params: z.object({ id: z.uuid(), employeeId: z.uuid() }), body: jsonBody(PayInput) },
          responses: {
            200: json(z.object({ employeeId: z.uuid() }).loose()),
            ...problemResponses(400, 401, 403, 404, 409),
          },
        }),
        async (c) => {
          const { id, employeeId } = c.req.valid('param');
          const input = c.req.valid('json');
          await setPayInput(c.var.ctx, id, employeeId, input);
          return c.json({ employeeId, ...input }, 200);
        },
      ),
    payRunWorkflow,
    { path: '/payroll/runs' },
  );
