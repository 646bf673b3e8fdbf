/**
 * Assets and assignments through the HTTP API on a real database (PGlite, or DATABASE_URL's
 * PostgreSQL): categories with custom fields, generated and unique tags, unique serials, the list
 * with search and CSV, check-out to a member / location / asset, the double check-out refusal (also
 * concurrent), check-in, history per asset and per person, acknowledgement, retirement with a reason
 * and another tenant's data.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { count, itApi, memberWith } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let other: TestUser;
let api: ReturnType<typeof itApi>;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'it');
  await t.enableModule(other, 'it');
  member = await memberWith(t, owner, 'member');
  api = itApi(owner);
});
afterAll(() => t?.close());

describe('assets', () => {
  it('registers assets with generated tags, categories with custom fields and unique tags and serials', async () => {
    const cat = await api.post('/categories', {
      name: 'Phones',
      fields: [
        { key: 'imei', label: 'IMEI', required: true },
        { key: 'storage_gb', label: 'Storage', type: 'number' },
      ],
    });
    expect(cat.status, JSON.stringify(cat.body)).toBe(201);
    const phone = await api.post('/assets', {
      name: 'iPhone 15',
      category: cat.body.id,
      serialNumber: 'F17XK1',
      purchaseDate: '2026-03-02',
      purchasePrice: '21990.5',
      warrantyUntil: '2028-03-02',
      custom: { imei: '356938035643809', storage_gb: 128 },
    });
    expect(phone.status, JSON.stringify(phone.body)).toBe(201);
    expect(phone.body).toMatchObject({
      tag: 'IT-00001',
      status: 'in_stock',
      category: 'Phones',
      purchasePrice: '21990.50',
      currency: 'CZK',
      warrantyUntil: '2028-03-02',
      custom: { imei: '356938035643809', storage_gb: 128 },
    });
    // A category named by name is found case-insensitively, or created.
    const laptop = await api.asset({ name: 'ThinkPad T14', category: 'laptops' });
    expect(laptop.tag).toBe('IT-00002');
    expect((await api.get('/categories')).body.items.map((c: { name: string }) => c.name)).toEqual([
      'laptops',
      'Phones',
    ]);

    const before = await count(t, 'assets');
    const missing = await api.post('/assets', { name: 'No IMEI', category: 'Phones', custom: { storage_gb: 'lots' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'custom.imei',
      'custom.storage_gb',
    ]);
    const dupTag = await api.post('/assets', { name: 'Again', category: 'laptops', tag: 'it-00001' });
    expect(dupTag.status).toBe(409);
    expect(dupTag.body).toMatchObject({ code: 'tag_taken', errors: [{ path: 'tag' }] });
    const dupSerial = await api.post('/assets', {
      name: 'Clone',
      category: 'Phones',
      serialNumber: 'F17XK1',
      custom: { imei: '1' },
    });
    expect(dupSerial.status).toBe(409);
    expect(dupSerial.body.code).toBe('serial_taken');
    const cs = await owner.json(
      'POST',
      `${api.base}/assets`,
      { name: 'x', category: 'laptops', tag: 'IT-00002' },
      { 'accept-language': 'cs' },
    );
    expect(cs.body.title).toBe('Inventární štítek IT-00002 už je použitý');
    const bad = await api.post('/assets', {
      name: '',
      category: 'x',
      purchasePrice: '1,5',
      warrantyUntil: '2026-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'name',
      'purchasePrice',
      'warrantyUntil',
    ]);
    expect(await count(t, 'assets')).toBe(before);

    // A hand-typed tag that a generated one would reach is skipped.
    await api.asset({ name: 'Monitor', tag: 'IT-00003' });
    expect((await api.asset({ name: 'Dock' })).tag).toBe('IT-00004');

    const found = await api.get('/assets?q=F17XK1');
    expect(found.body.items.map((a: { tag: string }) => a.tag)).toEqual(['IT-00001']);
    const soon = await api.get('/assets?warrantyUntil=2028-12-31');
    expect(soon.body.items.map((a: { tag: string }) => a.tag)).toEqual(['IT-00001']);
    const csv = await owner.request('GET', `${api.base}/assets?format=csv&sort=tag&dir=asc&lang=en`);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('Tag,Name,Category,Serial number,Status,Holder,Purchased,Price,Warranty until');
    expect(lines[1]).toBe('IT-00001,iPhone 15,Phones,F17XK1,in_stock,,2026-03-02,21990.50,2028-03-02');
  });

  it('checks out to a member once, acknowledges, checks in and keeps the history per asset and person', async () => {
    const a = await api.asset({ name: 'MacBook Air', serialNumber: 'C02-MBA' });
    const out = await api.post(`/assets/${a.id}/checkout`, { userId: member.userId, note: 'New hire' });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.state.key).toBe('deployed');
    const card = await api.get(`/assets/${a.id}`);
    expect(card.body).toMatchObject({ status: 'deployed', holderType: 'user', holderId: member.userId });

    const twice = await api.post(`/assets/${a.id}/checkout`, { userId: owner.userId });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invalid_transition', state: 'deployed' });

    // Only the holder acknowledges receipt; members see their own equipment.
    expect((await api.post(`/assets/${a.id}/acknowledge`)).status).toBe(403);
    const ack = await api.post(`/assets/${a.id}/acknowledge`, {}, member);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.acknowledgedAt).not.toBeNull();
    const mine = await api.get('/my/assets', member);
    expect(mine.body.items.map((g: { assetTag: string; checkedInAt: null }) => [g.assetTag, g.checkedInAt])).toEqual([
      [a.tag, null],
    ]);
    // A member may not check out.
    expect((await api.post(`/assets/${a.id}/checkin`, {}, member)).status).toBe(403);

    expect((await api.post(`/assets/${a.id}/checkin`, { note: 'Returned' })).status).toBe(200);
    expect((await api.post(`/assets/${a.id}/checkin`)).status).toBe(409);
    const loc = await api.post('/locations', { name: 'Server room' });
    expect((await api.post(`/assets/${a.id}/checkout`, { locationId: loc.body.id })).status).toBe(200);
    expect((await api.post(`/assets/${a.id}/checkin`)).status).toBe(200);

    const history = await api.get(`/assets/${a.id}/assignments`);
    expect(history.body.items.map((g: { holder: string; holderType: string }) => g.holderType)).toEqual([
      'location',
      'user',
    ]);
    expect(history.body.items.every((g: { checkedInAt: string | null }) => g.checkedInAt !== null)).toBe(true);
    const person = await api.get(`/assignments?holderType=user&holderId=${member.userId}`);
    expect(person.body.items).toHaveLength(1);
    expect((await api.get(`/assignments?holderType=user&holderId=${member.userId}&open=true`)).body.items).toEqual([]);
  });

  it('refuses a holder that is not one: two holders, a stranger, itself, an unknown location; nothing written', async () => {
    const a = await api.asset({ name: 'Printer' });
    const before = await count(t, 'assignments');
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{}, 400, 'invalid_input'],
      [{ userId: member.userId, locationId: a.id }, 400, 'invalid_input'],
      [{ userId: other.userId }, 400, 'holder_not_member'],
      [{ assetId: a.id }, 400, 'holder_self'],
      [{ locationId: a.id }, 400, 'location_not_found'],
      [{ employeeId: a.id }, 400, 'hr_not_enabled'],
    ];
    for (const [body, status, code] of cases) {
      const res = await api.post(`/assets/${a.id}/checkout`, body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await count(t, 'assignments')).toBe(before);
    expect((await api.get(`/assets/${a.id}`)).body.status).toBe('in_stock');
  });

  it('lets only one of two concurrent check-outs of the same asset through', async () => {
    const a = await api.asset({ name: 'Projector' });
    const dock = await api.asset({ name: 'Docking station' });
    const results = await Promise.all([
      api.post(`/assets/${a.id}/checkout`, { userId: member.userId }),
      api.post(`/assets/${a.id}/checkout`, { assetId: dock.id }),
      api.post(`/assets/${a.id}/checkout`, { userId: owner.userId }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const open = await api.get(`/assets/${a.id}/assignments`);
    expect(open.body.items).toHaveLength(1);
  });

  it('retires with a reason (final), and a retired or lost asset cannot be checked out', async () => {
    const a = await api.asset({ name: 'Old phone' });
    expect((await api.post(`/assets/${a.id}/checkout`, { userId: member.userId })).status).toBe(200);
    const lost = await api.post(`/assets/${a.id}/lose`, { note: 'left on a train' });
    expect(lost.status).toBe(200);
    expect((await api.get(`/assets/${a.id}`)).body.holder).toBeNull();
    expect((await api.post(`/assets/${a.id}/checkout`, { userId: member.userId })).status).toBe(409);
    expect((await api.post(`/assets/${a.id}/retire`, { reason: 'broken' })).status).toBe(400);
    const retired = await api.post(`/assets/${a.id}/retire`, { reason: 'stolen' });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect((await api.get(`/assets/${a.id}`)).body).toMatchObject({ status: 'retired', retiredReason: 'stolen' });
    const again = await api.post(`/assets/${a.id}/checkout`, { userId: member.userId });
    expect([again.status, again.body.code]).toEqual([409, 'invalid_transition']);
  });

  it("never shows another tenant's assets", async () => {
    const id = (await api.get('/assets')).body.items[0].id as string;
    const theirs = itApi(other);
    expect((await theirs.get(`/assets/${id}`)).status).toBe(404);
    expect((await theirs.get(`/assets/${id}/assignments`)).status).toBe(404);
    expect((await theirs.get('/assets')).body.items).toEqual([]);
    expect((await theirs.post(`/assets/${id}/checkout`, { userId: other.userId })).status).toBe(404);
    // Tags are unique per tenant, not globally.
    expect((await theirs.post('/assets', { name: 'Theirs', category: 'Laptops' })).body.tag).toBe('IT-00001');
  });
});
