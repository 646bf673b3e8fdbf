import {
  defineRoute,
  json,
  jsonBody,
  listQuery,
  listResponse,
  type PluginRouter,
  problem,
  problemResponses,
  sendList,
  workflowRoutes,
  z,
} from '@bureau/core';
import { balance, LEAVE_KINDS, LeaveInput, requestLeave } from '../leave/service.ts';
import { leaveWorkflow } from '../leave/workflow.ts';
import { m } from '../messages.ts';
import { ymd } from '../services/dates.ts';
import { seesSensitive } from './employees.ts';

const tags = ['hr: leave'];
const IdParam = z.object({ id: z.uuid() });

const Leave = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    employeeName: z.string(),
    kind: z.enum(LEAVE_KINDS),
    startDate: z.string(),
    endDate: z.string(),
    days: z.string(),
    hours: z.string(),
    status: z.enum(['requested', 'approved', 'rejected', 'cancelled']),
    note: z.string().nullable(),
  })
  .openapi('HrLeave');
type Leave = z.infer<typeof Leave>;
const BalanceSchema = z
  .object({
    year: z.number(),
    dailyHours: z.number(),
    entitlementHours: z.number(),
    approvedHours: z.number(),
    requestedHours: z.number(),
    remainingHours: z.number(),
    entitlement: z.number().meta({ description: 'days, derived: hours / dailyHours' }),
    approved: z.number(),
    requested: z.number(),
    remaining: z.number(),
    basis: z.enum(['set', 'year', 'pro_rata', 'agreement', 'none']),
    weeksWorked: z.number().nullable(),
    weeks: z.number(),
  })
  .openapi('HrLeaveBalance');

const EntitlementInput = z
  .object({
    hours: z.number().min(0).max(1000).optional(),
    days: z.number().min(0).max(100).multipleOf(0.5).optional(),
    weeks: z.number().min(4).max(12).multipleOf(0.5).optional(),
  })
  .refine((v) => (v.hours === undefined ? 0 : 1) + (v.days === undefined ? 0 : 1) <= 1, {
    message: m.hours_or_days.ref,
    path: ['days'],
  })
  .openapi('HrLeaveEntitlementInput');

const toLeave = (r: Record<string, any>, sensitive = true): Leave => ({
  id: r.id,
  employeeId: r.employee_id,
  employeeName: `${r.first_name} ${r.last_name}`,
  kind: !sensitive && r.kind === 'sick' ? 'other' : r.kind,
  startDate: ymd(r.start_date),
  endDate: ymd(r.end_date),
  days: String(Number(r.days)),
  hours: String(Number(r.hours)),
  status: r.status,
  note: sensitive ? (r.note ?? null) : null,
});

const LeaveQuery = listQuery({
  sort: ['startDate'],
  defaultSort: 'startDate',
  defaultDir: 'desc',
  filters: {
    status: z.enum(['requested', 'approved', 'rejected', 'cancelled']).optional(),
    kind: z.enum(LEAVE_KINDS).optional(),
    employeeId: z.uuid().optional(),
  },
});

const select = (c: { var: { db: any; tenant: { id: string } } }) =>
  c.var.db
    .selectFrom('hr.leave_requests as l')
    .innerJoin('hr.employees as e', (j: any) =>
      j.onRef('e.tenant_id', '=', 'l.tenant_id').onRef('e.id', '=', 'l.employee_id'),
    )
    .selectAll('l')
    .select(['e.first_name', 'e.last_name'])
    .where('l.tenant_id', '=', c.var.tenant.id);

/**
 * Leave routes. Sick leave is health data: a reader without `hr.people.sensitive` or `hr.payroll.read`
 * sees it as "other" absence, without its note.
 */
export const leaveRoutes = (router: PluginRouter) =>
  workflowRoutes(
    router
      .openapi(
        defineRoute({
          method: 'get',
          path: '/leave',
          tags,
          summary: 'Leave requests: filter by status, kind, employee; format=csv|xlsx',
          permission: 'hr.read',
          request: { query: LeaveQuery },
          responses: { 200: listResponse(Leave), ...problemResponses(400, 401, 403) },
        }),
        async (c) => {
          const q = c.req.valid('query');
          let query = select(c);
          if (q.status) query = query.where('l.status', '=', q.status);
          if (q.kind) query = query.where('l.kind', '=', q.kind);
          if (q.employeeId) query = query.where('l.employee_id', '=', q.employeeId);
          return sendList(
            c,
            q,
            query,
            { sort: { startDate: 'l.start_date' }, id: 'l.id', search: ['e.first_name', 'e.last_name'] },
            (r: Record<string, any>) => toLeave(r, seesSensitive(c.var.grants)),
            {
              filename: 'leave',
              title: { en: 'Leave', cs: 'Nepřítomnost' },
              columns: [
                { header: { en: 'Employee', cs: 'Zaměstnanec' }, value: (l) => l.employeeName },
                { header: { en: 'Kind', cs: 'Druh' }, value: (l) => l.kind },
                { header: { en: 'From', cs: 'Od' }, value: (l) => l.startDate },
                { header: { en: 'To', cs: 'Do' }, value: (l) => l.endDate },
                { header: { en: 'Working days', cs: 'Pracovní dny' }, value: (l) => l.days },
                { header: { en: 'Hours', cs: 'Hodiny' }, value: (l) => l.hours },
                { header: { en: 'Status', cs: 'Stav' }, value: (l) => l.status },
              ],
            },
          );
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/leave',
          tags,
          summary:
            'Request leave (holiday, sick, other, unpaid) counted in hours of its working days; a holiday must fit the balance',
          permission: 'hr.people.manage',
          request: { body: jsonBody(LeaveInput) },
          responses: { 201: json(Leave, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
        }),
        async (c) => {
          const id = await requestLeave(c.var.ctx, c.req.valid('json'));
          await c.var.ctx.workflow(leaveWorkflow).start(id);
          const row = await select(c).where('l.id', '=', id).executeTakeFirstOrThrow();
          return c.json(toLeave(row), 201);
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/leave/{id}',
          tags,
          summary: 'One leave request',
          permission: 'hr.read',
          request: { params: IdParam },
          responses: { 200: json(Leave), ...problemResponses(400, 401, 403, 404) },
        }),
        async (c) => {
          const row = await select(c).where('l.id', '=', c.req.valid('param').id).executeTakeFirst();
          if (!row) throw problem(404, m.leave_not_found);
          return c.json(toLeave(row, seesSensitive(c.var.grants)), 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/employees/{id}/leave-balance',
          tags,
          summary: 'Holiday balance of a year in hours (days derived): entitlement, approved, requested, remaining',
          permission: 'hr.read',
          request: { params: IdParam, query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
          responses: { 200: json(BalanceSchema), ...problemResponses(400, 401, 403, 404) },
        }),
        async (c) => {
          const { id } = c.req.valid('param');
          const exists = await c.var.db
            .selectFrom('hr.employees')
            .select('id')
            .where('tenant_id', '=', c.var.tenant.id)
            .where('id', '=', id)
            .executeTakeFirst();
          if (!exists) throw problem(404, m.employee_not_found);
          return c.json(await balance(c.var.ctx, id, c.req.valid('query').year), 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'put',
          path: '/employees/{id}/leave-entitlements/{year}',
          tags,
          summary:
            "Set a year's holiday: hours (e.g. carried over), days (at the day's hours) or weeks (computed as the law's with more weeks); {} clears it",
          permission: 'hr.people.manage',
          request: {
            params: z.object({ id: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) }),
            body: jsonBody(EntitlementInput),
          },
          responses: { 200: json(BalanceSchema), ...problemResponses(400, 401, 403, 404) },
        }),
        async (c) => {
          const { id, year } = c.req.valid('param');
          const input = c.req.valid('json');
          const { db, tenant, ctx } = c.var;
          const exists = await db
            .selectFrom('hr.employees')
            .select('id')
            .where('tenant_id', '=', tenant.id)
            .where('id', '=', id)
            .executeTakeFirst();
          if (!exists) throw problem(404, m.employee_not_found);
          let hours: number | null = input.hours ?? null;
          if (input.days !== undefined) hours = input.days * (await balance(ctx, id, year)).dailyHours;
          const row = {
            hours: hours === null ? null : String(hours),
            weeks: input.weeks === undefined ? null : String(input.weeks),
          };
          await db
            .insertInto('hr.leave_entitlements')
            .values({ tenant_id: tenant.id, employee_id: id, year, ...row })
            .onConflict((oc: any) => oc.columns(['tenant_id', 'employee_id', 'year']).doUpdateSet(row))
            .execute();
          await ctx.audit({
            action: 'hr.leave.entitlement_set',
            entityType: 'hr.employee',
            entityId: id,
            after: { year, ...input },
          });
          return c.json(await balance(ctx, id, year), 200);
        },
      ),
    leaveWorkflow,
    { path: '/leave' },
  );
