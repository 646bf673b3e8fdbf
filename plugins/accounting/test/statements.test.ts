import { createTestBureau } from '@bureau/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { type Books, booksFor, line, openBooks } from './helpers.ts';
import { readXlsx } from './xlsx.ts';

/**
 * Rozvaha and výkaz zisku a ztráty in the abridged layout of vyhláška č. 500/2002 Sb. (přílohy 1 and 2,
 * items marked by letters and Roman numerals), worked by hand for a small s.r.o.: capital paid in and
 * a sale in 2025 never closed, then 2026 with a sale, a purchase, a machine and its depreciation,
 * wages and bank interest.
 */
let b: Books;
let other: Books;
const clock = { now: () => new Date('2027-01-15T08:00:00Z') };

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting], clock });
  b = await openBooks(t);
  other = booksFor(t, await t.signup({ tenant: { country: 'US', currency: 'USD' } }));
  await t.enableModule(other.user, 'accounting');
});
afterAll(async () => {
  await b.t.close();
});

const post = async (date: string, memo: string, lines: unknown[]) => {
  const res = await b.post('/journal', { date, memo, lines });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};
const byMark = (items: any[]) =>
  Object.fromEntries(
    items.filter((i) => i.current !== '0.00' || i.previous !== '0.00').map((i) => [i.mark, [i.current, i.previous]]),
  );

describe('statutory statements (vyhláška 500/2002 Sb., abridged)', () => {
  it('lays out the balance sheet and the profit and loss with the previous year', async () => {
    await post('2025-12-01', 'Základní kapitál', [
      line('221', 'debit', '200000.00'),
      line('411', 'credit', '200000.00'),
    ]);
    await post('2025-12-15', 'Tržba 2025', [line('221', 'debit', '10000.00'), line('602', 'credit', '10000.00')]);
    await post('2026-02-01', 'Faktura', [
      line('311', 'debit', '121000.00'),
      line('602', 'credit', '100000.00'),
      line('343200', 'credit', '21000.00'),
    ]);
    await post('2026-02-10', 'Materiál', [
      line('501', 'debit', '30000.00'),
      line('343100', 'debit', '6300.00'),
      line('321', 'credit', '36300.00'),
    ]);
    await post('2026-03-01', 'Stroj', [line('022', 'debit', '60000.00'), line('221', 'credit', '60000.00')]);
    await post('2026-12-31', 'Odpisy', [line('551', 'debit', '12000.00'), line('082', 'credit', '12000.00')]);
    await post('2026-06-30', 'Úroky', [line('562', 'debit', '500.00'), line('221', 'credit', '500.00')]);
    await post('2026-12-31', 'Mzdy', [line('521', 'debit', '20000.00'), line('331', 'credit', '20000.00')]);

    const res = await b.get('/reports/statutory?to=2026-12-31');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({
      previousTo: '2025-12-31',
      fiscalYear: { from: '2026-01-01', to: '2026-12-31' },
      unmapped: [],
    });
    // Assets (netto): the machine less its depreciation, receivables (311 and the input VAT on 343100), cash.
    expect(byMark(s.balanceSheet.assets)).toEqual({
      'B.II.': ['48000.00', '0.00'],
      'C.II.': ['127300.00', '0.00'],
      'C.IV.': ['149500.00', '210000.00'],
    });
    // Liabilities: capital, the 2025 result never closed (A.IV), the 2026 result (A.V), 321 + 343200 + 331.
    expect(byMark(s.balanceSheet.liabilities)).toEqual({
      'A.I.': ['200000.00', '200000.00'],
      'A.IV.': ['10000.00', '0.00'],
      'A.V.': ['37500.00', '10000.00'],
      'C.II.': ['77300.00', '0.00'],
    });
    expect(s.balanceSheet).toMatchObject({
      totalAssets: { current: '324800.00', previous: '210000.00' },
      totalLiabilities: { current: '324800.00', previous: '210000.00' },
      balanced: true,
    });
    const pl = Object.fromEntries(
      (s.profitAndLoss.items as any[])
        .filter((i) => i.current !== '0.00' || i.previous !== '0.00')
        .map((i) => [`${i.mark} ${i.cs}`, [i.current, i.previous]]),
    );
    expect(pl).toEqual({
      'I. Tržby z prodeje výrobků a služeb': ['100000.00', '10000.00'],
      'A. Výkonová spotřeba': ['30000.00', '0.00'],
      'D. Osobní náklady': ['20000.00', '0.00'],
      'E. Úpravy hodnot v provozní oblasti': ['12000.00', '0.00'],
      'J. Nákladové úroky a podobné náklady': ['500.00', '0.00'],
    });
    expect(s.profitAndLoss).toMatchObject({
      operatingResult: { current: '38000.00', previous: '10000.00' },
      financialResult: { current: '-500.00', previous: '0.00' },
      resultBeforeTax: { current: '37500.00' },
      result: { current: '37500.00', previous: '10000.00' },
      netTurnover: { current: '100000.00', previous: '10000.00' },
    });
  });

  it('balances for any postings, and its result equals the profit and loss report (property)', async () => {
    const accounts = [
      '221',
      '311',
      '321',
      '343100',
      '343200',
      '411',
      '501',
      '518',
      '521',
      '551',
      '562',
      '602',
      '604',
      '662',
      '082',
      '022',
      '331',
      '112',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            debit: fc.constantFrom(...accounts),
            credit: fc.constantFrom(...accounts),
            amount: fc.integer({ min: 1, max: 5_000_000 }),
            month: fc.integer({ min: 1, max: 12 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (entries) => {
          for (const e of entries) {
            if (e.debit === e.credit) continue;
            const amount = (e.amount / 100).toFixed(2);
            await post(`2026-${String(e.month).padStart(2, '0')}-15`, 'x', [
              line(e.debit, 'debit', amount),
              line(e.credit, 'credit', amount),
            ]);
          }
          const s = (await b.get('/reports/statutory?to=2026-12-31')).body;
          expect(s.balanceSheet.balanced).toBe(true);
          expect(s.balanceSheet.totalAssets.current).toBe(s.balanceSheet.totalLiabilities.current);
          const pl = (await b.get('/reports/profit-and-loss?from=2026-01-01&to=2026-12-31&compare=false')).body;
          expect(s.profitAndLoss.result.current).toBe(pl.netProfit);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('refuses books that do not follow the Czech chart, and bad dates', async () => {
    const res = await other.get('/reports/statutory?to=2026-12-31');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_czech_books');
    expect((await b.get('/reports/statutory?to=2026-13-01')).status).toBe(400);
  });
});

describe('statutory statements as XLSX (issue 17, item 10)', () => {
  it('lays out every item with its current and previous figure as the JSON has them, and the subtotals', async () => {
    const s = (await b.get('/reports/statutory?to=2026-12-31')).body;
    const res = await b.user.request('GET', `${b.base}/reports/statutory/export?format=xlsx&to=2026-12-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('statutory-2026-12-31.xlsx');
    const rows = readXlsx(Buffer.from(await res.arrayBuffer()));
    const lang = rows[0]?.[0] === 'Označení' ? 'cs' : 'en';
    expect(rows[0]?.[2]).toContain('2026-12-31');
    const figure = (cell: string | undefined) => (cell === undefined || cell === '' ? null : Number(cell));
    const find = (mark: string, text: string) => rows.find((r) => r[0] === mark && r[1] === text);
    const items = [...s.balanceSheet.assets, ...s.balanceSheet.liabilities, ...s.profitAndLoss.items];
    for (const item of items) {
      const row = find(item.mark, item[lang]);
      expect(row, `${item.mark} ${item[lang]}`).toBeDefined();
      expect([figure(row?.[2]), figure(row?.[3])], item.mark).toEqual([Number(item.current), Number(item.previous)]);
    }
    const order = rows.map((r) => r[0]);
    // Balance sheet before the profit and loss; the operating result right after F., the result last but one.
    expect(order.indexOf('A.I.')).toBeLessThan(order.indexOf('I.'));
    expect(order[order.indexOf('F.') + 1]).toBe('*');
    const result = rows.find((r) => r[0] === '***');
    expect([figure(result?.[2]), figure(result?.[3])]).toEqual([
      Number(s.profitAndLoss.result.current),
      Number(s.profitAndLoss.result.previous),
    ]);
    const totals = rows.filter((r) => r[0] === '' && figure(r[2]) !== null);
    expect(totals.map((r) => figure(r[2]))).toEqual([
      Number(s.balanceSheet.totalAssets.current),
      Number(s.balanceSheet.totalLiabilities.current),
    ]);
    expect((await other.user.request('GET', `${other.base}/reports/statutory/export?format=xlsx`)).status).toBe(409);
  });
});
