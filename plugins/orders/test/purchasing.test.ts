/**
 * Purchasing (issue 14, item 8) through the HTTP API on a real database: a purchase order to a
 * vendor, partial receipts as ledger moves naming the goods receipt, at most what is still expected,
 * the order completing with the last receipt; reorder suggestions counting what is on order; bad
 * input with stock unchanged; another tenant sees nothing.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { shop } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let other: TestUser;
let s: ReturnType<typeof shop>;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'orders');
  await t.enableModule(other, 'orders');
  s = shop(owner);
});
afterAll(() => t?.close());

const vendor = { name: 'Sklárny Kavalier a.s.', ico: '00011011' };

describe('purchase orders', () => {
  it('orders from a vendor, receives in parts and completes with the last receipt', async () => {
    const glass = await s.product('PO-GLASS', { cost: '40.00', reorderPoint: 5 });
    const jug = await s.product('PO-JUG', { cost: '120.00' });
    const bad = await s.post('/purchase-orders', {
      vendor,
      lines: [
        { productId: glass.id, quantity: 1.5 },
        { productId: '00000000-0000-7000-8000-000000000000', quantity: 1 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['lines.0.quantity', 'whole_units'],
      ['lines.1.productId', 'unknown_product'],
    ]);
    const created = await s.post('/purchase-orders', {
      vendor,
      expectedDate: '2026-12-20',
      lines: [
        { productId: glass.id, quantity: 10 },
        { productId: jug.id, quantity: 2, unitCost: '110.00' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const po = created.body;
    // 10 × 40 + 2 × 110 = 620, VAT 21 % = 130.20
    expect(po).toMatchObject({
      number: expect.stringMatching(/^PO-\d{4}-00001$/),
      status: 'draft',
      vendor: { name: 'Sklárny Kavalier a.s.' },
      subtotal: '620.00',
      vat: '130.20',
      total: '750.20',
      lines: [
        { sku: 'PO-GLASS', quantity: 10, unitCost: '40.00', received: 0, open: 10 },
        { sku: 'PO-JUG', quantity: 2, unitCost: '110.00', received: 0, open: 2 },
      ],
    });
    const [glassLine, jugLine] = po.lines as Array<{ id: string }>;
    const early = await s.post(`/purchase-orders/${po.id}/receipts`, {
      lines: [{ lineId: glassLine?.id, quantity: 1 }],
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_ordered');
    expect((await s.post(`/purchase-orders/${po.id}/order`)).status).toBe(200);

    // Suggestions count what is on order: 0 available + 10 on order > reorder point 5.
    const suggestions = (await s.get('/purchasing/suggestions')).body.items;
    expect(suggestions.find((x: { sku: string }) => x.sku === 'PO-GLASS')).toBeUndefined();

    const over = await s.post(`/purchase-orders/${po.id}/receipts`, {
      lines: [{ lineId: glassLine?.id, quantity: 11 }],
    });
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'receipt_exceeds' });
    expect(await s.level(glass.id)).toMatchObject({ onHand: 0 });

    const first = await s.post(`/purchase-orders/${po.id}/receipts`, {
      deliveryNote: 'DL-7781',
      lines: [
        { lineId: glassLine?.id, quantity: 6 },
        { lineId: jugLine?.id, quantity: 2 },
      ],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      status: 'ordered',
      lines: [
        { sku: 'PO-GLASS', received: 6, open: 4 },
        { sku: 'PO-JUG', received: 2, open: 0 },
      ],
      receipts: [{ number: expect.stringMatching(/^GR-\d{4}-00001$/), deliveryNote: 'DL-7781', value: '460.00' }],
    });
    expect(await s.level(glass.id)).toMatchObject({ onHand: 6, available: 6 });
    const moves = (await s.get(`/stock/moves?productId=${jug.id}`)).body.items;
    expect(moves[0]).toMatchObject({ kind: 'receipt', onHand: 2, document: first.body.receipts[0].number });
    // The jug's cost is now what was paid for it.
    expect((await s.get(`/products/${jug.id}`)).body.cost).toBe('110.00');
    expect((await s.post(`/purchase-orders/${po.id}/complete`)).body.code).toBe('transition_blocked');
    expect((await s.post(`/purchase-orders/${po.id}/cancel`)).body.code).toBe('transition_blocked');

    const rest = await s.post(`/purchase-orders/${po.id}/receipts`, {
      lines: [{ lineId: glassLine?.id, quantity: 4 }],
    });
    expect(rest.status).toBe(201);
    expect(rest.body.status).toBe('received');
    expect(rest.body.receipts).toHaveLength(2);
    expect(await s.level(glass.id)).toMatchObject({ onHand: 10 });
    const history = (await s.get(`/purchase-orders/${po.id}/workflow`)).body.history;
    expect(history.map((h: { transition: string }) => h.transition)).toContain('complete');
    // Without accounting there is nowhere to record the bill.
    const bill = await s.post(`/purchase-orders/${po.id}/bill`, { vendorNumber: 'FV-2026-118' });
    expect(bill.status).toBe(409);
    expect(bill.body.code).toBe('accounting_disabled');
  });

  it('suggests what to reorder: up to twice the reorder point, less what is on order', async () => {
    const cup = await s.product('PO-CUP', { cost: '15.00', reorderPoint: 10 });
    await s.stock(cup.id, 4);
    const first = (await s.get('/purchasing/suggestions')).body.items.find((x: { sku: string }) => x.sku === 'PO-CUP');
    expect(first).toMatchObject({ available: 4, onOrder: 0, reorderPoint: 10, suggested: 16, lastVendor: null });
    const po = await s.post('/purchase-orders', { vendor, lines: [{ productId: cup.id, quantity: 3 }] });
    expect(po.status).toBe(201);
    const second = (await s.get('/purchasing/suggestions')).body.items.find((x: { sku: string }) => x.sku === 'PO-CUP');
    expect(second).toMatchObject({
      onOrder: 3,
      suggested: 13,
      lastVendor: { name: vendor.name },
      lastUnitCost: '15.00',
    });
    expect((await s.post(`/purchase-orders/${po.body.id}/cancel`)).status).toBe(200);
    const third = (await s.get('/purchasing/suggestions')).body.items.find((x: { sku: string }) => x.sku === 'PO-CUP');
    expect(third).toMatchObject({ onOrder: 0, suggested: 16 });
  });

  it('closes an order that will not arrive in full, and is not seen by another tenant', async () => {
    const p = await s.product('PO-CLOSE', { cost: '5.00' });
    const po = (await s.post('/purchase-orders', { vendor, lines: [{ productId: p.id, quantity: 5 }] })).body;
    expect((await s.post(`/purchase-orders/${po.id}/order`)).status).toBe(200);
    expect(
      (await s.post(`/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: po.lines[0].id, quantity: 3 }] })).status,
    ).toBe(201);
    expect((await s.post(`/purchase-orders/${po.id}/close`)).status).toBe(200);
    const late = await s.post(`/purchase-orders/${po.id}/receipts`, {
      lines: [{ lineId: po.lines[0].id, quantity: 1 }],
    });
    expect(late.body.code).toBe('not_ordered');
    const them = shop(other);
    expect((await them.get(`/purchase-orders/${po.id}`)).status).toBe(404);
    expect((await them.get('/purchase-orders')).body.items).toHaveLength(0);
    expect(
      (await them.post(`/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: po.lines[0].id, quantity: 1 }] }))
        .status,
    ).toBe(404);
    expect(await s.level(p.id)).toMatchObject({ onHand: 3 });
  });
});
