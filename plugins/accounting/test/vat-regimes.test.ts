import { createTestBureau } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { type Books, booksFor, openBooks } from './helpers.ts';

/**
 * VAT regimes, credit and debit notes, and the VAT summary built from the VAT records, for a Czech
 * VAT payer (its tenant speaks Czech, so the books' texts are Czech). Figures are worked by hand
 * from ZDPH § 37 (VAT = base × rate, here per line, half away from zero).
 */
let b: Books;
let other: Books;
const clock = { now: () => new Date('2026-07-20T10:00:00Z') };

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting], clock });
  b = await openBooks(t);
  other = booksFor(t, await t.signup());
  await t.enableModule(other.user, 'accounting');
});
afterAll(async () => {
  await b.t.close();
});

const partner = async (kind: 'customers' | 'vendors', body: Record<string, unknown>) => {
  const res = await b.post(`/${kind}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
};
const issue = async (kind: 'invoices' | 'bills', body: Record<string, unknown>) => {
  const draft = await b.post(`/${kind}`, body);
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const issued = await b.post(`/${kind}/${draft.body.id}/${kind === 'invoices' ? 'issue' : 'post'}`);
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body;
};
const cents = (v: string) => BigInt(v.replace('.', ''));
const text = (n: bigint) => {
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};
/** An entry's memo and its lines summed per account: debit positive, credit negative. */
const entryLines = async (entryId: string) => {
  const entry = await b.get(`/journal/${entryId}`);
  const sums = new Map<string, bigint>();
  for (const l of entry.body.lines as any[]) {
    sums.set(l.account, (sums.get(l.account) ?? 0n) + (l.debit ? cents(l.debit) : -cents(l.credit)));
  }
  return { memo: entry.body.memo as string, lines: Object.fromEntries([...sums].map(([k, v]) => [k, text(v)])) };
};

describe('VAT regimes', () => {
  it('self-assesses a service bought from a German VAT payer on both sides (ZDPH § 9(1), § 24)', async () => {
    const v = await partner('vendors', { name: 'Cloud GmbH', country: 'DE', dic: 'DE123456789' });
    const bill = await issue('bills', {
      vendorId: v.id,
      regime: 'eu',
      issueDate: '2026-07-02',
      taxDate: '2026-07-01',
      currency: 'EUR',
      rate: '25.00',
      reference: 'INV-7781',
      lines: [{ description: 'Hosting July', unitPrice: '1000.00', supply: 'services', account: '518' }],
    });
    // The vendor is owed the net only; the 21 % of 25 000 CZK is declared and deducted by us.
    expect(bill).toMatchObject({ regime: 'eu', selfAssessed: true, total: '1000.00', vatTotal: '210.00' });
    const { lines, memo } = await entryLines(bill.entryId);
    expect(lines).toEqual({ '321': '-25000.00', '518': '25000.00', '343100': '5250.00', '343200': '-5250.00' });
    expect(memo).toMatch(/^Přijatá faktura B2026-\d{4} \(INV-7781\) – Cloud GmbH$/);
  });

  it('sells under the domestic reverse charge (§ 92a) without VAT and prints its legal basis', async () => {
    const c = await partner('customers', { name: 'Stavby Novák s.r.o.', dic: 'CZ25596641', ico: '25596641' });
    const missing = await b.post('/invoices', {
      customerId: c.id,
      regime: 'reverse_charge',
      lines: [{ description: 'Zednické práce', unitPrice: '100000.00' }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: any) => e.path)).toContain('lines.0.reverseChargeCode');
    const inv = await issue('invoices', {
      customerId: c.id,
      regime: 'reverse_charge',
      issueDate: '2026-07-05',
      lines: [{ description: 'Zednické práce', unitPrice: '100000.00', reverseChargeCode: '4', account: '602' }],
    });
    expect(inv).toMatchObject({ total: '100000.00', vatTotal: '0.00' });
    expect(inv.lines[0].exemption).toContain('§ 92a');
    const { lines } = await entryLines(inv.entryId);
    expect(lines).toEqual({ '311': '100000.00', '602': '-100000.00' });
  });

  it('sells goods to an EU VAT payer exempt (§ 64) and refuses an import on a sale', async () => {
    const c = await partner('customers', { name: 'Handel GmbH', country: 'DE', dic: 'DE811569869' });
    const inv = await issue('invoices', {
      customerId: c.id,
      regime: 'eu',
      issueDate: '2026-07-06',
      lines: [{ description: 'Pallets', quantity: '10', unitPrice: '500.00', supply: 'goods', account: '604' }],
    });
    expect(inv).toMatchObject({ total: '5000.00', vatTotal: '0.00' });
    expect(inv.lines[0].exemption).toContain('§ 64');
    const bad = await b.post('/invoices', {
      customerId: c.id,
      regime: 'import',
      lines: [{ description: 'x', unitPrice: '1' }],
    });
    expect(bad.status).toBe(400);
  });

  it('expenses the non-deductible part of input VAT and claims VAT in a later period (vatDate)', async () => {
    const v = await partner('vendors', { name: 'Restaurace U Lípy', ico: '27074358' });
    const bill = await issue('bills', {
      vendorId: v.id,
      issueDate: '2026-06-28',
      taxDate: '2026-06-28',
      vatDate: '2026-07-10',
      reference: 'R-55',
      lines: [
        {
          description: 'Car costs',
          unitPrice: '1000.00',
          deduction: 'partial',
          deductiblePercent: '50',
          account: '518',
        },
        { description: 'Entertainment', unitPrice: '200.00', deduction: 'none', account: '513' },
      ],
    });
    expect(bill.vatDate).toBe('2026-07-10');
    expect(bill.lines.map((l: any) => l.deductible)).toEqual(['105.00', '0.00']);
    const { lines } = await entryLines(bill.entryId);
    // 210 VAT on 1000, half deductible; 42 VAT on 200 not deductible at all.
    expect(lines).toEqual({ '321': '-1452.00', '518': '1105.00', '513': '242.00', '343100': '105.00' });
    const june = await b.get('/vat/summary?from=2026-06-01&to=2026-06-30');
    expect(june.body.input.vat).toBe('0.00');
    const july = await b.get('/vat/summary?from=2026-07-01&to=2026-07-31');
    expect(july.body.input.rows).toContainEqual(
      expect.objectContaining({ regime: 'domestic', code: 'standard', base: '1200.00', vat: '105.00' }),
    );
  });

  it('books an import as the VAT paid at customs only', async () => {
    const customs = await partner('vendors', { name: 'Celní úřad pro hlavní město Prahu' });
    const bill = await issue('bills', {
      vendorId: customs.id,
      regime: 'import',
      issueDate: '2026-07-08',
      reference: 'JSD 26CZ5100',
      lines: [{ description: 'Import of machines', unitPrice: '10000.00', supply: 'goods' }],
    });
    expect(bill).toMatchObject({ total: '2100.00', selfAssessed: false });
    expect((await entryLines(bill.entryId)).lines).toEqual({ '321': '-2100.00', '343100': '2100.00' });
  });
});

describe('credit and debit notes', () => {
  it('credits part of an invoice in its own series, settles it and lowers the VAT of the period', async () => {
    const c = await partner('customers', { name: 'Pekárna Zlatý klas s.r.o.', ico: '26168685' });
    const inv = await issue('invoices', {
      customerId: c.id,
      issueDate: '2026-07-10',
      lines: [{ description: 'Mouka', quantity: '100', unitPrice: '100.00', account: '604' }],
    });
    expect(inv.total).toBe('12100.00');
    const tooMuch = await b.post(`/invoices/${inv.id}/corrections`, {
      type: 'credit_note',
      reason: 'Vrácené zboží',
      lines: [{ description: 'Mouka', quantity: '101', unitPrice: '100.00', account: '604' }],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.code).toBe('credit_exceeds');
    const cn = await b.post(`/invoices/${inv.id}/corrections`, {
      type: 'credit_note',
      date: '2026-07-15',
      reason: 'Vrácené zboží',
      lines: [{ description: 'Mouka', quantity: '20', unitPrice: '100.00', account: '604' }],
    });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    expect(cn.body).toMatchObject({
      type: 'credit_note',
      status: 'paid',
      total: '2420.00',
      corrects: { id: inv.id, number: inv.number },
      correctionReason: 'Vrácené zboží',
    });
    expect(cn.body.number).toMatch(/^OD2026\d{4}$/);
    const { lines, memo } = await entryLines(cn.body.entryId);
    expect(lines).toEqual({ '311': '-2420.00', '604': '2000.00', '343200': '420.00' });
    expect(memo).toBe(`Opravný doklad ${cn.body.number} k ${inv.number} – Pekárna Zlatý klas s.r.o.`);
    const after = (await b.get(`/invoices/${inv.id}`)).body;
    expect(after).toMatchObject({ status: 'issued', paid: '2420.00', remaining: '9680.00' });
    const list = await b.get('/invoices?limit=100');
    expect(list.body.items.find((d: any) => d.id === cn.body.id).type).toBe('credit_note');
  });

  it('corrects a paid invoice by a credit note that stays as the customer credit', async () => {
    const c = await partner('customers', { name: 'Kavárna Modrá s.r.o.' });
    const inv = await issue('invoices', {
      customerId: c.id,
      issueDate: '2026-07-11',
      lines: [{ description: 'Káva', unitPrice: '1000.00', vat: 'reduced' }],
    });
    expect(inv.total).toBe('1120.00');
    const cancel = await b.post('/payments', {
      partnerId: c.id,
      date: '2026-07-12',
      amount: '1120.00',
      allocations: [{ documentId: inv.id }],
    });
    expect(cancel.status).toBe(201);
    expect((await b.post(`/invoices/${inv.id}/cancel`)).body.code).toBe('document_paid');
    const cn = await b.post(`/invoices/${inv.id}/corrections`, { type: 'credit_note', reason: 'Reklamace' });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    expect(cn.body).toMatchObject({ status: 'issued', total: '1120.00', remaining: '1120.00', vatTotal: '120.00' });
    expect(cn.body.lines[0]).toMatchObject({ vat: 'reduced', vatRate: '12' });
    const again = await b.post(`/invoices/${inv.id}/corrections`, { type: 'credit_note', reason: 'Znovu' });
    expect(again.body.code).toBe('credit_exceeds');
    // A second invoice to the same customer takes the credit.
    const next = await issue('invoices', {
      customerId: c.id,
      issueDate: '2026-07-13',
      lines: [{ description: 'Káva', unitPrice: '2000.00', vat: 'reduced' }],
    });
    const off = await b.post(`/invoices/${cn.body.id}/offsets`, { documentId: next.id });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.amount).toBe('1120.00');
    expect((await b.get(`/invoices/${next.id}`)).body.remaining).toBe('1120.00');
    expect((await b.get(`/invoices/${cn.body.id}`)).body.status).toBe('paid');
    expect((await b.post(`/invoices/${inv.id}/offsets`, { documentId: next.id })).body.code).toBe('not_credit_note');
  });

  it('adds to a bill by a received debit note in the bill series', async () => {
    const v = await partner('vendors', { name: 'Energie a.s.' });
    const bill = await issue('bills', {
      vendorId: v.id,
      issueDate: '2026-07-03',
      reference: 'E-1',
      lines: [{ description: 'Elektřina', unitPrice: '3000.00', account: '502' }],
    });
    const noNumber = await b.post(`/bills/${bill.id}/corrections`, {
      type: 'debit_note',
      reason: 'Vyúčtování',
      lines: [{ description: 'Doplatek', unitPrice: '500.00', account: '502' }],
    });
    expect(noNumber.status).toBe(400);
    const dn = await b.post(`/bills/${bill.id}/corrections`, {
      type: 'debit_note',
      reason: 'Vyúčtování',
      vendorNumber: 'E-1-D',
      date: '2026-07-16',
      lines: [{ description: 'Doplatek', unitPrice: '500.00', account: '502' }],
    });
    expect(dn.status, JSON.stringify(dn.body)).toBe(201);
    expect(dn.body.number).toMatch(/^BDB2026-\d{4}$/);
    expect((await entryLines(dn.body.entryId)).lines).toEqual({
      '321': '-605.00',
      '502': '500.00',
      '343100': '105.00',
    });
  });

  it('refuses corrections of drafts, cancelled and other tenants’ documents', async () => {
    const c = await partner('customers', { name: 'Draft s.r.o.' });
    const draft = await b.post('/invoices', { customerId: c.id, lines: [{ description: 'x', unitPrice: '10.00' }] });
    const res = await b.post(`/invoices/${draft.body.id}/corrections`, { type: 'credit_note', reason: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_correctable');
    const foreign = await other.post(`/invoices/${draft.body.id}/corrections`, { type: 'credit_note', reason: 'x' });
    expect(foreign.status).toBe(404);
    expect((await b.post(`/invoices/${draft.body.id}/corrections`, { type: 'credit_note' })).status).toBe(400);
  });
});

describe('VAT summary', () => {
  it('adds up the July records: output, self-assessed output and deductible input', async () => {
    const s = (await b.get('/vat/summary?from=2026-07-01&to=2026-07-31')).body;
    // Output: self-assessed 5250 (EU service); domestic 21 %: 2100 − 420; 12 %: 120 − 120 + 240.
    expect(s.output.rows).toContainEqual(
      expect.objectContaining({ regime: 'eu', selfAssessed: true, code: 'standard', vat: '5250.00' }),
    );
    const domesticStd = s.output.rows.find((r: any) => r.regime === 'domestic' && r.code === 'standard');
    expect(domesticStd.vat).toBe('1680.00');
    // Input: 5250 (EU) + 105 (half of 210) + 2100 (import) + 735 (3000 + 500 at 21 %).
    expect(s.input.vat).toBe('8190.00');
    expect(cents(s.payable)).toBe(cents(s.output.vat) - cents(s.input.vat));
  });
});
