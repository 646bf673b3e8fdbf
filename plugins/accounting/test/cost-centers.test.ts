import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Books, booksWithNeighbour, line } from './helpers.ts';

/**
 * Cost centres (issue 17, item 15; střediska as Pohoda keeps them): a list of codes with Czech and
 * English names checked on posting once the tenant has any, the journal and the general ledger
 * filtered by centre, and profit and loss with a column per centre and one for lines without a
 * centre, whose total is the ordinary profit and loss. Figures worked by hand below.
 */
let b: Books;
let other: Books;

const post = (date: string, lines: unknown[]) => b.post('/journal', { date, memo: `Zápis ${date}`, lines });

beforeAll(async () => {
  [b, other] = await booksWithNeighbour('2026-06-30T08:00:00Z');
});
afterAll(async () => {
  await b.t.close();
});

describe('the list', () => {
  it('takes any text on lines while the tenant has no centres', async () => {
    const free = await post('2026-01-05', [
      line('221', 'debit', '100.00', { costCenter: 'sklad' }),
      line('411', 'credit', '100.00'),
    ]);
    expect(free.status, JSON.stringify(free.body)).toBe(201);
    expect(free.body.lines[0].costCenter).toBe('sklad');
  });

  it('adds centres with names in both languages; refuses a duplicate or a bad code', async () => {
    for (const [code, cs, en] of [
      ['praha', 'Provozovna Praha', 'Prague branch'],
      ['BRNO', 'Provozovna Brno', 'Brno branch'],
      ['OSTRAVA', 'Ostrava', 'Ostrava'],
    ]) {
      const r = await b.post('/cost-centers', { code, name: { cs, en } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const list = await b.get('/cost-centers');
    expect(list.body.costCenters.map((c: { code: string }) => c.code)).toEqual(['BRNO', 'OSTRAVA', 'PRAHA']);
    expect(list.body.costCenters[2]).toMatchObject({
      name: { cs: 'Provozovna Praha', en: 'Prague branch' },
      active: true,
    });
    const dup = await b.post('/cost-centers', { code: 'Praha', name: { cs: 'x', en: 'x' } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate_code');
    const bad = await b.post('/cost-centers', { code: 'no spaces', name: { cs: '', en: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['code', 'name.cs']);
    const ostrava = list.body.costCenters[1].id;
    const off = await b.patch(`/cost-centers/${ostrava}`, { active: false });
    expect(off.body).toMatchObject({ code: 'OSTRAVA', active: false });
    expect((await b.patch(`/cost-centers/${ostrava}`, { code: 'X' })).status).toBe(400);
    const nothing = await b.patch(`/cost-centers/${ostrava}`, {});
    expect([nothing.status, nothing.body]).toEqual([200, off.body]);
    expect((await other.get('/cost-centers')).body.costCenters).toEqual([]);
    expect((await other.patch(`/cost-centers/${ostrava}`, { active: true })).status).toBe(404);
  });

  it('checks centres on posting now: unknown or inactive is 400 naming the line, nothing written', async () => {
    const before = (await b.get('/journal')).body.entries.length;
    const unknown = await post('2026-03-02', [
      line('221', 'debit', '50.00', { costCenter: 'PLZEN' }),
      line('602', 'credit', '50.00', { costCenter: 'OSTRAVA' }),
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('invalid_input');
    expect(unknown.body.errors).toMatchObject([
      { path: 'lines.0.costCenter', code: 'cost_center_unknown' },
      { path: 'lines.1.costCenter', code: 'cost_center_unknown' },
    ]);
    expect((await b.get('/journal')).body.entries).toHaveLength(before);
    const spelled = await post('2026-03-02', [
      line('221', 'debit', '10000.00'),
      line('602', 'credit', '10000.00', { costCenter: 'praha' }),
    ]);
    expect(spelled.status, JSON.stringify(spelled.body)).toBe(201);
    expect(spelled.body.lines[1].costCenter).toBe('PRAHA');
  });
});

describe('reports by cost centre', () => {
  beforeAll(async () => {
    // 602: PRAHA 10 000 (above), BRNO 5 000; 518: PRAHA 3 000, none 1 000; a PRAHA expense in February.
    for (const [date, lines] of [
      ['2026-03-10', [line('221', 'debit', '5000.00'), line('602', 'credit', '5000.00', { costCenter: 'BRNO' })]],
      ['2026-03-15', [line('518', 'debit', '3000.00', { costCenter: 'PRAHA' }), line('221', 'credit', '3000.00')]],
      ['2026-03-20', [line('518', 'debit', '1000.00'), line('221', 'credit', '1000.00')]],
      ['2026-02-20', [line('518', 'debit', '400.00', { costCenter: 'PRAHA' }), line('221', 'credit', '400.00')]],
    ] as const) {
      const r = await post(date, [...lines]);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });

  it('gives profit and loss with a column per centre and one without, summing to the ordinary report', async () => {
    const r = await b.get('/reports/profit-and-loss-by-cost-center?from=2026-03-01&to=2026-03-31');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.columns.map((c: { code: string | null }) => c.code)).toEqual(['BRNO', 'PRAHA', null]);
    expect(r.body.income.rows).toEqual([
      { account: '602', name: expect.any(String), amounts: ['5000.00', '10000.00', '0.00'], total: '15000.00' },
    ]);
    expect(r.body.expense.rows).toEqual([
      { account: '518', name: expect.any(String), amounts: ['0.00', '3000.00', '1000.00'], total: '4000.00' },
    ]);
    expect(r.body.result).toEqual(['5000.00', '7000.00', '-1000.00']);
    expect(r.body.total).toBe('11000.00');
    const plain = await b.get('/reports/profit-and-loss?from=2026-03-01&to=2026-03-31&compare=false');
    expect(plain.body.netProfit).toBe(r.body.total);
  });

  it('exports it as CSV and XLSX', async () => {
    const csv = await b.user.request(
      'GET',
      `${b.base}/reports/profit-and-loss-by-cost-center/export?format=csv&from=2026-03-01&to=2026-03-31`,
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toMatch(/BRNO.*PRAHA/);
    expect(text).toContain('602');
    const xlsx = await b.user.request(
      'GET',
      `${b.base}/reports/profit-and-loss-by-cost-center/export?format=xlsx&from=2026-03-01&to=2026-03-31`,
    );
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('filters the journal and the general ledger by centre, with the opening and totals of that centre', async () => {
    const praha = await b.get('/journal?costCenter=PRAHA');
    expect(praha.body.entries.map((e: { date: string }) => e.date)).toEqual(['2026-03-15', '2026-03-02', '2026-02-20']);
    const none = await b.get('/journal?costCenter=none&from=2026-03-20&to=2026-03-20');
    expect(none.body.entries).toHaveLength(1);
    const ledger = await b.get('/reports/general-ledger?account=518&from=2026-03-01&to=2026-03-31&costCenter=PRAHA');
    expect(ledger.status, JSON.stringify(ledger.body)).toBe(200);
    expect(ledger.body).toMatchObject({ costCenter: 'PRAHA', opening: '400.00', debit: '3000.00', closing: '3400.00' });
    expect(ledger.body.rows.map((x: { debit: string }) => x.debit)).toEqual(['3000.00']);
    const without = await b.get('/reports/general-ledger?account=518&from=2026-03-01&to=2026-03-31&costCenter=none');
    expect(without.body).toMatchObject({ costCenter: 'none', opening: '0.00', debit: '1000.00' });
    const all = await b.get('/reports/general-ledger?account=518&from=2026-03-01&to=2026-03-31');
    expect(all.body).toMatchObject({ costCenter: null, opening: '400.00', debit: '4000.00' });
  });

  it('lets a reversal mirror a centre deactivated since', async () => {
    const list = (await b.get('/cost-centers')).body.costCenters as { id: string; code: string }[];
    const brno = list.find((c) => c.code === 'BRNO')?.id;
    expect((await b.patch(`/cost-centers/${brno}`, { active: false })).status).toBe(200);
    const entry = (await b.get('/journal?costCenter=BRNO')).body.entries[0];
    const rev = await b.post(`/journal/${entry.id}/reverse`, {});
    expect(rev.status, JSON.stringify(rev.body)).toBe(201);
    expect(rev.body.lines.map((l: { costCenter: string | null }) => l.costCenter)).toContain('BRNO');
  });
});
