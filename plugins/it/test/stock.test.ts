/**
 * Accessories, consumables and licences through the HTTP API on a real database (PGlite, or
 * DATABASE_URL's PostgreSQL): quantities, loans and issues, the database's refusal to give out more
 * than is available (also concurrently), low-stock alerts once per dip in the inbox, licence seats
 * to members and devices with over-allocation refused by the database, seats lowered below use,
 * expiry alerts once per expiry date (re-armed by a renewal), and another tenant.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { count, inbox, itApi, memberWith } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let other: TestUser;
let api: ReturnType<typeof itApi>;
let now = new Date('2026-03-02T09:00:00+01:00');

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin], clock: { now: () => now } });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'it');
  await t.enableModule(other, 'it');
  member = await memberWith(t, owner, 'member');
  api = itApi(owner);
});
afterAll(() => t?.close());

describe('accessories and consumables', () => {
  it('lends accessories, takes them back, and refuses more than is available; nothing written', async () => {
    const res = await api.post('/stock', { kind: 'accessory', name: 'USB-C dock', quantity: 3, minQuantity: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ onHand: 3, onLoan: 0, available: 3, low: false, unit: 'ks' });
    const id = res.body.id;
    const lent = await api.post(`/stock/${id}/out`, { quantity: 2, userId: member.userId });
    expect(lent.status, JSON.stringify(lent.body)).toBe(200);
    expect(lent.body).toMatchObject({ onHand: 3, onLoan: 2, available: 1, low: true });
    expect(lent.body.loans).toHaveLength(1);

    const [moves, loans] = [await count(t, 'stock_moves'), await count(t, 'stock_loans')];
    const tooMany = await api.post(`/stock/${id}/out`, { quantity: 2, userId: owner.userId });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ code: 'insufficient_stock' });
    expect(tooMany.body.title).toBe('Nedostatek položky USB-C dock: k dispozici 1 ks');
    expect([await count(t, 'stock_moves'), await count(t, 'stock_loans')]).toEqual([moves, loans]);

    // Holders: exactly one, a member, a location; a licence-only holder (an asset) is not one.
    const asset = await api.asset({ name: 'Desk PC' });
    for (const [body, code] of [
      [{ quantity: 1 }, 'one_holder'],
      [{ quantity: 1, userId: other.userId }, 'holder_not_member'],
      [{ quantity: 1, employeeId: asset.id }, 'hr_not_enabled'],
      [{ quantity: 0, userId: owner.userId }, 'invalid_input'],
    ] as const) {
      const r = await api.post(`/stock/${id}/out`, body);
      expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, code]);
    }

    // The member's loan is on their holder history; taking it back frees the units, once.
    const mine = await api.get(`/stock-loans?holderType=user&holderId=${member.userId}&open=true`);
    expect(mine.body.items).toMatchObject([{ itemName: 'USB-C dock', quantity: 2 }]);
    const loanId = mine.body.items[0].id;
    const back = await api.post(`/stock/${id}/loans/${loanId}/checkin`);
    expect(back.body).toMatchObject({ onLoan: 0, available: 3, low: false });
    expect((await api.post(`/stock/${id}/loans/${loanId}/checkin`)).body.code).toBe('loan_returned');
    expect(back.body.moves.map((m: { kind: string }) => m.kind)).toEqual(['checkin', 'checkout', 'receive']);

    // A count below what is on loan is refused.
    await api.post(`/stock/${id}/out`, { quantity: 2, userId: member.userId });
    const counted = await api.post(`/stock/${id}/count`, { onHand: 1 });
    expect([counted.status, counted.body.code]).toEqual([409, 'below_on_loan']);
  });

  it('issues consumables, alerts once per dip below the minimum through the inbox, re-arms on restock', async () => {
    const toner = (await api.post('/stock', { kind: 'consumable', name: 'Toner HP 59A', quantity: 5, minQuantity: 2 }))
      .body;
    const before = (await inbox(owner)).filter((n) => n.category === 'it.stock_low').length;
    const issued = await api.post(`/stock/${toner.id}/out`, { quantity: 3 });
    expect(issued.body).toMatchObject({ onHand: 2, onLoan: 0, low: true });
    await api.post(`/stock/${toner.id}/out`, { quantity: 1, userId: member.userId });
    let alerts = (await inbox(owner)).filter((n) => n.category === 'it.stock_low');
    expect(alerts.length - before).toBe(1);
    expect(alerts[0]).toMatchObject({ title: 'Dochází zásoba: Toner HP 59A', link: `/it/stock/${toner.id}` });
    expect(alerts[0]?.body).toBe('Zbývá 2 ks (minimum 2)');
    // The member (no it.assets.manage) gets nothing.
    expect((await inbox(member)).filter((n) => n.category === 'it.stock_low')).toEqual([]);

    await api.post(`/stock/${toner.id}/receive`, { quantity: 10 });
    await api.post(`/stock/${toner.id}/out`, { quantity: 9 });
    alerts = (await inbox(owner)).filter((n) => n.category === 'it.stock_low');
    expect(alerts.length - before).toBe(2);
    const low = await api.get('/stock?low=true&kind=consumable');
    expect(low.body.items.map((s: { name: string }) => s.name)).toEqual(['Toner HP 59A']);
    // Consumables are not lent.
    const loanless = await api.post(`/stock/${toner.id}/loans/${toner.id}/checkin`);
    expect([loanless.status, loanless.body.code]).toEqual([400, 'only_accessories']);
  });

  it('lets concurrent loans take at most what there is (the database CHECK)', async () => {
    const id = (await api.post('/stock', { kind: 'accessory', name: 'Headset', quantity: 4 })).body.id;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => api.post(`/stock/${id}/out`, { quantity: 1, userId: owner.userId })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'insufficient_stock')).toBe(true);
    expect((await api.get(`/stock/${id}`)).body).toMatchObject({ onLoan: 4, available: 0 });
  });

  it('keeps 0 ≤ on loan ≤ on hand whatever sequence of operations is tried', async () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('receive' as const), n: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ k: fc.constant('out' as const), n: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ k: fc.constant('back' as const), n: fc.nat(3) }),
      fc.record({ k: fc.constant('count' as const), n: fc.nat(8) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), async (ops) => {
        const id = (await api.post('/stock', { kind: 'accessory', name: `Cable ${run++}`, quantity: 2 })).body.id;
        for (const o of ops) {
          if (o.k === 'receive') await api.post(`/stock/${id}/receive`, { quantity: o.n });
          if (o.k === 'out') await api.post(`/stock/${id}/out`, { quantity: o.n, userId: owner.userId });
          if (o.k === 'count') await api.post(`/stock/${id}/count`, { onHand: o.n });
          if (o.k === 'back') {
            const open = (await api.get(`/stock/${id}`)).body.loans.filter(
              (l: { checkedInAt: string | null }) => !l.checkedInAt,
            );
            if (open[o.n % Math.max(open.length, 1)])
              await api.post(`/stock/${id}/loans/${open[o.n % open.length].id}/checkin`);
          }
          const s = (await api.get(`/stock/${id}`)).body;
          const openSum = s.loans
            .filter((l: { checkedInAt: string | null }) => !l.checkedInAt)
            .reduce((a: number, l: { quantity: number }) => a + l.quantity, 0);
          expect(s.onLoan).toBe(openSum);
          expect(s.onLoan).toBeGreaterThanOrEqual(0);
          expect(s.onLoan).toBeLessThanOrEqual(s.onHand);
          expect(s.moves[0]?.onHandAfter).toBe(s.onHand);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('refuses duplicates and bad input, and hides one tenant from another', async () => {
    const dup = await api.post('/stock', { kind: 'consumable', name: 'toner hp 59a' });
    expect([dup.status, dup.body.code]).toEqual([409, 'stock_item_taken']);
    expect((await api.post('/stock', { kind: 'gadget', name: 'X' })).status).toBe(400);
    expect((await api.post('/stock', { kind: 'accessory', name: 'X', quantity: -1 })).status).toBe(400);
    const mine = (await api.get('/stock')).body.items[0];
    const theirs = itApi(other);
    expect((await theirs.get(`/stock/${mine.id}`)).status).toBe(404);
    expect((await theirs.post(`/stock/${mine.id}/receive`, { quantity: 1 })).status).toBe(404);
    expect((await theirs.get('/stock')).body.items).toEqual([]);
    expect((await api.post('/stock', { kind: 'accessory', name: 'Mouse' }, member)).status).toBe(403);
  });
});

describe('licences', () => {
  it('gives seats to members and devices, never more than bought (also concurrently), and frees them', async () => {
    const res = await api.post('/licences', {
      name: 'Microsoft 365 Business',
      vendor: 'Microsoft',
      seats: 2,
      expiresOn: '2026-12-31',
      cost: '5990',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ seats: 2, seatsUsed: 0, seatsFree: 2, cost: '5990.00', currency: 'CZK' });
    const id = res.body.id;
    const laptop = await api.asset({ name: 'ThinkPad' });
    expect((await api.post(`/licences/${id}/seats`, { userId: member.userId })).status).toBe(201);
    const dupe = await api.post(`/licences/${id}/seats`, { userId: member.userId });
    expect([dupe.status, dupe.body.code]).toEqual([409, 'seat_taken']);
    const seats = await count(t, 'licence_seats');
    const results = await Promise.all([
      api.post(`/licences/${id}/seats`, { assetId: laptop.id }),
      api.post(`/licences/${id}/seats`, { userId: owner.userId }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.body.code).toBe('no_free_seats');
    expect(refused?.body.title).toBe('Licence Microsoft 365 Business má obsazena všechna místa (2 místa)');
    // A holder with no seat yet (whichever of the two above won the race): refused as full, in English.
    const spare = await api.asset({ name: 'Spare PC' });
    const en = await owner.json(
      'POST',
      `${api.base}/licences/${id}/seats`,
      { assetId: spare.id },
      {
        'accept-language': 'en',
      },
    );
    expect(en.body.title).toBe('All 2 seats of Microsoft 365 Business are taken');
    expect(await count(t, 'licence_seats')).toBe(seats + 1);
    const full = (await api.get(`/licences/${id}`)).body;
    expect(full).toMatchObject({ seatsUsed: 2, seatsFree: 0 });

    // Lowering the seats below what is used is refused by the same rule; raising them is fine.
    const patch = (body: unknown) => owner.json('PATCH', `${api.base}/licences/${id}`, body);
    const low = await patch({ seats: 1 });
    expect([low.status, low.body.code]).toEqual([409, 'seats_in_use']);
    expect((await patch({ seats: 3 })).body).toMatchObject({ seats: 3, seatsFree: 1 });

    // Releasing frees a seat once; the holder's seats list it.
    const seat = full.seatList.find((s: { holderType: string }) => s.holderType === 'user');
    const released = await api.post(`/licences/${id}/seats/${seat.id}/release`);
    expect(released.body).toMatchObject({ seatsUsed: 1 });
    expect((await api.post(`/licences/${id}/seats/${seat.id}/release`)).body.code).toBe('seat_released');
    const history = await api.get(`/licence-seats?holderType=user&holderId=${seat.holderId}`);
    expect(history.body.items[0]).toMatchObject({ licence: 'Microsoft 365 Business' });
    expect(history.body.items[0].releasedAt).not.toBeNull();
    // A location does not hold licences.
    const loc = (await api.post('/locations', { name: 'Server room' })).body;
    expect((await api.post(`/licences/${id}/seats`, { locationId: loc.id })).body.code).toBe('one_holder');
    // Another tenant sees nothing.
    expect((await itApi(other).get(`/licences/${id}`)).status).toBe(404);
    expect((await itApi(other).post(`/licences/${id}/seats`, { userId: other.userId })).status).toBe(404);
  });

  it('frees the seats of a retired device, each licence by what it lost, and gives a retired device none', async () => {
    const [a, b] = [
      (await api.post('/licences', { name: 'Windows 11 Pro', seats: 2 })).body.id,
      (await api.post('/licences', { name: 'ESET Endpoint', seats: 3 })).body.id,
    ];
    const [pc, kept] = [await api.asset({ name: 'Reception PC' }), await api.asset({ name: 'Office PC' })];
    for (const [licence, body] of [
      [a, { assetId: pc.id }],
      [b, { assetId: pc.id }],
      [b, { assetId: kept.id }],
      [b, { userId: member.userId }],
    ] as const) {
      const res = await api.post(`/licences/${licence}/seats`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expect((await api.post(`/assets/${pc.id}/repair`)).status).toBe(200);
    const retired = await api.post(`/assets/${pc.id}/retire`, { reason: 'scrapped' });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);

    const [winAfter, esetAfter] = [(await api.get(`/licences/${a}`)).body, (await api.get(`/licences/${b}`)).body];
    expect(winAfter).toMatchObject({ seatsUsed: 0, seatsFree: 2 });
    expect(esetAfter).toMatchObject({ seatsUsed: 2, seatsFree: 1 });
    const open = (l: { seatList: Array<{ holderId: string; releasedAt: string | null }> }) =>
      l.seatList.filter((s) => !s.releasedAt).map((s) => s.holderId);
    expect(open(winAfter)).toEqual([]);
    expect(open(esetAfter).sort()).toEqual([kept.id, member.userId].sort());
    // The device's seat history says when; the audit says why.
    const history = (await api.get(`/licence-seats?holderType=asset&holderId=${pc.id}`)).body.items;
    expect(history).toHaveLength(2);
    expect(history.every((s: { releasedAt: string | null }) => s.releasedAt !== null)).toBe(true);
    const audit = await t.runtime.db
      .selectFrom('core.audit_log')
      .select('after')
      .where('action', '=', 'it.licence.seat_released')
      .where('entity_id', 'in', [a, b])
      .execute();
    expect(audit.map((r) => (r.after as { reason?: string }).reason)).toEqual(['asset_retired', 'asset_retired']);

    // A retired device takes no seat, and nothing is written.
    const seats = await count(t, 'licence_seats');
    const refused = await api.post(`/licences/${a}/seats`, { assetId: pc.id });
    expect([refused.status, refused.body.code]).toEqual([400, 'asset_retired']);
    expect(refused.body.errors).toMatchObject([{ path: 'assetId' }]);
    expect(refused.body.title).toBe(`Majetek ${pc.tag} je vyřazen`);
    expect(await count(t, 'licence_seats')).toBe(seats);
    expect((await api.get(`/licences/${a}`)).body.seatsUsed).toBe(0);

    // A device reported lost (checked out at the time) frees its seats the same way.
    const laptop = await api.asset({ name: 'Sales laptop' });
    expect((await api.post(`/licences/${a}/seats`, { assetId: laptop.id })).status).toBe(201);
    expect((await api.post(`/assets/${laptop.id}/checkout`, { userId: member.userId })).status).toBe(200);
    const lost = await api.post(`/assets/${laptop.id}/lose`, { note: 'left on the train' });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect((await api.get(`/licences/${a}`)).body).toMatchObject({ seatsUsed: 0, seatsFree: 2 });
    expect((await api.get(`/assets/${laptop.id}`)).body).toMatchObject({ status: 'lost', holder: null });
    const lostAudit = await t.runtime.db
      .selectFrom('core.audit_log')
      .select('after')
      .where('action', '=', 'it.licence.seat_released')
      .where('entity_id', '=', a)
      .execute();
    expect(lostAudit.map((r) => (r.after as { reason?: string }).reason)).toContain('asset_lost');
  });

  it('alerts once when a licence comes within its notice days, again after a renewal, in the inbox', async () => {
    const id = (await api.post('/licences', { name: 'Adobe CC', seats: 5, expiresOn: '2026-04-15', noticeDays: 30 }))
      .body.id;
    const alerts = async () => (await inbox(owner)).filter((n) => n.category === 'it.licence_expiring');
    await t.schedules.runDue(new Date('2026-03-14T06:00:00+01:00')); // 32 days before: not yet
    expect(await alerts()).toEqual([]);
    now = new Date('2026-03-17T09:00:00+01:00');
    await t.schedules.runDue(new Date('2026-03-17T06:00:00+01:00'));
    await t.schedules.runDue(new Date('2026-03-18T06:00:00+01:00'));
    expect(await alerts()).toHaveLength(1);
    expect((await alerts())[0]).toMatchObject({
      title: 'Licence Adobe CC vyprší 15. 4. 2026',
      link: `/it/licences/${id}`,
    });
    expect((await api.get('/licences?state=expiring')).body.items.map((l: { name: string }) => l.name)).toEqual([
      'Adobe CC',
    ]);
    // Renewed for a year: the alert re-arms for the new date only.
    await owner.json('PATCH', `${api.base}/licences/${id}`, { expiresOn: '2027-04-15' });
    await t.schedules.runDue(new Date('2026-03-19T06:00:00+01:00'));
    expect(await alerts()).toHaveLength(1);
    await t.schedules.runDue(new Date('2027-03-20T06:00:00+01:00'));
    expect(await alerts()).toHaveLength(2);
  });

  it('refuses bad licences', async () => {
    expect((await api.post('/licences', { name: 'X', seats: 0 })).status).toBe(400);
    expect((await api.post('/licences', { name: 'X', seats: 1, expiresOn: '2026-02-30' })).status).toBe(400);
    const dup = await api.post('/licences', { name: 'adobe cc', seats: 1 });
    expect([dup.status, dup.body.code]).toEqual([409, 'licence_taken']);
  });
});
