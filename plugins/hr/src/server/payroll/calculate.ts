import { type PayrollYear, RULES } from '../data/payroll-cz.ts';

/**
 * Czech monthly payroll for one employee: gross → insurance → tax → net. Pure: the figures come from
 * the year's table (data/payroll-cz.ts), the inputs from the contract and the month's attendance.
 * Money in haléře (integers); whole-CZK results are multiples of 100.
 */
export type ContractKind = 'hpp' | 'dpp' | 'dpc';

export interface ChildClaim {
  /** 1 = first child, 2 = second, 3 = third and further (the order the taxpayer claims). */
  order: number;
  /** ZTP/P card holder: the credit is doubled. */
  disabled: boolean;
}

export type ComponentKind =
  | 'salary'
  | 'hours'
  | 'overtime'
  | 'bonus'
  | 'holiday'
  | 'holiday_compensation'
  | 'sick_pay'
  | 'unpaid_leave';

export interface PayComponent {
  kind: ComponentKind;
  /** Haléře; negative for a reduction (unpaid leave). */
  amount: number;
  /** Hours behind it, when it is time-based. */
  hours?: number;
  /** The rate per hour in haléře, when it is time-based. */
  rate?: number;
}

export interface PayslipInput {
  contract: ContractKind;
  taxDeclaration: boolean;
  children: ChildClaim[];
  components: PayComponent[];
  /** Social-insurance assessment base already used this year with this employer (haléře). */
  socialBaseBefore: number;
  /**
   * Share of the month the minimum health base applies to (calendar days of employment without
   * sickness over the month's days), 0–1; 0 switches it off (e.g. a state-insured employee).
   */
  minimumHealthShare: number;
}

export interface Payslip {
  components: PayComponent[];
  /** Whether the month was taxed with a signed declaration (missing on payslips calculated before it was kept). */
  taxDeclaration?: boolean;
  gross: number;
  insured: boolean;
  socialBase: number;
  socialEmployee: number;
  socialEmployer: number;
  healthBase: number;
  healthEmployee: number;
  healthEmployer: number;
  /** Of healthEmployee: the premium on the difference up to the minimum base, paid by the employee. */
  healthMinimumTopUp: number;
  taxBase: number;
  taxBeforeCredits: number;
  taxpayerCredit: number;
  childCredit: number;
  taxAdvance: number;
  taxBonus: number;
  withholdingBase: number;
  withholdingTax: number;
  deductions: number;
  net: number;
  employerCost: number;
}

const CZK = 100;
/** Rounds haléře up to whole CZK. */
const upCzk = (h: number) => Math.ceil(h / CZK - 1e-9) * CZK + 0; // + 0 turns -0 into 0
const downCzk = (h: number) => Math.floor(h / CZK + 1e-9) * CZK + 0;
/** `h` × basis points, exactly, in haléře (fractional). */
const bp = (h: number, rate: number) => (h * rate) / 10_000;

/** Whether the contract takes part in sickness, pension and health insurance this month (ZNP § 6, § 7). */
export function participates(y: PayrollYear, contract: ContractKind, gross: number): boolean {
  if (contract === 'hpp') return true;
  if (contract === 'dpp') return gross >= y.dppThreshold.value * CZK;
  return gross >= y.smallScopeThreshold.value * CZK;
}

/** Withholding tax instead of an advance: no declaration and income below the insurance threshold (ZDP § 6 odst. 4). */
export function withholds(y: PayrollYear, contract: ContractKind, taxDeclaration: boolean, gross: number): boolean {
  if (taxDeclaration) return false;
  if (contract === 'dpp') return gross < y.dppThreshold.value * CZK;
  return gross < y.smallScopeThreshold.value * CZK;
}

export function childCreditOf(y: PayrollYear, children: ChildClaim[]): number {
  let total = 0;
  for (const c of children) {
    const idx = Math.min(Math.max(c.order, 1), 3) - 1;
    total += (y.childCredits[idx] as { value: number }).value * (c.disabled ? 2 : 1);
  }
  return total * CZK;
}

export function calculatePayslip(y: PayrollYear, input: PayslipInput): Payslip {
  const gross = input.components.reduce((s, c) => s + c.amount, 0);
  // Sick pay (náhrada mzdy) is taxed but not part of the insurance base (zákon č. 589/1992 Sb. § 5 odst. 1).
  const insurable = input.components.filter((c) => c.kind !== 'sick_pay').reduce((s, c) => s + c.amount, 0);
  const insured = participates(y, input.contract, insurable);

  // Social insurance: up to the annual maximum base; each side rounded up to whole CZK.
  const socialRoom = Math.max(0, y.socialMaxBase.value * CZK - input.socialBaseBefore);
  const socialBase = insured ? Math.min(insurable, socialRoom) : 0;
  const socialEmployee = upCzk(bp(socialBase, y.socialEmployeeRate.value));
  const socialEmployer = upCzk(bp(socialBase, y.socialEmployerRate.value));

  // Health insurance: 13.5 % of the base rounded up; the employee pays a third of it (rounded up),
  // the employer the rest. Up to the (pro-rated) minimum wage, the premium on the difference is the
  // employee's (zákon č. 592/1992 Sb. § 3 odst. 8 and § 9 odst. 1).
  const healthBase = insured ? insurable : 0;
  const healthTotal = upCzk(bp(healthBase, y.healthRate.value));
  const healthEmployeeOwn = upCzk(healthTotal / 3);
  const healthEmployer = healthTotal - healthEmployeeOwn;
  const minimumBase =
    insured && input.contract === 'hpp' && input.minimumHealthShare > 0
      ? Math.round(y.minimumWage.value * CZK * Math.min(1, input.minimumHealthShare))
      : 0;
  const healthMinimumTopUp =
    minimumBase > healthBase ? Math.max(0, upCzk(bp(minimumBase, y.healthRate.value)) - healthTotal) : 0;
  const healthEmployee = healthEmployeeOwn + healthMinimumTopUp;

  // Income tax: withholding (15 %, rounded down) or an advance on the base rounded up to hundreds,
  // 15 % up to 3 × average wage and 23 % above, less the taxpayer's and children's credits.
  let taxBase = 0;
  let taxBeforeCredits = 0;
  let taxpayerCredit = 0;
  let childCredit = 0;
  let taxAdvance = 0;
  let taxBonus = 0;
  let withholdingBase = 0;
  let withholdingTax = 0;
  if (withholds(y, input.contract, input.taxDeclaration, gross)) {
    withholdingBase = downCzk(gross);
    withholdingTax = downCzk(bp(withholdingBase, y.withholdingRate.value));
  } else if (gross > 0) {
    taxBase = gross > 100 * CZK ? Math.ceil(gross / (100 * CZK) - 1e-9) * 100 * CZK : upCzk(gross);
    const threshold = y.highTaxThresholdMonthly.value * CZK;
    taxBeforeCredits = upCzk(
      bp(Math.min(taxBase, threshold), y.taxRate.value) + bp(Math.max(0, taxBase - threshold), y.taxRateHigh.value),
    );
    if (input.taxDeclaration) {
      taxpayerCredit = Math.min(taxBeforeCredits, y.taxpayerCredit.value * CZK);
      const afterTaxpayer = taxBeforeCredits - taxpayerCredit;
      const children = childCreditOf(y, input.children);
      const bonusAllowed = gross >= bp(y.minimumWage.value * CZK, RULES.taxBonusIncomeShareOfMinimumWage.value);
      const usable = bonusAllowed ? children : Math.min(children, afterTaxpayer);
      childCredit = usable;
      const after = afterTaxpayer - usable;
      if (after >= 0) taxAdvance = after;
      else {
        const bonus = -after;
        if (bonus >= y.taxBonusMinimum.value * CZK) taxBonus = bonus;
        else childCredit = usable - bonus; // a bonus under the minimum is not paid monthly
      }
    } else taxAdvance = taxBeforeCredits;
  }

  const deductions = socialEmployee + healthEmployee + taxAdvance + withholdingTax;
  const net = gross - deductions + taxBonus;
  return {
    components: input.components,
    taxDeclaration: input.taxDeclaration,
    gross,
    insured,
    socialBase,
    socialEmployee,
    socialEmployer,
    healthBase,
    healthEmployee,
    healthEmployer,
    healthMinimumTopUp,
    taxBase,
    taxBeforeCredits,
    taxpayerCredit,
    childCredit,
    taxAdvance,
    taxBonus,
    withholdingBase,
    withholdingTax,
    deductions,
    net,
    employerCost: gross + socialEmployer + healthEmployer,
  };
}

/**
 * The hourly sick-pay rate (náhrada mzdy, zákoník práce § 192): the average hourly earnings reduced
 * by the year's thresholds (daily × 0.175, rounded up to haléře): 90 % up to the first, 60 % to the
 * second, 30 % to the third, nothing above; then 60 % of that. Haléře in, haléře (rounded) out.
 */
export function sickPayRate(y: PayrollYear, averageHourly: number): number {
  const hourly = y.sickReductionThresholds.map((t) =>
    Math.ceil(t.value * CZK * RULES.sickHourlyCoefficient.value - 1e-9),
  );
  const [t1, t2, t3] = hourly as [number, number, number];
  const shares = RULES.sickReductionShares.map((s) => s.value);
  const reduced =
    bp(Math.min(averageHourly, t1), shares[0] as number) +
    bp(Math.max(0, Math.min(averageHourly, t2) - t1), shares[1] as number) +
    bp(Math.max(0, Math.min(averageHourly, t3) - t2), shares[2] as number);
  // Partial results are not rounded (the law sets no rounding for them; PAMPROFI 3.8.2, O. Krchovová).
  return Math.round(bp(reduced, RULES.sickPayRate.value));
}

/**
 * Unpaid leave (pracovní volno bez náhrady mzdy, granted at the employee's request) is time not worked and
 * not paid: a monthly salary is reduced by its hours over the month's working-time fund of the contract
 * (měsíční fond pracovní doby, zákoník práce § 78 odst. 1 písm. m; the method of "Poměrná část měsíční mzdy
 * a platu pro jejich zúčtování", praceamzda.cz, and of Pohoda and Money S3): monthly salary × unpaid hours /
 * fund hours, rounded to haléře, never more than the month's salary. A negative line of its own on the payslip.
 */
export function unpaidLeave(monthly: number, hours: number, fundHours: number, salary: number): PayComponent | null {
  if (hours <= 0 || fundHours <= 0) return null;
  const amount = Math.min(salary, Math.round((monthly * hours) / fundHours));
  return amount > 0 ? { kind: 'unpaid_leave', amount: -amount, hours, rate: Math.round(monthly / fundHours) } : null;
}
