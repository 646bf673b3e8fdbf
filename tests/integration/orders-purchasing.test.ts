/**
 * Purchasing through accounting (issue 14, item 8): goods received against a purchase order are
 * posted into stock at their cost (132 / 131) and the vendor's bill for what was received is recorded
 * through accounting's documents service (to 131, input VAT), once: a second bill has nothing left.
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

describe('a purchase order through accounting', () => {
  it('posts the goods received into stock and records the vendor bill', async () => {
    const res = await post('/orders/products', {
      sku: 'BUY-VASE',
      name: 'Vase',
      unitPrice: '300.00',
      vatRate: 'standard',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const po = await post('/orders/purchase-orders', {
      vendor: { name: 'Sklárny Kavalier a.s.', ico: '00011011' },
      lines: [{ productId: res.body.id, quantity: 10, unitCost: '120.00' }],
    });
    expect(po.status, JSON.stringify(po.body)).toBe(201);
    const id = po.body.id as string;
    expect((await post(`/orders/purchase-orders/${id}/order`)).status).toBe(200);
    const got = await post(`/orders/purchase-orders/${id}/receipts`, {
      deliveryNote: 'DL-1',
      lines: [{ lineId: po.body.lines[0].id, quantity: 4 }],
    });
    expect(got.status, JSON.stringify(got.body)).toBe(201);

    // 4 × 120 = 480 into stock: debit 132, credit 131.
    const journal = await get('/accounting/journal?account=132');
    const receipt = journal.body.entries.find((e: { memo: string }) => e.memo?.includes('goods received'));
    expect(receipt, JSON.stringify(journal.body)).toBeDefined();
    const entry = await get(`/accounting/journal/${receipt.id}`);
    expect(entry.body.lines.map((l: Record<string, string>) => [l.account, l.debit, l.credit])).toEqual([
      ['132', '480.00', null],
      ['131', null, '480.00'],
    ]);

    const bill = await post(`/orders/purchase-orders/${id}/bill`, { vendorNumber: 'FV-2026-0118' });
    expect(bill.status, JSON.stringify(bill.body)).toBe(201);
    // 480 + 21 % VAT = 580.80
    expect(bill.body).toMatchObject({ total: '580.80' });
    const doc = await get(`/accounting/bills/${bill.body.documentId}`);
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    expect(doc.body).toMatchObject({ subtotal: '480.00', vatTotal: '100.80', total: '580.80' });
    expect(doc.body.lines.map((l: Record<string, unknown>) => [Number(l.quantity), l.unitPrice, l.account])).toEqual([
      [4, '120.00', '131'],
    ]);
    const again = await post(`/orders/purchase-orders/${id}/bill`, { vendorNumber: 'FV-2026-0119' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('nothing_to_bill');
    const detail = (await get(`/orders/purchase-orders/${id}`)).body;
    expect(detail).toMatchObject({
      bill: { documentId: bill.body.documentId, vendorNumber: 'FV-2026-0118' },
      lines: [{ received: 4, billed: 4, open: 6 }],
    });
  });
});
