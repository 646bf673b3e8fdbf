import { formatBirthNumber, formatMoney, newId, type PluginContext, problem, readCompanyProfile } from '@bureau/core';
import { PAYROLL_YEARS, type PayrollYear } from '../data/payroll-cz.ts';
import { m } from '../messages.ts';
import { ymd, ymdOrNull } from '../services/dates.ts';
import {
  type DeductionClaim,
  type DeductionKind,
  declared,
  ledger,
  type Settlement,
  type SpouseClaim,
  type Statement,
  settle,
  spouseQualifies,
  statement,
  type YearSlip,
} from './annual.ts';
import type { Payslip } from './calculate.ts';
import { childClaims } from './month.ts';

/** The year's figures, or 400 `tax_year_unknown` for a year without a table. */
export function yearFigures(year: number): PayrollYear {
  const y = PAYROLL_YEARS[year];
  if (!y) throw problem(400, m.tax_year_unknown, { year });
  return y;
}

/** The employee's identity for the documents (404 for an unknown one). */
export async function documentEmployee(ctx: PluginContext, id: string) {
  const e = await ctx.db
    .selectFrom('hr.employees')
    .select(['id', 'number', 'first_name', 'last_name', 'birth_number', 'street', 'city', 'postal_code'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!e) throw problem(404, m.employee_not_found);
  return {
    id: e.id as string,
    number: e.number as string,
    name: `${e.first_name} ${e.last_name}`,
    birthNumber: e.birth_number ? formatBirthNumber(e.birth_number as string) : null,
    address: [e.street, [e.postal_code, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null,
  };
}

/** The employer as the documents name it (the company profile, else the tenant's name). */
export async function documentEmployer(ctx: PluginContext) {
  const p = await readCompanyProfile(ctx.db, ctx.tenant);
  return { name: p.legalName || ctx.tenant.name, ico: p.ico ?? null, dic: p.dic ?? null };
}

/** The employee's payslips of approved or paid runs in the year, oldest first. */
export async function yearSlips(ctx: PluginContext, employeeId: string, year: number): Promise<YearSlip[]> {
  const rows = await ctx.db
    .selectFrom('hr.payslips as p')
    .innerJoin('hr.pay_runs as r', (j) => j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.run_id'))
    .select(['r.period', 'p.figures'])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.employee_id', '=', employeeId)
    .where('r.period', '>=', `${year}-01`)
    .where('r.period', '<=', `${year}-12`)
    .where('r.status', 'in', ['approved', 'paid'])
    .orderBy('r.period')
    .execute();
  return rows.map((r) => ({
    period: r.period as string,
    figures: (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Payslip,
  }));
}

const money = (h: number) => formatMoney(h);
const moneyRecord = <K extends string>(o: Record<K, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, money(v as number)])) as Record<K, string>;

/** The payroll ledger of a year as JSON (amounts as decimal strings). */
export async function ledgerView(ctx: PluginContext, employeeId: string, year: number) {
  yearFigures(year);
  const employee = await documentEmployee(ctx, employeeId);
  const l = ledger(await yearSlips(ctx, employeeId, year));
  return {
    year,
    employee,
    months: l.months.map(({ period, components, declaration, ...figures }) => ({
      period,
      declaration,
      components: moneyRecord(components),
      ...moneyRecord(figures),
    })),
    totals: moneyRecord(l.totals),
  };
}

export type StatementView = Awaited<ReturnType<typeof statementView>>;

/** The statement of taxable income for a year as JSON. */
export async function statementView(ctx: PluginContext, employeeId: string, year: number) {
  yearFigures(year);
  const employee = await documentEmployee(ctx, employeeId);
  const s: Statement = statement(await yearSlips(ctx, employeeId, year));
  return {
    year,
    employer: await documentEmployer(ctx),
    employee,
    income: money(s.income),
    taxAdvances: money(s.taxAdvances),
    taxBonuses: money(s.taxBonuses),
    taxpayerCredit: money(s.taxpayerCredit),
    childCredit: money(s.childCredit),
    declarationMonths: s.declarationMonths,
    childCreditMonths: s.childCreditMonths,
    bonusMonths: s.bonusMonths,
    withholding: { income: money(s.withholdingIncome), tax: money(s.withholdingTax) },
  };
}

export interface SettlementRequest {
  previousEmployers: { income: number; taxAdvances: number; taxBonuses: number }[];
  deductions: DeductionClaim[];
  spouse?: SpouseClaim | null;
}

const SETTLEMENT_FIELDS = [
  'income',
  'nonTaxable',
  'taxBase',
  'tax',
  'taxpayerCredit',
  'spouseCredit',
  'childBenefit',
  'childCredit',
  'taxAfterCredits',
  'taxBonus',
  'advancesPaid',
  'bonusesPaid',
  'taxDifference',
  'bonusDifference',
  'result',
] as const satisfies readonly (keyof Settlement)[];

type Row = Record<string, any>;
export const toSettlementView = (r: Row) => {
  const f = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Settlement;
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Row[];
  // Settlements made before the limits were applied keep what was entered as allowed.
  const allowed = new Map((f.deductionsAllowed ?? []).map((d) => [d.kind, d.allowed]));
  const spouse = (
    r.spouse == null ? null : typeof r.spouse === 'string' ? JSON.parse(r.spouse) : r.spouse
  ) as SpouseClaim | null;
  return {
    id: r.id as string,
    employeeId: r.employee_id as string,
    year: Number(r.year),
    previousEmployers: parse(r.previous_employers).map((p) => ({
      income: money(p.income),
      taxAdvances: money(p.taxAdvances),
      taxBonuses: money(p.taxBonuses),
    })),
    deductions: parse(r.deductions).map((d) => ({
      kind: d.kind as DeductionKind,
      amount: money(d.amount),
      ...(d.disability ? { disability: d.disability as string } : {}),
      ...(d.acquiredBefore2021 ? { acquiredBefore2021: true } : {}),
      ...(d.months ? { months: Number(d.months) } : {}),
    })),
    /** What each kind's statutory limit let the settlement deduct (§ 15 ff.). */
    deductionsAllowed: parse(r.deductions)
      .map((d) => d.kind as DeductionKind)
      .filter((k, i, all) => all.indexOf(k) === i)
      .map((kind) => {
        const claimed = parse(r.deductions)
          .filter((d) => d.kind === kind)
          .reduce((s, d) => s + Number(d.amount), 0);
        return { kind, claimed: money(claimed), allowed: money(allowed.get(kind) ?? claimed) };
      }),
    spouse: spouse ? { months: spouse.months, income: money(spouse.income), disabled: spouse.disabled } : null,
    ...(Object.fromEntries(SETTLEMENT_FIELDS.map((k) => [k, money(f[k] ?? 0)])) as Record<
      (typeof SETTLEMENT_FIELDS)[number],
      string
    >),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
};

export async function readSettlement(ctx: PluginContext, employeeId: string, year: number) {
  return ctx.db
    .selectFrom('hr.tax_settlements')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('employee_id', '=', employeeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/**
 * Makes (or makes again) the annual tax settlement of an employee for a finished year: only for an
 * employee taxed under a signed declaration in every month with an advance here (§ 38ch odst. 1);
 * the child credit counts every month the children qualify (§ 35c odst. 2); the result is kept.
 */
export async function makeSettlement(ctx: PluginContext, employeeId: string, year: number, req: SettlementRequest) {
  const y = yearFigures(year);
  await documentEmployee(ctx, employeeId);
  if (Number(ctx.now().toISOString().slice(0, 4)) <= year) throw problem(409, m.settlement_year_open, { year });
  if (req.spouse && !spouseQualifies(y, req.spouse))
    throw problem(409, m.spouse_income_over_limit, { limit: y.settlement.spouseIncomeLimit.value });
  const slips = await yearSlips(ctx, employeeId, year);
  const taxed = slips.filter((s) => !(s.figures.withholdingBase > 0 || s.figures.withholdingTax > 0));
  if (!taxed.length) throw problem(409, m.no_payroll_in_year, { year });
  const undeclared = [...new Set(taxed.filter((s) => !declared(s.figures)).map((s) => Number(s.period.slice(5))))];
  if (undeclared.length)
    throw problem(
      409,
      m.settlement_not_declared,
      { months: undeclared.length, list: undeclared.join(', ') },
      { extra: { months: undeclared } },
    );
  const children = await ctx.db
    .selectFrom('hr.children')
    .select(['birth_date', 'disabled', 'student_until'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('employee_id', '=', employeeId)
    .execute();
  const kids = children.map((x) => ({
    birth_date: ymd(x.birth_date),
    disabled: x.disabled as boolean,
    student_until: ymdOrNull(x.student_until),
  }));
  const figures = settle(y, {
    statement: statement(slips),
    previousEmployers: req.previousEmployers,
    deductions: req.deductions,
    spouse: req.spouse ?? null,
    childClaimsByMonth: Array.from({ length: 12 }, (_, i) =>
      childClaims(`${year}-${String(i + 1).padStart(2, '0')}`, kids),
    ),
  });
  const now = ctx.now();
  const values = {
    previous_employers: JSON.stringify(req.previousEmployers),
    deductions: JSON.stringify(req.deductions),
    spouse: req.spouse ? JSON.stringify(req.spouse) : null,
    figures: JSON.stringify(figures),
    settled_by: ctx.actor?.userId ?? ctx.actor?.tokenId ?? null,
    updated_at: now,
  };
  const row = await ctx.db
    .insertInto('hr.tax_settlements')
    .values({ tenant_id: ctx.tenant.id, id: newId(), employee_id: employeeId, year, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'employee_id', 'year']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit({
    action: 'hr.tax_settlement.made',
    entityType: 'hr.employee',
    entityId: employeeId,
    after: { year },
  });
  return row;
}
