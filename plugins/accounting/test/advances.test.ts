import { createTestBureau } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { vatIncluded } from '../src/server/services/advances.ts';
import { type Books, booksFor, openBooks } from './helpers.ts';

/**
 * Advances received, worked by hand from ZDPH § 20a odst. 1 (a payment received before the supply is
 * taxed on the day it is received), § 28 odst. 1 (the tax document for it) and § 37 odst. 2 (the VAT in
 * an amount including VAT: amount × rate / (100 + rate)): an advance invoice of 121 000 Kč, half of it
 * paid on 10 September 2026, the final invoice of 100 000 Kč + 21 % deducting it on 30 September.
 */
let b: Books;
let other: Books;
const clock = { now: () => new Date('2026-10-02T08:00:00Z') };

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting], clock });
  b = await openBooks(t);
  other = booksFor(t, await t.signup());
  await t.enableModule(other.user, 'accounting');
});
afterAll(async () => {
  await b.t.close();
});

const balances = async () => {
  const tb = await b.get('/reports/trial-balance?from=2026-01-01&to=2026-12-31');
  return Object.fromEntries((tb.body.rows as any[]).map((r) => [r.account, r.balance]));
};

describe('VAT in an amount including VAT (ZDPH § 37 odst. 2)', () => {
  it('takes 21/121 and 12/112 of the gross, half away from zero', () => {
    expect(vatIncluded(6_050_000n, '21')).toBe(1_050_000n); // 60 500 Kč → 10 500 Kč
    expect(vatIncluded(11_200n, '12')).toBe(1_200n); // 112 Kč → 12 Kč
    expect(vatIncluded(100n, '21')).toBe(17n); // 1 Kč → 0.1736 → 0.17
    expect(vatIncluded(-6_050_000n, '21')).toBe(-1_050_000n);
    expect(vatIncluded(5_000n, '0')).toBe(0n);
  });
});

describe('advance invoice, tax document of the received payment, final invoice', () => {
  let customer: string;
  let advance: any;
  let payment: any;

  it('issues an advance invoice (ZF) that posts nothing and refuses one in a foreign currency', async () => {
    customer = (await b.post('/customers', { name: 'Odběratel s.r.o.', ico: '25596641', dic: 'CZ25596641' })).body.id;
    const draft = await b.post('/invoices', {
      customerId: customer,
      type: 'advance',
      issueDate: '2026-09-01',
      lines: [{ description: 'Záloha na dodávku software', unitPrice: '100000.00', account: '602' }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    advance = (await b.post(`/invoices/${draft.body.id}/issue`)).body;
    expect(advance).toMatchObject({ type: 'advance', status: 'issued', total: '121000.00', entryId: null });
    expect(advance.number).toMatch(/^ZF2026\d{4}$/);
    const eur = await b.post('/invoices', {
      customerId: customer,
      type: 'advance',
      currency: 'EUR',
      rate: '25',
      lines: [{ description: 'x', unitPrice: '10.00' }],
    });
    expect(eur.status).toBe(400);
    expect(eur.body.errors.map((e: any) => e.path)).toContain('currency');
  });

  it('taxes half of it when it is paid: Dr 311 / Cr 324, and a DZ document with 10 500 Kč VAT', async () => {
    const res = await b.post('/payments', {
      partnerId: customer,
      date: '2026-09-10',
      amount: '60500.00',
      allocations: [{ documentId: advance.id }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    payment = res.body;
    const list = await b.get(`/invoices?customerId=${customer}&limit=50`);
    const dz = (list.body.items as any[]).find((d) => d.type === 'advance_tax');
    expect(dz).toBeDefined();
    const doc = (await b.get(`/invoices/${dz.id}`)).body;
    expect(doc).toMatchObject({
      number: expect.stringMatching(/^DZ2026\d{4}$/),
      taxDate: '2026-09-10',
      total: '60500.00',
      vatTotal: '10500.00',
    });
    expect(doc.lines[0]).toMatchObject({ unitPrice: '50000.00', vat: 'standard' });
    expect(await balances()).toMatchObject({ '324': '-50000.00', '343200': '-10500.00', '311': '0.00' });
    expect((await b.get(`/invoices/${advance.id}`)).body).toMatchObject({ status: 'issued', paid: '60500.00' });
    // The tax document is not a receivable: it cannot be paid, and the payment cannot be voided.
    const pay = await b.post('/payments', {
      partnerId: customer,
      amount: '1.00',
      allocations: [{ documentId: dz.id }],
    });
    expect(pay.status).toBe(409);
    expect(pay.body.code).toBe('not_payable');
    const voided = await b.post(`/payments/${payment.id}/void`);
    expect(voided.status).toBe(409);
    expect(voided.body.code).toBe('advance_taxed');
  });

  it('deducts the taxed advance on the final invoice, which taxes only the rest and clears 324', async () => {
    const draft = await b.post('/invoices', {
      customerId: customer,
      issueDate: '2026-09-30',
      lines: [{ description: 'Dodávka software', unitPrice: '100000.00', account: '602' }],
    });
    const notPaid = await b.post('/invoices', {
      customerId: customer,
      type: 'advance',
      issueDate: '2026-09-02',
      lines: [{ description: 'Druhá záloha', unitPrice: '1000.00' }],
    });
    await b.post(`/invoices/${notPaid.body.id}/issue`);
    expect((await b.post(`/invoices/${draft.body.id}/advances`, { advanceId: notPaid.body.id })).body.code).toBe(
      'advance_not_paid',
    );
    const withAdvance = await b.post(`/invoices/${draft.body.id}/advances`, { advanceId: advance.id });
    expect(withAdvance.status, JSON.stringify(withAdvance.body)).toBe(200);
    expect(withAdvance.body).toMatchObject({ subtotal: '50000.00', vatTotal: '10500.00', total: '60500.00' });
    expect(withAdvance.body.lines[1]).toMatchObject({ unitPrice: '-50000.00', advanceId: advance.id });
    const issued = await b.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(await balances()).toMatchObject({
      '324': '0.00',
      '343200': '-21000.00',
      '311': '60500.00',
      '602': '-100000.00',
    });
    const again = await b.post('/invoices', {
      customerId: customer,
      lines: [{ description: 'x', unitPrice: '100000.00' }],
    });
    expect((await b.post(`/invoices/${again.body.id}/advances`, { advanceId: advance.id })).body.code).toBe(
      'advance_settled',
    );
    expect((await other.post(`/invoices/${again.body.id}/advances`, { advanceId: advance.id })).status).toBe(404);
  });

  it('puts the advance and the final invoice in September’s return and control statement (A.4)', async () => {
    const f = (await b.get('/vat/filings/2026-09')).body;
    const cells = Object.fromEntries(f.vatReturn.cells.map((c: any) => [c.attr, c.filed]));
    expect(cells).toMatchObject({ obrat23: '100000', dan23: '21000', dan_zocelk: '21000' });
    expect(f.controlStatement.sections['A.4'].map((r: any) => [r.base, r.vat])).toEqual([
      ['50000.00', '10500.00'],
      ['50000.00', '10500.00'],
    ]);
  });
});
