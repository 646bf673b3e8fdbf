/**
 * Orders through its HTTP API on a real database (PGlite, or DATABASE_URL's PostgreSQL): products,
 * the stock ledger, a sales order from draft to delivered with picking by scan, partial shipment
 * with a backorder, cancellation, bad input with the stock unchanged, and another tenant's data.
 */
import { createTestBureau, pdfText, type TestBureau, type TestUser } from '@bureau/core';
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

describe('products', () => {
  it('creates a product by the issue contract and validates GTIN and VAT', async () => {
    const ok = await s.post('/products', {
      sku: 'MUG-1',
      name: { cs: 'Hrnek', en: 'Mug' },
      unitPrice: '199.90',
      vatRate: 'standard',
      gtin: '9780131103627',
      weightGrams: 350,
      prices: [{ currency: 'EUR', price: '8.50', validFrom: '2026-01-01' }],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({
      sku: 'MUG-1',
      unitPrice: '199.90',
      vatRate: 'standard',
      vatPercent: 21,
      currency: 'CZK',
    });
    const badGtin = await s.post('/products', {
      sku: 'BAD',
      name: 'x',
      unitPrice: '1',
      vatRate: '21',
      gtin: '9780131103628',
    });
    expect(badGtin.status).toBe(400);
    expect(badGtin.body.errors[0]).toMatchObject({ path: 'gtin', code: 'invalid_gtin' });
    const badVat = await s.post('/products', { sku: 'BAD', name: 'x', unitPrice: '1', vatRate: '19' });
    expect(badVat.status).toBe(400);
    expect(badVat.body.errors[0].path).toBe('vatRate');
    const dup = await s.post('/products', { sku: 'MUG-1', name: 'x', unitPrice: '1', vatRate: '21' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('sku_taken');
  });
});

describe('stock', () => {
  it('keeps on hand, reserved and available from the ledger and refuses going below zero', async () => {
    const p = await s.product('PEN-1');
    expect(await s.level(p.id)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    const up = await s.post('/stock/adjustments', { productId: p.id, quantity: 10, reason: 'opening' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(await s.level(p.id)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    const down = await s.post('/stock/adjustments', { productId: p.id, quantity: -11, reason: 'broken' });
    expect(down.status).toBe(409);
    expect(down.body.code).toBe('insufficient_stock');
    const frac = await s.post('/stock/adjustments', { productId: p.id, quantity: 1.5, reason: 'x' });
    expect(frac.status).toBe(400);
    expect(frac.body.errors[0].code).toBe('whole_units');
    const zero = await s.post('/stock/adjustments', { productId: p.id, quantity: 0, reason: 'x' });
    expect(zero.status).toBe(400);
    const unknown = await s.post('/stock/adjustments', {
      productId: '00000000-0000-7000-8000-000000000000',
      quantity: 1,
      reason: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('unknown_product');
    expect(await s.level(p.id)).toMatchObject({ onHand: 10, available: 10 });
    const moves = await s.get(`/stock/moves?productId=${p.id}`);
    expect(moves.body.items.map((m: { kind: string; onHand: number }) => [m.kind, m.onHand])).toEqual([
      ['adjustment', 10],
    ]);
  });

  it('posts an inventory count difference as a count move', async () => {
    const p = await s.product('CNT-1');
    await s.stock(p.id, 5);
    const loc = (await s.get(`/stock?productId=${p.id}`)).body.locations[0].locationId;
    const res = await s.post('/counts', { lines: [{ productId: p.id, locationId: loc, counted: 3 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.differences[0]).toMatchObject({ expected: 5, counted: 3, difference: -2 });
    expect(await s.level(p.id)).toMatchObject({ onHand: 3 });
  });

  it('lists products at their reorder point', async () => {
    const p = await s.product('RO-1', { reorderPoint: 5 });
    await s.stock(p.id, 4);
    const low = await s.get('/stock/reorder');
    expect(low.body.items.map((i: { sku: string }) => i.sku)).toContain('RO-1');
  });

  it('emits orders.stock.low once when available stock crosses the reorder point', async () => {
    const p = await s.product('RO-2', { reorderPoint: 3 });
    await s.stock(p.id, 6);
    const events = async () =>
      (
        await t.runtime.db
          .selectFrom('core.outbox')
          .select(['payload'])
          .where('type', '=', 'orders.stock.low')
          .execute()
      )
        .map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload))
        .filter((e) => e.productId === p.id);
    expect(await events()).toEqual([]);
    await s.stock(p.id, -2); // 4 available: still above
    expect(await events()).toEqual([]);
    const o = await s.order([{ productId: p.id, quantity: 1 }]);
    expect((await s.post(`/orders/${o.id}/confirm`)).status).toBe(200); // reserving 1 leaves 3: crossed
    expect(await events()).toEqual([{ productId: p.id, sku: 'RO-2', available: 3, reorderPoint: 3 }]);
    await s.stock(p.id, -1); // 2: below already, no new crossing
    expect(await events()).toHaveLength(1);
    await s.stock(p.id, 5); // 7: above again
    await s.stock(p.id, -4); // 3: crossed again
    expect((await events()).map((e) => e.available)).toEqual([3, 3]);
  });
});

describe('sales orders', () => {
  it('goes draft → confirmed → picking → packed → shipped → delivered, picking by scan', async () => {
    const mug = await s.product('SCAN-1', { gtin: '96385074', weightGrams: 300 });
    const other = await s.product('SCAN-2');
    await s.stock(mug.id, 5);
    await s.stock(other.id, 5);
    const o = await s.order([{ productId: mug.id, quantity: 2 }], {
      shipTo: { name: 'Jana', street: 'Dlouhá 1', city: 'Praha', postalCode: '11000' },
    });
    expect(o).toMatchObject({ status: 'draft', subtotal: '200.00', vat: '42.00', total: '242.00' });
    const confirmed = await s.post(`/orders/${o.id}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(await s.level(mug.id)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    const twice = await s.post(`/orders/${o.id}/confirm`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('invalid_transition');
    const early = await s.post(`/orders/${o.id}/ship`);
    expect(early.status).toBe(409);

    expect((await s.post(`/orders/${o.id}/pick`)).status).toBe(200);
    const wrong = await s.post(`/orders/${o.id}/picks`, { code: 'SCAN-2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('wrong_item');
    const nothing = await s.post(`/orders/${o.id}/picks`, { code: '0000000000000' });
    expect(nothing.body.code).toBe('unknown_barcode');
    const packEarly = await s.post(`/orders/${o.id}/pack`);
    expect(packEarly.status).toBe(409);
    const first = await s.post(`/orders/${o.id}/picks`, { code: '96385074' });
    expect(first.body.items[0]).toMatchObject({ picked: 1, remaining: 1, complete: false });
    const second = await s.post(`/orders/${o.id}/picks`, { code: 'SCAN-1' });
    expect(second.body.items[0]).toMatchObject({ picked: 1, remaining: 0, complete: true });
    const over = await s.post(`/orders/${o.id}/picks`, { code: 'SCAN-1' });
    expect(over.status).toBe(409);
    expect(await s.level(mug.id)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });

    expect((await s.post(`/orders/${o.id}/pack`)).status).toBe(200);
    const packed = await s.get(`/orders/${o.id}`);
    expect(packed.body.packages).toEqual([expect.objectContaining({ packageNo: 1, weightGrams: 600 })]);
    expect((await s.post(`/orders/${o.id}/ship`)).status).toBe(200);
    expect(await s.level(mug.id)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    const shipped = await s.get(`/orders/${o.id}`);
    expect(shipped.body).toMatchObject({ status: 'shipped', receiptNumber: expect.stringMatching(/^RC-\d{4}-00001$/) });
    expect(shipped.body.lines[0]).toMatchObject({ quantity: 2, shipped: 2 });
    expect((await s.post(`/orders/${o.id}/deliver`)).status).toBe(200);
    expect((await s.get(`/orders/${o.id}`)).body.status).toBe('delivered');
    const history = await s.get(`/orders/${o.id}/workflow`);
    expect(history.body.history.map((h: { to: { key: string } }) => h.to.key)).toEqual([
      'draft',
      'confirmed',
      'picking',
      'packed',
      'shipped',
      'delivered',
    ]);
  });

  it('refuses confirming with 409 insufficient_stock naming the lines short, reserving nothing', async () => {
    const a = await s.product('SHORT-A');
    const b = await s.product('SHORT-B');
    await s.stock(a.id, 3);
    await s.stock(b.id, 1);
    const o = await s.order([
      { productId: a.id, quantity: 2 },
      { productId: b.id, quantity: 4 },
    ]);
    const res = await owner.json('POST', `${s.base}/orders/${o.id}/confirm`, {}, { 'accept-language': 'cs' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('insufficient_stock');
    expect(res.body.lines).toEqual([{ lineNo: 2, productId: b.id, sku: 'SHORT-B', requested: 4, available: 1 }]);
    expect(res.body.title).toContain('Na 1 řádku chybí');
    expect(await s.level(a.id)).toMatchObject({ reserved: 0, available: 3 });
    expect((await s.get(`/orders/${o.id}`)).body.status).toBe('draft');
  });

  it('ships what is there and backorders the rest', async () => {
    const p = await s.product('PART-1');
    await s.stock(p.id, 3);
    const o = await s.order([{ productId: p.id, quantity: 5 }]);
    const res = await s.post(`/orders/${o.id}/backorder`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await s.level(p.id)).toMatchObject({ reserved: 3, available: 0 });
    await s.post(`/orders/${o.id}/pick`);
    await s.post(`/orders/${o.id}/picks`, { all: true });
    await s.post(`/orders/${o.id}/pack`);
    expect((await s.post(`/orders/${o.id}/ship`)).status).toBe(200);
    expect(await s.level(p.id)).toMatchObject({ onHand: 0, reserved: 0 });
    const list = await s.get(`/orders?q=&status=confirmed`);
    const back = list.body.items.find((x: { backorderOf: string }) => x.backorderOf === o.id);
    expect(back).toBeDefined();
    const detail = await s.get(`/orders/${back.id}`);
    expect(detail.body.lines[0]).toMatchObject({ quantity: 2, reserved: 0 });
    await s.stock(p.id, 2);
    expect((await s.post(`/orders/${back.id}/pick`)).status).toBe(409);
  });

  it('cancels before shipping and gives the stock back, also what was picked', async () => {
    const p = await s.product('CANC-1');
    await s.stock(p.id, 4);
    const o = await s.order([{ productId: p.id, quantity: 3 }]);
    await s.post(`/orders/${o.id}/confirm`);
    await s.post(`/orders/${o.id}/pick`);
    await s.post(`/orders/${o.id}/picks`, { code: 'CANC-1', quantity: 2 });
    expect((await s.post(`/orders/${o.id}/cancel`)).status).toBe(200);
    const level = (await s.get(`/stock?productId=${p.id}`)).body;
    expect(level).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    expect(level.locations).toHaveLength(1);
  });

  it('refuses unknown, inactive products and bad quantities with field errors', async () => {
    const p = await s.product('OLD-1');
    await s.patch(`/products/${p.id}`, { active: false });
    const res = await s.post('/orders', {
      customer: { name: 'X' },
      lines: [
        { productId: p.id, quantity: 1 },
        { productId: '00000000-0000-7000-8000-000000000000', quantity: 1 },
        { productId: p.id, quantity: -1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'lines.0.productId:inactive_product',
      'lines.1.productId:unknown_product',
      'lines.2.productId:inactive_product',
    ]);
    const q = await s.product('FRAC-1');
    const frac = await s.post('/orders', { customer: { name: 'X' }, lines: [{ productId: q.id, quantity: 0.5 }] });
    expect(frac.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'whole_units' });
    const neg = await s.post('/orders', { customer: { name: 'X' }, lines: [{ productId: q.id, quantity: -2 }] });
    expect(neg.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'invalid_quantity' });
  });

  it('picks kits as their components', async () => {
    const cup = await s.product('KIT-CUP');
    const saucer = await s.product('KIT-SAUCER');
    const kit = await s.post('/products', {
      sku: 'KIT-SET',
      name: 'Cup and saucer',
      unitPrice: '300',
      vatRate: '21',
      kitComponents: [
        { productId: cup.id, quantity: 1 },
        { productId: saucer.id, quantity: 2 },
      ],
    });
    expect(kit.status, JSON.stringify(kit.body)).toBe(201);
    await s.stock(cup.id, 2);
    await s.stock(saucer.id, 3);
    const o = await s.order([{ productId: kit.body.id, quantity: 1 }]);
    expect((await s.post(`/orders/${o.id}/confirm`)).status).toBe(200);
    expect(await s.level(saucer.id)).toMatchObject({ reserved: 2, available: 1 });
    const two = await s.order([{ productId: kit.body.id, quantity: 1 }]);
    const refused = await s.post(`/orders/${two.id}/confirm`);
    expect(refused.status).toBe(409);
    const kitStock = await s.post('/stock/adjustments', { productId: kit.body.id, quantity: 1, reason: 'x' });
    expect(kitStock.body.code).toBe('kit_not_stocked');
  });

  it("never shows another tenant's orders or stock", async () => {
    const mine = await s.get('/orders');
    const id = mine.body.items[0].id as string;
    const theirs = shop(other);
    expect((await theirs.get(`/orders/${id}`)).status).toBe(404);
    expect((await theirs.get('/orders')).body.items).toEqual([]);
    expect((await theirs.post(`/orders/${id}/cancel`)).status).toBe(404);
    const p = (await s.get('/products')).body.items[0];
    expect((await theirs.get(`/stock?productId=${p.id}`)).status).toBe(404);
    expect((await theirs.post('/stock/adjustments', { productId: p.id, quantity: 1, reason: 'x' })).status).toBe(400);
  });
});

/** Ships an order of `lines` for the shop: confirm, pick all, pack, ship. */
async function shipped(x: ReturnType<typeof shop>, lines: Array<{ productId: string; quantity: number }>, extra = {}) {
  const o = await x.order(lines, extra);
  for (const step of ['confirm', 'pick'] as const) {
    const r = await x.post(`/orders/${o.id}/${step}`);
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
  await x.post(`/orders/${o.id}/picks`, { all: true });
  expect((await x.post(`/orders/${o.id}/pack`)).status).toBe(200);
  const res = await x.post(`/orders/${o.id}/ship`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return o;
}

describe('receipt and label without accounting', () => {
  let orderId: string;
  let number: string;

  beforeAll(async () => {
    const p = await s.product('RCP-1', { name: { cs: 'Čajová konvice', en: 'Teapot' }, unitPrice: '500.00' });
    await s.stock(p.id, 5);
    const o = await shipped(s, [{ productId: p.id, quantity: 2 }], {
      shipTo: {
        name: 'Jana Nováková',
        street: 'Dlouhá 12',
        city: 'Brno',
        postalCode: '60200',
        phone: '+420 601 123 456',
      },
      cashOnDelivery: true,
    });
    orderId = o.id;
    number = o.number;
  });

  it('prints the receipt in Czech and English with the seller from the company profile, lines, VAT and total', async () => {
    const profile = await owner.json('PUT', `/api/t/${owner.tenant.slug}/profile`, {
      legalName: 'Čajovna Pod Lípou s.r.o.',
      ico: '25596641',
      street: 'Nerudova 5',
      city: 'Praha 1',
      zip: '11800',
      country: 'CZ',
      defaultCurrency: 'CZK',
      locale: 'cs',
    });
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    const detail = (await s.get(`/orders/${orderId}`)).body;
    expect(detail.receiptNumber).toMatch(/^RC-\d{4}-\d{5}$/);
    const cs = await owner.request('GET', `${s.base}/orders/${orderId}/receipt?lang=cs`);
    expect(cs.status).toBe(200);
    expect(cs.headers.get('content-type')).toBe('application/pdf');
    const csText = pdfText(Buffer.from(await cs.arrayBuffer()));
    expect(csText).toContain(`Účtenka ${detail.receiptNumber}`);
    expect(csText).toContain('RCP-1 Čajová konvice');
    expect(csText).toContain('Čajovna Pod Lípou s.r.o.');
    expect(csText).toContain('Nerudova 5');
    // 2 × 500,00 = 1 000,00 base, 21 % VAT 210,00, total 1 210,00 (non-breaking spaces in cs-CZ).
    expect(csText.replace(/\s/g, ' ')).toContain('Celkem k úhradě: 1 210,00 Kč');
    expect(csText).toContain('Platba na dobírku');
    const en = await owner.request('GET', `${s.base}/orders/${orderId}/receipt?lang=en`);
    const enText = pdfText(Buffer.from(await en.arrayBuffer())).replace(/\s/g, ' ');
    expect(enText).toContain(`Receipt ${detail.receiptNumber}`);
    expect(enText).toContain('Total to pay: CZK 1,210.00');
  });

  it('prints an A6 label per package with the recipient and the order number', async () => {
    const res = await owner.request('GET', `${s.base}/orders/${orderId}/label?lang=cs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 297\.6\d* 419\.5\d*\]/);
    const text = pdfText(pdf);
    expect(text).toContain('Jana Nováková');
    expect(text).toContain('60200 Brno');
    expect(text).toContain(number);
    expect(text).toContain('DOBÍRKA');
    expect(text).toContain('Balík 1 z 1');
  });

  it('refuses a label before packing and a receipt for an order without one', async () => {
    const p = await s.product('RCP-2');
    await s.stock(p.id, 1);
    const o = await s.order([{ productId: p.id, quantity: 1 }]);
    const label = await s.get(`/orders/${o.id}/label`);
    expect(label.status).toBe(409);
    expect(label.body.code).toBe('no_label');
    const receipt = await s.get(`/orders/${o.id}/receipt`);
    expect(receipt.status).toBe(409);
    expect(receipt.body.code).toBe('no_receipt');
  });

  it("answers 404 for another tenant's order", async () => {
    expect((await shop(other).get(`/orders/${orderId}/receipt`)).status).toBe(404);
    expect((await shop(other).get(`/orders/${orderId}/label`)).status).toBe(404);
    expect((await s.get('/orders/00000000-0000-7000-8000-000000000000/label')).status).toBe(404);
  });
});

describe('Packeta export and tracking read-back', () => {
  it('exports packed packages as the Packeta CSV and reads the barcodes back', async () => {
    const p = await s.product('PKT-1', { unitPrice: '100.00', weightGrams: 250 });
    await s.stock(p.id, 10);
    const o = await s.order([{ productId: p.id, quantity: 4 }], {
      shipTo: {
        name: 'Jana Nováková',
        street: 'Dlouhá 12',
        city: 'Brno',
        postalCode: '602 00',
        phone: '+420601123456',
        pickupPointId: '12345',
      },
      cashOnDelivery: true,
    });
    await s.post(`/orders/${o.id}/confirm`);
    await s.post(`/orders/${o.id}/pick`);
    await s.post(`/orders/${o.id}/picks`, { all: true });
    expect((await s.post(`/orders/${o.id}/packages`, { weightGrams: 600 })).status).toBe(201);
    expect((await s.post(`/orders/${o.id}/packages`, { weightGrams: 450 })).status).toBe(201);
    expect((await s.post(`/orders/${o.id}/pack`)).status).toBe(200);
    const home = await s.order([{ productId: p.id, quantity: 1 }]);
    for (const step of ['confirm', 'pick'] as const) await s.post(`/orders/${home.id}/${step}`);
    await s.post(`/orders/${home.id}/picks`, { all: true });
    await s.post(`/orders/${home.id}/pack`);

    const refused = await s.get('/shipping/packeta/export');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('pickup_point_missing');
    expect(refused.body.orders).toContain(home.number);

    const res = await owner.request('GET', `${s.base}/shipping/packeta/export?homeDeliveryCarrierId=106`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = await res.text();
    const rows = csv
      .trim()
      .split('\r\n')
      .map((l) => l.split('","').map((c) => c.replace(/^"|"$/g, '')));
    expect(rows[0]).toEqual(['version 6']);
    const first = rows.find((r) => r[1] === `${o.number}-1`);
    const second = rows.find((r) => r[1] === `${o.number}-2`);
    // 4 × 100 + 21 % = 484.00; COD in whole crowns on the first package only; weight in kg.
    expect(first?.slice(0, 19)).toEqual([
      '',
      `${o.number}-1`,
      'Jana',
      'Nováková',
      '',
      '',
      '+420601123456',
      '484',
      'CZK',
      '484.00',
      '0.600',
      '12345',
      '',
      '0',
      '',
      'Dlouhá',
      '12',
      'Brno',
      '60200',
    ]);
    expect(first).toHaveLength(24);
    expect(second?.[7]).toBe('');
    expect(second?.[10]).toBe('0.450');
    expect(rows.find((r) => r[1] === home.number)?.[11]).toBe('106');

    const answer = `Order number;Barcode;Status\n${o.number}-1;Z 123 4567 890;ok\n${o.number}-2;Z1234567891;ok\n`;
    const theirs = await shop(other).post('/shipping/packeta/tracking', { content: answer });
    expect(theirs.status).toBe(400);
    expect(theirs.body.code).toBe('tracking_rejected');
    const read = await s.post('/shipping/packeta/tracking', { content: answer });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.updated).toHaveLength(2);
    const detail = (await s.get(`/orders/${o.id}`)).body;
    expect(detail.trackingNumber).toBe('Z1234567890');
    expect(detail.packages.map((x: { trackingNumber: string }) => x.trackingNumber)).toEqual([
      'Z1234567890',
      'Z1234567891',
    ]);
    const again = await s.post('/shipping/packeta/tracking', { content: answer });
    expect(again.status).toBe(400);
    expect(again.body.errors).toHaveLength(2);
    const unreadable = await s.post('/shipping/packeta/tracking', { content: 'a;b\n1;2\n' });
    expect(unreadable.body.code).toBe('tracking_unreadable');
    const after = await (
      await owner.request('GET', `${s.base}/shipping/packeta/export?homeDeliveryCarrierId=106`)
    ).text();
    expect(after).not.toContain(`${o.number}-1`);
  });
});

describe('wave pick list', () => {
  it('sums what is left to pick per bin over several orders, in pick-walk order', async () => {
    const main = (await s.get('/warehouses')).body.items[0];
    const a = await s.product('WAVE-A');
    const b = await s.product('WAVE-B');
    await s.stock(a.id, 5);
    // A bin earlier on the walk than the first one; stock of A went to the first bin before it existed.
    const early = await s.post(`/warehouses/${main.id}/locations`, { code: 'A-00-01', pickPath: 1 });
    expect(early.status, JSON.stringify(early.body)).toBe(201);
    await s.stock(b.id, 5, { locationId: early.body.id });
    const one = await s.order([
      { productId: a.id, quantity: 2 },
      { productId: b.id, quantity: 1 },
    ]);
    const two = await s.order([{ productId: a.id, quantity: 3 }]);
    for (const o of [one, two]) expect((await s.post(`/orders/${o.id}/confirm`)).status).toBe(200);
    const list = await s.get(`/pick-list?orderIds=${one.id},${two.id}`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.orders.map((o: { number: string }) => o.number)).toEqual([one.number, two.number]);
    expect(
      list.body.lines.map((l: { location: string; sku: string; quantity: number }) => [l.location, l.sku, l.quantity]),
    ).toEqual([
      ['A-00-01', 'WAVE-B', 1],
      ['A-01-01', 'WAVE-A', 5],
    ]);
    expect(list.body.lines[1].orders).toEqual([
      { orderId: one.id, number: one.number, quantity: 2 },
      { orderId: two.id, number: two.number, quantity: 3 },
    ]);
    await s.post(`/orders/${two.id}/pick`);
    await s.post(`/orders/${two.id}/picks`, { code: 'WAVE-A', quantity: 2 });
    const after = await s.get(`/pick-list?orderIds=${one.id},${two.id}`);
    expect(after.body.lines[1].quantity).toBe(3);
    expect((await s.get('/pick-list?orderIds=not-an-id')).status).toBe(400);
    expect((await shop(other).get(`/pick-list?orderIds=${one.id}`)).body.lines).toEqual([]);
  });
});
