import {
  accountToIban,
  badRequest,
  domesticAccountText,
  type FieldError,
  fieldError,
  formatBirthNumber,
  formatMoney,
  newId,
  type PluginContext,
  parseBirthNumber,
  parseMoney,
  problem,
} from '@bureau/core';
import { EMPLOYEE_HIRED, type EmployeeHired, type Person } from '../../contract.ts';
import type { ContractInput, EmployeeInput, EmployeeUpdate } from '../../schema.ts';
import { m } from '../messages.ts';
import { startOnboarding } from '../onboarding/service.ts';
import { employeeWorkflow } from '../workflow.ts';
import { pragueDate, ymd, ymdOrNull } from './dates.ts';

type Row = Record<string, any>;
const NONE = '00000000-0000-0000-0000-000000000000';

export interface Child {
  id: string;
  name: string | null;
  birthDate: string;
  disabled: boolean;
  studentUntil: string | null;
}

export interface Contract {
  id: string;
  employeeId: string;
  type: 'hpp' | 'dpp' | 'dpc';
  startDate: string;
  endDate: string | null;
  weeklyHours: string;
  salaryType: 'monthly' | 'hourly';
  monthlySalary: string | null;
  hourlyRate: string | null;
  probationMonths: number;
  noticeMonths: number;
  position: string | null;
  changes: {
    id: string;
    effectiveFrom: string;
    weeklyHours: string | null;
    monthlySalary: string | null;
    hourlyRate: string | null;
  }[];
}

/** Everything about an employee; `sensitive` tells whether the personal and pay fields were filled in. */
export interface Employee extends Person {
  phone: string | null;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  country: string;
  note: string | null;
  /** The Bureau member this employee is (self-service, their manager's reminders), if linked. */
  userId: string | null;
  createdAt: string;
  sensitive: boolean;
  birthDate: string | null;
  birthNumber: string | null;
  bankAccount: string | null;
  iban: string | null;
  healthInsurer: string | null;
  taxDeclaration: boolean | null;
  children: Child[] | null;
  contracts: Contract[];
}

export const toPerson = (r: Row): Person => ({
  id: r.id,
  number: r.number,
  name: `${r.first_name} ${r.last_name}`,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email ?? null,
  department: r.department ?? null,
  position: r.position ?? null,
  managerId: r.manager_id ?? null,
  status: r.status,
  startDate: ymd(r.start_date),
  endDate: ymdOrNull(r.end_date),
});

const money = (v: unknown) => (v === null || v === undefined ? null : formatMoney(v as string));
const hours = (v: unknown) => (v === null || v === undefined ? null : String(Number(v)));

function toContract(r: Row, changes: Row[], sensitive: boolean): Contract {
  return {
    id: r.id,
    employeeId: r.employee_id,
    type: r.type,
    startDate: ymd(r.start_date),
    endDate: ymdOrNull(r.end_date),
    weeklyHours: String(Number(r.weekly_hours)),
    salaryType: r.salary_type,
    monthlySalary: sensitive ? money(r.monthly_salary_minor) : null,
    hourlyRate: sensitive ? money(r.hourly_rate_minor) : null,
    probationMonths: r.probation_months,
    noticeMonths: r.notice_months,
    position: r.position ?? null,
    changes: changes
      .filter((c) => c.contract_id === r.id)
      .map((c) => ({
        id: c.id,
        effectiveFrom: ymd(c.effective_from),
        weeklyHours: hours(c.weekly_hours),
        monthlySalary: sensitive ? money(c.monthly_salary_minor) : null,
        hourlyRate: sensitive ? money(c.hourly_rate_minor) : null,
      })),
  };
}

/** Reads one employee with contracts (and, when `sensitive`, personal and pay data, audited). */
export async function getEmployee(ctx: PluginContext, id: string, sensitive: boolean): Promise<Employee | null> {
  const t = ctx.tenant.id;
  const r = await ctx.db
    .selectFrom('hr.employees')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const contracts = await ctx.db
    .selectFrom('hr.contracts')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('employee_id', '=', id)
    .orderBy('start_date')
    .execute();
  const changes = await ctx.db
    .selectFrom('hr.contract_changes')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('contract_id', 'in', contracts.length ? contracts.map((c) => c.id) : [NONE])
    .orderBy('effective_from')
    .execute();
  const children = sensitive
    ? await ctx.db
        .selectFrom('hr.children')
        .selectAll()
        .where('tenant_id', '=', t)
        .where('employee_id', '=', id)
        .orderBy('birth_date')
        .orderBy('id')
        .execute()
    : null;
  if (sensitive) await ctx.auditRead('hr.employee', id);
  return {
    ...toPerson(r),
    phone: r.phone ?? null,
    street: r.street ?? null,
    city: r.city ?? null,
    postalCode: r.postal_code ?? null,
    country: r.country,
    note: r.note ?? null,
    userId: r.user_id ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    sensitive,
    birthDate: sensitive ? ymdOrNull(r.birth_date) : null,
    birthNumber: sensitive && r.birth_number ? formatBirthNumber(r.birth_number) : null,
    bankAccount: sensitive && r.iban ? domesticAccountText(r.iban) : null,
    iban: sensitive ? (r.iban ?? null) : null,
    healthInsurer: sensitive ? (r.health_insurer ?? null) : null,
    taxDeclaration: sensitive ? r.tax_declaration : null,
    children: children
      ? children.map((c) => ({
          id: c.id,
          name: c.name ?? null,
          birthDate: ymd(c.birth_date),
          disabled: c.disabled,
          studentUntil: ymdOrNull(c.student_until),
        }))
      : null,
    contracts: contracts.map((c) => toContract(c, changes, sensitive)),
  };
}

/** Checks and normalises the personal fields; collects every field error into one 400. */
async function personColumns(ctx: PluginContext, input: EmployeeUpdate, errors: FieldError[], selfId?: string) {
  const out: Row = {};
  const today = pragueDate(ctx.now());
  if (input.firstName !== undefined) out.first_name = input.firstName;
  if (input.lastName !== undefined) out.last_name = input.lastName;
  for (const [k, col] of [
    ['email', 'email'],
    ['phone', 'phone'],
    ['street', 'street'],
    ['city', 'city'],
    ['postalCode', 'postal_code'],
    ['department', 'department'],
    ['position', 'position'],
    ['note', 'note'],
  ] as const)
    if (input[k] !== undefined) out[col] = input[k] || null;
  if (input.country !== undefined) out.country = input.country;
  if (input.healthInsurer !== undefined) out.health_insurer = input.healthInsurer;
  if (input.taxDeclaration !== undefined) out.tax_declaration = input.taxDeclaration;
  if (input.birthDate !== undefined) {
    if (input.birthDate > today) errors.push(fieldError('birthDate', m.birth_date_future));
    out.birth_date = input.birthDate;
  }
  if (input.birthNumber !== undefined && input.birthNumber !== '') {
    const bn = parseBirthNumber(input.birthNumber);
    if (!bn || bn.birthDate > today) errors.push(fieldError('birthNumber', m.invalid_birth_number));
    else {
      out.birth_number = bn.value;
      if (input.birthDate && input.birthDate !== bn.birthDate)
        errors.push(fieldError('birthDate', m.birth_date_mismatch, { date: bn.birthDate }));
      out.birth_date = bn.birthDate;
    }
  }
  if (input.bankAccount !== undefined && input.bankAccount !== '') {
    const iban = accountToIban(input.bankAccount);
    if (!iban) errors.push(fieldError('bankAccount', m.invalid_bank_account));
    out.iban = iban;
  }
  if (input.managerId) {
    const manager = await ctx.db
      .selectFrom('hr.employees')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.managerId)
      .executeTakeFirst();
    if (!manager || input.managerId === selfId) errors.push(fieldError('managerId', m.manager_not_found));
    out.manager_id = input.managerId;
  } else if (input.managerId === null) out.manager_id = null;
  if (input.userId) {
    const member = await ctx.db
      .selectFrom('core.memberships')
      .select('user_id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    if (!member) errors.push(fieldError('userId', m.user_not_member));
    const taken = await ctx.db
      .selectFrom('hr.employees')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('user_id', '=', input.userId)
      .where('id', '<>', selfId ?? '00000000-0000-0000-0000-000000000000')
      .executeTakeFirst();
    if (taken) errors.push(fieldError('userId', m.user_linked));
    out.user_id = input.userId;
  } else if (input.userId === null) out.user_id = null;
  input.children?.forEach((c, i) => {
    if (c.birthDate > today) errors.push(fieldError(`children.${i}.birthDate`, m.birth_date_future));
  });
  return out;
}

const fail = (errors: FieldError[]) => {
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
};

async function writeChildren(ctx: PluginContext, employeeId: string, children: EmployeeInput['children']) {
  await ctx.db
    .deleteFrom('hr.children')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('employee_id', '=', employeeId)
    .execute();
  if (!children?.length) return;
  await ctx.db
    .insertInto('hr.children')
    .values(
      children.map((c) => ({
        tenant_id: ctx.tenant.id,
        id: newId(),
        employee_id: employeeId,
        name: c.name ?? null,
        birth_date: c.birthDate,
        disabled: c.disabled ?? false,
        student_until: c.studentUntil ?? null,
      })),
    )
    .execute();
}

const minor = (v: string | number | undefined) => (v === undefined ? null : String(parseMoney(String(v))));

/** Checks a contract (dates, pay, no overlap with the employee's other contracts) and writes it. */
export async function insertContract(
  ctx: PluginContext,
  employeeId: string,
  input: ContractInput,
  defaults: { startDate: string },
  pathPrefix = '',
): Promise<string> {
  const errors: FieldError[] = [];
  const start = input.startDate ?? defaults.startDate;
  const end = input.endDate ?? null;
  if (end && end < start) errors.push(fieldError(`${pathPrefix}endDate`, m.end_before_start));
  const salaryType =
    input.salaryType ?? (input.hourlyRate !== undefined && input.monthlySalary === undefined ? 'hourly' : 'monthly');
  if (salaryType === 'monthly' && input.monthlySalary === undefined)
    errors.push(
      fieldError(
        `${pathPrefix}monthlySalary`,
        input.hourlyRate === undefined ? m.salary_required : m.monthly_salary_required,
      ),
    );
  if (salaryType === 'hourly' && input.hourlyRate === undefined)
    errors.push(fieldError(`${pathPrefix}hourlyRate`, m.hourly_rate_required));
  fail(errors);
  const overlap = await ctx.db
    .selectFrom('hr.contracts')
    .select(['start_date', 'end_date'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('employee_id', '=', employeeId)
    .where('start_date', '<=', end ?? '9999-12-31')
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', start)]))
    .executeTakeFirst();
  if (overlap) {
    const params = { from: ymd(overlap.start_date), to: ymdOrNull(overlap.end_date) ?? '…' };
    throw problem(409, m.contract_overlaps, params, {
      errors: [fieldError(`${pathPrefix}startDate`, m.contract_overlaps, params)],
    });
  }
  const id = newId();
  await ctx.db
    .insertInto('hr.contracts')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      employee_id: employeeId,
      type: input.type,
      start_date: start,
      end_date: end,
      weekly_hours: String(input.weeklyHours ?? (input.type === 'hpp' ? 40 : 0)),
      salary_type: salaryType,
      monthly_salary_minor: minor(input.monthlySalary),
      hourly_rate_minor: minor(input.hourlyRate),
      probation_months: input.probationMonths ?? 0,
      notice_months: input.noticeMonths ?? (input.type === 'hpp' ? 2 : 0),
      position: input.position ?? null,
      created_at: ctx.now(),
    })
    .execute();
  return id;
}

/** Hires: the employee, their children and first contract; emits `hr.employee.hired`. */
export async function createEmployee(ctx: PluginContext, input: EmployeeInput): Promise<string> {
  const errors: FieldError[] = [];
  const cols = await personColumns(ctx, input, errors);
  if (input.contract.startDate && input.contract.startDate < input.startDate)
    errors.push(fieldError('contract.startDate', m.end_before_employee_start, { date: input.startDate }));
  fail(errors);
  const id = newId();
  const number = input.number ?? (await nextNumber(ctx));
  const taken = await ctx.db
    .selectFrom('hr.employees')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('number', '=', number)
    .executeTakeFirst();
  if (taken)
    throw problem(409, m.number_taken, { number }, { errors: [fieldError('number', m.number_taken, { number })] });
  await ctx.db
    .insertInto('hr.employees')
    .values({
      ...cols,
      tenant_id: ctx.tenant.id,
      id,
      number,
      status: employeeWorkflow.initial,
      start_date: input.startDate,
      created_at: ctx.now(),
    })
    .execute();
  await writeChildren(ctx, id, input.children);
  await insertContract(ctx, id, input.contract, { startDate: input.startDate }, 'contract.');
  await ctx.workflow(employeeWorkflow).start(id);
  const hired: EmployeeHired = {
    employeeId: id,
    name: `${input.firstName} ${input.lastName}`,
    startDate: input.startDate,
    department: input.department ?? null,
    position: input.position ?? null,
    email: input.email ?? null,
  };
  await ctx.emit(EMPLOYEE_HIRED, hired);
  await ctx.audit({ action: EMPLOYEE_HIRED, entityType: 'hr.employee', entityId: id, after: input });
  await startOnboarding(ctx, { id, position: input.position ?? null, startDate: input.startDate });
  return id;
}

/** The next free personal number: 1 + the highest numeric one. */
async function nextNumber(ctx: PluginContext): Promise<string> {
  const rows = await ctx.db
    .selectFrom('hr.employees')
    .select('number')
    .where('tenant_id', '=', ctx.tenant.id)
    .execute();
  const max = rows.reduce((a, r) => (/^\d{1,9}$/.test(r.number) ? Math.max(a, Number(r.number)) : a), 0);
  return String(max + 1).padStart(4, '0');
}

/** Changes personal data (children, when given, replace the list). */
export async function updateEmployee(ctx: PluginContext, id: string, input: EmployeeUpdate): Promise<void> {
  const errors: FieldError[] = [];
  const cols = await personColumns(ctx, input, errors, id);
  fail(errors);
  const res = await ctx.db
    .updateTable('hr.employees')
    .set(Object.keys(cols).length ? cols : { id })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!res.numUpdatedRows) throw problem(404, m.employee_not_found);
  if (input.children) await writeChildren(ctx, id, input.children);
  await ctx.audit({ action: 'hr.employee.updated', entityType: 'hr.employee', entityId: id, after: input });
}
