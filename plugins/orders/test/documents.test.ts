/**
 * What an order prints and what it books: the receipt (účtenka) PDF of an order invoiced without
 * accounting, the A6 shipping label with the order number's Code 128, and, with accounting enabled,
 * the invoice issued through accounting with its lines and VAT and the cost of goods sold posted.
 * One database: a shop without accounting, a shop with it, and each other's "other tenant".
 */

import { createTestBureau, pdfText, type TestBureau, type TestUser } from '@bureau/core';
import accounting from '@bureau/plugin-accounting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { shop } from './helpers.ts';

let t: TestBureau;
let plain: TestUser;
let booked: TestUser;
let s: ReturnType<typeof shop>;
let b: ReturnType<typeof shop>;

/** Ships an order of `lines` for the shop: confirm, pick all, pack, ship. */
async function shipped(x: ReturnType<typeof shop>, lines: Array<{ productId: string; quantity: number }>, extra = {}) {
  const o = await x.order(lines, extra);
  for (const step of ['confirm', 'pick'] as const) {
    const r = await x.post(`/orders/${o.id}/${step}`);
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
  await x.post(`/orders/${o.id}/picks`, { all: true });
  expect((await x.post(`/orders/${o.id}/pack`)).status).toBe(200);
  const res = await x.post(`/orders/${o.id}/ship`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return o;
}

beforeAll(async () => {
  t = await createTestBureau({ plugins: [accounting, plugin] });
  [plain, booked] = [await t.signup(), await t.signup()];
  await t.enableModule(plain, 'orders');
  await t.enableModule(booked, 'accounting');
  await t.enableModule(booked, 'orders');
  s = shop(plain);
  b = shop(booked);
});
afterAll(() => t?.close());

describe('receipt and label without accounting', () => {
  let orderId: string;
  let number: string;

  beforeAll(async () => {
    const p = await s.product('RCP-1', { name: { cs: 'Čajová konvice', en: 'Teapot' }, unitPrice: '500.00' });
    await s.stock(p.id, 5);
    const o = await shipped(s, [{ productId: p.id, quantity: 2 }], {
      shipTo: {
        name: 'Jana Nováková',
        street: 'Dlouhá 12',
        city: 'Brno',
        postalCode: '60200',
        phone: '+420 601 123 456',
      },
      cashOnDelivery: true,
    });
    orderId = o.id;
    number = o.number;
  });

  it('prints the receipt in Czech and English with the lines, VAT and total', async () => {
    const detail = (await s.get(`/orders/${orderId}`)).body;
    expect(detail.receiptNumber).toMatch(/^RC-\d{4}-\d{5}$/);
    const cs = await plain.request('GET', `${s.base}/orders/${orderId}/receipt?lang=cs`);
    expect(cs.status).toBe(200);
    expect(cs.headers.get('content-type')).toBe('application/pdf');
    const csText = pdfText(Buffer.from(await cs.arrayBuffer()));
    expect(csText).toContain(`Účtenka ${detail.receiptNumber}`);
    expect(csText).toContain('RCP-1 Čajová konvice');
    // 2 × 500,00 = 1 000,00 base, 21 % VAT 210,00, total 1 210,00 (non-breaking spaces in cs-CZ).
    expect(csText.replace(/\s/g, ' ')).toContain('Celkem k úhradě: 1 210,00 Kč');
    expect(csText).toContain('Platba na dobírku');
    const en = await plain.request('GET', `${s.base}/orders/${orderId}/receipt?lang=en`);
    const enText = pdfText(Buffer.from(await en.arrayBuffer())).replace(/\s/g, ' ');
    expect(enText).toContain(`Receipt ${detail.receiptNumber}`);
    expect(enText).toContain('Total to pay: CZK 1,210.00');
  });

  it('prints an A6 label per package with the recipient and the order number', async () => {
    const res = await plain.request('GET', `${s.base}/orders/${orderId}/label?lang=cs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 297\.6\d* 419\.5\d*\]/);
    const text = pdfText(pdf);
    expect(text).toContain('Jana Nováková');
    expect(text).toContain('60200 Brno');
    expect(text).toContain(number);
    expect(text).toContain('DOBÍRKA');
    expect(text).toContain('Balík 1 z 1');
  });

  it('refuses a label before packing and a receipt for an order without one', async () => {
    const p = await s.product('RCP-2');
    await s.stock(p.id, 1);
    const o = await s.order([{ productId: p.id, quantity: 1 }]);
    const label = await s.get(`/orders/${o.id}/label`);
    expect(label.status).toBe(409);
    expect(label.body.code).toBe('no_label');
    const receipt = await s.get(`/orders/${o.id}/receipt`);
    expect(receipt.status).toBe(409);
    expect(receipt.body.code).toBe('no_receipt');
  });

  it("answers 404 for another tenant's order", async () => {
    expect((await b.get(`/orders/${orderId}/receipt`)).status).toBe(404);
    expect((await b.get(`/orders/${orderId}/label`)).status).toBe(404);
    expect((await s.get('/orders/00000000-0000-7000-8000-000000000000/label')).status).toBe(404);
  });
});

describe('invoicing through accounting', () => {
  it('issues the invoice with its lines and VAT and posts the cost of goods sold', async () => {
    const mug = await b.product('INV-MUG', { unitPrice: '200.00', vatRate: 'standard', cost: '80.00' });
    const book = await b.product('INV-BOOK', { unitPrice: '300.00', vatRate: 'reduced', cost: '150.00' });
    await b.stock(mug.id, 10);
    await b.stock(book.id, 10);
    const o = await shipped(b, [
      { productId: mug.id, quantity: 3 },
      { productId: book.id, quantity: 1 },
    ]);
    const detail = (await b.get(`/orders/${o.id}`)).body;
    expect(detail.receiptNumber).toBeNull();
    expect(detail.invoice.documentId).toBeTruthy();
    expect(detail.invoiceStatus).toMatchObject({ status: 'issued', total: '1062.00', remaining: '1062.00' });
    // 3 × 200 = 600 at 21 % (VAT 126) + 1 × 300 at 12 % (VAT 36): base 900, VAT 162, total 1 062.
    const doc = await booked.json(
      'GET',
      `/api/t/${booked.tenant.slug}/accounting/invoices/${detail.invoice.documentId}`,
    );
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    expect(doc.body).toMatchObject({ subtotal: '900.00', vatTotal: '162.00', total: '1062.00', currency: 'CZK' });
    expect(doc.body.number).toBe(detail.invoice.number);
    expect(doc.body.source).toEqual({ type: 'orders.order', id: o.id });
    const lines = doc.body.lines.map((l: Record<string, unknown>) => [l.description, String(l.quantity), l.unitPrice]);
    expect(lines).toEqual([
      [expect.stringContaining('INV-MUG'), expect.stringMatching(/^3(\.0+)?$/), '200.00'],
      [expect.stringContaining('INV-BOOK'), expect.stringMatching(/^1(\.0+)?$/), '300.00'],
    ]);
    // Cost of goods sold: 3 × 80 + 1 × 150 = 390, debit 504, credit 132.
    const journal = await booked.json('GET', `/api/t/${booked.tenant.slug}/accounting/journal?account=504`);
    expect(journal.status).toBe(200);
    const cogs = journal.body.entries.find((e: { memo: string }) => e.memo?.includes('cost of goods sold'));
    expect(cogs, JSON.stringify(journal.body)).toBeDefined();
    const entry = await booked.json('GET', `/api/t/${booked.tenant.slug}/accounting/journal/${cogs.id}`);
    const posted = entry.body.lines.map((l: Record<string, string>) => [l.account, l.debit, l.credit]);
    expect(posted).toEqual([
      ['504', '390.00', null],
      ['132', null, '390.00'],
    ]);
    // The receipt route has nothing to print for an invoiced order.
    expect((await b.get(`/orders/${o.id}/receipt`)).body.code).toBe('no_receipt');
  });
});
