import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Books, line, openBooks } from './helpers.ts';

let b: Books;

/** Minor units of a decimal string, for sums in the test (BigInt, never a float). */
const minor = (s: string) => {
  const [w, f = ''] = s.replace('-', '').split('.');
  const v = BigInt(w as string) * 100n + BigInt(f.padEnd(2, '0'));
  return s.startsWith('-') ? -v : v;
};

beforeAll(async () => {
  b = await openBooks();
  const post = async (date: string, memo: string, lines: unknown[]) => {
    const r = await b.post('/journal', { date, memo, lines });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  await post('2025-12-15', 'Capital', [line('221', 'debit', '100000.00'), line('411', 'credit', '100000.00')]);
  await post('2025-12-20', 'December sale', [line('211', 'debit', '2000.00'), line('602', 'credit', '2000.00')]);
  await post('2026-01-10', 'Laptop', [line('022', 'debit', '30000.00'), line('221', 'credit', '30000.00')]);
  await post('2026-01-20', 'January sale', [
    line('221', 'debit', '12100.00'),
    line('602', 'credit', '10000.00'),
    line('343200', 'credit', '2100.00'),
  ]);
  await post('2026-02-05', 'Rent; office "A"', [line('518', 'debit', '8000.00'), line('221', 'credit', '8000.00')]);
  await post('2026-02-28', 'Wages', [line('521', 'debit', '25000.00'), line('331', 'credit', '25000.00')]);
  await post('2026-03-01', 'EUR income: consulting', [
    line('221', 'debit', '1000.00', { currency: 'EUR', rate: '25.05' }),
    line('602', 'credit', '25050.00'),
  ]);
  await post('2026-03-15', 'Cash to bank', [line('221', 'debit', '1500.00'), line('211', 'credit', '1500.00')]);
  const c = await b.post('/customers', { name: 'Omega s.r.o.' });
  const inv = await b.post('/invoices', {
    customerId: c.body.id,
    issueDate: '2026-03-20',
    lines: [{ description: 'Service', unitPrice: '5000.00' }],
  });
  await b.post(`/invoices/${inv.body.id}/issue`);
});
afterAll(async () => {
  await b.t.close();
});

describe('trial balance', () => {
  it('sums to zero and shows every account balance', async () => {
    const tb = await b.get('/reports/trial-balance?to=2026-12-31');
    expect(tb.status).toBe(200);
    expect(tb.body.totals.balance).toBe('0.00');
    expect(tb.body.totals.debit).toBe(tb.body.totals.credit);
    const bal = Object.fromEntries(tb.body.rows.map((r: any) => [r.account, r.balance]));
    expect(bal).toMatchObject({
      '211': '500.00',
      '221': '100650.00',
      '022': '30000.00',
      '411': '-100000.00',
      '602': '-42050.00',
      '311': '6050.00',
      '343200': '-3150.00',
    });
  });

  it('splits opening, movements and closing for a range that cuts months, and compares with the previous period', async () => {
    const tb = await b.get('/reports/trial-balance?from=2026-01-15&to=2026-03-10&compare=true');
    const row = (code: string) => tb.body.rows.find((r: any) => r.account === code);
    expect(row('221')).toMatchObject({
      opening: '70000.00',
      debit: '37150.00',
      credit: '8000.00',
      balance: '99150.00',
    });
    expect(row('602')).toMatchObject({ opening: '-2000.00', credit: '35050.00', balance: '-37050.00' });
    expect(tb.body.previous).toEqual({ from: '2025-11-21', to: '2026-01-14' }); // the same 55 days before
    expect(row('221').previous).toMatchObject({ debit: '100000.00', credit: '30000.00', movement: '70000.00' });
    expect(tb.body.totals.balance).toBe('0.00');
    expect((await b.get('/reports/trial-balance?from=2026-03-01&to=2026-02-01')).status).toBe(400);
  });
});

describe('profit and loss, balance sheet, cash flow', () => {
  it('reports profit for the fiscal year with the previous period', async () => {
    const pl = await b.get('/reports/profit-and-loss?from=2026-01-01&to=2026-03-31');
    expect(pl.body).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      previous: { from: '2025-10-01', to: '2025-12-31' },
      netProfit: '7050.00',
      previousNetProfit: '2000.00',
    });
    expect(pl.body.income).toMatchObject({ total: '40050.00', previousTotal: '2000.00' });
    expect(pl.body.expense.rows.map((r: any) => [r.account, r.amount])).toEqual([
      ['518', '8000.00'],
      ['521', '25000.00'],
    ]);
  });

  it('balances: assets = liabilities + equity + result', async () => {
    const bs = await b.get('/reports/balance-sheet?from=2026-01-01&to=2026-03-31');
    expect(bs.body).toMatchObject({ asOf: '2026-03-31', compareAsOf: '2025-12-31', balanced: true, result: '9050.00' });
    expect(bs.body.assets.total).toBe(bs.body.totalLiabilitiesAndEquity);
    expect(bs.body.assets.previousTotal).toBe(bs.body.previousTotalLiabilitiesAndEquity);
    expect(bs.body.assets.previousTotal).toBe('102000.00');
  });

  it('explains the change in cash by operating, investing and financing', async () => {
    const cf = await b.get('/reports/cash-flow?from=2026-01-01&to=2026-03-31');
    expect(cf.body).toMatchObject({ opening: '102000.00', net: '-850.00', closing: '101150.00' });
    expect(cf.body.categories).toEqual({
      operating: { inflow: '37150.00', outflow: '8000.00', net: '29150.00' },
      investing: { inflow: '0.00', outflow: '30000.00', net: '-30000.00' },
      financing: { inflow: '0.00', outflow: '0.00', net: '0.00' },
    });
    expect(cf.body.byMonth.map((m: any) => [m.month, m.net])).toEqual([
      ['2026-01', '-17900.00'],
      ['2026-02', '-8000.00'],
      ['2026-03', '25050.00'],
    ]);
    expect(cf.body.previousFigures.categories.financing.inflow).toBe('100000.00');
    const tb = await b.get('/reports/trial-balance?to=2026-03-31');
    const cash = tb.body.rows
      .filter((r: any) => ['211', '221'].includes(r.account))
      .reduce((s: bigint, r: any) => s + minor(r.balance), 0n);
    expect(minor(cf.body.closing)).toBe(cash);
  });

  it("lists an account's postings with running balance", async () => {
    const gl = await b.get('/reports/general-ledger?account=221&from=2026-01-01&to=2026-03-31');
    expect(gl.body).toMatchObject({ opening: '100000.00', closing: '100650.00' });
    expect(gl.body.rows.map((r: any) => r.balance)).toEqual([
      '70000.00',
      '82100.00',
      '74100.00',
      '99150.00',
      '100650.00',
    ]);
    const page = await b.get('/reports/general-ledger?account=221&from=2026-01-01&to=2026-03-31&offset=3&limit=1');
    expect(page.body.rows.map((r: any) => r.balance)).toEqual(['99150.00']);
    expect((await b.get('/reports/general-ledger?account=999')).status).toBe(404);
  });
});

describe('exports', () => {
  it('exports reports as CSV and XLSX', async () => {
    const csv = await b.user.request('GET', `${b.base}/reports/trial-balance/export?format=csv&to=2026-12-31`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('Account,Name,Type,Opening (CZK),Debit,Credit,Balance');
    expect(text).toContain('211,Pokladna,asset,0.00,2000.00,1500.00,500.00');
    const xlsx = await b.user.request(
      'GET',
      `${b.base}/reports/profit-and-loss/export?format=xlsx&from=2026-01-01&to=2026-03-31`,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip (PK)
    for (const report of ['balance-sheet', 'cash-flow', 'aging']) {
      expect((await b.user.request('GET', `${b.base}/reports/${report}/export?format=csv`)).status, report).toBe(200);
    }
    expect((await b.user.request('GET', `${b.base}/reports/general-ledger/export`)).status).toBe(400);
    expect(
      (await b.user.request('GET', `${b.base}/reports/general-ledger/export?account=221&format=xlsx`)).status,
    ).toBe(200);
    expect((await b.user.request('GET', `${b.base}/reports/nope/export`)).status).toBe(400);
  });
});

describe('hledger', () => {
  it('exports a journal whose hledger balances equal our trial balance, account by account', async () => {
    const res = await b.user.request('GET', `${b.base}/export/hledger`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const journal = await res.text();
    expect(journal).toContain('(2026-000002)');
    expect(journal).toMatch(/assets:221 Bankovní účty {2}1000\.00 EUR @@ 25050\.00 CZK/);

    const tb = await b.get('/reports/trial-balance');
    const ours = new Map<string, bigint>(tb.body.rows.map((r: any) => [r.account, minor(r.balance)]));

    let hledger: string | null = null;
    try {
      hledger = execFileSync('hledger', ['--version'], { encoding: 'utf8' });
    } catch {
      hledger = null;
    }
    if (!hledger) {
      // CI installs hledger (.ci/run); there a missing binary is a failure. Elsewhere, say so loudly
      // and still check the export by summing its postings here.
      if (process.env.CI === 'true') throw new Error('hledger is not installed: `apt-get install -y hledger`');
      console.warn(
        '\n*** hledger not installed: the hledger comparison did NOT run; checked the export by summing it here ***\n',
      );
      const sums = new Map<string, bigint>();
      for (const m of journal.matchAll(/^ {4}\S+:(\S+) .*? {2}(-?\d+\.\d{2}) (\w{3})(?: @@ (\d+\.\d{2}) CZK)?/gm)) {
        const v = m[3] === 'CZK' ? minor(m[2] as string) : (m[2]?.startsWith('-') ? -1n : 1n) * minor(m[4] as string);
        sums.set(m[1] as string, (sums.get(m[1] as string) ?? 0n) + v);
      }
      for (const [code, v] of ours) expect(sums.get(code) ?? 0n, code).toBe(v);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'bureau-hledger-'));
    const file = join(dir, 'journal.hledger');
    writeFileSync(file, journal);
    const csv = execFileSync(
      'hledger',
      ['-f', file, 'balance', '--flat', '--cost', '--empty', '--no-total', '-O', 'csv'],
      { encoding: 'utf8' },
    );
    const theirs = new Map<string, bigint>();
    for (const row of csv.trim().split('\n').slice(1)) {
      const m = /^"([^"]+)","([^"]*)"$/.exec(row);
      if (!m) throw new Error(`unexpected hledger output: ${row}`);
      const code = (m[1] as string).split(':')[1]?.split(' ')[0] as string;
      const amount = (m[2] as string).trim();
      theirs.set(code, amount === '0' ? 0n : minor(amount.replace(/\s*CZK$/, '').replace(/,/g, '')));
    }
    expect(theirs.size).toBeGreaterThan(0);
    for (const [code, v] of ours) expect(theirs.get(code) ?? 0n, `account ${code}`).toBe(v);
    for (const [code, v] of theirs) expect(ours.get(code) ?? 0n, `account ${code}`).toBe(v);
    const check = execFileSync('hledger', ['-f', file, 'check', 'accounts'], { encoding: 'utf8' });
    expect(check).toBe('');
  });
});

/**
 * Year-end as vyhláška 500/2002 Sb. (účtová třída 7) and ČÚS 002 describe it and Pohoda's "Uzávěrka a
 * otevření účetní knihy" books it, worked by hand: capital 100 000, a sale of 30 000 and rent of
 * 12 000 in 2025 leave a profit of 18 000 that goes 710 → 431, and 2026 opens from 701 with 221
 * 88 000, 311 30 000, 411 100 000 and 431 18 000.
 */
describe('year-end closing and opening balances', () => {
  let y: Books;
  beforeAll(async () => {
    y = await openBooks(b.t);
    const post = async (date: string, lines: unknown[]) =>
      expect((await y.post('/journal', { date, memo: 'year-end', lines })).status).toBe(201);
    await post('2025-03-01', [line('221', 'debit', '100000.00'), line('411', 'credit', '100000.00')]);
    await post('2025-06-10', [line('311', 'debit', '30000.00'), line('602', 'credit', '30000.00')]);
    await post('2025-07-01', [line('518', 'debit', '12000.00'), line('221', 'credit', '12000.00')]);
    await post('2026-02-01', [line('518', 'debit', '1000.00'), line('221', 'credit', '1000.00')]);
  });

  it('refuses while a document of the year is a draft, naming it, and for an invalid year', async () => {
    const c = await y.post('/customers', { name: 'Koncept s.r.o.' });
    const draft = await y.post('/invoices', {
      customerId: c.body.id,
      issueDate: '2025-12-30',
      lines: [{ description: 'x', unitPrice: '10.00' }],
    });
    const refused = await y.post('/years/2025/close');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('unposted_documents');
    expect(refused.body.unposted.map((d: any) => d.partnerName)).toEqual(['Koncept s.r.o.']);
    expect((await y.del(`/invoices/${draft.body.id}`)).status).toBe(200);
    expect((await y.post('/years/twenty/close')).status).toBe(400);
    const later = await y.post('/years/2026/close');
    expect(later.status).toBe(409);
    expect(later.body.code).toBe('earlier_year_open');
  });

  it('closes 2025 to 710, 431 and 702 and opens 2026 from 701', async () => {
    const closed = await y.post('/years/2025/close');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ year: 2025, result: '18000.00', entries: 4 });
    expect((await y.post('/years/2025/close')).body.code).toBe('year_closed');
    const years = await y.get('/years');
    expect(years.body.years.find((x: any) => x.year === 2025)).toMatchObject({ closed: true });
    const tb = await y.get('/reports/trial-balance?to=2026-01-01&yearEnd=true');
    const bal = (code: string) => tb.body.rows.find((r: any) => r.account === code)?.balance ?? '0.00';
    expect([bal('221'), bal('311'), bal('411'), bal('431'), bal('701'), bal('702'), bal('710')]).toEqual([
      '88000.00',
      '30000.00',
      '-100000.00',
      '-18000.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect([bal('602'), bal('518')]).toEqual(['0.00', '0.00']);
    // The profit and loss of 2025 still reads as before its closing.
    const pl = await y.get('/reports/profit-and-loss?from=2025-01-01&to=2025-12-31&compare=false');
    expect(pl.body.netProfit).toBe('18000.00');
    const late = await y.post('/journal', {
      date: '2025-12-31',
      memo: 'late',
      lines: [line('518', 'debit', '1.00'), line('221', 'credit', '1.00')],
    });
    expect(late.body.code).toBe('year_closed');
  });

  it('reopens 2025 by reversing its closing', async () => {
    const reopened = await y.post('/years/2025/reopen');
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect((await y.post('/years/2025/reopen')).body.code).toBe('year_not_closed');
    const tb = await y.get('/reports/trial-balance?to=2025-12-31&yearEnd=true');
    const bal = (code: string) => tb.body.rows.find((r: any) => r.account === code)?.balance ?? '0.00';
    expect([bal('221'), bal('602'), bal('431'), bal('702'), bal('710')]).toEqual([
      '88000.00',
      '-30000.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
  });

  it('imports opening balances from a CSV: a dry run names each bad row, the file must balance, once', async () => {
    const o = await openBooks(b.t);
    const bad = await o.post('/opening-balances', {
      date: '2026-07-01',
      dryRun: true,
      csv: 'account,debit,credit\n999999,10.00,\n602,,10.00\n221,5.00,5.00\n311,abc,\n',
    });
    expect(bad.status).toBe(200);
    expect(bad.body.preview.valid).toBe(false);
    expect(bad.body.preview.rows.map((r: any) => [r.line, r.errors])).toEqual([
      [2, ['account_unknown']],
      [3, ['account_not_balance_sheet']],
      [4, ['both_sides']],
      [5, ['amount_invalid']],
    ]);
    const refused = await o.post('/opening-balances', {
      date: '2026-07-01',
      csv: bad.body ? '221,10.00,\n411,,9.00\n' : '',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('unbalanced');
    // A Czech spreadsheet: semicolons, decimal commas, spaces in thousands.
    const csv = 'účet;má dáti;dal\n221;150 000,50;\n411;;100 000,00\n321;;50 000,50\n';
    const dry = await o.post('/opening-balances', { date: '2026-07-01', dryRun: true, csv });
    expect(dry.body.preview).toMatchObject({ valid: true, debit: '150000.50', credit: '150000.50', balanced: true });
    expect((await o.get('/reports/trial-balance?to=2026-07-31')).body.rows).toEqual([]);
    const done = await o.post('/opening-balances', { date: '2026-07-01', csv });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    const tb = await o.get('/reports/trial-balance?to=2026-07-31');
    const bal = (code: string) => tb.body.rows.find((r: any) => r.account === code)?.balance;
    expect([bal('221'), bal('411'), bal('321'), bal('701')]).toEqual(['150000.50', '-100000.00', '-50000.50', '0.00']);
    expect((await o.post('/opening-balances', { date: '2026-07-01', csv })).body.code).toBe('opening_exists');
    // Another tenant sees none of it.
    expect(
      (await y.get('/reports/trial-balance?to=2026-07-31')).body.rows.find((r: any) => r.account === '321'),
    ).toBeUndefined();
  });
});
