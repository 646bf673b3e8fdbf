/**
 * The annual tax settlement (roční zúčtování záloh a daňového zvýhodnění, zákon č. 586/1992 Sb.
 * § 38ch) and the statement of taxable income alone (no database): worked examples, each with the
 * rule it shows, and fast-check properties over a year of monthly payslips.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payrollYear } from '../src/server/data/payroll-cz.ts';
import {
  allowedDeductions,
  DEDUCTION_KINDS,
  ledger,
  type SettlementInput,
  settle,
  statement,
  type YearSlip,
} from '../src/server/payroll/annual.ts';
import { type ChildClaim, calculatePayslip } from '../src/server/payroll/calculate.ts';

const y2026 = payrollYear(2026);
const czk = (n: number) => Math.round(n * 100);
const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const period = (mo: number) => `2026-${String(mo).padStart(2, '0')}`;

/** A year's payslips of an HPP salary in the given months, with a declaration and children. */
const slips = (salary: number, ms: number[], children: ChildClaim[] = [], taxDeclaration = true): YearSlip[] =>
  ms.map((mo) => ({
    period: period(mo),
    figures: calculatePayslip(y2026, {
      contract: 'hpp',
      taxDeclaration,
      children: taxDeclaration ? children : [],
      components: [{ kind: 'salary', amount: czk(salary) }],
      socialBaseBefore: 0,
      minimumHealthShare: 1,
    }),
  }));

const settleOf = (ys: YearSlip[], over: Partial<SettlementInput> = {}) =>
  settle(y2026, {
    statement: statement(ys),
    previousEmployers: [],
    deductions: [],
    childClaimsByMonth: months(1, 12).map(() => []),
    ...over,
  });
const inCzk = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v / 100]));
const TWO_CHILDREN: ChildClaim[] = [
  { order: 1, disabled: false },
  { order: 2, disabled: false },
];

describe('annual tax settlement 2026, worked examples', () => {
  it('HPP 50,000 all year: the advances were the tax, nothing to settle', () => {
    const ys = slips(50_000, months(1, 12));
    expect(statement(ys)).toMatchObject({
      income: czk(600_000),
      taxAdvances: czk(59_160),
      taxpayerCredit: czk(30_840),
    });
    // 600,000 × 15 % = 90,000 − 30,840 (§ 35ba odst. 1 písm. a) = 59,160 = 12 × 4,930.
    expect(inCzk(settleOf(ys) as never)).toMatchObject({ tax: 90_000, taxAfterCredits: 59_160, result: 0 });
  });

  it('mortgage interest of 20,000 (§ 15 odst. 3) lowers the base: 3,000 refunded', () => {
    const s = settleOf(slips(50_000, months(1, 12)), {
      deductions: [{ kind: 'mortgage_interest', amount: czk(20_000) }],
    });
    expect(inCzk(s as never)).toMatchObject({ nonTaxable: 20_000, taxBase: 580_000, tax: 87_000, result: 3_000 });
  });

  it('employed from July only: the taxpayer credit is annual, never pro-rated (Finanční správa, 17. 2. 2025): 15,420 back', () => {
    // Six months × 4,930 = 29,580 advanced; 300,000 × 15 % = 45,000 − 30,840 = 14,160 due.
    expect(inCzk(settleOf(slips(50_000, months(7, 12))) as never)).toMatchObject({
      advancesPaid: 29_580,
      taxAfterCredits: 14_160,
      taxDifference: 15_420,
      result: 15_420,
    });
  });

  it('an earlier employer’s statement counts: 180,000 with 12,000 advanced → 420 back', () => {
    const s = settleOf(slips(50_000, months(7, 12)), {
      previousEmployers: [{ income: czk(180_000), taxAdvances: czk(12_000), taxBonuses: 0 }],
    });
    // 480,000 × 15 % = 72,000 − 30,840 = 41,160; advances 29,580 + 12,000 = 41,580.
    expect(inCzk(s as never)).toMatchObject({ income: 480_000, taxAfterCredits: 41_160, result: 420 });
  });

  it('HPP 30,000 with two children all year: the monthly bonuses were the annual bonus (§ 35c)', () => {
    const ys = slips(30_000, months(1, 12), TWO_CHILDREN);
    const s = settleOf(ys, { childClaimsByMonth: months(1, 12).map(() => TWO_CHILDREN) });
    // 54,000 − 30,840 = 23,160 credited from the benefit 12 × (1,267 + 1,860) = 37,524; bonus 14,364 = 12 × 1,197.
    expect(inCzk(s as never)).toMatchObject({
      childBenefit: 37_524,
      childCredit: 23_160,
      taxAfterCredits: 0,
      taxBonus: 14_364,
      bonusesPaid: 14_364,
      result: 0,
    });
  });

  it('a year’s income under 6 × the minimum wage (134,400) gives no annual bonus (§ 35c odst. 4)', () => {
    const child = [{ order: 1, disabled: false }];
    const claims = months(1, 12).map(() => child);
    // Four months at 30,000: each month 4,500 − 2,570 − 1,267 = 663 advanced.
    const four = settleOf(slips(30_000, months(1, 4), child), { childClaimsByMonth: claims });
    expect(inCzk(four as never)).toMatchObject({ income: 120_000, advancesPaid: 2_652, taxBonus: 0, result: 2_652 });
    // Five months (150,000) reach it: the whole 15,204 as a bonus, and the 3,315 advanced back.
    const five = settleOf(slips(30_000, months(1, 5), child), { childClaimsByMonth: claims });
    expect(inCzk(five as never)).toMatchObject({ taxBonus: 15_204, taxDifference: 3_315, result: 18_519 });
  });

  it('the 23 % band applies above 36 × the average wage (1,762,812, § 16 odst. 2)', () => {
    const s = settleOf([], {
      previousEmployers: [{ income: czk(2_000_000), taxAdvances: czk(288_200), taxBonuses: 0 }],
    });
    // 1,762,812 × 15 % = 264,421.80; 237,188 × 23 % = 54,553.24; 318,975.04 → 318,976 − 30,840 = 288,136.
    expect(inCzk(s as never)).toMatchObject({ tax: 318_976, taxAfterCredits: 288_136, result: 64 });
  });

  it('the statement separates income taxed by withholding (§ 6 odst. 4) and lists the months', () => {
    const dpp: YearSlip = {
      period: period(3),
      figures: calculatePayslip(y2026, {
        contract: 'dpp',
        taxDeclaration: false,
        children: [],
        components: [{ kind: 'hours', amount: czk(10_000), hours: 50, rate: czk(200) }],
        socialBaseBefore: 0,
        minimumHealthShare: 0,
      }),
    };
    const s = statement([...slips(30_000, [1, 2], TWO_CHILDREN), dpp]);
    expect(s).toMatchObject({
      income: czk(60_000),
      withholdingIncome: czk(10_000),
      withholdingTax: czk(1_500),
      declarationMonths: [1, 2],
      childCreditMonths: [1, 2],
      bonusMonths: [1, 2],
      taxBonuses: czk(2_394),
    });
    const l = ledger([...slips(30_000, [1, 2]), dpp, ...slips(1_000, [3])]);
    expect(l.months.map((m) => m.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(l.months[2]?.gross).toBe(czk(11_000));
    expect(l.totals.gross).toBe(czk(71_000));
  });
});

describe('annual tax settlement 2026: the limits of § 15 ff. and the spouse credit (zákon č. 586/1992 Sb.)', () => {
  const full = () => slips(50_000, months(1, 12));
  const allowed = (claims: Parameters<typeof allowedDeductions>[2], base = czk(600_000)) =>
    allowedDeductions(y2026, base, claims).map((d) => [d.kind, d.claimed / 100, d.allowed / 100]);

  it('caps mortgage interest at 150,000 (§ 15 odst. 4, housing from 2021): 180,000 paid → 22,500 back', () => {
    // 600,000 − 150,000 = 450,000 × 15 % = 67,500 − 30,840 = 36,660 due; 59,160 advanced → 22,500.
    const s = settleOf(full(), { deductions: [{ kind: 'mortgage_interest', amount: czk(180_000) }] });
    expect(inCzk({ nonTaxable: s.nonTaxable, taxAfterCredits: s.taxAfterCredits, result: s.result })).toEqual({
      nonTaxable: 150_000,
      taxAfterCredits: 36_660,
      result: 22_500,
    });
    expect(s.deductionsAllowed).toEqual([{ kind: 'mortgage_interest', claimed: czk(180_000), allowed: czk(150_000) }]);
  });

  it('housing acquired before 2021 keeps the limit of 300,000; with newer housing the newer part stays within 150,000 (§ 15 odst. 4)', () => {
    // PwC Česká republika, January 2021: 300,000 for housing acquired before 1 Jan 2021, 150,000 after.
    expect(allowed([{ kind: 'mortgage_interest', amount: czk(320_000), acquiredBefore2021: true }])).toEqual([
      ['mortgage_interest', 320_000, 300_000],
    ]);
    expect(
      allowed([
        { kind: 'mortgage_interest', amount: czk(100_000), acquiredBefore2021: true },
        { kind: 'mortgage_interest', amount: czk(250_000) },
      ]),
    ).toEqual([['mortgage_interest', 350_000, 250_000]]);
    expect(
      allowed([
        { kind: 'mortgage_interest', amount: czk(200_000), acquiredBefore2021: true },
        { kind: 'mortgage_interest', amount: czk(200_000) },
      ]),
    ).toEqual([['mortgage_interest', 400_000, 300_000]]);
  });

  it('interest paid for part of the year: 1/12 of the limit for each month paid (§ 15 odst. 4)', () => {
    // A mortgage from July: 6 months → 150,000 × 6 / 12 = 75,000; before 2021, 7 months → 175,000.
    expect(allowed([{ kind: 'mortgage_interest', amount: czk(120_000), months: 6 }])).toEqual([
      ['mortgage_interest', 120_000, 75_000],
    ]);
    expect(allowed([{ kind: 'mortgage_interest', amount: czk(200_000), acquiredBefore2021: true, months: 7 }])).toEqual(
      [['mortgage_interest', 200_000, 175_000]],
    );
  });

  it('retirement products share one limit of 48,000 since 2024 (§ 15a); long-term care its own (§ 15c)', () => {
    expect(
      allowed([
        { kind: 'pension_savings', amount: czk(30_000) },
        { kind: 'life_insurance', amount: czk(30_000) },
        { kind: 'long_term_investment', amount: czk(5_000) },
        { kind: 'long_term_care_insurance', amount: czk(50_000) },
      ]),
    ).toEqual([
      ['pension_savings', 30_000, 30_000],
      ['life_insurance', 30_000, 18_000],
      ['long_term_investment', 5_000, 0],
      ['long_term_care_insurance', 50_000, 48_000],
    ]);
  });

  it('gifts count from 1,000 or over 2 % of the base and up to 15 % of it (§ 15 odst. 1)', () => {
    expect(allowed([{ kind: 'donations', amount: czk(800) }])).toEqual([['donations', 800, 0]]);
    expect(allowed([{ kind: 'donations', amount: czk(1_000) }])).toEqual([['donations', 1_000, 1_000]]);
    // 15 % of 600,000 = 90,000; two gifts of one kind are summed first.
    expect(
      allowed([
        { kind: 'donations', amount: czk(60_000) },
        { kind: 'donations', amount: czk(40_000) },
      ]),
    ).toEqual([['donations', 100_000, 90_000]]);
    // On a base of 40,000, 2 % is 800: a gift of 900 is over it.
    expect(allowed([{ kind: 'donations', amount: czk(900) }], czk(40_000))).toEqual([['donations', 900, 900]]);
  });

  it('union dues up to 1.5 % of the income and 3,000 (§ 15 odst. 7); exams 10,000 / 13,000 / 15,000 (§ 15 odst. 8)', () => {
    expect(allowed([{ kind: 'union_dues', amount: czk(5_000) }])).toEqual([['union_dues', 5_000, 3_000]]);
    expect(allowed([{ kind: 'union_dues', amount: czk(5_000) }], czk(120_000))).toEqual([['union_dues', 5_000, 1_800]]);
    expect(allowed([{ kind: 'exams', amount: czk(20_000) }])).toEqual([['exams', 20_000, 10_000]]);
    expect(allowed([{ kind: 'exams', amount: czk(20_000), disability: 'disabled' }])).toEqual([
      ['exams', 20_000, 13_000],
    ]);
    expect(allowed([{ kind: 'exams', amount: czk(20_000), disability: 'severe' }])).toEqual([
      ['exams', 20_000, 15_000],
    ]);
  });

  it('the spouse credit: 24,840 a year, 2,070 a month, doubled with ZTP/P, none over 68,000 of own income (§ 35ba, § 35bb)', () => {
    const spouse = (m: number, income: number, disabled = false) =>
      settleOf(full(), { spouse: { months: m, income: czk(income), disabled } });
    // 90,000 − 30,840 − 24,840 = 34,320 due; 59,160 advanced → 24,840 back.
    expect(inCzk({ c: spouse(12, 50_000).spouseCredit, r: spouse(12, 50_000).result })).toEqual({
      c: 24_840,
      r: 24_840,
    });
    expect(spouse(5, 68_000).spouseCredit).toBe(czk(10_350));
    expect(spouse(12, 0, true).spouseCredit).toBe(czk(49_680));
    expect(spouse(12, 68_000.01).spouseCredit).toBe(0);
    // It only lowers the tax to nothing: 20,000 a month → 36,000 − 30,840 = 5,160 left for it.
    const low = settleOf(slips(20_000, months(1, 12)), { spouse: { months: 12, income: 0, disabled: false } });
    expect(inCzk({ c: low.spouseCredit, t: low.taxAfterCredits })).toEqual({ c: 5_160, t: 0 });
  });

  it('never allows more than claimed, nor a retirement total over 48,000 (property)', () => {
    const claim = fc.record({
      kind: fc.constantFrom(...DEDUCTION_KINDS),
      amount: fc.integer({ min: 0, max: 50_000_000 }),
      disability: fc.constantFrom(undefined, 'disabled' as const, 'severe' as const),
    });
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 10 }), fc.integer({ min: 0, max: 500_000_000 }), (claims, base) => {
        const out = allowedDeductions(y2026, base, claims);
        for (const d of out) {
          expect(d.allowed).toBeGreaterThanOrEqual(0);
          expect(d.allowed).toBeLessThanOrEqual(d.claimed);
        }
        const retirement = out
          .filter((d) => ['pension_savings', 'life_insurance', 'long_term_investment'].includes(d.kind))
          .reduce((s, d) => s + d.allowed, 0);
        expect(retirement).toBeLessThanOrEqual(czk(48_000));
      }),
      { numRuns: 200 },
    );
  });
});

describe('annual tax settlement, properties', () => {
  it('a salary in whole hundreds all year under the 23 % band settles to nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 172, max: 1_469 }), (hundreds) => {
        const s = settleOf(slips(hundreds * 100, months(1, 12)));
        expect(s.result).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('more deductions never raise the tax; the result is the advances less the tax plus the bonus due', () => {
    const input = fc.record({
      salary: fc.integer({ min: 5_000, max: 250_000 }),
      from: fc.integer({ min: 1, max: 12 }),
      children: fc.array(fc.record({ order: fc.integer({ min: 1, max: 3 }), disabled: fc.boolean() }), {
        maxLength: 3,
      }),
      deduction: fc.integer({ min: 0, max: 30_000_000 }),
      more: fc.integer({ min: 0, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(input, ({ salary, from, children, deduction, more }) => {
        const ys = slips(salary, months(from, 12), children);
        const over = { childClaimsByMonth: months(1, 12).map((m) => (m >= from ? children : [])) };
        const a = settleOf(ys, { ...over, deductions: [{ kind: 'donations', amount: deduction }] });
        const b = settleOf(ys, { ...over, deductions: [{ kind: 'donations', amount: deduction + more }] });
        expect(b.taxAfterCredits).toBeLessThanOrEqual(a.taxAfterCredits);
        expect(a.taxBase % 10_000).toBe(0);
        expect(a.tax % 100).toBe(0);
        expect(a.childCredit + a.taxBonus).toBeLessThanOrEqual(a.childBenefit);
        expect(a.result).toBe(a.advancesPaid - a.taxAfterCredits + a.taxBonus - a.bonusesPaid);
        expect(a.taxAfterCredits).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
