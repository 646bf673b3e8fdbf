import {
  defineRoute,
  formatMoney,
  json,
  jsonBody,
  listQuery,
  listResponse,
  newId,
  type PluginRouter,
  Problem,
  parseMoney,
  problem,
  problemResponses,
  sendList,
  workflowRoutes,
  z,
} from '@bureau/core';
import { EMPLOYEE_CREATED, type EmployeeCreated } from '../contract.ts';
import { EmployeeInput } from '../schema.ts';
import { m } from './messages.ts';
import { employeeWorkflow } from './workflow.ts';

export const Employee = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    status: z.string(),
    dueDate: z.string().nullable(),
    amount: z.string().nullable(),
    currency: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('HrEmployee');
export type Employee = z.infer<typeof Employee>;

/** A `date` column from either driver (PGlite gives a Date at UTC midnight, pg a string). */
const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

const toEmployee = (r: Record<string, any>): Employee => ({
  id: r.id,
  code: r.code,
  name: r.name,
  status: r.status,
  dueDate: r.due_date ? ymd(r.due_date) : null,
  amount: r.amount_minor === null ? null : formatMoney(r.amount_minor),
  currency: r.currency ?? null,
  note: r.note ?? null,
  createdAt: new Date(r.created_at).toISOString(),
});

const EmployeeQuery = listQuery({
  sort: ['createdAt', 'code', 'name', 'dueDate', 'status'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { status: z.enum(['open', 'overdue', 'done', 'cancelled']).optional() },
});

const tags = ['hr'];

const employeeRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees',
        tags,
        summary: 'Employees: search, filter, sort, pages; format=csv|xlsx exports the filter',
        permission: 'hr.read',
        request: { query: EmployeeQuery },
        responses: { 200: listResponse(Employee), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = c.var.db.selectFrom('hr.employees as i').selectAll('i').where('i.tenant_id', '=', c.var.tenant.id);
        if (q.status) query = query.where('i.status', '=', q.status);
        return sendList(
          c,
          q,
          query,
          {
            sort: {
              createdAt: 'i.created_at',
              code: 'i.code',
              name: 'i.name',
              dueDate: 'i.due_date',
              status: 'i.status',
            },
            id: 'i.id',
            search: ['i.code', 'i.name', 'i.note'],
          },
          toEmployee,
          {
            filename: 'employees',
            title: { en: 'Employees', cs: 'Employees' },
            columns: [
              { header: { en: 'Code', cs: 'Kód' }, value: (i) => i.code },
              { header: { en: 'Name', cs: 'Název' }, value: (i) => i.name },
              { header: { en: 'Status', cs: 'Stav' }, value: (i) => i.status },
              { header: { en: 'Due date', cs: 'Termín' }, value: (i) => i.dueDate },
              { header: { en: 'Amount', cs: 'Částka' }, value: (i) => i.amount, amount: true },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/employees',
        tags,
        summary: 'Create a employee (open); emits hr.employee.created',
        permission: 'hr.manage',
        request: { body: jsonBody(EmployeeInput) },
        responses: { 201: json(Employee, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const id = newId();
        const code = input.code ?? id.slice(-8).toUpperCase();
        const taken = await db
          .selectFrom('hr.employees')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('code', '=', code)
          .executeTakeFirst();
        if (taken)
          throw problem(
            409,
            m.code_taken,
            { code },
            { errors: [{ path: 'code', message: m.code_taken, params: { code } }] },
          );
        const row = await db
          .insertInto('hr.employees')
          .values({
            tenant_id: tenant.id,
            id,
            code,
            name: input.name,
            status: employeeWorkflow.initial,
            due_date: input.dueDate ?? null,
            amount_minor: input.amount ? String(parseMoney(input.amount)) : null,
            currency: input.amount ? (input.currency ?? tenant.currency) : null,
            note: input.note ?? null,
            created_at: ctx.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const item = toEmployee(row);
        const payload: EmployeeCreated = { employeeId: id, name: item.name };
        await ctx.emit(EMPLOYEE_CREATED, payload);
        await ctx.audit({ action: EMPLOYEE_CREATED, entityType: 'hr.employee', entityId: id, after: input });
        return c.json(item, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees/{id}',
        tags,
        summary: 'One employee',
        permission: 'hr.read',
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 200: json(Employee), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const row = await c.var.db
          .selectFrom('hr.employees')
          .selectAll()
          .where('tenant_id', '=', c.var.tenant.id)
          .where('id', '=', c.req.valid('param').id)
          .executeTakeFirst();
        if (!row) throw new Problem(404, 'not_found', m.employee_not_found);
        return c.json(toEmployee(row), 200);
      },
    );

/**
 * Mounted at /api/t/:tenant/hr behind the module gate; each route names its permission. The
 * workflow adds `GET /employees/{id}/workflow` and `POST /employees/{id}/complete|lapse|cancel`.
 */
export const routes = (router: PluginRouter) =>
  workflowRoutes(employeeRoutes(router), employeeWorkflow, { path: '/employees' });

export type EmployeeRoutes = ReturnType<typeof employeeRoutes>;
