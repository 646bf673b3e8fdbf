import { createTestBureau } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { parseCnbRates } from '../src/server/services/cnb-rates.ts';
import { type Books, line, openBooks } from './helpers.ts';

/** The ČNB daily file as published at cnb.cz (denni_kurz.txt), in its own format. */
const daily = (date: string, eur: string, jpy = '14,802') =>
  [
    `${date} #240`,
    'země|měna|množství|kód|kurz',
    'Austrálie|dolar|1|AUD|15,122',
    `EMU|euro|1|EUR|${eur}`,
    `Japonsko|jen|100|JPY|${jpy}`,
    'Maďarsko|forint|100|HUF|6,111',
    'USA|dolar|1|USD|23,455',
    '',
  ].join('\n');

/** The yearly file (rok.txt): one line per day, a column per currency with its unit count. */
const yearly = [
  'Datum|1 AUD|1 EUR|100 JPY|1 USD',
  '02.01.2026|15,180|25,010|14,905|23,600',
  '05.01.2026|15,201|25,030|14,910|23,612',
  '',
].join('\n');

describe('ČNB rate files', () => {
  it('reads the daily and the yearly file, per one unit, exactly', () => {
    const d = parseCnbRates(daily('10.12.2026', '25,000'));
    expect(d).toContainEqual({ date: '2026-12-10', currency: 'EUR', rate: '25' });
    expect(d).toContainEqual({ date: '2026-12-10', currency: 'JPY', rate: '0.14802' });
    expect(d).toContainEqual({ date: '2026-12-10', currency: 'HUF', rate: '0.06111' });
    const y = parseCnbRates(yearly);
    expect(y.filter((r) => r.currency === 'EUR')).toEqual([
      { date: '2026-01-02', currency: 'EUR', rate: '25.01' },
      { date: '2026-01-05', currency: 'EUR', rate: '25.03' },
    ]);
    expect(y).toContainEqual({ date: '2026-01-05', currency: 'JPY', rate: '0.1491' });
  });

  it('names the line of a malformed file', () => {
    expect(() => parseCnbRates('10.12.2026 #240\nzemě|měna|množství|kód|kurz\nEMU|euro|1|EUR')).toThrow(/Expected/);
    expect(() => parseCnbRates('hello')).toThrow(/Not a ČNB rate file/);
    expect(() => parseCnbRates('31.02.2026 #1\nzemě|měna|množství|kód|kurz\nEMU|euro|1|EUR|25,1')).toThrow(
      /Not a calendar date/,
    );
  });
});

describe('rates in the books', () => {
  let b: Books;
  beforeAll(async () => {
    const t = await createTestBureau({ plugins: [accounting], clock: { now: () => new Date('2027-01-20T10:00:00Z') } });
    b = await openBooks(t);
  });
  afterAll(async () => {
    await b.t.close();
  });

  it('imports a file, answers the rate of a weekend day from the Friday before, refuses garbage', async () => {
    const imp = await b.post('/exchange-rates/import', { content: daily('11.12.2026', '25,000') });
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    expect(imp.body).toMatchObject({ imported: 5, from: '2026-12-11', days: 1 });
    const sunday = await b.get('/exchange-rates/rate?currency=EUR&date=2026-12-13');
    expect(sunday.body.rate).toEqual({ currency: 'EUR', date: '2026-12-11', rate: '25' });
    expect((await b.get('/exchange-rates/rate?currency=EUR&date=2026-12-10')).body.rate).toBeNull();
    const bad = await b.post('/exchange-rates/import', { content: 'nonsense' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_rate_file');
  });

  it('takes a document’s rate from the ČNB rate of its tax date, revalues it at year end and pays it against the revalued amount', async () => {
    await b.post('/exchange-rates/import', { content: daily('31.12.2026', '24,500') });
    await b.post('/exchange-rates/import', { content: daily('15.01.2027', '24,800') });
    const c = await b.post('/customers', { name: 'Kunde GmbH', country: 'DE' });
    const draft = await b.post('/invoices', {
      customerId: c.body.id,
      issueDate: '2026-12-14',
      taxDate: '2026-12-12',
      currency: 'EUR',
      lines: [{ description: 'Beratung', unitPrice: '1000.00' }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ rate: '25', totalFunctional: '30250.00' });
    const inv = (await b.post(`/invoices/${draft.body.id}/issue`)).body;
    // An EUR bank account holding 100 EUR bought at 25.
    const bank = await b.post('/bank-accounts', { name: 'EUR účet', currency: 'EUR' });
    expect(bank.status, JSON.stringify(bank.body)).toBe(201);
    await b.post('/journal', {
      date: '2026-12-15',
      lines: [
        line(bank.body.account, 'debit', '100.00', { currency: 'EUR', rate: '25' }),
        line('411', 'credit', '2500.00'),
      ],
    });
    const rev = await b.post('/revaluation', { date: '2026-12-31' });
    expect(rev.status, JSON.stringify(rev.body)).toBe(200);
    // 1 210 EUR × 24,50 = 29 645 (−605); 100 EUR × 24,50 = 2 450 (−50).
    expect(rev.body).toMatchObject({ documents: 1, gain: '0.00', loss: '655.00' });
    expect((await b.post('/revaluation', { date: '2026-12-31' })).body.code).toBe('already_revalued');
    // Paid on 15 January at the day's rate (taken from the ČNB file): 1 210 × 24,80 = 30 008.
    const pay = await b.post('/payments', {
      partnerId: c.body.id,
      date: '2027-01-15',
      amount: '1210.00',
      currency: 'EUR',
      allocations: [{ documentId: inv.id }],
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body.rate).toBe('24.8');
    const fx = await b.get(`/journal/${pay.body.allocations[0].fxEntryId}`);
    expect(fx.body.lines.map((l: any) => [l.account, l.debit ?? `-${l.credit}`])).toEqual([
      ['311', '363.00'],
      ['663', '-363.00'],
    ]);
    expect((await b.get(`/customers/${c.body.id}/statement`)).body.closing).toBe('0.00');
  });

  it('offers the ČNB rate of the day on a foreign bank line and posts it to an expense account with it', async () => {
    const bank = (await b.get('/bank-accounts')).body.bankAccounts.find((a: any) => a.currency === 'EUR');
    const imp = await b.post(`/bank-accounts/${bank.id}/statements`, {
      format: 'csv',
      content: 'Datum;Částka;Zpráva\n2027-01-16;-12,50;Hosting\n',
      mapping: {
        delimiter: ';',
        dateFormat: 'YYYY-MM-DD',
        decimalSeparator: ',',
        columns: { date: 'Datum', amount: 'Částka', message: 'Zpráva' },
      },
    });
    expect(imp.status, JSON.stringify(imp.body)).toBe(201);
    const lines = (await b.get(`/bank-lines?status=unmatched&bankAccountId=${bank.id}`)).body.lines;
    expect(lines).toHaveLength(1);
    // Saturday 16 January takes Friday's rate.
    expect(lines[0]).toMatchObject({ currency: 'EUR', amount: '-12.50', suggestedRate: '24.8' });
    const matched = await b.post(`/bank-lines/${lines[0].id}/match`, { account: '518' });
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const entry = await b.get(`/journal/${matched.body.match.entryId}`);
    // 12,50 EUR × 24,80 = 310 Kč.
    expect(entry.body.lines.map((l: any) => [l.account, l.debit ?? `-${l.credit}`, l.rate])).toEqual([
      [bank.account, '-310.00', '24.8'],
      ['518', '310.00', '24.8'],
    ]);
  });

  it('refuses a revaluation without the rates it needs', async () => {
    const c = await b.post('/customers', { name: 'Zürich AG', country: 'CH' });
    const draft = await b.post('/invoices', {
      customerId: c.body.id,
      issueDate: '2027-01-05',
      currency: 'CHF',
      rate: '26.5',
      lines: [{ description: 'x', unitPrice: '10.00' }],
    });
    await b.post(`/invoices/${draft.body.id}/issue`);
    const r = await b.post('/revaluation', { date: '2027-01-08' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'rate_missing', currencies: ['CHF'] });
  });
});
