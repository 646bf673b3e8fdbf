/**
 * The issue's concurrency test (run on PGlite and on PostgreSQL): 10 units in stock, 30 concurrent
 * confirms of 1 unit each → exactly 10 confirmed, 20 answered 409 insufficient_stock, available 0.
 * On PostgreSQL the requests really run in parallel (a pool of connections); the level rows' locks
 * and CHECKs decide. The database also refuses a move that would oversell when written directly.
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
