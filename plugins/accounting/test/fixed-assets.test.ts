import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CZ_DEPRECIATION, type TaxGroup } from '../src/server/data/cz-depreciation.ts';
import { accountingPlan, taxPlan } from '../src/server/services/depreciation.ts';
import { type Books, openBooks } from './helpers.ts';

const kc = (n: number) => BigInt(n) * 100n;
const amounts = (plan: { amount: bigint }[]) => plan.map((p) => Number(p.amount / 100n));

describe('tax depreciation (ZDP § 31, § 32)', () => {
  it('follows the published worked examples', () => {
    // 100 000 Kč in group 2, straight line: 11 % then 22,25 % a year for four years.
    expect(amounts(taxPlan({ cost: kc(100_000), group: 2, method: 'straight', firstYear: 2024 }))).toEqual([
      11_000, 22_250, 22_250, 22_250, 22_250,
    ]);
    // The same accelerated (coefficients 5 / 6): 100 000/5, then 2 × residual / (6 − years depreciated).
    expect(amounts(taxPlan({ cost: kc(100_000), group: 2, method: 'accelerated', firstYear: 2024 }))).toEqual([
      20_000, 32_000, 24_000, 16_000, 8_000,
    ]);
    // A 42 000 Kč laptop in group 1 (3 years): 20 %, 40 %, 40 %.
    expect(amounts(taxPlan({ cost: kc(42_000), group: 1, method: 'straight', firstYear: 2026 }))).toEqual([
      8_400, 16_800, 16_800,
    ]);
    // Rounded up to whole koruny: 33 333 Kč × 20 % = 6 666,60 → 6 667.
    expect(amounts(taxPlan({ cost: kc(33_333), group: 1, method: 'straight', firstYear: 2026 }))[0]).toBe(6_667);
  });

  it('claims half the annual amount in the year of disposal and moves on after a suspended year', () => {
    const disposed = taxPlan({ cost: kc(100_000), group: 2, method: 'straight', firstYear: 2024, disposalYear: 2026 });
    expect(amounts(disposed)).toEqual([11_000, 22_250, 11_125]);
    expect(disposed.at(-1)?.disposal).toBe(true);
    const suspended = taxPlan({
      cost: kc(100_000),
      group: 2,
      method: 'straight',
      firstYear: 2024,
      suspended: new Set([2025]),
    });
    expect(suspended.map((y) => [y.year, Number(y.amount / 100n)])).toEqual([
      [2024, 11_000],
      [2025, 0],
      [2026, 22_250],
      [2027, 22_250],
      [2028, 22_250],
      [2029, 22_250],
    ]);
  });

  it('depreciates exactly the input price, in whole koruny, within the group’s period', () => {
    const law = CZ_DEPRECIATION[0] as (typeof CZ_DEPRECIATION)[number];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100n, max: 10_000_000_000n }),
        fc.constantFrom<TaxGroup>(1, 2, 3, 4, 5, 6),
        fc.constantFrom<'straight' | 'accelerated'>('straight', 'accelerated'),
        (cost, group, method) => {
          const plan = taxPlan({ cost, group, method, firstYear: 2025 });
          expect(plan.reduce((s, y) => s + y.amount, 0n)).toBe(cost);
          expect(plan.length).toBeLessThanOrEqual(law.periods[group]);
          for (const y of plan.slice(0, -1)) expect(y.amount % 100n).toBe(0n);
          expect(plan.every((y) => y.amount > 0n)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.ACCOUNTING_PROPERTY_RUNS ?? 200) },
    );
  });
});

describe('accounting depreciation plan', () => {
  it('spreads the cost over the useful life from the month after putting into use, exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000_000_000n }), fc.integer({ min: 1, max: 600 }), (cost, life) => {
        const plan = accountingPlan({ cost, lifeMonths: life, inUseDate: '2026-03-17' });
        expect(plan).toHaveLength(life);
        expect(plan[0]?.period).toBe('2026-04-01');
        expect(plan.reduce((s, m) => s + m.amount, 0n)).toBe(cost);
        const sorted = plan.map((m) => m.amount).sort((a, z) => (a < z ? -1 : a > z ? 1 : 0));
        expect((sorted.at(-1) as bigint) - (sorted[0] as bigint)).toBeLessThanOrEqual(1n);
      }),
      { numRuns: Number(process.env.ACCOUNTING_PROPERTY_RUNS ?? 200) },
    );
  });
});

describe('fixed assets over HTTP', () => {
  let b: Books;
  beforeAll(async () => {
    b = await openBooks();
  });
  afterAll(async () => {
    await b.t.close();
  });

  it('puts a car into use, depreciates it monthly once, records the tax year and disposes of it', async () => {
    const created = await b.post('/fixed-assets', {
      name: 'Škoda Octavia',
      acquisitionDate: '2026-01-10',
      inUseDate: '2026-01-15',
      cost: '600000.00',
      usefulLifeMonths: 60,
      taxGroup: 2,
      post: {},
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ inventoryNumber: 'A2026-0001', account: '022', bookValue: '600000.00' });
    expect(created.body.taxPlan.map((y: any) => y.amount)).toEqual([
      '66000.00',
      '133500.00',
      '133500.00',
      '133500.00',
      '133500.00',
    ]);
    const march = await b.post('/fixed-assets/depreciation', { period: '2026-03' });
    expect(march.body).toMatchObject({ assets: 1, total: '20000.00' }); // February and March, 10 000 each
    expect((await b.post('/fixed-assets/depreciation', { period: '2026-03' })).body).toMatchObject({
      entryId: null,
      assets: 0,
    });
    const entry = await b.get(`/journal/${march.body.entryId}`);
    expect(entry.body).toMatchObject({ date: '2026-03-31' });
    expect(entry.body.lines.map((l: any) => [l.account, l.debit ?? `-${l.credit}`])).toEqual([
      ['551', '20000.00'],
      ['082', '-20000.00'],
    ]);
    const tax = await b.post('/fixed-assets/tax-depreciation', { year: 2026 });
    expect(tax.body).toMatchObject({ total: '66000.00' });
    expect((await b.post('/fixed-assets/tax-depreciation', { year: 2026 })).body.code).toBe('already_recorded');
    const disposed = await b.post(`/fixed-assets/${id}/dispose`, { date: '2026-04-20', kind: 'sale' });
    expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
    expect(disposed.body).toMatchObject({ status: 'disposed', disposedOn: '2026-04-20' });
    const tb = await b.get('/reports/trial-balance?to=2026-12-31');
    const bal = Object.fromEntries(tb.body.rows.map((r: any) => [r.account, r.balance]));
    expect(bal['022'] ?? '0.00').toBe('0.00');
    expect(bal['082'] ?? '0.00').toBe('0.00');
    expect(bal['541']).toBe('580000.00');
    expect((await b.post(`/fixed-assets/${id}/dispose`, { date: '2026-04-21', kind: 'sale' })).body.code).toBe(
      'already_disposed',
    );
  });

  it('refuses bad input with field errors', async () => {
    const bad = await b.post('/fixed-assets', {
      name: '',
      acquisitionDate: '2026-02-30',
      cost: '-1',
      usefulLifeMonths: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(
      ['acquisitionDate', 'cost', 'name', 'usefulLifeMonths'].sort(),
    );
    expect((await b.get('/fixed-assets')).body.assets).toHaveLength(1);
    expect((await b.get('/fixed-assets/00000000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
