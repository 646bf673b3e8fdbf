/**
 * Own-courier delivery runs (issue 14, items 5 and 6) through the HTTP API on a real database: a run
 * for a driver with ordered stops, reordered; out for delivery ships its packed orders; a stop
 * delivered with the cash collected delivers the order through its workflow (invoiced on delivery
 * when set), a failed stop's order can be planned again; the run closes with the cash handed over,
 * differences listed and never accepted silently. Bad input is 4xx with a code and writes nothing.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { memberWith, shop } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let driver: TestUser;
let otherDriver: TestUser;
let clerk: TestUser;
let other: TestUser;
let s: ReturnType<typeof shop>;
let productId: string;

const shipTo = {
  name: 'Jana Nováková',
  street: 'Dlouhá 12',
  city: 'Praha',
  postalCode: '11000',
  phone: '+420 601 123 456',
};

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'orders');
  await t.enableModule(other, 'orders');
  s = shop(owner);
  driver = await memberWith(t, owner, 'driver', ['orders.deliver']);
  otherDriver = await memberWith(t, owner, 'driver', ['orders.deliver']);
  clerk = await memberWith(t, owner, 'clerk', ['orders.read']);
  productId = (await s.product('RUN-1', { unitPrice: '100.00', vatRate: '21' })).id;
  await s.stock(productId, 100);
});
afterAll(() => t?.close());

/** A packed own-courier order of `quantity` units (121 CZK each with VAT), cash on delivery unless told. */
async function packed(quantity = 1, extra: Record<string, unknown> = {}) {
  const o = await s.order([{ productId, quantity }], { carrier: 'courier', cashOnDelivery: true, shipTo, ...extra });
  for (const step of ['confirm', 'pick']) expect((await s.post(`/orders/${o.id}/${step}`)).status).toBe(200);
  await s.post(`/orders/${o.id}/picks`, { all: true });
  expect((await s.post(`/orders/${o.id}/pack`)).status).toBe(200);
  return o;
}

/** A 1 × 1 PNG, as a signature pad's canvas would give. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const userId = (u: TestUser) => u.userId;
const driverApi = (u: TestUser) => shop(u);

describe('delivery runs', () => {
  it('plans, reorders, delivers one stop, fails another and closes with the cash handed over', async () => {
    const a = await packed(1);
    const b = await packed(2);
    const c = await packed(1, { cashOnDelivery: false });
    const created = await s.post('/delivery/runs', {
      date: '2026-12-07',
      driverUserId: userId(driver),
      orderIds: [a.id, b.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const run = created.body;
    expect(run).toMatchObject({ number: 'DR-2026-00001', status: 'planned', stopCount: 2 });
    expect(run.stops.map((x: { orderNumber: string }) => x.orderNumber)).toEqual([a.number, b.number]);
    // 1 × 121.00 and 2 × 121.00 cash on delivery.
    expect(run.stops.map((x: { codDue: string }) => x.codDue)).toEqual(['121.00', '242.00']);
    expect(run.stops[0]).toMatchObject({
      packages: 1,
      shipTo: { phone: '+420 601 123 456' },
      customer: expect.any(String),
    });

    const added = await s.post(`/delivery/runs/${run.id}/stops`, { orderIds: [c.id] });
    expect(added.status).toBe(200);
    const [sa, sb, sc] = added.body.stops.map((x: { id: string }) => x.id);
    const reordered = await s.request('PUT', `/delivery/runs/${run.id}/sequence`, { stopIds: [sc, sa, sb] });
    expect(reordered.status).toBe(200);
    const body = (await reordered.json()) as { stops: Array<{ id: string; seq: number }> };
    expect(body.stops.map((x) => [x.id, x.seq])).toEqual([
      [sc, 1],
      [sa, 2],
      [sb, 3],
    ]);
    const notPerm = await s.request('PUT', `/delivery/runs/${run.id}/sequence`, { stopIds: [sa, sa, sb] });
    expect(notPerm.status).toBe(400);
    expect(((await notPerm.json()) as { code: string }).code).toBe('not_a_permutation');

    // Delivering before the run is out: 409.
    const d = driverApi(driver);
    const early = await d.post(`/driver/runs/${run.id}/stops/${sa}/delivered`, { recipientName: 'Jana' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('run_not_out');

    const started = await s.post(`/delivery/runs/${run.id}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe('out');
    expect((await s.get(`/orders/${a.id}`)).body.status).toBe('shipped');

    // The driver sees today's run; another driver does not and may not act on it.
    const mine = await d.get('/driver/runs?date=2026-12-07');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([run.id]);
    expect((await driverApi(otherDriver).get('/driver/runs?date=2026-12-07')).body.items).toEqual([]);
    const foreign = await driverApi(otherDriver).post(`/driver/runs/${run.id}/stops/${sa}/delivered`, {
      recipientName: 'Jana',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('not_your_run');
    expect((await driverApi(clerk).get('/driver/runs')).status).toBe(403);
    expect((await d.get(`/delivery/runs/${run.id}`)).status).toBe(403);

    // Cash short of what the order asks is refused unless confirmed.
    const short = await d.post(`/driver/runs/${run.id}/stops/${sa}/delivered`, {
      recipientName: 'Jana Nováková',
      codCollected: '100.00',
    });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('cod_mismatch');
    expect((await s.get(`/orders/${a.id}`)).body.status).toBe('shipped');

    const notImage = await d.post(`/driver/runs/${run.id}/stops/${sa}/delivered`, {
      recipientName: 'Jana Nováková',
      proof: { kind: 'photo', dataUrl: `data:image/png;base64,${Buffer.from('not a picture').toString('base64')}` },
    });
    expect(notImage.status).toBe(400);
    expect(notImage.body.code).toBe('proof_not_image');
    expect((await s.get(`/orders/${a.id}`)).body.status).toBe('shipped');

    const delivered = await d.post(`/driver/runs/${run.id}/stops/${sa}/delivered`, {
      recipientName: 'Jana Nováková',
      proof: { kind: 'signature', dataUrl: `data:image/png;base64,${PIXEL_PNG}` },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    const proofId = delivered.body.stops.find((x: { id: string }) => x.id === sa).proofRecordId;
    expect(proofId).toEqual(expect.any(String));
    // The signature is an attachment of the order, readable by whoever may read the order.
    const files = await owner.json(
      'GET',
      `/api/t/${owner.tenant.slug}/records?entityType=orders.order&entityId=${a.id}`,
    );
    expect(files.status).toBe(200);
    expect(files.body.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: proofId,
          contentType: 'image/png',
          filename: `delivery-signature-${a.number}.png`,
        }),
      ]),
    );
    expect((await s.get(`/orders/${a.id}`)).body).toMatchObject({
      status: 'delivered',
      deliveredAt: expect.any(String),
    });
    const twice = await d.post(`/driver/runs/${run.id}/stops/${sa}/delivered`, { recipientName: 'Jana' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('stop_not_pending');

    const noNote = await d.post(`/driver/runs/${run.id}/stops/${sb}/failed`, { reason: 'other' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.code).toBe('note_required');
    const failed = await d.post(`/driver/runs/${run.id}/stops/${sb}/failed`, { reason: 'nobody_home' });
    expect(failed.status).toBe(200);
    expect((await s.get(`/orders/${b.id}`)).body.status).toBe('shipped');

    const pending = await s.post(`/delivery/runs/${run.id}/complete`, { cashHandedOver: '121.00' });
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('stops_pending');
    expect((await d.post(`/driver/runs/${run.id}/stops/${sc}/delivered`, { recipientName: 'Petr' })).status).toBe(200);

    const wrongCash = await s.post(`/delivery/runs/${run.id}/complete`, { cashHandedOver: '120.00' });
    expect(wrongCash.status).toBe(400);
    expect(wrongCash.body.code).toBe('cash_difference');
    const closed = await s.post(`/delivery/runs/${run.id}/complete`, {
      cashHandedOver: '120.00',
      acceptDifference: true,
      note: 'One crown short, driver pays it tomorrow',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.cash).toEqual({
      due: '121.00',
      collected: '121.00',
      handedOver: '120.00',
      difference: '-1.00',
      stopDifferences: [],
    });
    // Without accounting the cash settles the order in orders.
    expect((await s.get(`/orders/${a.id}`)).body.codSettledAt).toEqual(expect.any(String));

    // The failed order is offered again, with why it came back, and goes out and is delivered on the next run.
    const waiting = (await s.get('/delivery/plannable')).body.items as Array<{ id: string }>;
    expect(waiting.find((o) => o.id === b.id)).toMatchObject({
      number: b.number,
      status: 'shipped',
      name: 'Jana Nováková',
      codDue: '242.00',
      lastFailure: { runNumber: run.number, runDate: '2026-12-07', reason: 'nobody_home', note: null },
    });
    expect(waiting.map((o) => o.id)).not.toContain(a.id);
    expect((await d.get('/delivery/plannable')).status).toBe(403);
    const next = await s.post('/delivery/runs', { date: '2026-12-08', driverUserId: userId(driver), orderIds: [b.id] });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(((await s.get('/delivery/plannable')).body.items as Array<{ id: string }>).map((o) => o.id)).not.toContain(
      b.id,
    );
    expect((await s.post(`/delivery/runs/${next.body.id}/start`)).status).toBe(200);
    const again = await d.post(`/driver/runs/${next.body.id}/stops/${next.body.stops[0].id}/delivered`, {
      recipientName: 'Jana Nováková',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await s.get(`/orders/${b.id}`)).body.status).toBe('delivered');
  });

  it('takes a stop off a planned run and adds orders to it; the order taken off is offered again', async () => {
    const [a, b] = [await packed(1), await packed(1)];
    const run = (
      await s.post('/delivery/runs', { date: '2026-12-12', driverUserId: userId(driver), orderIds: [a.id, b.id] })
    ).body;
    const offered = async () =>
      ((await s.get('/delivery/plannable')).body.items as Array<{ id: string }>).map((o) => o.id);
    expect(await offered()).not.toContain(a.id);
    const removed = await s.request('DELETE', `/delivery/runs/${run.id}/stops/${run.stops[0].id}`);
    expect(removed.status).toBe(200);
    const left = (await removed.json()) as { stops: Array<{ orderId: string; seq: number }> };
    expect(left.stops.map((x) => [x.orderId, x.seq])).toEqual([[b.id, 1]]);
    expect(await offered()).toContain(a.id);
    const added = await s.post(`/delivery/runs/${run.id}/stops`, { orderIds: [a.id] });
    expect(added.body.stops.map((x: { orderId: string }) => x.orderId)).toEqual([b.id, a.id]);
    expect(await offered()).not.toContain(a.id);
    expect((await s.post(`/delivery/runs/${run.id}/start`)).status).toBe(200);
    // Once out, the run's stops stay.
    const late = await s.request('DELETE', `/delivery/runs/${run.id}/stops/${added.body.stops[0].id}`);
    expect(late.status).toBe(409);
    expect((await s.post(`/delivery/runs/${run.id}/stops`, { orderIds: [(await packed(1)).id] })).status).toBe(409);
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const a = await packed(1);
    const draft = await s.order([{ productId, quantity: 1 }], { carrier: 'courier', shipTo });
    const parcel = await packed(1, { carrier: 'packeta' });
    const foreign = await shop(other).order([{ productId: (await shop(other).product('RUN-X')).id, quantity: 1 }], {
      carrier: 'courier',
    });
    const before = (await s.get('/delivery/runs')).body.items.length;

    const notDriver = await s.post('/delivery/runs', { date: '2026-12-09', driverUserId: userId(clerk) });
    expect(notDriver.status).toBe(400);
    expect(notDriver.body.code).toBe('not_a_driver');

    const bad = await s.post('/delivery/runs', {
      date: '2026-12-09',
      driverUserId: userId(driver),
      orderIds: [a.id, draft.id, parcel.id, foreign.id, a.id],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['orderIds.1', 'order_not_packed'],
      ['orderIds.2', 'order_not_courier'],
      ['orderIds.3', 'unknown_order'],
      ['orderIds.4', 'order_already_planned'],
    ]);
    expect((await s.get('/delivery/runs')).body.items.length).toBe(before);

    const ok = await s.post('/delivery/runs', { date: '2026-12-09', driverUserId: userId(driver), orderIds: [a.id] });
    expect(ok.status).toBe(201);
    const again = await s.post('/delivery/runs', {
      date: '2026-12-09',
      driverUserId: userId(driver),
      orderIds: [a.id],
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('order_already_planned');

    // Another tenant does not see the run.
    expect((await shop(other).get(`/delivery/runs/${ok.body.id}`)).status).toBe(404);
    const empty = await s.post('/delivery/runs', { date: '2026-12-09', driverUserId: userId(driver) });
    expect((await s.post(`/delivery/runs/${empty.body.id}/start`)).body.code).toBe('run_empty');
    // A courier order cannot be delivered by hand-picked courier_deliver without a run out.
    const manual = await s.post(`/orders/${a.id}/courier_deliver`);
    expect(manual.status).toBe(409);
  });

  it('keeps the stops a permutation of the run whatever order is asked (property)', async () => {
    const orders = [await packed(1), await packed(1), await packed(1), await packed(1)];
    const run = (
      await s.post('/delivery/runs', {
        date: '2026-12-10',
        driverUserId: userId(driver),
        orderIds: orders.map((o) => o.id),
      })
    ).body;
    const ids: string[] = run.stops.map((x: { id: string }) => x.id);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 6 }), async (picks) => {
        const asked = picks.map((i) => ids[i] as string);
        const res = await s.request('PUT', `/delivery/runs/${run.id}/sequence`, { stopIds: asked });
        const after = (await s.get(`/delivery/runs/${run.id}`)).body.stops as Array<{ id: string; seq: number }>;
        expect(after.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
        expect([...after.map((x) => x.id)].sort()).toEqual([...ids].sort());
        const isPermutation = asked.length === 4 && new Set(asked).size === 4;
        expect(res.status).toBe(isPermutation ? 200 : 400);
        if (isPermutation) expect(after.map((x) => x.id)).toEqual(asked);
      }),
      { numRuns: 25 },
    );
  });

  it('invoices on delivery when the firm invoices on delivery', async () => {
    await t.inTenant(owner.tenant.id, (ctx) =>
      ctx.db
        .updateTable('orders.settings')
        .set({ invoice_on: 'deliver' })
        .where('tenant_id', '=', ctx.tenant.id)
        .execute(),
    );
    const o = await packed(1);
    const run = (await s.post('/delivery/runs', { date: '2026-12-11', driverUserId: userId(driver), orderIds: [o.id] }))
      .body;
    await s.post(`/delivery/runs/${run.id}/start`);
    expect((await s.get(`/orders/${o.id}`)).body.receiptNumber).toBeNull();
    const d = driverApi(driver);
    const res = await d.post(`/driver/runs/${run.id}/stops/${run.stops[0].id}/delivered`, { recipientName: 'Jana' });
    expect(res.status).toBe(200);
    expect((await s.get(`/orders/${o.id}`)).body.receiptNumber).toMatch(/^RC-\d{4}-\d{5}$/);
    const history = (await s.get(`/orders/${o.id}/workflow`)).body;
    expect(JSON.stringify(history)).toContain('courier_deliver');
  });
});
