/**
 * The fulfilment worksheet (issue 14, item 4; frappe/erpnext#3828) through the HTTP API: open orders
 * in queue order, each fully, partly or not pickable now, free stock handed out in queue order so
 * two orders never count the same unit, a kit as its components, and what blocks each order.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { shop } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'orders');
  await t.enableModule(other, 'orders');
});
afterAll(() => t?.close());

describe('fulfilment worksheet', () => {
  it('says which orders can be picked fully, partly or not at all, and why', async () => {
    const s = shop(owner);
    const pen = await s.product('WS-PEN');
    const ink = await s.product('WS-INK');
    const box = await s.product('WS-BOX');
    const set = await s.product('WS-SET', {
      kitComponents: [
        { productId: pen.id, quantity: 1 },
        { productId: box.id, quantity: 1 },
      ],
    });
    await s.stock(pen.id, 5);
    await s.stock(ink.id, 1);
    // A: confirmed, 3 pens reserved: full.
    const a = await s.order([{ productId: pen.id, quantity: 3 }], { promisedDate: '2026-01-02' });
    expect((await s.post(`/orders/${a.id}/confirm`)).status).toBe(200);
    // B: 2 inks, 1 in stock: confirmed with what there is (backorder), the rest short.
    const b = await s.order([{ productId: ink.id, quantity: 2 }], { promisedDate: '2026-01-03' });
    expect((await s.post(`/orders/${b.id}/backorder`)).status).toBe(200);
    // C: a draft for 2 pens: the 2 pens left free cover it, but it is not confirmed.
    const c = await s.order([{ productId: pen.id, quantity: 2 }], { promisedDate: '2026-01-04' });
    // D: a draft for 1 pen and 1 set (pen + box): no pen is left after C, no box at all.
    const d = await s.order([
      { productId: pen.id, quantity: 1 },
      { productId: set.id, quantity: 1 },
    ]);
    const res = await s.get('/worksheet');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = res.body.items as Array<Record<string, any>>;
    expect(rows.map((r) => r.number)).toEqual([a.number, b.number, c.number, d.number]);
    const [ra, rb, rc, rd] = rows;
    expect(ra).toMatchObject({ verdict: 'full', blocks: [], late: true });
    expect(ra?.lines).toEqual([
      { lineNo: 1, sku: 'WS-PEN', needed: 3, picked: 0, reserved: 3, fromStock: 0, short: 0 },
    ]);
    expect(rb).toMatchObject({
      verdict: 'partly',
      lines: [{ sku: 'WS-INK', needed: 2, reserved: 1, fromStock: 0, short: 1 }],
      blocks: [{ code: 'short', lineNo: 1, sku: 'WS-INK', short: 1 }],
    });
    expect(rc).toMatchObject({
      verdict: 'full',
      status: 'draft',
      blocks: [{ code: 'not_confirmed' }],
      lines: [{ sku: 'WS-PEN', needed: 2, reserved: 0, fromStock: 2, short: 0 }],
    });
    expect(rd).toMatchObject({ verdict: 'none' });
    expect(rd?.blocks).toEqual([
      { code: 'not_confirmed', lineNo: null, sku: null, short: null },
      { code: 'short', lineNo: 1, sku: 'WS-PEN', short: 1 },
      { code: 'short', lineNo: 2, sku: 'WS-BOX', short: 1 },
      { code: 'short', lineNo: 2, sku: 'WS-PEN', short: 1 },
    ]);
    expect(res.body.summary).toEqual({ full: 2, partly: 1, none: 1 });

    // One box arrives: D's set can now be covered in part (the box), so D is partly pickable.
    await s.stock(box.id, 1);
    const partly = (await s.get('/worksheet?verdict=partly')).body.items;
    expect(partly.map((r: { number: string }) => r.number)).toEqual([b.number, d.number]);
    // Picking does not change the verdict: what is picked counts as done.
    expect((await s.post(`/orders/${a.id}/pick`)).status).toBe(200);
    expect((await s.post(`/orders/${a.id}/picks`, { code: 'WS-PEN', quantity: 2 })).status).toBe(200);
    const after = (await s.get('/worksheet')).body.items.find((r: { number: string }) => r.number === a.number);
    expect(after).toMatchObject({ verdict: 'full', lines: [{ needed: 3, picked: 2, reserved: 1 }] });

    expect((await shop(other).get('/worksheet')).body.items).toEqual([]);
    expect((await s.get('/worksheet?verdict=maybe')).status).toBe(400);
  });
});
