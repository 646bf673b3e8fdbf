import { createTestBureau, definePlugin, defineRoute, json, jsonBody, z } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DocumentsService,
  documentsService,
  type FixedAssetsService,
  fixedAssetsService,
  type PartnerBalancesService,
  type PostingService,
  partnerBalancesService,
  postingService,
} from '../src/contract.ts';
import accounting from '../src/server/index.ts';
import { type Books, openBooks } from './helpers.ts';

/**
 * A stand-in department calling accounting's published services exactly as orders, HR and IT
 * will: `POST /call { service, method, args }` runs `ctx.use(ref)[method](...args)` in the
 * request's tenant transaction.
 */
const refs = {
  posting: postingService,
  documents: documentsService,
  partnerBalances: partnerBalancesService,
  fixedAssets: fixedAssetsService,
};
type Services = PostingService & DocumentsService & PartnerBalancesService & FixedAssetsService;

const caller = definePlugin({
  id: 'caller',
  version: '0.0.0',
  title: { en: 'Caller', cs: 'Volající' },
  description: { en: 'Test department', cs: 'Testovací oddělení' },
  requires: ['accounting'],
  permissions: { 'caller.use': { en: 'Use', cs: 'Používat' } },
  migrations: {},
  routes: (r) =>
    r.openapi(
      defineRoute({
        method: 'post',
        path: '/call',
        permission: 'caller.use',
        request: { body: jsonBody(z.object({ service: z.string(), method: z.string(), args: z.array(z.any()) })) },
        responses: { 200: json(z.any()) },
      }),
      async (c) => {
        const { service, method, args } = c.req.valid('json');
        const ref = refs[service as keyof typeof refs] as typeof postingService;
        const svc = c.var.ctx.use(ref) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        const out = await (svc[method] as (...a: unknown[]) => Promise<unknown>)(...args);
        return c.json(
          out instanceof Uint8Array ? { bytes: out.length, head: Buffer.from(out.slice(0, 5)).toString() } : { out },
          200,
        );
      },
    ),
});

let b: Books;
const clock = { now: () => new Date('2026-03-31T09:00:00Z') };

/** Calls `method` of a service; arguments are checked by the services' own validation, as for any caller. */
async function call(service: keyof typeof refs, method: keyof Services, ...args: unknown[]) {
  return b.user.json('POST', `/api/t/${b.user.tenant.slug}/caller/call`, { service, method, args });
}

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting, caller], clock });
  b = await openBooks(t);
  const res = await b.user.json('PUT', `/api/t/${b.user.tenant.slug}/modules/caller`, { confirm: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(async () => {
  await b.t.close();
});

describe('documents service', () => {
  const order = {
    source: { type: 'orders.order', id: 'SO-1001' },
    customer: { name: 'Pekárna U Mlýna s.r.o.', ico: '45612374', dic: 'CZ45612374', city: 'Olomouc' },
    issueDate: '2026-03-20',
    lines: [
      { description: 'Mouka T650', quantity: '10', unitPrice: '25.00', vat: 'reduced', account: '604' },
      { description: 'Doprava', unitPrice: '300.00' },
    ],
  };

  it('issues an invoice for an order once, creating the customer from its details', async () => {
    const first = await call('documents', 'issueInvoice', order);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const doc = first.body.out.document;
    expect(first.body.out.created).toBe(true);
    // 250 at 12 % = 30, 300 at 21 % = 63.
    expect(doc).toMatchObject({
      kind: 'invoice',
      status: 'issued',
      subtotal: '550.00',
      vatTotal: '93.00',
      total: '643.00',
    });
    expect(doc.number).toMatch(/^2026\d{4}$/);
    expect(doc.source).toEqual(order.source);
    const again = await call('documents', 'issueInvoice', order);
    expect(again.body.out).toMatchObject({ created: false, document: { id: doc.id, number: doc.number } });
    const customers = await b.get('/customers?q=45612374');
    expect(customers.body.customers).toHaveLength(1);
    // The same customer is found again by IČO for the next order.
    const next = await call('documents', 'issueInvoice', { ...order, source: { type: 'orders.order', id: 'SO-1002' } });
    expect(next.body.out.document.partner.id).toBe(customers.body.customers[0].id);
    expect((await call('documents', 'findBySource', order.source)).body.out.id).toBe(doc.id);
  });

  it('renders the PDF and the QR payment text of an issued invoice', async () => {
    await b.post('/bank-accounts', { name: 'Provozní', iban: 'CZ6508000000192000145399', currency: 'CZK' });
    const doc = (await call('documents', 'findBySource', order.source)).body.out;
    const pdf = await call('documents', 'pdf', doc.id);
    expect(pdf.body).toMatchObject({ head: '%PDF-' });
    const qr = await call('documents', 'paymentQr', doc.id);
    expect(qr.body.out).toBe(
      `SPD*1.0*ACC:CZ6508000000192000145399*AM:643.00*CC:CZK*X-VS:${doc.variableSymbol}*DT:${doc.dueDate.replace(/-/g, '')}*MSG:Faktura ${doc.number}`,
    );
  });

  it('credits a returned part of an order once, by a credit note referencing the invoice', async () => {
    const doc = (await call('documents', 'findBySource', order.source)).body.out;
    const ret = {
      source: { type: 'orders.return', id: 'RMA-1' },
      type: 'credit_note',
      date: '2026-03-25',
      reason: 'Vrácené zboží',
      lines: [{ description: 'Mouka T650', quantity: '2', unitPrice: '25.00', vat: 'reduced', account: '604' }],
    };
    const first = await call('documents', 'correct', doc.id, ret);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // 50 at 12 % = 6: the credit note is 56 and settles 56 of the invoice.
    expect(first.body.out).toMatchObject({ created: true, document: { type: 'credit_note', total: '56.00' } });
    const again = await call('documents', 'correct', doc.id, ret);
    expect(again.body.out).toMatchObject({ created: false, document: { id: first.body.out.document.id } });
    expect((await call('documents', 'get', doc.id)).body.out.remaining).toBe('587.00');
    const bad = await call('documents', 'correct', doc.id, {
      ...ret,
      source: { type: 'orders.return', id: 'RMA-2' },
      reason: '',
    });
    expect(bad.status).toBe(400);
  });

  it('records a vendor bill with its own number and keeps a draft when asked', async () => {
    const bill = await call('documents', 'recordBill', {
      source: { type: 'orders.purchase', id: 'PO-7' },
      vendor: { name: 'Mlýny Praha a.s.', ico: '25987411' },
      vendorNumber: 'FV-2026-118',
      issueDate: '2026-03-18',
      lines: [{ description: 'Mouka', quantity: '100', unitPrice: '18.00', vat: 'reduced', account: '504' }],
      draft: true,
    });
    expect(bill.status, JSON.stringify(bill.body)).toBe(200);
    expect(bill.body.out.document).toMatchObject({ kind: 'bill', status: 'draft', number: null, total: '2016.00' });
    const cancelled = await call('documents', 'cancel', bill.body.out.document.id);
    expect(cancelled.body.out.status).toBe('cancelled');
  });

  it('refuses bad requests with field errors and writes nothing', async () => {
    const before = (await b.get('/invoices')).body.items.length;
    const bad = await call('documents', 'issueInvoice', {
      ...order,
      source: { type: 'accounting.invoice', id: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_input');
    const badIco = await call('documents', 'issueInvoice', {
      ...order,
      source: { type: 'orders.order', id: 'SO-bad' },
      customer: { name: 'X', ico: '12345678' },
    });
    expect(badIco.status).toBe(400);
    expect(badIco.body.errors[0].path).toBe('customer.ico');
    const unknown = await call('documents', 'issueInvoice', {
      ...order,
      source: { type: 'orders.order', id: 'SO-unknown' },
      customer: { partyId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(unknown.status).toBe(400);
    expect((await b.get('/invoices')).body.items.length).toBe(before);
  });
});

describe('partner balances service', () => {
  it("shows a customer's open and overdue amounts", async () => {
    const doc = (await call('documents', 'findBySource', { type: 'orders.order', id: 'SO-1001' })).body.out;
    const bal = await call('partnerBalances', 'get', { partnerId: doc.partner.id });
    expect(bal.body.out).toMatchObject({
      partner: { id: doc.partner.id, kind: 'customer' },
      currency: 'CZK',
      // Two orders of 643.00, less the credit note of 56.00 set off against the first.
      open: '1230.00',
      openDocuments: 2,
      credit: '0.00',
    });
    // Due 14 days after 20 March: overdue on 31 March? No (3 April); as of 10 April yes.
    expect(bal.body.out.overdue).toBe('0.00');
    const later = await call('partnerBalances', 'get', { partnerId: doc.partner.id }, { asOf: '2026-04-10' });
    expect(later.body.out.overdue).toBe('1230.00');
    const list = await call('partnerBalances', 'list', { kind: 'customer' });
    expect(list.body.out.map((p: any) => p.partner.id)).toContain(doc.partner.id);
    expect((await call('partnerBalances', 'get', { partnerId: 'not-a-uuid' })).body.out).toBeNull();
  });
});

describe('posting service: accounts by role', () => {
  it('names the role accounts and refuses group accounts', async () => {
    expect((await call('posting', 'accountFor', 'receivable')).body.out).toBe('311');
    expect((await call('posting', 'accountFor', 'bank')).body.out).toBe('221001');
    const banks = await call('posting', 'bankAccounts');
    expect(banks.body.out[0]).toMatchObject({ account: '221001', currency: 'CZK' });
    const group = await call('posting', 'post', {
      date: '2026-03-25',
      lines: [
        { account: '221', debit: '100.00' },
        { account: '51', credit: '100.00' },
      ],
    });
    expect(group.status).toBe(400);
    expect(group.body.code).toBe('not_postable');
    expect(group.body.errors.map((e: any) => e.path)).toEqual(['lines.0.account', 'lines.1.account']);
  });
});

describe('fixed assets service', () => {
  it('creates an asset card from an IT asset once, posting it into use', async () => {
    const req = {
      source: { type: 'it.asset', id: 'NB-0042' },
      name: 'Notebook Lenovo T14',
      acquisitionDate: '2026-03-02',
      cost: '42000.00',
      usefulLifeMonths: 36,
      taxGroup: 1,
      serialNumber: 'PF-3XK2',
      post: {},
    };
    const first = await call('fixedAssets', 'create', req);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.out).toMatchObject({
      created: true,
      asset: {
        inventoryNumber: 'A2026-0001',
        account: '022',
        cost: '42000.00',
        bookValue: '42000.00',
        taxGroup: 1,
        status: 'active',
        source: req.source,
      },
    });
    const again = await call('fixedAssets', 'create', req);
    expect(again.body.out).toMatchObject({ created: false, asset: { id: first.body.out.asset.id } });
    const tb = await b.get('/reports/trial-balance?to=2026-03-31');
    const bal = Object.fromEntries(tb.body.rows.map((r: any) => [r.account, r.balance]));
    expect(bal['022']).toBe('42000.00');
    expect(bal['042']).toBe('-42000.00');
    const bad = await call('fixedAssets', 'create', { ...req, source: undefined, taxGroup: 7, usefulLifeMonths: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['taxGroup', 'usefulLifeMonths']);
  });
});
