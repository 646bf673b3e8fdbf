import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Books, booksFor, openBooks } from './helpers.ts';

/**
 * Ledger invariants as properties, through the public HTTP API. Amounts are generated as BigInt
 * minor units and sent as decimal strings; every comparison is BigInt.
 */

let main: Books;
const RUNS = Number(process.env.ACCOUNTING_PROPERTY_RUNS ?? 20);

beforeAll(async () => {
  main = await openBooks();
});
afterAll(async () => {
  await main.t.close();
});

const fresh = async () => {
  const user = await main.t.signup();
  await main.t.enableModule(user, 'accounting');
  return booksFor(main.t, user);
};

const fmt = (v: bigint) => {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};
const minor = (s: string) => {
  const [w, f = ''] = s.replace('-', '').split('.');
  const v = BigInt(w as string) * 100n + BigInt(f.padEnd(2, '0'));
  return s.startsWith('-') ? -v : v;
};

const ACCOUNTS = ['211', '221', '311', '321', '343200', '501', '518', '602', '604', '411'];
const dateArb = fc
  .integer({ min: 0, max: 180 })
  .map((d) => new Date(Date.UTC(2025, 10, 1) + d * 86_400_000).toISOString().slice(0, 10));
const amountArb = fc.bigInt({ min: 1n, max: 10_000_000n });

interface ModelLine {
  account: string;
  debit: bigint;
  credit: bigint;
}
interface ModelEntry {
  date: string;
  lines: ModelLine[];
}

/** A balanced entry: random lines, the last one balancing (skipped if that would be zero). */
const balancedEntryArb = fc
  .record({
    date: dateArb,
    lines: fc.array(fc.record({ account: fc.constantFrom(...ACCOUNTS), side: fc.boolean(), amount: amountArb }), {
      minLength: 1,
      maxLength: 5,
    }),
    closing: fc.constantFrom(...ACCOUNTS),
  })
  .map(({ date, lines, closing }): ModelEntry => {
    const ls: ModelLine[] = lines.map((l) => ({
      account: l.account,
      debit: l.side ? l.amount : 0n,
      credit: l.side ? 0n : l.amount,
    }));
    const diff = ls.reduce((s, l) => s + l.debit - l.credit, 0n);
    if (diff !== 0n) ls.push({ account: closing, debit: diff < 0n ? -diff : 0n, credit: diff > 0n ? diff : 0n });
    else ls.push({ account: closing, debit: 1n, credit: 0n }, { account: closing, debit: 0n, credit: 1n });
    return { date, lines: ls };
  });

const toRequest = (e: ModelEntry) => ({
  date: e.date,
  memo: 'property',
  lines: e.lines.map((l) =>
    l.debit > 0n ? { account: l.account, debit: fmt(l.debit) } : { account: l.account, credit: fmt(l.credit) },
  ),
});

describe('ledger invariants (fast-check)', () => {
  it('every posted entry balances; unbalanced ones are refused; the database holds no unbalanced entry', async () => {
    const b = await fresh();
    await fc.assert(
      fc.asyncProperty(
        balancedEntryArb,
        fc.option(fc.bigInt({ min: -500n, max: 500n }).filter((d) => d !== 0n)),
        async (entry, skew) => {
          const lines = entry.lines.map((l) => ({ ...l }));
          const last = lines[lines.length - 1] as ModelLine;
          if (skew !== null) {
            // Unbalance it (keeping every amount positive).
            if (last.debit > 0n) last.debit = last.debit + (skew > 0n ? skew : -skew);
            else last.credit = last.credit + (skew > 0n ? skew : -skew);
          }
          const res = await b.post('/journal', toRequest({ ...entry, lines }));
          if (skew !== null) {
            expect(res.status).toBe(400);
            expect(res.body.code).toBe('unbalanced');
            return;
          }
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          const d = res.body.lines.reduce((s: bigint, l: any) => s + (l.debit ? minor(l.debit) : 0n), 0n);
          const c = res.body.lines.reduce((s: bigint, l: any) => s + (l.credit ? minor(l.credit) : 0n), 0n);
          expect(d).toBe(c);
          expect(minor(res.body.total)).toBe(d);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    const broken = await sql<{ entry_id: string }>`
      select entry_id from accounting.journal_lines where tenant_id = ${b.user.tenant.id}
      group by entry_id having sum(debit) <> sum(credit)`.execute(main.t.runtime.db);
    expect(broken.rows).toEqual([]);
  });

  it('the trial balance sums to zero for any range and matches a brute-force model', async () => {
    const b = await fresh();
    const model: ModelEntry[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(balancedEntryArb, { minLength: 1, maxLength: 4 }),
        dateArb,
        dateArb,
        async (entries, d1, d2) => {
          for (const e of entries) {
            const res = await b.post('/journal', toRequest(e));
            expect(res.status).toBe(201);
            model.push(e);
          }
          const [from, to] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const tb = await b.get(`/reports/trial-balance?from=${from}&to=${to}`);
          expect(tb.status).toBe(200);
          expect(tb.body.totals.balance).toBe('0.00');
          expect(tb.body.totals.opening).toBe('0.00');
          expect(tb.body.totals.debit).toBe(tb.body.totals.credit);
          const expected = new Map<string, { opening: bigint; debit: bigint; credit: bigint }>();
          for (const e of model) {
            for (const l of e.lines) {
              const x = expected.get(l.account) ?? { opening: 0n, debit: 0n, credit: 0n };
              if (e.date < from) x.opening += l.debit - l.credit;
              else if (e.date <= to) {
                x.debit += l.debit;
                x.credit += l.credit;
              }
              expected.set(l.account, x);
            }
          }
          for (const [account, x] of expected) {
            const row = tb.body.rows.find((r: any) => r.account === account);
            if (x.opening === 0n && x.debit === 0n && x.credit === 0n) {
              expect(row).toBeUndefined();
              continue;
            }
            expect(row, account).toMatchObject({
              opening: fmt(x.opening),
              debit: fmt(x.debit),
              credit: fmt(x.credit),
              balance: fmt(x.opening + x.debit - x.credit),
            });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('for any sequence of invoices and payments, the receivable balance is invoiced − paid', async () => {
    const b = await fresh();
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('invoice' as const),
        net: fc.bigInt({ min: 1n, max: 5_000_000n }),
        vat: fc.constantFrom('standard', 'reduced', 'zero'),
      }),
      fc.record({
        kind: fc.constant('payment' as const),
        amount: fc.bigInt({ min: 1n, max: 6_000_000n }),
        allocate: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (actions) => {
        const customer = (await b.post('/customers', { name: 'Property customer' })).body;
        let invoiced = 0n;
        let paid = 0n;
        const open: string[] = [];
        for (const a of actions) {
          if (a.kind === 'invoice') {
            const draft = await b.post('/invoices', {
              customerId: customer.id,
              issueDate: '2026-05-01',
              lines: [{ description: 'x', unitPrice: fmt(a.net), vat: a.vat }],
            });
            const issued = await b.post(`/invoices/${draft.body.id}/issue`);
            expect(issued.status, JSON.stringify(issued.body)).toBe(200);
            invoiced += minor(issued.body.total);
            open.push(issued.body.id);
          } else {
            const target = a.allocate ? open[0] : undefined;
            const res = await b.post('/payments', {
              partnerId: customer.id,
              date: '2026-05-02',
              amount: fmt(a.amount),
              ...(target ? { allocations: [{ documentId: target }] } : {}),
            });
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            paid += a.amount;
            if (target && (await b.get(`/invoices/${target}`)).body.status === 'paid') open.shift();
          }
        }
        const statement = await b.get(`/customers/${customer.id}/statement?to=2026-12-31`);
        expect(minor(statement.body.closing)).toBe(invoiced - paid);
        const c = (await b.get(`/customers/${customer.id}`)).body;
        expect(minor(c.outstanding) - minor(c.credit)).toBe(invoiced - paid);
      }),
      { numRuns: RUNS },
    );
    const tb = await b.get('/reports/trial-balance');
    expect(tb.body.totals.balance).toBe('0.00');
  });

  it('reversing a reversal restores the balances of the original entry', async () => {
    const b = await fresh();
    await fc.assert(
      fc.asyncProperty(balancedEntryArb, async (entry) => {
        const posted = await b.post('/journal', toRequest(entry));
        expect(posted.status).toBe(201);
        const afterPost = (await b.get('/reports/trial-balance')).body.rows;
        const r = await b.post(`/journal/${posted.body.id}/reverse`);
        expect(r.status).toBe(201);
        const rr = await b.post(`/journal/${r.body.id}/reverse`);
        expect(rr.status).toBe(201);
        const afterRR = (await b.get('/reports/trial-balance')).body.rows;
        const bal = (rows: any[]) => Object.fromEntries(rows.map((x) => [x.account, x.balance]));
        expect(bal(afterRR)).toEqual(bal(afterPost));
      }),
      { numRuns: RUNS },
    );
  });

  it('no float ever touches an amount: 17-significant-digit amounts survive posting, reports and export exactly', async () => {
    const b = await fresh();
    await b.post('/accounts', { code: 'BIG1', name: 'Big asset', type: 'asset' });
    await b.post('/accounts', { code: 'BIG2', name: 'Big equity', type: 'equity' });
    let total = 0n;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.bigInt({ min: 9_007_199_254_740_993n, max: 33_333_333_333_333_333n }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (amounts) => {
          const sum = amounts.reduce((s, a) => s + a, 0n);
          const res = await b.post('/journal', {
            date: '2026-01-02',
            lines: [...amounts.map((a) => ({ account: 'BIG1', debit: fmt(a) })), { account: 'BIG2', credit: fmt(sum) }],
          });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          expect(res.body.lines.slice(0, -1).map((l: any) => l.debit)).toEqual(amounts.map(fmt));
          expect(res.body.total).toBe(fmt(sum));
          total += sum;
          const tb = await b.get('/reports/trial-balance');
          expect(tb.body.rows.find((r: any) => r.account === 'BIG1').balance).toBe(fmt(total));
          expect(tb.body.rows.find((r: any) => r.account === 'BIG2').balance).toBe(fmt(-total));
        },
      ),
      { numRuns: Math.min(RUNS, 15) },
    );
    const journal = await (await b.user.request('GET', `${b.base}/export/hledger`)).text();
    const exported = [...journal.matchAll(/assets:BIG1 Big asset {2}(\d+\.\d{2}) CZK/g)].reduce(
      (s, m) => s + minor(m[1] as string),
      0n,
    );
    expect(exported).toBe(total);
  });
});

describe('year-end closing (fast-check)', () => {
  const balances = async (b: Books, to: string, yearEnd: boolean) => {
    const tb = await b.get(`/reports/trial-balance?to=${to}${yearEnd ? '&yearEnd=true' : ''}`);
    expect(tb.status).toBe(200);
    return new Map<string, string>(tb.body.rows.map((r: any) => [r.account, r.balance]));
  };
  const nonZero = (m: Map<string, string>) => [...m].filter(([, v]) => v !== '0.00');

  it('closing a year leaves every account of it at zero, opens the next with the balance sheet, reports look through, and reopening restores the ledger', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(balancedEntryArb, { minLength: 1, maxLength: 6 }), async (entries) => {
        const b = await fresh();
        for (const e of entries) expect((await b.post('/journal', toRequest(e))).status).toBe(201);
        const before = await balances(b, '2025-12-31', false);
        const later = await balances(b, '2026-05-01', false);
        const closed = await b.post('/years/2025/close');
        expect(closed.status, JSON.stringify(closed.body)).toBe(200);
        // The ledger itself: every account of 2025, 701/702/710/431 included, ends the year at zero.
        expect(nonZero(await balances(b, '2025-12-31', true))).toEqual([]);
        // The reports look through the year-end entries.
        expect(await balances(b, '2025-12-31', false)).toEqual(before);
        expect(await balances(b, '2026-05-01', false)).toEqual(later);
        // 2026 opens with every balance sheet account as 2025 left it; 431 holds the 2025 result.
        const opened = await balances(b, '2026-01-01', true);
        const result = [...before].filter(([code]) => /^[56]/.test(code)).reduce((a, [, v]) => a + minor(v), 0n);
        for (const [code, v] of before) {
          if (/^[0-4]/.test(code)) expect(opened.get(code) ?? '0.00', code).toBe(v);
        }
        expect(opened.get('431') ?? '0.00').toBe(fmt(result));
        expect(closed.body.result).toBe(fmt(-result));
        // Posting into the closed year is refused; reopening reverses the closing cleanly.
        const late = await b.post('/journal', toRequest({ date: '2025-12-31', lines: entries[0]!.lines }));
        expect(late.status).toBe(409);
        expect(late.body.code).toBe('year_closed');
        expect((await b.post('/years/2025/reopen')).status).toBe(200);
        expect(nonZero(await balances(b, '2025-12-31', true))).toEqual(nonZero(before));
        expect(nonZero(await balances(b, '2026-05-01', true))).toEqual(nonZero(later));
      }),
      { numRuns: Math.max(3, Math.ceil(RUNS / 5)) },
    );
  }, 300_000);
});
