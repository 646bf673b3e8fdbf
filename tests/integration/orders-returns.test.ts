/**
 * Returns through accounting (issue 14, item 7): receiving a return of an order invoiced through
 * accounting issues a credit note to that invoice for everything received (back in stock or
 * scrapped), and takes the cost of what went back to stock off the cost of goods sold (132 / 504).
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

async function product(sku: string, unitPrice: string, cost: string) {
  const res = await post('/orders/products', { sku, name: sku, unitPrice, vatRate: 'standard', cost });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(
    (await post('/orders/stock/adjustments', { productId: res.body.id, quantity: 10, reason: 'opening' })).status,
  ).toBe(201);
  return res.body.id as string;
}

describe('a return of an invoiced order', () => {
  it('issues a credit note through accounting and takes back the cost of restocked goods', async () => {
    const mug = await product('RMA-MUG', '200.00', '80.00');
    const created = await post('/orders/orders', {
      customer: { name: 'Pekárna U Mlýna s.r.o.', ico: '45612374' },
      lines: [{ productId: mug, quantity: 3, discountPercent: 10 }],
    });
    const id = created.body.id as string;
    for (const step of ['confirm', 'pick']) expect((await post(`/orders/orders/${id}/${step}`)).status).toBe(200);
    expect((await post(`/orders/orders/${id}/picks`, { all: true })).status).toBe(200);
    for (const step of ['pack', 'ship']) expect((await post(`/orders/orders/${id}/${step}`)).status).toBe(200);
    const order = (await get(`/orders/orders/${id}`)).body;
    // 3 × 180 = 540 + 21 % = 653.40
    expect(order.invoiceStatus).toMatchObject({ total: '653.40' });

    const rma = await post(`/orders/orders/${id}/returns`, { reason: 'Damaged in transit' });
    expect(rma.status, JSON.stringify(rma.body)).toBe(201);
    const lineId = rma.body.lines[0].id;
    const received = await post(`/orders/returns/${rma.body.id}/receive`, {
      lines: [{ lineId, restock: 1, scrap: 1 }],
    });
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const ret = (await get(`/orders/returns/${rma.body.id}`)).body;
    // 2 × 180 = 360 + 75.60 VAT
    expect(ret).toMatchObject({
      credit: '435.60',
      creditNote: { documentId: expect.any(String), number: expect.any(String) },
    });

    const note = await get(`/accounting/invoices/${ret.creditNote.documentId}`);
    expect(note.status, JSON.stringify(note.body)).toBe(200);
    expect(note.body).toMatchObject({ type: 'credit_note', subtotal: '360.00', vatTotal: '75.60', total: '435.60' });
    expect(note.body.source).toEqual({ type: 'orders.return', id: rma.body.id });
    // The invoice is open for what is left: 653.40 − 435.60.
    expect((await get(`/orders/orders/${id}`)).body.invoiceStatus).toMatchObject({ remaining: '217.80' });

    // Only the restocked mug's cost comes back: 1 × 80, debit 132, credit 504.
    const journal = await get('/accounting/journal?account=132');
    const back = journal.body.entries.find((e: { memo: string }) => e.memo?.includes('back in stock'));
    expect(back, JSON.stringify(journal.body)).toBeDefined();
    const entry = await get(`/accounting/journal/${back.id}`);
    expect(entry.body.lines.map((l: Record<string, string>) => [l.account, l.debit, l.credit])).toEqual([
      ['132', '80.00', null],
      ['504', null, '80.00'],
    ]);
  });
});
