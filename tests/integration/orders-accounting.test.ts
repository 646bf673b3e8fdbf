/**
 * Orders invoicing through accounting (issue 14, item 6): shipping an order with accounting enabled
 * issues the invoice through accounting's documents service, with the shipped lines, VAT per rate and
 * totals, and posts the cost of goods sold (504 / 132). Both modules as installed in the server.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestBureau;
let user: TestUser;
let base: string;
const post = (p: string, body: unknown = {}) => user.json('POST', `${base}${p}`, body);
const get = (p: string) => user.json('GET', `${base}${p}`);

beforeAll(async () => {
  t = await createTestBureau({
    plugins: installedPlugins.filter((p) => p.id === 'accounting' || p.id === 'orders'),
  });
  user = await t.signup();
  await t.enableModule(user, 'accounting');
  await t.enableModule(user, 'orders');
  base = `/api/t/${user.tenant.slug}`;
});
afterAll(() => t?.close());

async function product(sku: string, unitPrice: string, vatRate: string, cost: string) {
  const res = await post('/orders/products', { sku, name: sku, unitPrice, vatRate, cost });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(
    (await post('/orders/stock/adjustments', { productId: res.body.id, quantity: 10, reason: 'opening' })).status,
  ).toBe(201);
  return res.body.id as string;
}

describe('invoicing through accounting', () => {
  it('issues the invoice with its lines and VAT and posts the cost of goods sold', async () => {
    const mug = await product('INV-MUG', '200.00', 'standard', '80.00');
    const book = await product('INV-BOOK', '300.00', 'reduced', '150.00');
    const created = await post('/orders/orders', {
      customer: { name: 'Pekárna U Mlýna s.r.o.', ico: '45612374' },
      lines: [
        { productId: mug, quantity: 3 },
        { productId: book, quantity: 1 },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    for (const step of ['confirm', 'pick']) expect((await post(`/orders/orders/${id}/${step}`)).status).toBe(200);
    expect((await post(`/orders/orders/${id}/picks`, { all: true })).status).toBe(200);
    expect((await post(`/orders/orders/${id}/pack`)).status).toBe(200);
    const ship = await post(`/orders/orders/${id}/ship`);
    expect(ship.status, JSON.stringify(ship.body)).toBe(200);

    const order = (await get(`/orders/orders/${id}`)).body;
    expect(order.receiptNumber).toBeNull();
    expect(order.invoice.documentId).toBeTruthy();
    // 3 × 200 = 600 at 21 % (VAT 126) + 1 × 300 at 12 % (VAT 36): base 900, VAT 162, total 1 062.
    expect(order.invoiceStatus).toMatchObject({ status: 'issued', total: '1062.00', remaining: '1062.00' });
    const doc = await get(`/accounting/invoices/${order.invoice.documentId}`);
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    expect(doc.body).toMatchObject({ subtotal: '900.00', vatTotal: '162.00', total: '1062.00', currency: 'CZK' });
    expect(doc.body.number).toBe(order.invoice.number);
    expect(doc.body.source).toEqual({ type: 'orders.order', id });
    const lines = doc.body.lines.map((l: Record<string, unknown>) => [l.description, Number(l.quantity), l.unitPrice]);
    expect(lines).toEqual([
      [expect.stringContaining('INV-MUG'), 3, '200.00'],
      [expect.stringContaining('INV-BOOK'), 1, '300.00'],
    ]);

    // Cost of goods sold: 3 × 80 + 1 × 150 = 390, debit 504, credit 132.
    const journal = await get('/accounting/journal?account=504');
    expect(journal.status).toBe(200);
    const cogs = journal.body.entries.find((e: { memo: string }) => e.memo?.includes('cost of goods sold'));
    expect(cogs, JSON.stringify(journal.body)).toBeDefined();
    const entry = await get(`/accounting/journal/${cogs.id}`);
    expect(entry.body.lines.map((l: Record<string, string>) => [l.account, l.debit, l.credit])).toEqual([
      ['504', '390.00', null],
      ['132', null, '390.00'],
    ]);

    // Invoiced through accounting: there is no receipt to print.
    expect((await get(`/orders/orders/${id}/receipt`)).body.code).toBe('no_receipt');
  });
});
