/**
 * The payroll calculation alone (no database): the worked examples of issue 13 and cases from the
 * law, each with its source, and fast-check properties over other salaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payrollYear } from '../src/server/data/payroll-cz.ts';
import { calculatePayslip, type PayslipInput, sickPayRate, unpaidLeave } from '../src/server/payroll/calculate.ts';
import { accrualLines } from '../src/server/payroll/posting.ts';

const y2026 = payrollYear(2026);
const y2025 = payrollYear(2025);
const czk = (n: number) => Math.round(n * 100);
const base = (over: Partial<PayslipInput>): PayslipInput => ({
  contract: 'hpp',
  taxDeclaration: true,
  children: [],
  components: [],
  socialBaseBefore: 0,
  minimumHealthShare: 1,
  ...over,
});
const inCzk = (p: ReturnType<typeof calculatePayslip>) => ({
  gross: p.gross / 100,
  socialEmployee: p.socialEmployee / 100,
  healthEmployee: p.healthEmployee / 100,
  taxAdvance: p.taxAdvance / 100,
  taxBonus: p.taxBonus / 100,
  withholdingTax: p.withholdingTax / 100,
  net: p.net / 100,
  socialEmployer: p.socialEmployer / 100,
  healthEmployer: p.healthEmployer / 100,
});

describe('Czech payroll 2026, worked examples of issue 13', () => {
  it('HPP 50,000 with a signed declaration', () => {
    const p = calculatePayslip(y2026, base({ components: [{ kind: 'salary', amount: czk(50_000) }] }));
    expect(inCzk(p)).toEqual({
      gross: 50_000,
      socialEmployee: 3_550,
      healthEmployee: 2_250,
      taxAdvance: 4_930,
      taxBonus: 0,
      withholdingTax: 0,
      net: 39_270,
      socialEmployer: 12_400,
      healthEmployer: 4_500,
    });
  });

  it('HPP 30,000 with two children: tax bonus 1,197', () => {
    const p = calculatePayslip(
      y2026,
      base({
        components: [{ kind: 'salary', amount: czk(30_000) }],
        children: [
          { order: 1, disabled: false },
          { order: 2, disabled: false },
        ],
      }),
    );
    expect(inCzk(p)).toMatchObject({
      socialEmployee: 2_130,
      healthEmployee: 1_350,
      taxAdvance: 0,
      taxBonus: 1_197,
      net: 27_717,
    });
  });

  it('DPP 50 h × 200 CZK without a declaration: withholding tax 1,500, no insurance', () => {
    const p = calculatePayslip(
      y2026,
      base({
        contract: 'dpp',
        taxDeclaration: false,
        components: [{ kind: 'hours', amount: czk(10_000), hours: 50, rate: czk(200) }],
      }),
    );
    expect(p.insured).toBe(false);
    expect(inCzk(p)).toMatchObject({
      socialEmployee: 0,
      healthEmployee: 0,
      withholdingTax: 1_500,
      taxAdvance: 0,
      net: 8_500,
    });
  });
});

describe('Czech payroll, cases from the law', () => {
  it('stops social insurance at the annual maximum base (zákon č. 589/1992 Sb. § 15a: 48 × 48,967 = 2,350,416)', () => {
    // December of a 200,000 earner with 2,250,000 already assessed: 100,416 left.
    const p = calculatePayslip(
      y2026,
      base({ components: [{ kind: 'salary', amount: czk(200_000) }], socialBaseBefore: czk(2_250_000) }),
    );
    expect(p.socialBase).toBe(czk(100_416));
    expect(p.socialEmployee).toBe(czk(7_130)); // 7,129.54 rounded up
    expect(p.socialEmployer).toBe(czk(24_904)); // 24,903.17 rounded up
    expect(p.healthEmployee).toBe(czk(9_000)); // no maximum for health insurance
    const after = calculatePayslip(
      y2026,
      base({ components: [{ kind: 'salary', amount: czk(200_000) }], socialBaseBefore: czk(2_400_000) }),
    );
    expect(after.socialEmployee).toBe(0);
  });

  it('taxes the part over 3 × average wage at 23 % (zákon č. 586/1992 Sb. § 16, § 38h: 146,901 a month in 2026)', () => {
    const p = calculatePayslip(y2026, base({ components: [{ kind: 'salary', amount: czk(200_000) }] }));
    // 15 % × 146,901 + 23 % × 53,099 = 22,035.15 + 12,212.77 = 34,247.92 → 34,248; less 2,570.
    expect(p.taxBeforeCredits).toBe(czk(34_248));
    expect(inCzk(p)).toMatchObject({ socialEmployee: 14_200, healthEmployee: 9_000, taxAdvance: 31_678, net: 145_122 });
  });

  it('tops health insurance up to the minimum wage for part-time HPP (zákon č. 592/1992 Sb. § 3 odst. 8; 22,400 in 2026)', () => {
    const p = calculatePayslip(y2026, base({ components: [{ kind: 'salary', amount: czk(15_000) }] }));
    // 13.5 % of 22,400 = 3,024; of 15,000 = 2,025 (employee 675, employer 1,350); difference 999 is the employee's.
    expect(p.healthMinimumTopUp).toBe(czk(999));
    expect(inCzk(p)).toMatchObject({
      healthEmployee: 1_674,
      healthEmployer: 1_350,
      socialEmployee: 1_065,
      taxAdvance: 0,
      net: 12_261,
    });
    const half = calculatePayslip(
      y2026,
      base({ components: [{ kind: 'salary', amount: czk(10_000) }], minimumHealthShare: 0.5 }),
    );
    expect(half.healthMinimumTopUp).toBe(czk(162)); // 13.5 % of 11,200 = 1,512 less 1,350
  });

  it('reduces average earnings for sick pay (zákoník práce § 192; thresholds 2025 × 0.175 as in PAMPROFI 3.8.2)', () => {
    // 2025 hourly thresholds 271.60 / 407.40 / 814.80; the maximum: (244.44 + 81.48 + 122.22) × 60 % = 268.884.
    expect(sickPayRate(y2025, czk(1_000))).toBe(czk(268.88));
    // 2026 (1,633 / 2,449 / 4,897 → 285.78 / 428.58 / 856.98): 300 CZK → (257.202 + 8.532) × 60 % = 159.44.
    expect(sickPayRate(y2026, czk(300))).toBe(czk(159.44));
    // Sick pay is taxed but not insured (zákon č. 589/1992 Sb. § 5).
    const p = calculatePayslip(
      y2026,
      base({
        components: [
          { kind: 'salary', amount: czk(30_000) },
          { kind: 'sick_pay', amount: czk(5_000) },
        ],
      }),
    );
    expect(p.socialBase).toBe(czk(30_000));
    expect(p.taxBase).toBe(czk(35_000));
  });

  it('pays no monthly bonus under 50 CZK and none below half the minimum wage (§ 35d odst. 4)', () => {
    const small = calculatePayslip(
      y2026,
      base({ components: [{ kind: 'salary', amount: czk(25_000) }], children: [{ order: 1, disabled: false }] }),
    );
    // 3,750 − 2,570 = 1,180 − 1,267 = −87: a bonus of 87.
    expect(small.taxBonus).toBe(czk(87));
    const tiny = calculatePayslip(
      y2026,
      base({ components: [{ kind: 'salary', amount: czk(25_500) }], children: [{ order: 1, disabled: false }] }),
    );
    // 3,825 − 2,570 = 1,255 − 1,267 = −12: under 50, not paid; the credit is used only up to the tax.
    expect(tiny.taxBonus).toBe(0);
    expect(tiny.taxAdvance).toBe(0);
    const low = calculatePayslip(
      y2026,
      base({ components: [{ kind: 'salary', amount: czk(11_000) }], children: [{ order: 1, disabled: false }] }),
    );
    expect(low.taxBonus).toBe(0);
  });

  it('withholds 15 % from a DPČ under 4,500 without a declaration and takes an advance above it', () => {
    const under = calculatePayslip(
      y2026,
      base({ contract: 'dpc', taxDeclaration: false, components: [{ kind: 'hours', amount: czk(4_499.5) }] }),
    );
    expect(under.withholdingTax).toBe(czk(674)); // 4,499 × 15 % = 674.85 → 674
    expect(under.insured).toBe(false);
    const over = calculatePayslip(
      y2026,
      base({ contract: 'dpc', taxDeclaration: false, components: [{ kind: 'hours', amount: czk(6_000) }] }),
    );
    expect(over.insured).toBe(true);
    expect(over.taxAdvance).toBe(czk(900));
  });
});

describe('Czech payroll, properties', () => {
  const components = fc.array(
    fc.record({
      kind: fc.constantFrom('salary', 'hours', 'overtime', 'bonus', 'holiday', 'sick_pay') as fc.Arbitrary<
        'salary' | 'hours' | 'overtime' | 'bonus' | 'holiday' | 'sick_pay'
      >,
      amount: fc.integer({ min: 0, max: 50_000_000 }),
    }),
    { minLength: 1, maxLength: 5 },
  );
  const input = fc.record({
    contract: fc.constantFrom('hpp', 'dpp', 'dpc') as fc.Arbitrary<'hpp' | 'dpp' | 'dpc'>,
    taxDeclaration: fc.boolean(),
    children: fc.array(fc.record({ order: fc.integer({ min: 1, max: 4 }), disabled: fc.boolean() }), { maxLength: 4 }),
    components,
    socialBaseBefore: fc.integer({ min: 0, max: 300_000_000 }),
    minimumHealthShare: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('components sum to gross, net = gross − deductions + bonus, employer cost = gross + employer contributions', () => {
    fc.assert(
      fc.property(fc.constantFrom(y2025, y2026), input, (y, i) => {
        const p = calculatePayslip(y, i);
        expect(p.components.reduce((s, c) => s + c.amount, 0)).toBe(p.gross);
        expect(p.deductions).toBe(p.socialEmployee + p.healthEmployee + p.taxAdvance + p.withholdingTax);
        expect(p.net).toBe(p.gross - p.deductions + p.taxBonus);
        expect(p.employerCost).toBe(p.gross + p.socialEmployer + p.healthEmployer);
        // Whole crowns, never negative, and never both an advance and withholding.
        for (const v of [
          p.socialEmployee,
          p.healthEmployee,
          p.taxAdvance,
          p.withholdingTax,
          p.taxBonus,
          p.socialEmployer,
          p.healthEmployer,
        ]) {
          expect(v % 100).toBe(0);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(p.taxAdvance > 0 && p.withholdingTax > 0).toBe(false);
        expect(p.taxAdvance > 0 && p.taxBonus > 0).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('unpaid leave: its own negative line, salary × hours / fund, the month never below zero, components sum to gross', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 250 }),
        fc.boolean(),
        (monthly, fund, hours, partial) => {
          // A partial month (a starter) pays less than the monthly salary: the reduction never exceeds it.
          const salary = partial ? Math.round(monthly / 3) : monthly;
          const line = unpaidLeave(monthly, hours, fund, salary);
          const components = [{ kind: 'salary' as const, amount: salary }, ...(line ? [line] : [])];
          if (line) {
            expect(line).toMatchObject({ kind: 'unpaid_leave', hours });
            expect(-line.amount).toBe(Math.min(salary, Math.round((monthly * hours) / fund)));
          } else expect(hours === 0 || salary === 0 || Math.round((monthly * hours) / fund) === 0).toBe(true);
          const p = calculatePayslip(y2026, base({ components }));
          expect(p.gross).toBe(components.reduce((s, c) => s + c.amount, 0));
          expect(p.gross).toBeGreaterThanOrEqual(0);
          expect(p.net).toBe(p.gross - p.deductions + p.taxBonus);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a higher salary never gives a lower net pay (same person, HPP, no children)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 30_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, d) => {
        const net = (g: number) => calculatePayslip(y2026, base({ components: [{ kind: 'salary', amount: g }] })).net;
        // The tax base is rounded up to whole hundreds: crossing a hundred costs up to 23 CZK of tax.
        expect(net(a + d)).toBeGreaterThanOrEqual(net(a) - 2_500);
      }),
      { numRuns: 300 },
    );
  });

  it('insurance follows the rates within rounding for any HPP salary', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2_240_000, max: 20_000_000 }), (g) => {
        const p = calculatePayslip(y2026, base({ components: [{ kind: 'salary', amount: g }] }));
        expect(Math.abs(p.socialEmployee - g * 0.071)).toBeLessThan(100);
        expect(
          Math.abs(p.socialEmployee + p.healthEmployee + p.healthEmployer - p.socialEmployee - g * 0.135),
        ).toBeLessThan(100);
        expect(Math.abs(p.healthEmployee - g * 0.045)).toBeLessThan(100);
      }),
      { numRuns: 200 },
    );
  });

  it('the wage entry of any run balances, with the net wages on 331 and nothing on the wrong side', () => {
    const slip = fc.record({
      contract: fc.constantFrom('hpp' as const, 'dpp' as const, 'dpc' as const),
      taxDeclaration: fc.boolean(),
      children: fc.array(fc.record({ order: fc.integer({ min: 1, max: 3 }), disabled: fc.boolean() }), {
        maxLength: 3,
      }),
      salary: fc.integer({ min: 0, max: 40_000_000 }),
      sickPay: fc.integer({ min: 0, max: 2_000_000 }),
      before: fc.integer({ min: 0, max: 300_000_000 }),
      insurer: fc.constantFrom('111', '201', '211', null),
    });
    fc.assert(
      fc.property(
        fc.array(slip, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('cs' as const, 'en' as const),
        (xs, lang) => {
          const slips = xs.map((x) => ({
            ...calculatePayslip(
              y2026,
              base({
                contract: x.contract,
                taxDeclaration: x.taxDeclaration,
                children: x.children,
                socialBaseBefore: x.before,
                components: [
                  { kind: 'salary', amount: x.salary },
                  { kind: 'sick_pay', amount: x.sickPay },
                ],
              }),
            ),
            healthInsurer: x.insurer,
          }));
          const lines = accrualLines(slips, lang);
          const amount = (v: string | undefined) => Math.round(Number(v ?? 0) * 100);
          const debit = lines.reduce((a, l) => a + amount(l.debit), 0);
          const credit = lines.reduce((a, l) => a + amount(l.credit), 0);
          expect(debit).toBe(credit);
          for (const l of lines) expect(amount(l.debit ?? l.credit)).toBeGreaterThan(0);
          const net = slips.reduce((a, s) => a + s.net, 0);
          // A net below zero (the minimum health base's premium on an empty month) is owed by the employee: 331 debit.
          const on331 = lines.filter((l) => l.account === '331');
          expect(on331.reduce((a, l) => a + amount(l.credit) - amount(l.debit), 0)).toBe(net);
          expect(lines.filter((l) => ['521', '524'].includes(l.account)).every((l) => l.debit)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
