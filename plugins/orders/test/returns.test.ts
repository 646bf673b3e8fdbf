/**
 * Returns (issue 14, item 7) through the HTTP API on a real database: a return authorisation against
 * a shipped order, at most what was shipped and not yet returned; its receipt back into stock and to
 * scrap as ledger moves; the credit due recorded without accounting; bad input with stock unchanged;
 * another tenant sees nothing.
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

/** An order for the lines, shipped in full. */
async function shipped(lines: Array<{ productId: string; quantity: number }>) {
  const order = await s.order(lines);
  for (const step of ['confirm', 'pick']) expect((await s.post(`/orders/${order.id}/${step}`)).status).toBe(200);
  expect((await s.post(`/orders/${order.id}/picks`, { all: true })).status).toBe(200);
  for (const step of ['pack', 'ship']) expect((await s.post(`/orders/${order.id}/${step}`)).status).toBe(200);
  return (await s.get(`/orders/${order.id}`)).body as { id: string; number: string; lines: Array<{ id: string }> };
}

describe('return authorisation', () => {
  it('authorises at most what was shipped and not returned yet', async () => {
    const p = await s.product('RET-1', { unitPrice: '100.00', vatRate: '21' });
    await s.stock(p.id, 5);
    const draft = await s.order([{ productId: p.id, quantity: 1 }]);
    const early = await s.post(`/orders/${draft.id}/returns`, { reason: 'Changed mind' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_returnable');

    const order = await shipped([{ productId: p.id, quantity: 3 }]);
    const lineId = order.lines[0]?.id;
    const tooMany = await s.post(`/orders/${order.id}/returns`, {
      reason: 'Damaged in transit',
      lines: [{ lineId, quantity: 4 }],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'return_exceeds' });
    const frac = await s.post(`/orders/${order.id}/returns`, { reason: 'x', lines: [{ lineId, quantity: 0.5 }] });
    expect(frac.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'whole_units' });
    const stranger = await s.post(`/orders/${order.id}/returns`, {
      reason: 'x',
      lines: [{ lineId: draft.id, quantity: 1 }],
    });
    expect(stranger.body.errors[0]).toMatchObject({ path: 'lines.0.lineId', code: 'return_line_unknown' });
    expect((await s.post(`/orders/${order.id}/returns`, { reason: '' })).status).toBe(400);

    const rma = await s.post(`/orders/${order.id}/returns`, {
      reason: 'Damaged in transit',
      lines: [{ lineId, quantity: 2 }],
    });
    expect(rma.status, JSON.stringify(rma.body)).toBe(201);
    expect(rma.body).toMatchObject({
      number: expect.stringMatching(/^RMA-\d{4}-00001$/),
      orderId: order.id,
      orderNumber: order.number,
      status: 'authorised',
      credit: '0.00',
      lines: [{ sku: 'RET-1', quantity: 2, restocked: 0, scrapped: 0 }],
    });
    expect((await s.get(`/orders/${order.id}/returnable`)).body.items).toEqual([
      { lineId, lineNo: 1, sku: 'RET-1', returnable: 1 },
    ]);
    // An authorisation moves nothing in stock.
    expect(await s.level(p.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    const again = await s.post(`/orders/${order.id}/returns`, { reason: 'x', lines: [{ lineId, quantity: 2 }] });
    expect(again.body.errors[0].code).toBe('return_exceeds');

    // Cancelling the authorisation frees its quantity again.
    expect((await s.post(`/returns/${rma.body.id}/cancel`)).status).toBe(200);
    expect((await s.get(`/orders/${order.id}/returnable`)).body.items[0].returnable).toBe(3);
    const whole = await s.post(`/orders/${order.id}/returns`, { reason: 'Wrong size' });
    expect(whole.status).toBe(201);
    expect(whole.body.lines).toMatchObject([{ quantity: 3 }]);
    const none = await s.post(`/orders/${order.id}/returns`, { reason: 'Wrong size' });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('nothing_returnable');
  });
});

describe('receiving a return', () => {
  it('puts goods back into stock and to scrap as moves and records the credit due', async () => {
    const mug = await s.product('RET-MUG', { unitPrice: '200.00', vatRate: '21' });
    const vase = await s.product('RET-VASE', { unitPrice: '500.00', vatRate: '21' });
    await s.stock(mug.id, 10);
    await s.stock(vase.id, 2);
    const order = await shipped([
      { productId: mug.id, quantity: 3 },
      { productId: vase.id, quantity: 1 },
    ]);
    expect(await s.level(mug.id)).toMatchObject({ onHand: 7, available: 7 });
    const rma = (await s.post(`/orders/${order.id}/returns`, { reason: 'Damaged in transit' })).body;
    const [mugLine, vaseLine] = rma.lines as Array<{ id: string }>;

    const before = (await s.get(`/stock/moves?productId=${mug.id}&limit=100`)).body.items.length;
    const over = await s.post(`/returns/${rma.id}/receive`, {
      lines: [{ lineId: mugLine?.id, restock: 2, scrap: 2 }],
    });
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({ path: 'lines.0.restock', code: 'receive_exceeds' });
    const nothing = await s.post(`/returns/${rma.id}/receive`, { lines: [{ lineId: mugLine?.id }] });
    expect(nothing.status).toBe(400);
    expect(nothing.body.code).toBe('nothing_received');
    const dispatch = (await s.get('/warehouses')).body.items[0].locations.find(
      (l: { kind: string }) => l.kind === 'dispatch',
    ).id;
    const notBin = await s.post(`/returns/${rma.id}/receive`, {
      lines: [{ lineId: mugLine?.id, restock: 1, locationId: dispatch }],
    });
    expect(notBin.body.errors[0]).toMatchObject({ path: 'lines.0.locationId', code: 'location_not_bin' });
    expect((await s.get(`/stock/moves?productId=${mug.id}&limit=100`)).body.items).toHaveLength(before);
    expect((await s.get(`/returns/${rma.id}`)).body.status).toBe('authorised');

    const ok = await s.post(`/returns/${rma.id}/receive`, {
      lines: [
        { lineId: mugLine?.id, restock: 2, scrap: 1 },
        { lineId: vaseLine?.id, scrap: 1 },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const got = (await s.get(`/returns/${rma.id}`)).body;
    // 2 × 200 + 1 × 200 + 1 × 500 = 1 100 net, VAT 21 % = 231: 1 331 due back.
    expect(got).toMatchObject({
      status: 'received',
      credit: '1331.00',
      creditNote: { documentId: null },
      lines: [
        { sku: 'RET-MUG', quantity: 3, restocked: 2, scrapped: 1 },
        { sku: 'RET-VASE', quantity: 1, restocked: 0, scrapped: 1 },
      ],
    });
    expect(got.receivedAt).toBeTruthy();
    expect(await s.level(mug.id)).toMatchObject({ onHand: 9, available: 9, scrapped: 1 });
    expect(await s.level(vase.id)).toMatchObject({ onHand: 1, scrapped: 1 });
    const moves = (await s.get(`/stock/moves?productId=${mug.id}&orderId=${order.id}&limit=100`)).body.items;
    expect(moves.filter((mv: { document: string }) => mv.document === rma.number)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'return', onHand: 2, location: 'A-01-01' }),
        expect.objectContaining({ kind: 'scrap', onHand: 1, location: 'SCRAP' }),
      ]),
    );
    expect((await s.post(`/returns/${rma.id}/receive`, {})).body.code).toBe('invalid_transition');
    expect((await s.get(`/orders/${order.id}/returnable`)).body.items.map((i: any) => i.returnable)).toEqual([0, 0]);
    const list = await s.get('/returns?status=received');
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(rma.id);
    const history = (await s.get(`/returns/${rma.id}/workflow`)).body;
    expect(history.history.map((h: { transition: string }) => h.transition)).toContain('receive');
  });

  it('brings a kit back as its components', async () => {
    const cup = await s.product('RET-CUP');
    const saucer = await s.product('RET-SAUCER');
    const set = await s.product('RET-SET', {
      kitComponents: [
        { productId: cup.id, quantity: 2 },
        { productId: saucer.id, quantity: 2 },
      ],
    });
    await s.stock(cup.id, 4);
    await s.stock(saucer.id, 4);
    const order = await shipped([{ productId: set.id, quantity: 2 }]);
    const rma = (
      await s.post(`/orders/${order.id}/returns`, {
        reason: 'Unwanted gift',
        lines: [{ lineId: order.lines[0]?.id, quantity: 1 }],
      })
    ).body;
    expect((await s.post(`/returns/${rma.id}/receive`, {})).status).toBe(200);
    expect(await s.level(cup.id)).toMatchObject({ onHand: 2 });
    expect(await s.level(saucer.id)).toMatchObject({ onHand: 2 });
  });

  it('is not seen by another tenant', async () => {
    const mine = (await s.get('/returns')).body.items[0];
    const them = shop(other);
    expect((await them.get(`/returns/${mine.id}`)).status).toBe(404);
    expect((await them.get('/returns')).body.items).toHaveLength(0);
    expect((await them.post(`/returns/${mine.id}/cancel`)).status).toBe(404);
  });
});
