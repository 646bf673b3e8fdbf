import { type PayrollYear, RULES } from '../data/payroll-cz.ts';
import { type ChildClaim, childCreditOf, type Payslip } from './calculate.ts';

/**
 * A year of one employee's payslips, for the annual documents: the payroll ledger (mzdový list,
 * zákon o daních z příjmů § 38j odst. 2), the statement of taxable income (potvrzení o zdanitelných
 * příjmech, § 38j odst. 3) and the annual tax settlement (roční zúčtování záloh a daňového
 * zvýhodnění, § 38ch). Pure: the payslips and the year's figures come in, haléře go out.
 */
const CZK = 100;
const upCzk = (h: number) => Math.ceil(h / CZK - 1e-9) * CZK + 0;
const bp = (h: number, rate: number) => (h * rate) / 10_000;
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

export interface YearSlip {
  /** `YYYY-MM`. */
  period: string;
  figures: Payslip;
}

/** Whether a payslip was taxed under a signed declaration (inferred for payslips from before it was kept). */
export function declared(p: Payslip): boolean {
  if (p.taxDeclaration !== undefined) return p.taxDeclaration;
  if (p.withholdingTax > 0 || p.withholdingBase > 0) return false;
  return p.taxpayerCredit > 0 || p.childCredit > 0 || p.taxBonus > 0 || p.taxBeforeCredits === 0;
}

/** A payslip taxed by withholding (final tax) rather than by an advance. */
const withheld = (p: Payslip) => p.withholdingBase > 0 || p.withholdingTax > 0;

export interface LedgerMonth {
  period: string;
  /** The month's pay components summed by kind. */
  components: Record<string, number>;
  gross: number;
  socialBase: number;
  healthBase: number;
  socialEmployee: number;
  healthEmployee: number;
  socialEmployer: number;
  healthEmployer: number;
  taxBase: number;
  taxBeforeCredits: number;
  taxpayerCredit: number;
  childCredit: number;
  taxAdvance: number;
  taxBonus: number;
  withholdingBase: number;
  withholdingTax: number;
  net: number;
  declaration: boolean;
}

const LEDGER_SUMS = [
  'gross',
  'socialBase',
  'healthBase',
  'socialEmployee',
  'healthEmployee',
  'socialEmployer',
  'healthEmployer',
  'taxBase',
  'taxBeforeCredits',
  'taxpayerCredit',
  'childCredit',
  'taxAdvance',
  'taxBonus',
  'withholdingBase',
  'withholdingTax',
  'net',
] as const;
export type LedgerSum = (typeof LEDGER_SUMS)[number];

/** The payroll ledger: one row per month with payslips (several contracts in a month summed), and the year's totals. */
export function ledger(slips: YearSlip[]): { months: LedgerMonth[]; totals: Record<LedgerSum, number> } {
  const byMonth = new Map<string, YearSlip[]>();
  for (const s of slips) byMonth.set(s.period, [...(byMonth.get(s.period) ?? []), s]);
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, xs]) => {
      const components: Record<string, number> = {};
      for (const x of xs)
        for (const c of x.figures.components) components[c.kind] = (components[c.kind] ?? 0) + c.amount;
      const row = Object.fromEntries(LEDGER_SUMS.map((k) => [k, sum(xs, (x) => x.figures[k])])) as Record<
        LedgerSum,
        number
      >;
      return { period, components, ...row, declaration: xs.some((x) => !withheld(x.figures) && declared(x.figures)) };
    });
  const totals = Object.fromEntries(LEDGER_SUMS.map((k) => [k, sum(months, (m) => m[k])])) as Record<LedgerSum, number>;
  return { months, totals };
}

export interface Statement {
  /** Income taxed by advances (úhrn zúčtovaných příjmů ze závislé činnosti). */
  income: number;
  taxAdvances: number;
  taxBonuses: number;
  taxpayerCredit: number;
  childCredit: number;
  /** Months (1–12) with a signed declaration, with a child credit, with a bonus paid. */
  declarationMonths: number[];
  childCreditMonths: number[];
  bonusMonths: number[];
  /** Income taxed by withholding (a separate statement: příjmy, z nichž byla sražena daň zvláštní sazbou). */
  withholdingIncome: number;
  withholdingTax: number;
}

/** The statement of taxable income for the year (potvrzení o zdanitelných příjmech ze závislé činnosti). */
export function statement(slips: YearSlip[]): Statement {
  const adv = slips.filter((s) => !withheld(s.figures));
  const wh = slips.filter((s) => withheld(s.figures));
  const month = (s: YearSlip) => Number(s.period.slice(5, 7));
  const months = (xs: YearSlip[]) => [...new Set(xs.map(month))].sort((a, b) => a - b);
  return {
    income: sum(adv, (s) => s.figures.gross),
    taxAdvances: sum(adv, (s) => s.figures.taxAdvance),
    taxBonuses: sum(adv, (s) => s.figures.taxBonus),
    taxpayerCredit: sum(adv, (s) => s.figures.taxpayerCredit),
    childCredit: sum(adv, (s) => s.figures.childCredit),
    declarationMonths: months(adv.filter((s) => declared(s.figures))),
    childCreditMonths: months(adv.filter((s) => s.figures.childCredit > 0 || s.figures.taxBonus > 0)),
    bonusMonths: months(adv.filter((s) => s.figures.taxBonus > 0)),
    withholdingIncome: sum(wh, (s) => s.figures.withholdingBase),
    withholdingTax: sum(wh, (s) => s.figures.withholdingTax),
  };
}

export const DEDUCTION_KINDS = [
  'donations',
  'mortgage_interest',
  'pension_savings',
  'life_insurance',
  'long_term_investment',
  'long_term_care_insurance',
  'union_dues',
  'exams',
] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];

/** A non-taxable part the employee claims, as the documents state it (haléře). */
export interface DeductionClaim {
  kind: DeductionKind;
  amount: number;
  /** For exams: the taxpayer's disability raises the limit (§ 15 odst. 8). */
  disability?: 'disabled' | 'severe';
  /** For mortgage interest: the housing was acquired before 2021 (the limit of 300,000, § 15 odst. 4). */
  acquiredBefore2021?: boolean;
  /** For mortgage interest: the months of the year interest was paid, when not all twelve (1/12 of the limit each). */
  months?: number;
}

/** A kind of deduction with what was claimed and what the law lets the settlement deduct. */
export interface AllowedDeduction {
  kind: DeductionKind;
  claimed: number;
  allowed: number;
}

/** Kinds sharing one limit since 2024 (§ 15a: produkty spoření na stáří). */
const RETIREMENT: DeductionKind[] = ['pension_savings', 'life_insurance', 'long_term_investment'];

/**
 * Mortgage interest (§ 15 odst. 3–4): up to 150,000 for housing acquired from 2021 and 300,000 for
 * housing acquired before, together never over 300,000 (the newer part within its own 150,000); for
 * interest paid only some months of the year each limit is 1/12 for each month paid (the most months
 * any of the claims names).
 */
function mortgageAllowed(L: PayrollYear['settlement'], claims: DeductionClaim[]): number {
  const mine = claims.filter((c) => c.kind === 'mortgage_interest');
  const full = L.mortgageInterestMonths.value;
  const months = Math.min(full, Math.max(...mine.map((c) => c.months ?? full)));
  const limit = (f: { value: number }) => Math.floor((f.value * CZK * months) / full);
  const sum = (xs: DeductionClaim[]) => xs.reduce((s, c) => s + c.amount, 0);
  const newer = Math.min(sum(mine.filter((c) => !c.acquiredBefore2021)), limit(L.mortgageInterest));
  const older = sum(mine.filter((c) => c.acquiredBefore2021));
  return older > 0 ? Math.min(older + newer, limit(L.mortgageInterestBefore2021)) : newer;
}

/**
 * Caps each claimed kind at its statutory limit (the year's table): gifts count only over 2 % of the
 * base or from 1,000 CZK and up to 15 % of it; union dues up to 1.5 % of the income and 3,000; the
 * retirement products together up to their one limit, in the order listed. `base` is the income taxed
 * by advances (the settlement's base before the deductions). Capped rather than refused, so the
 * accountant enters what the documents say and the settlement shows what was allowed.
 */
export function allowedDeductions(y: PayrollYear, base: number, claims: DeductionClaim[]): AllowedDeduction[] {
  const L = y.settlement;
  const claimed = new Map<DeductionKind, number>();
  for (const c of claims) claimed.set(c.kind, (claimed.get(c.kind) ?? 0) + c.amount);
  const disability = claims.find((c) => c.kind === 'exams' && c.disability)?.disability;
  const czk = (f: { value: number }) => f.value * CZK;
  const share = (f: { value: number }) => Math.floor(bp(base, f.value));
  let retirementRoom = czk(L.retirementProducts);
  const out: AllowedDeduction[] = [];
  for (const kind of DEDUCTION_KINDS) {
    const amount = claimed.get(kind);
    if (amount === undefined) continue;
    let allowed: number;
    if (kind === 'donations')
      allowed =
        amount > share(L.giftsMinShare) || amount >= czk(L.giftsMinAmount)
          ? Math.min(amount, share(L.giftsMaxShare))
          : 0;
    else if (kind === 'mortgage_interest') allowed = mortgageAllowed(L, claims);
    else if (RETIREMENT.includes(kind)) {
      allowed = Math.min(amount, retirementRoom);
      retirementRoom -= allowed;
    } else if (kind === 'long_term_care_insurance') allowed = Math.min(amount, czk(L.longTermCare));
    else if (kind === 'union_dues') allowed = Math.min(amount, share(L.unionDuesShare), czk(L.unionDuesMax));
    else
      allowed = Math.min(
        amount,
        czk(disability === 'severe' ? L.examsSeverelyDisabled : disability ? L.examsDisabled : L.exams),
      );
    out.push({ kind, claimed: amount, allowed });
  }
  return out;
}

/** The spouse the credit is claimed for in the settlement (§ 35ba odst. 1 písm. b, § 35bb). */
export interface SpouseClaim {
  /** Months (0–12) at whose first day the conditions held: married, one household with the taxpayer's child under 3. */
  months: number;
  /** The spouse's own income in the year (haléře). */
  income: number;
  /** The spouse holds a ZTP/P card: the credit is doubled. */
  disabled: boolean;
}

/** Whether the spouse's income allows the credit (§ 35bb odst. 2 písm. b). */
export const spouseQualifies = (y: PayrollYear, s: SpouseClaim) =>
  s.income <= y.settlement.spouseIncomeLimit.value * CZK;

/** The spouse credit: a twelfth of the annual credit for each month, doubled with ZTP/P; 0 when the income is over the limit. */
export function spouseCreditOf(y: PayrollYear, s: SpouseClaim | null | undefined): number {
  if (!s || !spouseQualifies(y, s)) return 0;
  const months = Math.min(12, Math.max(0, Math.floor(s.months)));
  return Math.round((y.settlement.spouseCredit.value * CZK * months) / 12) * (s.disabled ? 2 : 1);
}

export interface SettlementInput {
  /** This employer's statement for the year. */
  statement: Pick<Statement, 'income' | 'taxAdvances' | 'taxBonuses'>;
  /** Statements of earlier employers in the same year (potvrzení the employee hands in). */
  previousEmployers: { income: number; taxAdvances: number; taxBonuses: number }[];
  /** Non-taxable parts of the base (§ 15 ff.) the employee proved; capped at the year's limits here. */
  deductions: DeductionClaim[];
  /** The spouse credit claimed, if any. */
  spouse?: SpouseClaim | null;
  /** For each month of the year, the children the credit is claimed for (§ 35c odst. 2). */
  childClaimsByMonth: ChildClaim[][];
}

export interface Settlement {
  income: number;
  /** Each kind claimed with what its limit allowed. */
  deductionsAllowed: AllowedDeduction[];
  /** The non-taxable parts deducted (the allowed amounts, at most the income). */
  nonTaxable: number;
  /** The base less deductions, rounded down to whole hundreds (§ 16 odst. 1). */
  taxBase: number;
  tax: number;
  taxpayerCredit: number;
  /** The spouse credit used against the tax (at most the tax left after the taxpayer credit). */
  spouseCredit: number;
  /** The annual child benefit (daňové zvýhodnění) the months give. */
  childBenefit: number;
  /** Of it, used as a credit against the tax. */
  childCredit: number;
  taxAfterCredits: number;
  /** The rest as a tax bonus (0 when under the minimum or the income condition fails). */
  taxBonus: number;
  advancesPaid: number;
  bonusesPaid: number;
  /** Advances less the tax: positive is an overpayment refunded to the employee. */
  taxDifference: number;
  /** The annual bonus less the monthly bonuses paid: positive is paid to the employee. */
  bonusDifference: number;
  /** What the employee gets with the settlement (negative: a shortfall; the employer does not deduct it). */
  result: number;
}

/** The annual tax settlement (roční zúčtování záloh a daňového zvýhodnění, § 38ch). */
export function settle(y: PayrollYear, input: SettlementInput): Settlement {
  const income = input.statement.income + sum(input.previousEmployers, (p) => p.income);
  const deductionsAllowed = allowedDeductions(y, income, input.deductions);
  const nonTaxable = Math.min(
    income,
    sum(deductionsAllowed, (d) => d.allowed),
  );
  const taxBase = Math.floor((income - nonTaxable) / (100 * CZK) + 1e-9) * 100 * CZK;
  const threshold = y.highTaxThresholdAnnual.value * CZK;
  const tax = upCzk(
    bp(Math.min(taxBase, threshold), y.taxRate.value) + bp(Math.max(0, taxBase - threshold), y.taxRateHigh.value),
  );
  // The taxpayer credit is annual and never pro-rated in the settlement (§ 35ba odst. 1 písm. a).
  const taxpayerCredit = Math.min(tax, y.taxpayerCredit.value * 12 * CZK);
  // The spouse credit follows the taxpayer's (§ 35ba); like it, it only lowers the tax to nothing.
  const spouseCredit = Math.min(tax - taxpayerCredit, spouseCreditOf(y, input.spouse));
  const afterTaxpayer = tax - taxpayerCredit - spouseCredit;
  const childBenefit = sum(input.childClaimsByMonth, (claims) => childCreditOf(y, claims));
  const childCredit = Math.min(childBenefit, afterTaxpayer);
  const taxAfterCredits = afterTaxpayer - childCredit;
  const rest = childBenefit - childCredit;
  const incomeOk = income >= y.minimumWage.value * CZK * RULES.annualTaxBonusIncomeMultiple.value;
  const taxBonus = incomeOk && rest >= RULES.annualTaxBonusMinimum.value * CZK ? rest : 0;
  const advancesPaid = input.statement.taxAdvances + sum(input.previousEmployers, (p) => p.taxAdvances);
  const bonusesPaid = input.statement.taxBonuses + sum(input.previousEmployers, (p) => p.taxBonuses);
  const taxDifference = advancesPaid - taxAfterCredits;
  const bonusDifference = taxBonus - bonusesPaid;
  return {
    income,
    deductionsAllowed,
    nonTaxable,
    taxBase,
    tax,
    taxpayerCredit,
    spouseCredit,
    childBenefit,
    childCredit,
    taxAfterCredits,
    taxBonus,
    advancesPaid,
    bonusesPaid,
    taxDifference,
    bonusDifference,
    result: taxDifference + bonusDifference,
  };
}
