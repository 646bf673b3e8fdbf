/**
 * The property: any sequence of stock operations (receipts, adjustments up and down,
 * orders confirmed, picked in part, shipped or cancelled, returns back to stock or to scrap, counts)
 * keeps on hand (with what lies in scrap) equal to the sum of the ledger's moves and available ≥ 0 —
 * whether each operation succeeds or is refused.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { shop } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  owner = await t.signup();
  await t.enableModule(owner, 'orders');
});
afterAll(() => t?.close());

const Op = fc.oneof(
  fc.record({ op: fc.constant('adjust' as const), qty: fc.integer({ min: -6, max: 8 }).filter((q) => q !== 0) }),
  fc.record({ op: fc.constant('order' as const), qty: fc.integer({ min: 1, max: 5 }), partial: fc.boolean() }),
  fc.record({ op: fc.constant('pick' as const), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('ship' as const) }),
  fc.record({ op: fc.constant('cancel' as const) }),
  fc.record({ op: fc.constant('count' as const), qty: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ op: fc.constant('return' as const), qty: fc.integer({ min: 1, max: 3 }), scrap: fc.boolean() }),
);

describe('stock ledger invariant', () => {
  it('keeps on hand = sum of moves and available ≥ 0 under any sequence of operations', async () => {
    const s = shop(owner);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 3, maxLength: 9 }), async (ops) => {
        const p = await s.product(`PROP-${n++}`);
        const bin = (await s.get('/warehouses')).body.items[0].locations.find(
          (l: { kind: string }) => l.kind === 'bin',
        ).id;
        const open: string[] = [];
        const shipped: string[] = [];
        for (const o of ops) {
          if (o.op === 'adjust')
            await s.post('/stock/adjustments', { productId: p.id, quantity: o.qty, reason: 'prop' });
          else if (o.op === 'order') {
            const order = await s.order([{ productId: p.id, quantity: o.qty }]);
            const r = await s.post(`/orders/${order.id}/${o.partial ? 'backorder' : 'confirm'}`);
            if (r.status === 200 && (await s.post(`/orders/${order.id}/pick`)).status === 200) open.push(order.id);
          } else if (o.op === 'pick' && open[0]) {
            await s.post(`/orders/${open[0]}/picks`, { code: p.sku, quantity: o.qty });
          } else if (o.op === 'ship' && open[0]) {
            const id = open[0];
            if ((await s.post(`/orders/${id}/pack`)).status === 200) {
              if ((await s.post(`/orders/${id}/ship`)).status === 200) shipped.push(id);
              open.shift();
            }
          } else if (o.op === 'cancel' && open.length) {
            await s.post(`/orders/${open.pop()}/cancel`);
          } else if (o.op === 'return' && shipped.length) {
            const id = shipped[shipped.length - 1] as string;
            const lineId = (await s.get(`/orders/${id}`)).body.lines[0].id;
            const rma = await s.post(`/orders/${id}/returns`, { reason: 'prop', lines: [{ lineId, quantity: o.qty }] });
            if (rma.status === 201) {
              const line = rma.body.lines[0].id;
              await s.post(`/returns/${rma.body.id}/receive`, {
                lines: [{ lineId: line, [o.scrap ? 'scrap' : 'restock']: o.qty }],
              });
            }
          } else if (o.op === 'count') {
            await s.post('/counts', { lines: [{ productId: p.id, locationId: bin, counted: o.qty }] });
          }
          const level = (await s.get(`/stock?productId=${p.id}`)).body;
          expect(level.available).toBeGreaterThanOrEqual(0);
          expect(level.reserved).toBeGreaterThanOrEqual(0);
          for (const l of level.locations) expect(l.available).toBeGreaterThanOrEqual(0);
        }
        const moves = (await s.get(`/stock/moves?productId=${p.id}&limit=100`)).body.items as Array<{
          onHand: number;
          reserved: number;
        }>;
        const level = (await s.get(`/stock?productId=${p.id}`)).body;
        expect(level.onHand + level.scrapped).toBe(moves.reduce((sum, m) => sum + m.onHand, 0));
        expect(level.reserved).toBe(moves.reduce((sum, m) => sum + m.reserved, 0));
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
