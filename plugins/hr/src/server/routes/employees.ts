import {
  defineRoute,
  grants,
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
import { ContractChangeInput, ContractInput, EmployeeInput, EmployeeUpdate } from '../../schema.ts';
import { m } from '../messages.ts';
import { addContractChange } from '../services/contracts.ts';
import { createEmployee, getEmployee, insertContract, toPerson, updateEmployee } from '../services/employees.ts';
import { employeeWorkflow } from '../workflow.ts';

const tags = ['hr: people'];
const IdParam = z.object({ id: z.uuid() });

const PersonSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    name: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    department: z.string().nullable(),
    position: z.string().nullable(),
    managerId: z.string().nullable(),
    status: z.enum(['active', 'left']),
    startDate: z.string(),
    endDate: z.string().nullable(),
  })
  .openapi('HrPerson');

const ContractSchema = z.object({
  id: z.uuid(),
  type: z.enum(['hpp', 'dpp', 'dpc']),
  startDate: z.string(),
  endDate: z.string().nullable(),
  weeklyHours: z.string(),
  salaryType: z.enum(['monthly', 'hourly']),
  monthlySalary: z.string().nullable(),
  hourlyRate: z.string().nullable(),
  probationMonths: z.number(),
  noticeMonths: z.number(),
  position: z.string().nullable(),
  changes: z.array(z.object({ id: z.uuid(), effectiveFrom: z.string() }).loose()),
});

const EmployeeSchema = PersonSchema.extend({
  phone: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
  note: z.string().nullable(),
  userId: z.string().nullable(),
  createdAt: z.string(),
  sensitive: z.boolean().describe('Whether the caller may see (and was shown) birth number, pay and insurer'),
  birthDate: z.string().nullable(),
  birthNumber: z.string().nullable(),
  bankAccount: z.string().nullable(),
  iban: z.string().nullable(),
  healthInsurer: z.string().nullable(),
  taxDeclaration: z.boolean().nullable(),
  children: z
    .array(
      z.object({ id: z.uuid(), name: z.string().nullable(), birthDate: z.string(), disabled: z.boolean() }).loose(),
    )
    .nullable(),
  contracts: z.array(ContractSchema),
}).openapi('HrEmployee');

const EmployeeQuery = listQuery({
  sort: ['name', 'number', 'startDate', 'department'],
  defaultSort: 'name',
  defaultDir: 'asc',
  filters: {
    status: z.enum(['active', 'left']).optional(),
    department: z.string().max(200).optional(),
  },
});

/** Birth numbers, pay, insurer and bank account: only with `hr.people.sensitive` or `hr.payroll.read`. */
export const seesSensitive = (patterns: readonly string[]) =>
  grants(patterns, 'hr.people.sensitive') || grants(patterns, 'hr.payroll.read');

async function load(c: { var: { ctx: any; grants: readonly string[] } }, id: string) {
  const e = await getEmployee(c.var.ctx, id, seesSensitive(c.var.grants));
  if (!e) throw problem(404, m.employee_not_found);
  return e;
}

export const employeeRoutes = (router: PluginRouter) =>
  workflowRoutes(
    router
      .openapi(
        defineRoute({
          method: 'get',
          path: '/employees',
          tags,
          summary: 'Employees: search by name, number, e-mail or position; format=csv|xlsx exports the filter',
          permission: 'hr.read',
          request: { query: EmployeeQuery },
          responses: { 200: listResponse(PersonSchema), ...problemResponses(400, 401, 403) },
        }),
        async (c) => {
          const q = c.req.valid('query');
          let query = c.var.db
            .selectFrom('hr.employees as e')
            .selectAll('e')
            .where('e.tenant_id', '=', c.var.tenant.id);
          if (q.status) query = query.where('e.status', '=', q.status);
          if (q.department) query = query.where('e.department', '=', q.department);
          return sendList(
            c,
            q,
            query,
            {
              sort: { name: 'e.last_name', number: 'e.number', startDate: 'e.start_date', department: 'e.department' },
              id: 'e.id',
              search: ['e.first_name', 'e.last_name', 'e.number', 'e.email', 'e.position', 'e.department'],
            },
            toPerson,
            {
              filename: 'employees',
              title: { en: 'Employees', cs: 'Zaměstnanci' },
              columns: [
                { header: { en: 'Number', cs: 'Osobní číslo' }, value: (p) => p.number },
                { header: { en: 'Name', cs: 'Jméno' }, value: (p) => p.name },
                { header: { en: 'Department', cs: 'Oddělení' }, value: (p) => p.department },
                { header: { en: 'Position', cs: 'Pozice' }, value: (p) => p.position },
                { header: { en: 'Start', cs: 'Nástup' }, value: (p) => p.startDate },
                { header: { en: 'End', cs: 'Ukončení' }, value: (p) => p.endDate },
                { header: { en: 'Status', cs: 'Stav' }, value: (p) => p.status },
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
          summary: 'Hire: the employee with personal data, children and the first contract; emits hr.employee.hired',
          permission: 'hr.people.manage',
          request: { body: jsonBody(EmployeeInput) },
          responses: { 201: json(EmployeeSchema, 'Created'), ...problemResponses(400, 401, 403, 409) },
        }),
        async (c) => {
          const id = await createEmployee(c.var.ctx, c.req.valid('json'));
          return c.json(await load(c, id), 201);
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/employees/{id}',
          tags,
          summary:
            'One employee with contracts; personal and pay data only for hr.people.sensitive or hr.payroll.read (audited)',
          permission: 'hr.read',
          request: { params: IdParam },
          responses: { 200: json(EmployeeSchema), ...problemResponses(400, 401, 403, 404) },
        }),
        async (c) => c.json(await load(c, c.req.valid('param').id), 200),
      )
      .openapi(
        defineRoute({
          method: 'patch',
          path: '/employees/{id}',
          tags,
          summary: 'Change personal data (children, when given, replace the list)',
          permission: 'hr.people.manage',
          request: { params: IdParam, body: jsonBody(EmployeeUpdate) },
          responses: { 200: json(EmployeeSchema), ...problemResponses(400, 401, 403, 404) },
        }),
        async (c) => {
          const { id } = c.req.valid('param');
          await updateEmployee(c.var.ctx, id, c.req.valid('json'));
          return c.json(await load(c, id), 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/employees/{id}/contracts',
          tags,
          summary: 'A further contract (it must not overlap the others)',
          permission: 'hr.people.manage',
          request: { params: IdParam, body: jsonBody(ContractInput) },
          responses: { 201: json(EmployeeSchema, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
        }),
        async (c) => {
          const { id } = c.req.valid('param');
          const e = await load(c, id);
          const contractId = await insertContract(c.var.ctx, id, c.req.valid('json'), { startDate: e.startDate });
          await c.var.ctx.audit({
            action: 'hr.contract.created',
            entityType: 'hr.employee',
            entityId: id,
            after: { contractId },
          });
          return c.json(await load(c, id), 201);
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/contracts/{id}/changes',
          tags,
          summary: 'An effective-dated change of pay or hours, from the first day of a month',
          permission: 'hr.people.manage',
          request: { params: IdParam, body: jsonBody(ContractChangeInput) },
          responses: { 201: json(EmployeeSchema, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
        }),
        async (c) => {
          const employeeId = await addContractChange(c.var.ctx, c.req.valid('param').id, c.req.valid('json'));
          return c.json(await load(c, employeeId), 201);
        },
      ),
    employeeWorkflow,
    { path: '/employees' },
  );
