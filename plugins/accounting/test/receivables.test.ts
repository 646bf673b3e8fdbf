import { createTestBureau } from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { type Books, booksFor, openBooks } from './helpers.ts';

let b: Books;
let other: Books;
const clock = { now: () => new Date('2026-06-30T10:00:00Z') };

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting], clock });
  b = await openBooks(t);
  other = booksFor(t, await t.signup());
  await t.enableModule(other.user, 'accounting');
});
afterAll(async () => {
  await b.t.close();
});

const customer = async (name: string, extra: Record<string, unknown> = {}) => {
  const res = await b.post('/customers', { name, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const vendor = async (name: string, extra: Record<string, unknown> = {}) => {
  const res = await b.post('/vendors', { name, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const issuedInvoice = async (
  customerId: string,
  issueDate: string,
  unitPrice: string,
  extra: Record<string, unknown> = {},
) => {
  const draft = await b.post('/invoices', {
    customerId,
    issueDate,
    lines: [{ description: 'Work', quantity: '1', unitPrice }],
    ...extra,
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const issued = await b.post(`/invoices/${draft.body.id}/issue`);
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body;
};
const outbox = async (type: string) =>
  (
    await sql<{
      payload: any;
    }>`select payload from core.outbox where tenant_id = ${b.user.tenant.id} and type = ${type} order by id`.execute(
      b.t.runtime.db,
    )
  ).rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));

describe('customers and vendors', () => {
  it('validates IČO, DIČ and IBAN and normalises them', async () => {
    const bad = await b.post('/customers', {
      name: 'Bad',
      ico: '12345678',
      dic: 'CZ12345678',
      iban: 'CZ00 0800 0000 0000 0000 0000',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['dic', 'iban', 'ico']);
    const ok = await customer('Alfa s.r.o.', {
      ico: '255 96 641',
      dic: 'cz25596641',
      iban: 'CZ65 0800 0000 1920 0014 5399',
    });
    expect(ok).toMatchObject({
      ico: '25596641',
      dic: 'CZ25596641',
      iban: 'CZ6508000000192000145399',
      paymentTermsDays: 14,
      country: 'CZ',
    });
    const dup = await b.post('/customers', { name: 'Alfa again', ico: '25596641' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate_ico');
    const asVendor = await b.post('/vendors', { name: 'Alfa as vendor', ico: '25596641' });
    expect(asVendor.status).toBe(201);
    const list = await b.get('/customers?q=alfa');
    expect(list.body.customers.map((c: any) => c.name)).toEqual(['Alfa s.r.o.']);
    const patched = await b.patch(`/customers/${ok.id}`, { email: 'billing@alfa.example', paymentTermsDays: 30 });
    expect(patched.body).toMatchObject({ email: 'billing@alfa.example', paymentTermsDays: 30 });
    expect((await b.get(`/vendors/${ok.id}`)).status).toBe(404);
    expect((await other.get(`/customers/${ok.id}`)).status).toBe(404);
    expect((await b.del(`/vendors/${asVendor.body.id}`)).status).toBe(200);
  });
});

describe('sales invoices', () => {
  it('computes VAT per rate, posts on issue and emits accounting.invoice.issued', async () => {
    const c = await customer('Beta a.s.');
    const draft = await b.post('/invoices', {
      customerId: c.id,
      issueDate: '2026-06-01',
      lines: [
        { description: 'Consulting', quantity: '10', unitPrice: '1500.00' },
        { description: 'Books', quantity: '3', unitPrice: '199.90', vat: 'reduced', account: '604' },
        { description: 'Discount', quantity: '1', unitPrice: '-500.00' },
      ],
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      number: null,
      dueDate: '2026-06-15',
      subtotal: '15099.70',
      vatTotal: '3116.96',
      total: '18216.66',
    });
    expect(draft.body.vatBreakdown).toEqual(
      expect.arrayContaining([
        { code: 'standard', rate: '21', base: '14500.00', vat: '3045.00' },
        { code: 'reduced', rate: '12', base: '599.70', vat: '71.96' },
      ]),
    );
    const edited = await b.patch(`/invoices/${draft.body.id}`, { memo: 'June work' });
    expect(edited.body.memo).toBe('June work');
    const issued = await b.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.body).toMatchObject({ status: 'issued', number: '20260001', variableSymbol: '20260001' });
    const entry = await b.get(`/journal/${issued.body.entryId}`);
    expect(entry.body.source).toEqual({ type: 'accounting.invoice', id: draft.body.id });
    const lines = Object.fromEntries(entry.body.lines.map((l: any) => [l.account, l.debit ?? `-${l.credit}`]));
    expect(lines).toEqual({ '311': '18216.66', '602': '-14500.00', '604': '-599.70', '343200': '-3116.96' });
    expect((await b.patch(`/invoices/${draft.body.id}`, { memo: 'x' })).body.code).toBe('not_draft');
    expect((await b.del(`/invoices/${draft.body.id}`)).status).toBe(409);
    expect((await b.post(`/invoices/${draft.body.id}/issue`)).status).toBe(409);
    const events = await outbox('accounting.invoice.issued');
    expect(events).toContainEqual(
      expect.objectContaining({ invoiceId: draft.body.id, number: '20260001', total: '18216.66' }),
    );
  });

  it('uses the VAT rate valid on the tax date (15 % reduced rate before 2024)', async () => {
    const c = await customer('Historic s.r.o.');
    const old = await b.post('/invoices', {
      customerId: c.id,
      issueDate: '2023-12-20',
      lines: [{ description: 'Food', unitPrice: '100.00', vat: 'reduced' }],
    });
    expect(old.body.lines[0].vatRate).toBe('15');
    const unknown = await b.post('/invoices', {
      customerId: c.id,
      lines: [{ description: 'X', unitPrice: '1.00', vat: 'luxury' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('lines.0.vat');
    expect((await b.del(`/invoices/${old.body.id}`)).status).toBe(200);
  });

  it('takes partial, full and over-payments; keeps the overpayment as credit and allocates it later', async () => {
    const c = await customer('Gama s.r.o.');
    const inv = await issuedInvoice(c.id, '2026-06-02', '1000.00'); // 1210.00 with VAT
    const part = await b.post('/payments', {
      partnerId: c.id,
      date: '2026-06-10',
      amount: '210.00',
      allocations: [{ documentId: inv.id }],
    });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ direction: 'in', allocated: '210.00', unallocated: '0.00' });
    expect((await b.get(`/invoices/${inv.id}`)).body).toMatchObject({
      status: 'issued',
      paid: '210.00',
      remaining: '1000.00',
    });

    const over = await b.post('/payments', {
      partnerId: c.id,
      date: '2026-06-12',
      amount: '1500.00',
      allocations: [{ documentId: inv.id }],
    });
    expect(over.body).toMatchObject({ allocated: '1000.00', unallocated: '500.00' });
    const paid = (await b.get(`/invoices/${inv.id}`)).body;
    expect(paid).toMatchObject({ status: 'paid', remaining: '0.00', paidAt: '2026-06-12' });
    expect((await b.get(`/customers/${c.id}`)).body).toMatchObject({ outstanding: '0.00', credit: '500.00' });
    expect(await outbox('accounting.invoice.paid')).toContainEqual(
      expect.objectContaining({ invoiceId: inv.id, paidAt: '2026-06-12' }),
    );

    const inv2 = await issuedInvoice(c.id, '2026-06-20', '300.00'); // 363.00
    const alloc = await b.post(`/payments/${over.body.id}/allocate`, { documentId: inv2.id });
    expect(alloc.body).toMatchObject({ allocated: '1363.00', unallocated: '137.00' });
    expect((await b.get(`/invoices/${inv2.id}`)).body.status).toBe('paid');
    const tooMuch = await b.post(`/payments/${over.body.id}/allocate`, { documentId: inv2.id, amount: '1.00' });
    expect(tooMuch.status).toBe(409);

    const statement = await b.get(`/customers/${c.id}/statement?from=2026-06-01&to=2026-06-30`);
    expect(statement.body).toMatchObject({ opening: '0.00', closing: '-137.00' });
    expect(statement.body.rows.map((r: any) => r.balance)).toEqual(['1210.00', '1000.00', '-500.00', '-137.00']);

    const voided = await b.post(`/payments/${part.body.id}/void`);
    expect(voided.body.voided).toBe(true);
    expect((await b.get(`/invoices/${inv.id}`)).body).toMatchObject({
      status: 'issued',
      paid: '1000.00',
      remaining: '210.00',
    });
    expect((await b.post(`/payments/${part.body.id}/void`)).body.code).toBe('payment_voided');
  });

  it('cancels an unpaid invoice by reversal and refuses cancelling a paid one', async () => {
    const c = await customer('Delta s.r.o.');
    const inv = await issuedInvoice(c.id, '2026-06-05', '100.00');
    const cancelled = await b.post(`/invoices/${inv.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const rev = await b.get(`/journal/${cancelled.body.cancelEntryId}`);
    expect(rev.body.reversesId).toBe(inv.entryId);
    // Accounting's own entries are corrected through their documents, not the journal.
    expect((await b.post(`/journal/${inv.entryId}/reverse`)).body.code).toBe('use_document_action');
    const inv2 = await issuedInvoice(c.id, '2026-06-05', '100.00');
    expect((await b.post(`/journal/${inv2.entryId}/reverse`)).body.code).toBe('use_document_action');
    await b.post('/payments', {
      partnerId: c.id,
      date: '2026-06-06',
      amount: '121.00',
      allocations: [{ documentId: inv2.id }],
    });
    expect((await b.post(`/invoices/${inv2.id}/cancel`)).body.code).toBe('document_paid');
  });

  it('handles a foreign-currency invoice paid at another rate with an exchange gain', async () => {
    const c = await customer('Euro GmbH', { country: 'DE', dic: 'DE123456789' });
    const inv = await issuedInvoice(c.id, '2026-06-03', '100.00', { currency: 'EUR', rate: '25.00' });
    expect(inv).toMatchObject({ currency: 'EUR', total: '121.00', totalFunctional: '3025.00' });
    const pay = await b.post('/payments', {
      partnerId: c.id,
      date: '2026-06-20',
      amount: '121.00',
      currency: 'EUR',
      rate: '25.50',
      allocations: [{ documentId: inv.id }],
    });
    expect(pay.status).toBe(201);
    const fx = await b.get(`/journal/${pay.body.allocations[0].fxEntryId}`);
    const lines = Object.fromEntries(fx.body.lines.map((l: any) => [l.account, l.debit ?? `-${l.credit}`]));
    expect(lines).toEqual({ '311': '60.50', '663': '-60.50' });
    expect((await b.get(`/customers/${c.id}`)).body.outstanding).toBe('0.00');
    const inv2 = await issuedInvoice(c.id, '2026-06-03', '10.00', { currency: 'EUR', rate: '25.00' });
    const mismatch = await b.post('/payments', {
      partnerId: c.id,
      amount: '1.00',
      allocations: [{ documentId: inv2.id }],
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('currency_mismatch');
    expect(
      (await b.post('/payments', { partnerId: c.id, amount: '1.00', allocations: [{ documentId: inv.id }] })).body.code,
    ).toBe('document_not_open');
  });

  it('settles the rounding residue of an EUR invoice paid at its own rate to exchange differences', async () => {
    // Two lines of 10.01 EUR at 24.335: each converts to 243.59 + 51.10 VAT, 589.38 CZK in all,
    // while the 24.22 EUR total converts to 589.39. Paying in full at the invoice's rate must close 311.
    const c = await customer('Rundung GmbH', { country: 'DE' });
    const lines = [
      { description: 'A', unitPrice: '10.01' },
      { description: 'B', unitPrice: '10.01' },
    ];
    const draft = await b.post('/invoices', {
      customerId: c.id,
      issueDate: '2026-06-08',
      currency: 'EUR',
      rate: '24.335',
      lines,
    });
    const inv = (await b.post(`/invoices/${draft.body.id}/issue`)).body;
    expect(inv).toMatchObject({ total: '24.22', totalFunctional: '589.38' });
    const pay = await b.post('/payments', {
      partnerId: c.id,
      date: '2026-06-09',
      amount: '24.22',
      currency: 'EUR',
      rate: '24.335',
      allocations: [{ documentId: inv.id }],
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const fx = await b.get(`/journal/${pay.body.allocations[0].fxEntryId}`);
    expect(fx.body.lines.map((l: any) => [l.account, l.debit ?? `-${l.credit}`])).toEqual([
      ['311', '0.01'],
      ['663', '-0.01'],
    ]);
    expect((await b.get(`/customers/${c.id}/statement`)).body.closing).toBe('0.00');
    // In two halves at the same rate: 294.71 each; the second takes what is left of the invoice.
    const d2 = await b.post('/invoices', {
      customerId: c.id,
      issueDate: '2026-06-08',
      currency: 'EUR',
      rate: '24.335',
      lines,
    });
    const inv2 = (await b.post(`/invoices/${d2.body.id}/issue`)).body;
    for (const date of ['2026-06-10', '2026-06-11']) {
      const part = await b.post('/payments', {
        partnerId: c.id,
        date,
        amount: '12.11',
        currency: 'EUR',
        rate: '24.335',
        allocations: [{ documentId: inv2.id }],
      });
      expect(part.status).toBe(201);
    }
    expect((await b.get(`/invoices/${inv2.id}`)).body.status).toBe('paid');
    expect((await b.get(`/customers/${c.id}/statement`)).body.closing).toBe('0.00');
  });

  it('posts an invoice on its tax date (DUZP) and refuses one whose tax period is locked', async () => {
    const c = await customer('Zeta s.r.o.');
    const draft = await b.post('/invoices', {
      customerId: c.id,
      issueDate: '2026-11-22',
      taxDate: '2026-09-15',
      lines: [{ description: 'Září', unitPrice: '1000.00' }],
    });
    expect((await b.post('/periods/2026-09/lock')).status).toBe(200);
    const refused = await b.post(`/invoices/${draft.body.id}/issue`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('period_locked');
    expect((await b.get(`/invoices/${draft.body.id}`)).body).toMatchObject({ status: 'draft', number: null });
    expect((await b.post('/periods/2026-09/unlock')).status).toBe(200);
    const issued = await b.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.status).toBe(200);
    const entry = await b.get(`/journal/${issued.body.entryId}`);
    expect(entry.body.date).toBe('2026-09-15');
    expect(issued.body.number).toMatch(/^2026\d{4}$/);
  });

  it('rejects other tenants’ customers and documents', async () => {
    const c = await customer('Epsilon s.r.o.');
    const inv = await issuedInvoice(c.id, '2026-06-05', '10.00');
    expect((await other.get(`/invoices/${inv.id}`)).status).toBe(404);
    expect((await other.post(`/invoices/${inv.id}/cancel`)).status).toBe(404);
    expect(
      (await other.post('/invoices', { customerId: c.id, lines: [{ description: 'x', unitPrice: '1' }] })).status,
    ).toBe(400);
    expect((await other.post('/payments', { partnerId: c.id, amount: '1.00' })).status).toBe(400);
    expect((await b.get('/invoices?overdue=maybe')).status).toBe(400);
  });
});

describe('purchase bills', () => {
  it('posts bills to expense and input VAT and pays them', async () => {
    const v = await vendor('Office Supply s.r.o.', { ico: '27082440' });
    const draft = await b.post('/bills', {
      vendorId: v.id,
      issueDate: '2026-06-04',
      variableSymbol: '0077123',
      reference: 'FA-77123',
      lines: [{ description: 'Paper', quantity: '10', unitPrice: '120.00', account: '501' }],
    });
    expect(draft.body.variableSymbol).toBe('77123');
    const posted = await b.post(`/bills/${draft.body.id}/post`);
    expect(posted.body).toMatchObject({ status: 'issued', number: 'B2026-0001', total: '1452.00' });
    const entry = await b.get(`/journal/${posted.body.entryId}`);
    const lines = Object.fromEntries(entry.body.lines.map((l: any) => [l.account, l.debit ?? `-${l.credit}`]));
    expect(lines).toEqual({ '321': '-1452.00', '501': '1200.00', '343100': '252.00' });
    const pay = await b.post('/payments', {
      partnerId: v.id,
      date: '2026-06-14',
      amount: '1452.00',
      allocations: [{ documentId: posted.body.id }],
    });
    expect(pay.body.direction).toBe('out');
    expect((await b.get(`/bills/${posted.body.id}`)).body.status).toBe('paid');
    const aging = await b.get('/reports/aging?kind=payable&asOf=2026-06-10');
    expect(aging.body.rows.find((r: any) => r.partner.id === v.id)).toMatchObject({
      current: '1452.00',
      total: '1452.00',
    });
  });
});

describe('aging and VAT', () => {
  it('buckets open receivables by days past due as of a date', async () => {
    const c = await customer('Late Payer s.r.o.', { paymentTermsDays: 0 });
    await issuedInvoice(c.id, '2026-06-29', '100.00'); // due 06-29: 1 day
    await issuedInvoice(c.id, '2026-05-15', '100.00'); // 46 days
    await issuedInvoice(c.id, '2026-04-20', '100.00'); // 71 days
    await issuedInvoice(c.id, '2026-02-01', '100.00'); // 149 days
    const r = await b.get('/reports/aging?asOf=2026-06-30');
    expect(r.body.rows.find((x: any) => x.partner.id === c.id)).toMatchObject({
      current: '0.00',
      days1to30: '121.00',
      days31to60: '121.00',
      days61to90: '121.00',
      over90: '121.00',
      total: '484.00',
      documents: 4,
    });
    const before = await b.get('/reports/aging?asOf=2026-03-01');
    expect(before.body.rows.find((x: any) => x.partner.id === c.id)).toMatchObject({
      days1to30: '121.00',
      total: '121.00',
    });
    const overdue = await b.get(`/invoices?overdue=true&customerId=${c.id}`);
    expect(overdue.body.items).toHaveLength(4);
  });

  it('summarises output against input VAT by tax date', async () => {
    const vat = await b.get('/vat/summary?from=2026-06-01&to=2026-06-30');
    expect(vat.status).toBe(200);
    expect(vat.body.input).toMatchObject({ base: '1200.00', vat: '252.00' });
    const outStd = vat.body.output.rows.find((r: any) => r.code === 'standard' && r.rate === '21');
    expect(BigInt(outStd.vat.replace('.', ''))).toBeGreaterThan(0n);
    const out = BigInt(vat.body.output.vat.replace('.', ''));
    const inp = BigInt(vat.body.input.vat.replace('.', ''));
    expect(vat.body.payable).toBe(`${(out - inp) / 100n}.${String((out - inp) % 100n).padStart(2, '0')}`);
    const rates = await b.get('/vat-rates?on=2026-06-30');
    expect(rates.body.rates.map((r: any) => `${r.code}:${r.rate}`).sort()).toEqual([
      'exempt:0',
      'reduced:12',
      'standard:21',
      'zero:0',
    ]);
    const newRate = await b.post('/vat-rates', {
      country: 'CZ',
      code: 'standard',
      rate: '22',
      validFrom: '2027-01-01',
    });
    expect(newRate.status).toBe(201);
    const after = await b.get('/vat-rates?on=2027-01-01&country=CZ');
    expect(after.body.rates.find((r: any) => r.code === 'standard').rate).toBe('22');
    expect((await b.get('/vat-rates?on=2026-12-31')).body.rates.find((r: any) => r.code === 'standard').rate).toBe(
      '21',
    );
  });
});
