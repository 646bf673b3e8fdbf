/**
 * Orders' record classes (issue 18) through core's records API on a real database: the retention
 * schedule shows each class with its statutes; a period below the VAT act's ten years is refused;
 * a customer's data-subject request finds her order and keeps it under the tax duty; as the years
 * pass, the delivery address goes after three years while the order stays, the order's customer is
 * anonymised after ten, purchase orders and returns are archived or anonymised after six, and the
 * stock ledger and the audit chain are untouched.
 */
import { createTestBureau, type TestBureau, type TestUser, yearEnd } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { salesRecords } from '../src/server/records.ts';
import { shop } from './helpers.ts';

let now = new Date('2024-03-15T09:00:00Z');
const clock = { now: () => now };
let t: TestBureau;
let owner: TestUser;
let other: TestUser;
let s: ReturnType<typeof shop>;
let base: string;
let orderId: string;
let productId: string;
let purchaseId: string;
let returnId: string;

const get = (path: string) => owner.json('GET', `${base}${path}`);
const post = (path: string, body: unknown = {}) => owner.json('POST', `${base}${path}`, body);
const put = (path: string, body: unknown) => owner.json('PUT', `${base}${path}`, body);
const schedule = async () => {
  const res = await get('/records/schedule');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.classes.map((c: any) => [c.key, c]));
};
const dispose = async (recordClass: string, total: number) => {
  expect((await post('/records/disposal/proposals/refresh')).status).toBe(200);
  const run = await post('/records/disposal/approve', { recordClass });
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  expect(run.body).toMatchObject({ status: 'queued', total });
  expect(await t.records.runPending()).toBe(1);
};

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin], clock });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'orders');
  await t.enableModule(other, 'orders');
  s = shop(owner);
  base = `/api/t/${owner.tenant.slug}`;
  productId = (await s.product('REC-1', { cost: '40.00' })).id;
  await s.stock(productId, 5);
  const order = await s.order([{ productId, quantity: 3 }], {
    customer: { name: 'Petra Svobodová', email: 'petra@svobodova.example' },
    shipTo: { name: 'Petra Svobodová', street: 'Lipová 12', city: 'Brno', postalCode: '60200', country: 'CZ' },
  });
  orderId = order.id;
  for (const step of ['confirm', 'pick']) expect((await s.post(`/orders/${orderId}/${step}`)).status).toBe(200);
  expect((await s.post(`/orders/${orderId}/picks`, { all: true })).status).toBe(200);
  for (const step of ['pack', 'ship']) expect((await s.post(`/orders/${orderId}/${step}`)).status).toBe(200);
  const rma = await s.post(`/orders/${orderId}/returns`, {
    reason: 'Paní Svobodová: rozbité ucho',
    lines: [{ lineId: (await s.get(`/orders/${orderId}`)).body.lines[0].id, quantity: 1 }],
  });
  expect(rma.status, JSON.stringify(rma.body)).toBe(201);
  returnId = rma.body.id;
  expect(
    (await s.post(`/returns/${returnId}/receive`, { lines: [{ lineId: rma.body.lines[0].id, restock: 1 }] })).status,
  ).toBe(200);
  const po = await s.post('/purchase-orders', {
    vendor: { name: 'Sklárny Kavalier a.s.', ico: '00011011' },
    lines: [{ productId, quantity: 2 }],
  });
  expect(po.status, JSON.stringify(po.body)).toBe(201);
  purchaseId = po.body.id;
  expect((await s.post(`/purchase-orders/${purchaseId}/order`)).status).toBe(200);
  const receipt = await s.post(`/purchase-orders/${purchaseId}/receipts`, {
    lines: [{ lineId: po.body.lines[0].id, quantity: 2 }],
  });
  expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
});
afterAll(() => t?.close());

describe('orders record classes', () => {
  it('are on the retention schedule with their statutes, minima and what disposal does', async () => {
    const c = await schedule();
    expect(c['orders.sales-documents']).toMatchObject({
      trigger: 'year_end',
      disposal: 'anonymise',
      minimum: { years: 10, months: 0 },
      due: 0,
    });
    expect(c['orders.sales-documents'].statutes.map((x: any) => x.source).join(' ')).toContain('235/2004');
    expect(c['orders.deliveries']).toMatchObject({ minimum: { years: 0, months: 0 }, disposal: 'anonymise' });
    expect(c['orders.deliveries'].statutes.map((x: any) => x.source).join(' ')).toContain('§ 629');
    expect(c['orders.purchasing']).toMatchObject({ minimum: { years: 5, months: 0 }, disposal: 'archive' });
    expect(c['orders.returns']).toMatchObject({ minimum: { years: 5, months: 0 }, disposal: 'anonymise' });
  });

  it('refuses a sales period below the VAT act and changes nothing', async () => {
    const short = await put('/records/classes/orders.sales-documents/period', { years: 6, months: 0 });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({ code: 'below_statutory_minimum', minimum: { years: 10, months: 0 } });
    expect((await schedule())['orders.sales-documents'].lengthened).toBe(false);
  });

  it('counts from 31 December of the year the record concerns; open records are not triggered', async () => {
    expect(yearEnd('2024-03-15')).toBe('2024-12-31');
    const open = await s.order([{ productId, quantity: 1 }]);
    const sales = await t.inTenant(owner.tenant.id, (ctx) => salesRecords(ctx, {}));
    expect(sales.map((r) => [r.id, r.triggerDate])).toEqual([
      [orderId, '2024-12-31'],
      [open.id, null],
    ]);
    expect((await s.post(`/orders/${open.id}/cancel`)).status).toBe(200);
    // Another tenant's records are not this tenant's.
    const theirs = await t.inTenant(other.tenant.id, (ctx) => salesRecords(ctx, {}));
    expect(theirs).toEqual([]);
  });

  it("finds a customer's order for her request and keeps it under the tax duty", async () => {
    const req = await post('/records/requests', { kind: 'erasure', subject: { email: 'PETRA@svobodova.example' } });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const data = await get(`/records/requests/${req.body.id}/data`);
    const mine = data.body.modules.find((m: any) => m.module === 'orders');
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ recordClass: 'orders.sales-documents', id: orderId });
    expect(mine.items[0].data.customer.name).toBe('Petra Svobodová');
    const plan = await get(`/records/requests/${req.body.id}/erasure`);
    const kept = plan.body.keep.find((k: any) => k.id === orderId);
    expect(kept.reason).toMatchObject({ kind: 'retention', keepUntil: '2034-12-31' });
    const refused = await post(`/records/requests/${req.body.id}/erase`, {
      items: [{ recordClass: 'orders.sales-documents', id: orderId }],
    });
    expect(refused.status).toBe(409);
    expect((await s.get(`/orders/${orderId}`)).body.customer.name).toBe('Petra Svobodová');
  });

  it('lets the delivery address go after three years and keeps the order', async () => {
    now = new Date('2028-01-02T09:00:00Z');
    const c = await schedule();
    expect(c['orders.deliveries'].due).toBe(1);
    expect(c['orders.sales-documents'].due).toBe(0);
    expect(c['orders.purchasing'].due).toBe(0);
    await dispose('orders.deliveries', 1);
    const order = (await s.get(`/orders/${orderId}`)).body;
    expect(order.shipTo).toBeNull();
    expect(order.trackingNumber ?? null).toBeNull();
    expect(order.customer.name).toBe('Petra Svobodová');
    expect((await schedule())['orders.deliveries'].due).toBe(0);
  });

  it('archives purchasing and anonymises returns after six years, the ledger unchanged', async () => {
    const moves = (await s.get(`/stock/moves?productId=${productId}&limit=100`)).body.items.length;
    now = new Date('2031-01-02T09:00:00Z');
    const c = await schedule();
    expect(c['orders.purchasing'].due).toBe(1);
    expect(c['orders.returns'].due).toBe(1);
    expect(c['orders.sales-documents'].due).toBe(0);
    await dispose('orders.purchasing', 1);
    await dispose('orders.returns', 1);
    expect((await s.get(`/purchase-orders/${purchaseId}`)).body.status).toBe('received');
    const rma = (await s.get(`/returns/${returnId}`)).body;
    expect(rma.reason).not.toContain('Svobodová');
    expect(rma.lines[0]).toMatchObject({ restocked: 1 });
    expect((await s.get(`/stock/moves?productId=${productId}&limit=100`)).body.items).toHaveLength(moves);
  });

  it("anonymises the order's customer after ten years; amounts and stock stay; the audit chain verifies", async () => {
    const level = await s.level(productId);
    now = new Date('2035-01-02T09:00:00Z');
    expect((await schedule())['orders.sales-documents'].due).toBe(2); // the shipped and the cancelled order
    await dispose('orders.sales-documents', 2);
    const order = (await s.get(`/orders/${orderId}`)).body;
    expect(order.customer.name).not.toContain('Svobodová');
    expect(order.customer.email ?? null).toBeNull();
    expect(order.total).toBe('363.00');
    expect(await s.level(productId)).toEqual(level);
    const req = await post('/records/requests', { kind: 'access', subject: { email: 'petra@svobodova.example' } });
    const data = await get(`/records/requests/${req.body.id}/data`);
    expect(data.body.modules.find((m: any) => m.module === 'orders')?.items ?? []).toEqual([]);
    expect((await get('/audit/verify')).body.ok).toBe(true);
  });
});
