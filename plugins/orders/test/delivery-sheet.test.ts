/**
 * Own-courier dispatch aids and the stops' personal data (issue 14 item 5, issue 18) through the
 * HTTP API on a real database: the drivers a run can be planned for; the run sheet PDF for a driver
 * without a phone (stops in order, address, phone, cash to collect, signature boxes) in Czech and
 * English; an order's stops with the recipient and proof; and a data-subject request that finds the
 * recipient's name and the failure note and erases them (no duty keeps them), the stop and its cash kept.
 */
import { createTestBureau, pdfText, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { memberWith, shop } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let driver: TestUser;
let clerk: TestUser;
let s: ReturnType<typeof shop>;
let productId: string;
let runId: string;
const orders: Array<{ id: string; number: string }> = [];
const stops: string[] = [];

const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const address = (name: string, street: string, phone: string) => ({
  name,
  street,
  city: 'Praha',
  postalCode: '11000',
  phone,
});

async function packed(shipTo: ReturnType<typeof address>, cashOnDelivery: boolean) {
  const o = await s.order([{ productId, quantity: 2 }], {
    customer: { name: shipTo.name },
    carrier: 'courier',
    cashOnDelivery,
    shipTo,
  });
  for (const step of ['confirm', 'pick']) expect((await s.post(`/orders/${o.id}/${step}`)).status).toBe(200);
  await s.post(`/orders/${o.id}/picks`, { all: true });
  expect((await s.post(`/orders/${o.id}/pack`)).status).toBe(200);
  return o;
}

const sheetText = async (lang: string) => {
  const res = await owner.request('GET', `${s.base}/delivery/runs/${runId}/sheet?lang=${lang}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/pdf');
  return pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, ' ');
};

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  owner = await t.signup();
  await t.enableModule(owner, 'orders');
  s = shop(owner);
  driver = await memberWith(t, owner, 'driver', ['orders.deliver']);
  clerk = await memberWith(t, owner, 'clerk', ['orders.read']);
  productId = (await s.product('SHEET-1', { unitPrice: '100.00', vatRate: '21' })).id;
  await s.stock(productId, 20);
  orders.push(await packed(address('Jana Nováková', 'Dlouhá 12', '+420 601 123 456'), true));
  orders.push(await packed(address('Karel Dvořák', 'Krátká 3', '+420 602 000 111'), false));
  const run = await s.post('/delivery/runs', {
    date: '2026-12-07',
    driverUserId: driver.userId,
    orderIds: orders.map((o) => o.id),
  });
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  runId = run.body.id;
  stops.push(...run.body.stops.map((x: { id: string }) => x.id));
});
afterAll(() => t?.close());

describe('dispatch aids', () => {
  it('offers as drivers only the members whose role holds orders.deliver (and the owner)', async () => {
    const res = await s.get('/delivery/drivers');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((d: { userId: string }) => d.userId);
    expect(ids).toEqual(expect.arrayContaining([driver.userId, owner.userId]));
    expect(ids).not.toContain(clerk.userId);
    expect((await shop(clerk).get('/delivery/drivers')).status).toBe(403);
  });

  it('prints the run sheet with the stops in order, phones, cash and signature boxes, in Czech and English', async () => {
    const cs = await sheetText('cs');
    expect(cs).toContain('Rozvozový list DR-2026-00001');
    expect(cs).toContain('2 zastávky');
    const [a, b] = orders.map((o) => o.number);
    expect(cs.indexOf(`1. ${a}`)).toBeGreaterThan(-1);
    expect(cs.indexOf(`2. ${b}`)).toBeGreaterThan(cs.indexOf(`1. ${a}`));
    expect(cs).toContain('Dlouhá 12');
    expect(cs).toContain('Telefon +420 601 123 456');
    // 2 × 121.00 CZK cash on delivery for the first stop, nothing for the second.
    expect(cs).toMatch(/Vybrat 242,00\sKč/);
    expect(cs).toContain('Nic nevybírat');
    expect(cs).toContain('Převzal (jméno)');
    expect(cs).toContain('Podpis');
    expect(cs).toMatch(/Celkem vybrat na dobírku: 242,00\sKč/);

    const en = await sheetText('en');
    expect(en).toContain('Run sheet DR-2026-00001');
    expect(en).toContain('2 stops');
    expect(en).toContain('Phone +420 602 000 111');
    expect(en).toMatch(/Collect CZK\s?242\.00/);
    expect(en).toContain('Nothing to collect');
    expect(en).toContain('Received by (name)');
    expect(en).toContain('Signature');
    expect((await shop(driver).request('GET', `/delivery/runs/${runId}/sheet`)).status).toBe(403);
    expect((await s.request('GET', `/delivery/runs/${crypto.randomUUID()}/sheet`)).status).toBe(404);
  });

  it("lists an order's stops with the recipient and the proof, to whoever may read the order", async () => {
    expect((await s.post(`/delivery/runs/${runId}/start`)).status).toBe(200);
    const d = shop(driver);
    const done = await d.post(`/driver/runs/${runId}/stops/${stops[0]}/delivered`, {
      recipientName: 'Jana Nováková',
      proof: { kind: 'signature', dataUrl: `data:image/png;base64,${PIXEL_PNG}` },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const failed = await d.post(`/driver/runs/${runId}/stops/${stops[1]}/failed`, {
      reason: 'other',
      note: 'Pan Dvořák volal, ať přijedeme zítra',
    });
    expect(failed.status).toBe(200);
    const res = await shop(clerk).get(`/orders/${orders[0]?.id}/deliveries`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ runNumber: 'DR-2026-00001', status: 'delivered', recipientName: 'Jana Nováková' }),
    ]);
    expect(res.body.items[0].proofRecordId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.items[0].doneAt).toBeTruthy();
    expect((await s.get(`/orders/${crypto.randomUUID()}/deliveries`)).status).toBe(404);
  });
});

describe("the stops' personal data", () => {
  it('finds the recipient and the failure note for a request and erases them; the stop and its cash stay', async () => {
    const base = `/api/t/${owner.tenant.slug}/records/requests`;
    const req = await owner.json('POST', base, { kind: 'erasure', subject: { name: 'karel dvořák' } });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const data = await owner.json('GET', `${base}/${req.body.id}/data`);
    const mine = data.body.modules.find((m: { module: string }) => m.module === 'orders');
    const stop = mine.items.find((i: { id: string }) => i.id === stops[1]);
    expect(stop).toMatchObject({
      recordClass: 'orders.deliveries',
      data: { failureReason: 'other', failureNote: 'Pan Dvořák volal, ať přijedeme zítra' },
    });
    // A stop is not the order: erasing it must not take the order's own files with it.
    expect(stop.entityId).toBeUndefined();
    const erased = await owner.json('POST', `${base}/${req.body.id}/erase`, {
      items: [{ recordClass: 'orders.deliveries', id: stops[1] }],
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const run = (await s.get(`/delivery/runs/${runId}`)).body;
    expect(run.stops[1]).toMatchObject({ status: 'failed', failureReason: 'other', failureNote: null });
    expect(run.stops[0]).toMatchObject({ recipientName: 'Jana Nováková', codCollected: '242.00' });

    // Whoever took a parcel is found by the recipient's name too, not only as the customer.
    const jana = await owner.json('POST', base, { kind: 'erasure', subject: { name: 'Jana Nováková' } });
    const janaData = await owner.json('GET', `${base}/${jana.body.id}/data`);
    const janaItems = janaData.body.modules.find((m: { module: string }) => m.module === 'orders').items;
    expect(janaItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: stops[0], data: expect.objectContaining({ recipientName: 'Jana Nováková' }) }),
      ]),
    );
    // The order also holds the customer's own file: the signature goes with Jana's name, that file stays.
    const form = new FormData();
    form.set('file', new File([new TextEncoder().encode('%PDF-1.4 objednávka zákazníka')], 'objednavka.pdf'));
    form.set('entityType', 'orders.order');
    form.set('entityId', orders[0]?.id as string);
    const up = await t.app.request(`${t.origin}/api/t/${owner.tenant.slug}/records`, {
      method: 'POST',
      headers: { origin: t.origin, cookie: owner.cookie },
      body: form,
    });
    expect(up.status).toBe(201);
    const filesOfOrder = async () =>
      (
        await owner.json('GET', `/api/t/${owner.tenant.slug}/records?entityType=orders.order&entityId=${orders[0]?.id}`)
      ).body.records.map((r: { filename: string }) => r.filename);
    expect(await filesOfOrder()).toEqual(
      expect.arrayContaining(['objednavka.pdf', expect.stringMatching(/^delivery-signature-/)]),
    );
    const gone = await owner.json('POST', `${base}/${jana.body.id}/erase`, {
      items: [{ recordClass: 'orders.deliveries', id: stops[0] }],
    });
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect((await s.get(`/delivery/runs/${runId}`)).body.stops[0]).toMatchObject({
      recipientName: null,
      codCollected: '242.00',
    });
    expect(await filesOfOrder()).toEqual(['objednavka.pdf']);
    expect((await s.get(`/orders/${orders[0]?.id}/deliveries`)).body.items[0].proofRecordId).toBe(null);
  });
});
