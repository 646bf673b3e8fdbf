/**
 * Assets and assignments through the HTTP API on a real database (PGlite, or DATABASE_URL's
 * PostgreSQL): categories with custom fields, generated and unique tags, unique serials, the list
 * with search and CSV, check-out to a member / location / asset, the double check-out refusal (also
 * concurrent), check-in, history per asset and per person, acknowledgement, retirement with a reason
 * and another tenant's data.
 */
import { createTestBureau, type TestBureau, type TestUser, withTenant } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { vendorParties } from '../src/server/migrations/0007_vendor_parties.ts';
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
    expect(lines[0]).toBe('Tag,Name,Category,Serial number,Vendor,Status,Holder,Purchased,Price,Warranty until');
    expect(lines[1]).toBe('IT-00001,iPhone 15,Phones,F17XK1,,in_stock,,2026-03-02,21990.50,2028-03-02');
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

  it('takes the vendor from the address book: by id, or a name found or added with the vendor role', async () => {
    const book = `/api/t/${owner.tenant.slug}/parties`;
    const alza = await owner.json('POST', book, { name: 'Alza.cz a.s.', ico: '27082440', roles: ['customer'] });
    expect(alza.status, JSON.stringify(alza.body)).toBe(201);
    const byId = await api.post('/assets', { name: 'Dell XPS', category: 'Laptops', vendorId: alza.body.id });
    expect(byId.status, JSON.stringify(byId.body)).toBe(201);
    expect(byId.body).toMatchObject({ vendor: 'Alza.cz a.s.', vendorId: alza.body.id });
    expect((await owner.json('GET', `${book}/${alza.body.id}`)).body.roles).toEqual(['customer', 'vendor']);

    // A typed name finds the party of that name (case-insensitively) or adds one, once.
    const typed = await api.asset({ name: 'Switch', vendor: 'Datart s.r.o.' });
    const again = await api.asset({ name: 'Router', vendor: 'DATART s.r.o.' });
    const [a1, a2] = [(await api.get(`/assets/${typed.id}`)).body, (await api.get(`/assets/${again.id}`)).body];
    expect(a1.vendorId).toEqual(expect.any(String));
    expect([a2.vendorId, a2.vendor]).toEqual([a1.vendorId, 'Datart s.r.o.']);
    const vendors = await owner.json('GET', `${book}?role=vendor&sort=name&dir=asc`);
    expect(vendors.body.items.map((p: { name: string }) => p.name)).toEqual(['Alza.cz a.s.', 'Datart s.r.o.']);

    // An unknown id, or another tenant's party, is 400 vendor_not_found and writes nothing.
    const theirs = await other.json('POST', `/api/t/${other.tenant.slug}/parties`, { name: 'Theirs s.r.o.' });
    const before = await count(t, 'assets');
    for (const vendorId of [theirs.body.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await api.post('/assets', { name: 'Nope', category: 'Laptops', vendorId });
      expect([res.status, res.body.code, res.body.errors?.[0]?.path]).toEqual([400, 'vendor_not_found', 'vendorId']);
    }
    expect(await count(t, 'assets')).toBe(before);

    const filtered = await api.get(`/assets?vendorId=${a1.vendorId}&sort=name&dir=asc`);
    expect(filtered.body.items.map((a: { name: string }) => a.name)).toEqual(['Router', 'Switch']);
    const csv = await owner.request('GET', `${api.base}/assets?format=csv&vendorId=${alza.body.id}&lang=en`);
    expect((await csv.text()).trim().split('\n')[1]).toContain(',Alza.cz a.s.,in_stock,');

    // Deleting the party unlinks the asset; the name it was bought under stays.
    expect((await owner.request('DELETE', `${book}/${alza.body.id}`)).status).toBe(204);
    expect((await api.get(`/assets/${byId.body.id}`)).body).toMatchObject({ vendor: 'Alza.cz a.s.', vendorId: null });
  });

  it('migrates vendors typed before the address book: one vendor party per name, joining one of that name', async () => {
    const third = await t.signup();
    await t.enableModule(third, 'it');
    const mine = itApi(third);
    const a = await mine.asset({ name: 'Typed 1', vendor: 'Acme' });
    const b = await mine.asset({ name: 'Typed 2', vendor: 'ACME ' });
    const c = await mine.asset({ name: 'Typed 3', vendor: 'Dell' });
    const d = await mine.asset({ name: 'No vendor' });
    const tenantId = third.tenant.id;
    // Back to the state before: typed names, no vendor parties; a customer named Dell is in the address book.
    await withTenant(t.runtime.db, tenantId, async (db) => {
      await db.updateTable('it.assets').set({ vendor_party_id: null }).where('tenant_id', '=', tenantId).execute();
      await db.deleteFrom('core.parties').where('tenant_id', '=', tenantId).execute();
    });
    const dell = await third.json('POST', `/api/t/${third.tenant.slug}/parties`, { name: 'dell', roles: ['customer'] });
    await t.runtime.db.transaction().execute(async (trx) => {
      await trx.schema.alterTable('it.assets').dropColumn('vendor_party_id').execute();
      await vendorParties.up(trx);
    });
    const parties = (await third.json('GET', `/api/t/${third.tenant.slug}/parties?sort=name&dir=asc`)).body.items;
    expect(parties.map((p: any) => [p.name, p.roles])).toEqual([
      ['Acme', ['vendor']],
      ['dell', ['customer', 'vendor']],
    ]);
    const vendorOf = async (id: string) => (await mine.get(`/assets/${id}`)).body.vendorId;
    expect([await vendorOf(a.id), await vendorOf(b.id), await vendorOf(c.id), await vendorOf(d.id)]).toEqual([
      parties[0].id,
      parties[0].id,
      dell.body.id,
      null,
    ]);
    // The first tenant's assets kept their own links.
    expect((await api.get('/assets?q=Switch')).body.items[0].vendorId).toEqual(expect.any(String));
  });

  it('edits an asset: the fields sent, null clears, audited with the changed field names; refusals write nothing', async () => {
    const cat = await api.post('/categories', {
      name: 'Tablets',
      fields: [{ key: 'imei', label: 'IMEI', required: true }],
    });
    const a = (await api.post('/assets', { name: 'iPad', category: cat.body.id, model: 'A1', custom: { imei: '1' } }))
      .body;
    const other2 = await api.asset({ name: 'Spare', serialNumber: 'SPARE-1' });
    const loc = await api.post('/locations', { name: 'Store room' });
    const edit = await owner.json('PATCH', `${api.base}/assets/${a.id}`, {
      model: 'iPad Air M2',
      serialNumber: 'DMPX1',
      vendor: 'Apple Distribution',
      warrantyUntil: '2028-05-31',
      purchasePrice: '18990',
      locationId: loc.body.id,
      custom: { imei: '356938035643810' },
      note: 'For the front desk',
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({
      tag: a.tag,
      model: 'iPad Air M2',
      serialNumber: 'DMPX1',
      vendor: 'Apple Distribution',
      warrantyUntil: '2028-05-31',
      purchasePrice: '18990.00',
      currency: 'CZK',
      location: 'Store room',
      custom: { imei: '356938035643810' },
    });
    const cleared = await owner.json('PATCH', `${api.base}/assets/${a.id}`, {
      model: null,
      note: null,
      name: 'iPad 1',
    });
    expect(cleared.body).toMatchObject({ name: 'iPad 1', model: null, note: null, serialNumber: 'DMPX1' });

    const audit = async () =>
      (
        await owner.json('GET', `/api/t/${owner.tenant.slug}/audit?entityType=it.asset&entityId=${a.id}`)
      ).body.entries.filter((e: { action: string }) => e.action === 'it.asset.updated');
    const entries = await audit();
    expect(entries.map((e: { changes: string[] }) => [...e.changes].sort())).toEqual([
      ['model', 'name', 'note'],
      ['custom', 'locationId', 'model', 'note', 'purchasePrice', 'serialNumber', 'vendor', 'vendorId', 'warrantyUntil'],
    ]);
    // The same values again change nothing and write no audit entry.
    expect((await owner.json('PATCH', `${api.base}/assets/${a.id}`, { name: 'iPad 1', model: null })).status).toBe(200);
    expect(await audit()).toHaveLength(2);

    const refusals: Array<[Record<string, unknown>, number, string]> = [
      [{ serialNumber: 'SPARE-1' }, 409, 'serial_taken'],
      [{ custom: {} }, 400, 'invalid_input'],
      [{ vendorId: '00000000-0000-4000-8000-000000000000' }, 400, 'vendor_not_found'],
      [{ locationId: a.id }, 400, 'location_not_found'],
      [{ name: '' }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of refusals) {
      const res = await owner.json('PATCH', `${api.base}/assets/${a.id}`, body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await api.get(`/assets/${a.id}`)).body).toMatchObject({ serialNumber: 'DMPX1', name: 'iPad 1' });
    expect((await api.get(`/assets/${other2.id}`)).body.serialNumber).toBe('SPARE-1');
    expect(await audit()).toHaveLength(2);
    expect((await member.json('PATCH', `${api.base}/assets/${a.id}`, { name: 'Mine' })).status).toBe(403);
    expect((await other.json('PATCH', `/api/t/${other.tenant.slug}/it/assets/${a.id}`, { name: 'x' })).status).toBe(
      404,
    );
  });

  it('imports a CSV: a dry run reports each row and writes nothing; a failing row stops all; the same file twice adds nothing', async () => {
    const counts = async () => [await count(t, 'assets'), await count(t, 'locations'), await count(t, 'categories')];
    const before = await counts();
    const head = 'Tag;Name;Category;Serial number;Vendor;Purchased;Price;Warranty until;Location;Note';
    const good = [
      'IMP-001;Lenovo ThinkPad X1;Notebooky;PF-X1-01;Lenovo;2. 3. 2026;35 990,50 Kč;2029-03-02;Sklad Brno;',
      ';HP LaserJet M404;Tiskárny;VNB3K12345;;;;;Sklad Brno;"toner ""HP 59A"""',
    ];
    const bad = [
      'IMP-003;Bad date;Notebooky;;;2026-02-30;;;;',
      'imp-001;Same tag again;Notebooky;;;;;;;',
      `IMP-004;Long location;Notebooky;;;;;;${'x'.repeat(121)};`,
    ];
    const post = (csv: string, dryRun: boolean) => api.post('/assets/import', { csv, dryRun });

    const dry = await post([head, ...good, ...bad].join('\r\n'), true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 2, existing: 0, invalid: 3 });
    expect(dry.body.rows.map((r: any) => [r.line, r.result, r.errors.map((e: any) => `${e.path}:${e.code}`)])).toEqual([
      [2, 'created', []],
      [3, 'created', []],
      [4, 'invalid', ['purchaseDate:invalid_format']],
      [5, 'invalid', ['tag:import_duplicate']],
      [6, 'invalid', ['location:too_big']],
    ]);
    expect(dry.body.rows[1].tag).toMatch(/^IT-\d{5}$/);
    expect(await counts()).toEqual(before);

    const rejected = await post([head, ...good, ...bad].join('\n'), false);
    expect([rejected.status, rejected.body.code]).toEqual([400, 'import_rejected']);
    expect(rejected.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'line.4.purchaseDate',
      'line.5.tag',
      'line.6.location',
    ]);
    expect(await counts()).toEqual(before);

    const done = await post([head, ...good].join('\n'), false);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ created: 2, invalid: 0 });
    const x1 = (await api.get(`/assets/${done.body.rows[0].assetId}`)).body;
    expect(x1).toMatchObject({
      tag: 'IMP-001',
      category: 'Notebooky',
      purchaseDate: '2026-03-02',
      purchasePrice: '35990.50',
      vendor: 'Lenovo',
      vendorId: expect.any(String),
      location: 'Sklad Brno',
    });
    expect((await api.get(`/assets/${done.body.rows[1].assetId}`)).body.note).toBe('toner "HP 59A"');
    const after = await counts();
    // The same file again: both rows are the assets already there (by tag; the untagged one by serial).
    const again = await post([head, ...good].join('\n'), false);
    expect(again.body).toMatchObject({ created: 0, existing: 2, invalid: 0 });
    expect(again.body.rows.map((r: any) => r.assetId)).toEqual(done.body.rows.map((r: any) => r.assetId));
    expect(await counts()).toEqual(after);

    // The list's own export imports back as what is there.
    const csv = await (await owner.request('GET', `${api.base}/assets?format=csv&limit=200&lang=cs`)).text();
    const back = await post(csv, true);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ created: 0, invalid: 0 });

    const files: Array<[string, string]> = [
      ['Name;Category;Colour\nx;y;red', 'import_unknown_column'],
      ['Tag;Category\nA-1;y', 'import_missing_column'],
      [head, 'import_empty'],
    ];
    for (const [file, code] of files) expect((await post(file, true)).body.code).toBe(code);
    expect((await post([head, ...good].join('\n'), true)).status).toBe(200);
    expect((await api.post('/assets/import', { csv: `${head}\n${good[0]}` }, member)).status).toBe(403);
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
