/**
 * The issue's concurrency test (run on PGlite and on PostgreSQL): 10 units in stock, 30 concurrent
 * confirms of 1 unit each → exactly 10 confirmed, 20 answered 409 insufficient_stock, available 0.
 * On PostgreSQL the requests really run in parallel (a pool of connections); the level rows' locks
 * and CHECKs decide. The same holds with returns, receipts and write-offs racing the confirms. The
 * database also refuses a move that would oversell when written directly.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { postMoves } from '../src/server/services/stock.ts';
import { shop } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  owner = await t.signup();
  await t.enableModule(owner, 'orders');
});
afterAll(() => t?.close());

describe('concurrent orders for the last units', () => {
  it('confirms exactly as many as there is stock for', async () => {
    const s = shop(owner);
    const p = await s.product('HOT-1');
    await s.stock(p.id, 10);
    const orders = [];
    for (let i = 0; i < 30; i++) orders.push(await s.order([{ productId: p.id, quantity: 1 }]));
    const answers = await Promise.all(orders.map((o) => s.post(`/orders/${o.id}/confirm`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(10);
    expect(statuses.filter((x) => x === 409)).toHaveLength(20);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'insufficient_stock')).toBe(true);
    expect(await s.level(p.id)).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    const confirmed = await s.get('/orders?status=confirmed&limit=100');
    expect(confirmed.body.items).toHaveLength(10);
  });

  it('keeps stock whole when confirms, returns, receipts and write-offs run at once', async () => {
    const s = shop(owner);
    const p = await s.product('HOT-2');
    await s.stock(p.id, 6);
    // Three orders shipped in full: 3 units left, 3 out with customers.
    const out = [];
    for (let i = 0; i < 3; i++) {
      const o = await s.order([{ productId: p.id, quantity: 1 }]);
      for (const step of ['confirm', 'pick']) expect((await s.post(`/orders/${o.id}/${step}`)).status).toBe(200);
      expect((await s.post(`/orders/${o.id}/picks`, { all: true })).status).toBe(200);
      for (const step of ['pack', 'ship']) expect((await s.post(`/orders/${o.id}/${step}`)).status).toBe(200);
      const rma = await s.post(`/orders/${o.id}/returns`, { reason: 'race' });
      expect(rma.status).toBe(201);
      out.push(rma.body.id as string);
    }
    const drafts = [];
    for (let i = 0; i < 12; i++) drafts.push(await s.order([{ productId: p.id, quantity: 1 }]));
    const answers = await Promise.all([
      ...drafts.map((o) => s.post(`/orders/${o.id}/confirm`)),
      ...out.map((id) => s.post(`/returns/${id}/receive`, {})),
      s.post('/stock/receipts', { productId: p.id, quantity: 2, reason: 'supplier' }),
      s.post('/stock/adjustments', { productId: p.id, quantity: -2, reason: 'broken' }),
      s.post('/stock/adjustments', { productId: p.id, quantity: -2, reason: 'broken' }),
    ]);
    const confirms = answers.slice(0, 12).map((a) => a.status);
    expect(answers.slice(12, 16).map((a) => a.status)).toEqual([200, 200, 200, 201]);
    const writeOffs = answers.slice(16).filter((a) => a.status === 201).length;
    expect(answers.slice(16).every((a) => a.status === 201 || a.body.code === 'insufficient_stock')).toBe(true);
    expect(confirms.every((x) => x === 200 || x === 409)).toBe(true);
    const confirmed = confirms.filter((x) => x === 200).length;
    // 3 left + 3 returned + 2 received − 2 per write-off, all of it reserved or free, nothing below zero.
    const level = await s.level(p.id);
    expect(level.onHand).toBe(8 - 2 * writeOffs);
    expect(level.reserved).toBe(confirmed);
    expect(level.available).toBeGreaterThanOrEqual(0);
    expect(confirmed).toBeLessThanOrEqual(8);
    const moves = (await s.get(`/stock/moves?productId=${p.id}&limit=200`)).body.items as Array<{ onHand: number }>;
    expect(moves.reduce((sum, m) => sum + m.onHand, 0)).toBe(level.onHand);
  });

  it('refuses in the database a move that would take more than is available', async () => {
    const s = shop(owner);
    const p = await s.product('WALL-1');
    await s.stock(p.id, 2);
    const locationId = (await s.get(`/stock?productId=${p.id}`)).body.locations[0].locationId as string;
    const attempt = (onHand: number, reserved: number) =>
      t.inTenant(owner.tenant.id, (ctx) =>
        postMoves(ctx, [{ productId: p.id, locationId, kind: 'adjustment', onHand, reserved }]),
      );
    await expect(attempt(-3000, 0)).rejects.toMatchObject({ code: '23514' });
    await expect(attempt(0, 3000)).rejects.toMatchObject({ code: '23514' });
    await expect(attempt(0, -1000)).rejects.toMatchObject({ code: '23514' });
    await expect(
      t.inTenant(owner.tenant.id, (ctx) =>
        ctx.db.updateTable('orders.stock_moves').set({ on_hand_delta: '100' }).where('product_id', '=', p.id).execute(),
      ),
    ).rejects.toThrow(/immutable/);
    expect(await s.level(p.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
  });
});
