import { type FieldError, fieldError, type PluginContext } from '@bureau/core';
import { HEALTH_INSURERS } from '../data/insurers.ts';
import { PAYMENT_RULES } from '../data/payments-cz.ts';
import { m } from '../messages.ts';
import { addMonths, monthBounds } from '../services/dates.ts';
import { loadPaymentSettings, type PaymentSettings } from './payment-settings.ts';
import { toPayslipView } from './run.ts';

type Row = Record<string, any>;

export type PaymentKind = 'net' | 'social' | 'health' | 'tax_advances' | 'tax_withholding';

/** One transfer of a run: to an employee, ČSSZ, a health insurer or the tax office. */
export interface RunPayment {
  kind: PaymentKind;
  recipient: string;
  employeeId: string | null;
  insurer: string | null;
  /** Null when the settings lack the recipient's account (then `missing` says so). */
  iban: string | null;
  variableSymbol: string | null;
  /** Haléře, positive. */
  amount: number;
  /** The text for the recipient (Czech: the payees are Czech authorities and employees' banks). */
  message: string;
  /** The statutory latest day the money must arrive. */
  dueBy: string;
}

/** The payments from one debit account (null when the settings name none). */
export interface PaymentGroup {
  debitIban: string | null;
  /** The departments whose salaries this account pays (empty for the default account). */
  departments: string[];
  payments: RunPayment[];
}

export interface RunPayments {
  period: string;
  /** The day the payments leave: the payday of the following month. */
  payDate: string;
  groups: PaymentGroup[];
  /** Employees with net pay but no account (paid in cash or once an account is known). */
  withoutAccount: { employeeId: string; number: string; name: string; net: number }[];
  /** What the settings lack for these payments, as field errors naming each item. */
  missing: FieldError[];
}

const minor = (d: unknown) => Math.round(Number(d) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const day = (period: string, d: number) => `${period}-${String(d).padStart(2, '0')}`;

/** The statutory due day in the month after the pay month (0 = its last day). */
function dueBy(period: string, dueDay: number) {
  const next = addMonths(`${period}-01`, 1).slice(0, 7);
  return dueDay === 0 ? monthBounds(next).last : day(next, dueDay);
}

/**
 * The payments of a run's payslips (`rows`, with the employee's `department`) under the settings:
 * net pay per payslip from the department's account or the default one, and from the default
 * account social insurance (both parts) to ČSSZ, health insurance (both parts) per insurer, tax
 * advances less tax bonuses and withholding tax to the tax office, each with its variable symbol.
 * Zero amounts make no payment. Pure: it reports what is missing instead of refusing.
 */
export function runPayments(period: string, rows: Row[], settings: PaymentSettings): RunPayments {
  const missing: FieldError[] = [];
  const next = addMonths(`${period}-01`, 1).slice(0, 7);
  const slips = rows.map((r) => ({ row: r, view: toPayslipView(r) }));
  const total = (k: string) => sum(slips.map((s) => minor(s.view[k])));
  const byDepartment = new Map(settings.departmentAccounts.map((d) => [d.department.toLocaleLowerCase('cs'), d]));
  const groups = new Map<string | null, PaymentGroup>();
  const groupOf = (iban: string | null, department?: string) => {
    const g = groups.get(iban) ?? { debitIban: iban, departments: [], payments: [] };
    if (department && !g.departments.includes(department)) g.departments.push(department);
    groups.set(iban, g);
    return g;
  };
  let defaultNeeded = false;
  const fromDefault = () => {
    defaultNeeded = true;
    return groupOf(settings.debitIban);
  };

  const withoutAccount: RunPayments['withoutAccount'] = [];
  for (const { row, view } of slips) {
    const net = minor(view.net);
    if (net <= 0) continue;
    if (!row.iban) {
      withoutAccount.push({ employeeId: row.employee_id, number: row.employee_number, name: row.employee_name, net });
      continue;
    }
    const own = row.department ? byDepartment.get(String(row.department).toLocaleLowerCase('cs')) : undefined;
    const group = own ? groupOf(own.iban, own.department) : fromDefault();
    group.payments.push({
      kind: 'net',
      recipient: row.employee_name,
      employeeId: row.employee_id,
      insurer: null,
      iban: row.iban,
      variableSymbol: String(row.employee_number).replace(/\D/g, '') || null,
      amount: net,
      message: `Mzda ${period}`,
      dueBy: day(next, settings.payDay),
    });
  }

  const social = total('socialEmployee') + total('socialEmployer');
  if (social > 0) {
    if (!settings.cssz) missing.push(fieldError('cssz', m.missing_cssz));
    fromDefault().payments.push({
      kind: 'social',
      recipient: 'Česká správa sociálního zabezpečení',
      employeeId: null,
      insurer: null,
      iban: settings.cssz?.iban ?? null,
      variableSymbol: settings.cssz?.variableSymbol ?? null,
      amount: social,
      message: `Pojistné SP ${period}`,
      dueBy: dueBy(period, PAYMENT_RULES.cssz.dueDay),
    });
  }

  const insurers = new Map<string | null, number>();
  for (const { view } of slips) {
    const amount = minor(view.healthEmployee) + minor(view.healthEmployer);
    if (amount > 0) insurers.set(view.healthInsurer, (insurers.get(view.healthInsurer) ?? 0) + amount);
  }
  for (const [insurer, amount] of [...insurers].sort(([a], [b]) => String(a).localeCompare(String(b)))) {
    if (!insurer) {
      for (const { view } of slips.filter((s) => !s.view.healthInsurer && minor(s.view.healthEmployee) > 0))
        missing.push(
          fieldError(`employees.${view.employeeId}.healthInsurer`, m.employee_without_insurer, {
            name: view.employeeName,
          }),
        );
      continue;
    }
    const account = settings.insurers.find((i) => i.insurer === insurer);
    if (!account) missing.push(fieldError(`insurers.${insurer}`, m.missing_insurer, { insurer }));
    fromDefault().payments.push({
      kind: 'health',
      recipient: HEALTH_INSURERS[insurer as keyof typeof HEALTH_INSURERS] ?? insurer,
      employeeId: null,
      insurer,
      iban: account?.iban ?? null,
      variableSymbol: account?.variableSymbol ?? null,
      amount,
      message: `Pojistné ZP ${period}`,
      dueBy: dueBy(period, PAYMENT_RULES.health.dueDay),
    });
  }

  const advances = total('taxAdvance') - total('taxBonus');
  if (advances > 0) {
    if (!settings.taxOffice) missing.push(fieldError('taxOffice.advancesAccount', m.missing_tax_advances));
    fromDefault().payments.push({
      kind: 'tax_advances',
      recipient: 'Finanční úřad',
      employeeId: null,
      insurer: null,
      iban: settings.taxOffice?.advancesIban ?? null,
      variableSymbol: settings.taxOffice?.variableSymbol ?? null,
      amount: advances,
      message: `Zálohy na daň ze závislé činnosti ${period}`,
      dueBy: dueBy(period, PAYMENT_RULES.taxAdvances.dueDay),
    });
  }
  const withholding = total('withholdingTax');
  if (withholding > 0) {
    if (!settings.taxOffice?.withholdingIban)
      missing.push(fieldError('taxOffice.withholdingAccount', m.missing_tax_withholding));
    fromDefault().payments.push({
      kind: 'tax_withholding',
      recipient: 'Finanční úřad',
      employeeId: null,
      insurer: null,
      iban: settings.taxOffice?.withholdingIban ?? null,
      variableSymbol: settings.taxOffice?.variableSymbol ?? null,
      amount: withholding,
      message: `Srážková daň ${period}`,
      dueBy: dueBy(period, PAYMENT_RULES.taxWithholding.dueDay),
    });
  }
  if (defaultNeeded && !settings.debitIban) missing.unshift(fieldError('debitAccount', m.missing_debit_account));

  const ordered = [...groups.values()].sort(
    (a, b) =>
      Number(a.departments.length > 0) - Number(b.departments.length > 0) ||
      a.departments.join().localeCompare(b.departments.join()),
  );
  return { period, payDate: day(next, settings.payDay), groups: ordered, withoutAccount, missing };
}

/** The run's payments in one sum (haléře): what leaves the employer's accounts. */
export const paymentsTotal = (p: RunPayments) => sum(p.groups.flatMap((g) => g.payments.map((x) => x.amount)));

/** A run's payslips with each employee's department (which may choose the debit account). */
export async function payslipsWithDepartment(ctx: PluginContext, runId: string) {
  return ctx.db
    .selectFrom('hr.payslips as p')
    .innerJoin('hr.employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'p.tenant_id').onRef('e.id', '=', 'p.employee_id'),
    )
    .selectAll('p')
    .select('e.department')
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.run_id', '=', runId)
    .orderBy('p.employee_name')
    .orderBy('p.id')
    .execute();
}

/** The payments of a run under the tenant's current settings. */
export async function loadRunPayments(ctx: PluginContext, run: Row): Promise<RunPayments> {
  const rows = await payslipsWithDepartment(ctx, run.id);
  return runPayments(run.period, rows, await loadPaymentSettings(ctx));
}
