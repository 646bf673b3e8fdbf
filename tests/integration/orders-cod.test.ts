/**
 * Cash on delivery reconciled when the carrier pays it out (issue 14, item 6), with accounting
 * enabled: Packeta's payout report is read in a dry run (matched, short-paid, unknown and already
 * settled parcels; another tenant's barcode is unknown here), a difference is refused without a note
 * and nothing is written, the confirmed payout keeps its batch, settles the orders and pays their
 * invoices through accounting's payments service (money in transit 261, fees to 518). The own
 * courier's run close pays the invoice from the cash handed over through the same service.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberWith, shop } from '../../plugins/orders/test/helpers.ts';

let t: TestBureau;
let owner: TestUser;
let other: TestUser;
let s: ReturnType<typeof shop>;
let productId: string;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
const czDate = today.split('-').reverse().map(Number).join('. ');

beforeAll(async () => {
  t = await createTestBureau({
    plugins: installedPlugins.filter((p) => p.id === 'accounting' || p.id === 'orders'),
  });
  [owner, other] = [await t.signup(), await t.signup()];
  for (const u of [owner, other]) {
    await t.enableModule(u, 'accounting');
    await t.enableModule(u, 'orders');
  }
  s = shop(owner);
  productId = (await s.product('COD-1', { unitPrice: '100.00', vatRate: '21' })).id;
  await s.stock(productId, 100);
});
afterAll(() => t?.close());

const pickupPoint = {
  name: 'Jana Nováková',
  street: 'Dlouhá 12',
  city: 'Brno',
  postalCode: '60200',
  phone: '+420601123456',
  pickupPointId: '12345',
};

/** A shipped Packeta order of `quantity` × 121.00 on cash on delivery, with the barcode `tracking` read back. */
async function shipped(api: ReturnType<typeof shop>, pid: string, quantity: number, tracking: string) {
  const o = await api.order([{ productId: pid, quantity }], { shipTo: pickupPoint, cashOnDelivery: true });
  for (const step of ['confirm', 'pick']) expect((await api.post(`/orders/${o.id}/${step}`)).status).toBe(200);
  await api.post(`/orders/${o.id}/picks`, { all: true });
  expect((await api.post(`/orders/${o.id}/pack`)).status).toBe(200);
  const read = await api.post('/shipping/packeta/tracking', {
    content: `Order number;Barcode\n${o.number};${tracking}\n`,
  });
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  expect((await api.post(`/orders/${o.id}/ship`)).status).toBe(200);
  return o;
}

const file = (rows: string[][]) =>
  `Číslo objednávky;Čárový kód;Dobírka;Poplatek;Měna;Datum výplaty\n${rows.map((r) => r.join(';')).join('\n')}\n`;

describe('Packeta COD payout', () => {
  it('dry-runs, refuses differences without a note, confirms, settles and pays the invoices', async () => {
    const full = await shipped(s, productId, 4, 'Z1110000001'); // 484.00
    const short = await shipped(s, productId, 2, 'Z1110000002'); // 242.00
    const early = await shipped(s, productId, 1, 'Z1110000003'); // 121.00
    const theirProduct = (await shop(other).product('COD-X', { unitPrice: '100.00', vatRate: '21' })).id;
    await shop(other).stock(theirProduct, 5);
    await shipped(shop(other), theirProduct, 1, 'Z9990000001');

    const open = (await s.get('/cod/open')).body.items as Array<{ number: string; ageDays: number; due: string }>;
    expect(open.map((o) => [o.number, o.due, o.ageDays])).toEqual([
      [full.number, '484.00', 0],
      [short.number, '242.00', 0],
      [early.number, '121.00', 0],
    ]);

    const first = await s.post('/shipping/packeta/payouts', {
      content: file([['', 'Z1110000003', '121,00', '15,00', 'CZK', czDate]]),
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ cod: '121.00', fees: '15.00', total: '106.00', counts: { matched: 1 } });

    const content = file([
      [full.number, 'Z 111 000 0001', '484,00', '25,50', 'CZK', czDate],
      [short.number, '', '200,00', '20,00', 'CZK', czDate],
      ['', 'Z9990000001', '121,00', '15,00', 'CZK', czDate],
      [early.number, 'Z1110000003', '121,00', '15,00', 'CZK', czDate],
    ]);
    const dry = await s.post('/shipping/packeta/payouts/preview', { content });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(
      dry.body.rows.map((r: Record<string, unknown>) => [r.orderNumber, r.due, r.paid, r.difference, r.status]),
    ).toEqual([
      [full.number, '484.00', '484.00', '0.00', 'matched'],
      [short.number, '242.00', '200.00', '-42.00', 'short'],
      [null, null, '121.00', null, 'unknown'],
      [early.number, '121.00', '121.00', '0.00', 'settled'],
    ]);
    expect(dry.body).toMatchObject({ cod: '926.00', fees: '75.50', total: '850.50', payoutDate: today });

    const refused = await s.post('/shipping/packeta/payouts', { content });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('payout_difference');
    expect((await s.get('/cod/payouts')).body.items).toHaveLength(1);
    expect((await s.get(`/orders/${full.id}`)).body.codSettledAt).toBeNull();

    const confirmed = await s.post('/shipping/packeta/payouts', {
      content,
      acceptDifference: true,
      note: 'Packeta short-paid one parcel; claim filed',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body).toMatchObject({
      number: expect.stringMatching(/^CP-\d{4}-00002$/),
      cod: '926.00',
      fees: '75.50',
      total: '850.50',
      counts: { matched: 1, short: 1, unknown: 1, settled: 1, over: 0 },
    });
    expect((await s.get('/cod/payouts')).body.items.map((p: { number: string }) => p.number)).toHaveLength(2);
    // The batch's figures are the sums of its rows.
    const kept = (await s.get(`/cod/payouts/${confirmed.body.id}`)).body;
    const sum = (k: 'paid' | 'fee') =>
      (kept.rows as Array<Record<string, string>>).reduce((a, r) => a + Math.round(Number(r[k]) * 100), 0);
    expect(kept.rows).toHaveLength(4);
    expect([sum('paid'), sum('fee'), sum('paid') - sum('fee')]).toEqual([92_600, 7_550, 85_050]);

    const paid = (await s.get(`/orders/${full.id}`)).body;
    expect(paid.codSettledAt).toEqual(expect.any(String));
    expect(paid.invoiceStatus).toMatchObject({ status: 'paid', remaining: '0.00' });
    const part = (await s.get(`/orders/${short.id}`)).body;
    expect(part.invoiceStatus).toMatchObject({ status: 'issued', remaining: '42.00' });
    expect((await s.get('/cod/open')).body.items).toEqual([]);

    // Fees of both payouts: Dr 518 / Cr 261 (money in transit, where the receipts went).
    const fees = (await owner.json('GET', `/api/t/${owner.tenant.slug}/accounting/journal?account=518`)).body;
    expect(fees.entries.map((e: { total: string }) => e.total).sort()).toEqual(['15.00', '75.50']);
    const transit = (await owner.json('GET', `/api/t/${owner.tenant.slug}/accounting/journal?account=261`)).body;
    expect(transit.entries.length).toBeGreaterThanOrEqual(5);

    // The other tenant sees none of it.
    expect((await shop(other).get('/cod/payouts')).body.items).toEqual([]);
    expect((await shop(other).get(`/cod/payouts/${confirmed.body.id}`)).status).toBe(404);
  });

  it('rejects a file it cannot read, with an error per line, and writes nothing', async () => {
    const bad = await s.post('/shipping/packeta/payouts/preview', {
      content: file([
        ['SO-X', '', 'abc', '1', 'CZK', today],
        ['', '', '10', '1', 'CZK', today],
        ['SO-Y', '', '10', '1', 'CZK', '31. 2. 2026'],
      ]),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('payout_rejected');
    expect(bad.body.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringContaining('2'),
      expect.stringContaining('3'),
      expect.stringContaining('4'),
    ]);
    const unreadable = await s.post('/shipping/packeta/payouts', { content: 'a;b\n1;2\n' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.code).toBe('payout_unreadable');
    expect((await s.get('/cod/payouts')).body.items).toHaveLength(2);
  });
});

describe('own courier run close with accounting', () => {
  it('pays the invoice from the cash handed over', async () => {
    const driver = await memberWith(t, owner, 'driver', ['orders.deliver']);
    const o = await s.order([{ productId, quantity: 1 }], {
      carrier: 'courier',
      cashOnDelivery: true,
      shipTo: { name: 'Petr Novák', street: 'Krátká 1', city: 'Praha', postalCode: '11000' },
    });
    for (const step of ['confirm', 'pick']) await s.post(`/orders/${o.id}/${step}`);
    await s.post(`/orders/${o.id}/picks`, { all: true });
    await s.post(`/orders/${o.id}/pack`);
    const run = (await s.post('/delivery/runs', { date: today, driverUserId: driver.userId, orderIds: [o.id] })).body;
    expect((await s.post(`/delivery/runs/${run.id}/start`)).status).toBe(200);
    const stop = run.stops[0].id as string;
    const done = await s.post(`/driver/runs/${run.id}/stops/${stop}/delivered`, { recipientName: 'Petr' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const closed = await s.post(`/delivery/runs/${run.id}/complete`, { cashHandedOver: '121.00' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const order = (await s.get(`/orders/${o.id}`)).body;
    expect(order.codSettledAt).toEqual(expect.any(String));
    expect(order.invoiceStatus).toMatchObject({ status: 'paid', remaining: '0.00' });
  });
});
