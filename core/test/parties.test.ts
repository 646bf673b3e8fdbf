import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCompanyIds,
  createParty,
  createTestBureau,
  ensureParty,
  type FieldError,
  findParties,
  isValidIco,
  newId,
  type TestBureau,
  type TestUser,
} from '../src/index.ts';

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let other: TestUser;
let path: string;

const acme = {
  name: 'Žluťoučký kůň s.r.o.',
  ico: '255 96 641',
  dic: 'cz25596641',
  email: 'Fakturace@Kun.example',
  addresses: [
    { kind: 'billing', street: 'Náměstí 1', city: 'Brno', zip: '602 00' },
    { kind: 'shipping', street: 'Skladová 5', city: 'Kuřim', zip: '664 34', label: 'Sklad' },
  ],
  contacts: [{ name: 'Jana Nováková', role: 'Účetní', email: 'jana@kun.example' }],
  // Only the domestic number: the IBAN is derived.
  bankAccounts: [{ accountNumber: '19-2000145399/0800', currency: 'CZK', isDefault: true }],
  roles: ['customer', 'Vendor'],
  tags: ['VIP', 'VIP', 'Morava'],
};

beforeAll(async () => {
  t = await createTestBureau();
  owner = await t.signup({ tenant: { country: 'CZ', currency: 'CZK', name: 'Kůň' } });
  member = await t.signup();
  other = await t.signup({ tenant: { country: 'CZ', currency: 'CZK' } });
  await t.runtime.db
    .insertInto('core.memberships')
    .values({ tenant_id: owner.tenant.id, id: newId(), user_id: member.userId, role: 'member' })
    .execute();
  path = `/api/t/${owner.tenant.slug}/parties`;
});
afterAll(() => t.close());

describe('address book (parties)', () => {
  let id: string;

  it('adds a company with checked identifiers, a derived IBAN, roles and tags; audited, with an event', async () => {
    const res = await owner.json('POST', path, acme);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      type: 'company',
      name: 'Žluťoučký kůň s.r.o.',
      ico: '25596641',
      dic: 'CZ25596641',
      country: 'CZ',
      email: 'fakturace@kun.example',
      roles: ['customer', 'vendor'],
      tags: ['VIP', 'Morava'],
      active: true,
    });
    expect(res.body.addresses[1]).toMatchObject({ kind: 'shipping', city: 'Kuřim', country: 'CZ', label: 'Sklad' });
    // The IBAN of account 19-2000145399/0800 (Wikipedia, "International Bank Account Number", CZ example).
    expect(res.body.bankAccounts[0]).toMatchObject({ iban: 'CZ6508000000192000145399', isDefault: true });
    expect((await owner.json('GET', `${path}/${id}`)).body).toEqual(res.body);

    const audit = await t.runtime.db
      .selectFrom('core.audit_log')
      .select('action')
      .where('tenant_id', '=', owner.tenant.id)
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['party.created']);
    const events = await t.runtime.db
      .selectFrom('core.outbox')
      .select(['type', 'payload'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('type', 'like', 'core.party.%')
      .execute();
    expect(events).toEqual([{ type: 'core.party.created', payload: { partyId: id } }]);
  });

  it('refuses bad IČO, DIČ, IBAN, BIC and account numbers as field errors in the reader’s language', async () => {
    const body = {
      name: 'Chybná s.r.o.',
      ico: '25596642',
      dic: 'CZ1234',
      bankAccounts: [
        { iban: 'CZ6508000000192000145398' },
        { accountNumber: '19-2000145398/0800' },
        { iban: 'DE89370400440532013000', bic: 'NOTABIC' },
        { iban: 'DE89370400440532013000', isDefault: true, currency: 'EUR' },
        { iban: 'DE89370400440532013000', isDefault: true, currency: 'EUR' },
      ],
    };
    const raw = await owner.request('POST', path, body, { 'accept-language': 'en' });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toContain('application/problem+json');
    const en = await owner.json('POST', path, body, { 'accept-language': 'en' });
    expect(en.body.code).toBe('invalid_input');
    expect(en.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        'bankAccounts.0.iban',
        'bankAccounts.1.accountNumber',
        'bankAccounts.2.bic',
        'bankAccounts.4.isDefault',
        'dic',
        'ico',
      ].sort(),
    );
    const icoError = (r: typeof en) => r.body.errors.find((e: { path: string }) => e.path === 'ico').message;
    expect(icoError(en)).toBe('Not a valid IČO (the check digit does not match)');
    const cs = await owner.json('POST', path, body, { 'accept-language': 'cs' });
    expect(icoError(cs)).toBe('Neplatné IČO (nesedí kontrolní číslice)');
    expect(cs.body.title).toBe('Údaje o subjektu obsahují chyby');
    const none = await owner.json('GET', `${path}?q=Chybn`);
    expect(none.body.items).toEqual([]);
  });

  it('refuses a second party with the same IČO, naming the first', async () => {
    const res = await owner.json('POST', path, { name: 'Kůň znovu', ico: '25596641' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'duplicate_ico', partyId: id, name: acme.name });
    expect(res.body.errors[0].path).toBe('ico');
  });

  it('gives two parallel requests with the same IČO one party and one 409 duplicate_ico, never a 500', async () => {
    const body = { name: 'Souběžná s.r.o.', ico: '45317054' };
    const both = await Promise.all([owner.json('POST', path, body), owner.json('POST', path, body)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const [made, refused] = both[0]?.status === 201 ? both : [both[1], both[0]];
    expect(refused?.body).toMatchObject({ code: 'duplicate_ico', ico: '45317054' });
    expect(refused?.body.errors[0].path).toBe('ico');
    const list = await owner.json('GET', `${path}?q=45317054`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([made?.body.id]);
    await owner.json('DELETE', `${path}/${made?.body.id}`);
  });

  it('answers 409 naming the party when a concurrent transaction adds the same IČO after the check', async () => {
    // The second request is chained here, outside the tenant transaction's async context, and started from inside it.
    let start!: () => void;
    const started = new Promise<void>((resolve) => {
      start = resolve;
    });
    const late = started.then(() => owner.json('POST', path, { name: 'Druhá s.r.o.', ico: '49240901' }));
    const first = await t.inTenant(owner.tenant.id, async (ctx) => {
      const party = await createParty(ctx, { name: 'První s.r.o.', ico: '49240901' });
      start();
      // On PostgreSQL the request has passed its check and waits on this transaction's row at the
      // unique index; PGlite runs one transaction at a time, so it starts after this one commits.
      if (process.env.DATABASE_URL) await waitUntilBlockedOnThisTransaction(ctx.db);
      return party;
    });
    const res = await late;
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body).toMatchObject({ code: 'duplicate_ico', partyId: first.id, name: 'První s.r.o.' });
    expect(res.body.errors[0].path).toBe('ico');
    await owner.json('DELETE', `${path}/${first.id}`);
  });

  it('searches by name words and IČO on the server, filters by role and tag, pages and exports', async () => {
    for (const [name, ico, roles] of [
      ['Alfa Brno a.s.', '27082440', ['vendor']],
      ['Beta Praha s.r.o.', null, ['clinic']],
      ['Gama Ostrava', null, []],
    ] as const) {
      expect((await owner.json('POST', path, { name, ico, roles })).status).toBe(201);
    }
    const byName = await owner.json('GET', `${path}?q=${encodeURIComponent('kůň brno')}`);
    expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual([]);
    const byWord = await owner.json('GET', `${path}?q=${encodeURIComponent('praha beta')}`);
    expect(byWord.body.items.map((p: { name: string }) => p.name)).toEqual(['Beta Praha s.r.o.']);
    const byIco = await owner.json('GET', `${path}?q=27082440`);
    expect(byIco.body.items.map((p: { name: string }) => p.name)).toEqual(['Alfa Brno a.s.']);
    const vendors = await owner.json('GET', `${path}?role=vendor`);
    expect(vendors.body.items.map((p: { name: string }) => p.name)).toEqual(['Alfa Brno a.s.', acme.name]);
    const vip = await owner.json('GET', `${path}?tag=VIP`);
    expect(vip.body.items.map((p: { id: string }) => p.id)).toEqual([id]);

    const page1 = await owner.json('GET', `${path}?limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await owner.json('GET', `${path}?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.nextCursor).toBeNull();
    const names = [...page1.body.items, ...page2.body.items].map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    const csv = await owner.request('GET', `${path}?format=csv&lang=cs&role=vendor`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('Název');
    expect(text).toContain('27082440');
  });

  it('changes only the fields sent, checks them, and audits before and after', async () => {
    const res = await owner.json('PATCH', `${path}/${id}`, { phone: '+420 777 123 456', tags: ['Morava'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '+420 777 123 456', tags: ['Morava'], ico: '25596641' });
    expect(res.body.bankAccounts).toHaveLength(1);
    const bad = await owner.json('PATCH', `${path}/${id}`, { ico: '12345678' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('ico');
    const clash = await owner.json('PATCH', `${path}/${id}`, { ico: '27082440' });
    expect(clash.status).toBe(409);
  });

  it('lets members read but not write; another tenant sees nothing', async () => {
    expect((await member.json('GET', `${path}/${id}`)).status).toBe(200);
    expect((await member.json('POST', path, { name: 'Nope' })).status).toBe(403);
    expect((await member.json('PATCH', `${path}/${id}`, { name: 'Nope' })).status).toBe(403);
    const otherPath = `/api/t/${other.tenant.slug}/parties`;
    expect((await other.json('GET', `${otherPath}/${id}`)).status).toBe(404);
    expect((await other.json('PATCH', `${otherPath}/${id}`, { name: 'x' })).status).toBe(404);
    expect((await other.json('DELETE', `${otherPath}/${id}`)).status).toBe(404);
    expect((await other.json('GET', otherPath)).body.items).toEqual([]);
    // The same IČO is free in another tenant's address book.
    expect((await other.json('POST', otherPath, { name: 'Jiný kůň', ico: '25596641' })).status).toBe(201);
  });

  it('serves plugins through the public service: find by IČO or role, ensure a party with a role', async () => {
    const found = await t.inTenant(owner.tenant.id, (ctx) => findParties(ctx, { ico: '25596641' }));
    expect(found.map((p) => p.id)).toEqual([id]);
    const ensured = await t.inTenant(owner.tenant.id, (ctx) =>
      ensureParty(ctx, { name: 'whatever', ico: '25596641' }, 'clinic'),
    );
    expect(ensured.id).toBe(id);
    expect(ensured.roles).toEqual(['customer', 'vendor', 'clinic']);
    const clinics = await t.inTenant(owner.tenant.id, (ctx) => findParties(ctx, { role: 'clinic' }));
    expect(clinics.map((p) => p.name).sort()).toEqual(['Beta Praha s.r.o.', acme.name].sort());
    await expect(
      t.inTenant(owner.tenant.id, (ctx) => createParty(ctx, { name: 'Bad', ico: '11111111' })),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_input' });
  });

  it('deletes a party (audited); it is gone', async () => {
    const res = await owner.json('DELETE', `${path}/${id}`);
    expect(res.status).toBe(204);
    expect((await owner.json('GET', `${path}/${id}`)).status).toBe(404);
    expect((await owner.json('DELETE', `${path}/${id}`)).status).toBe(404);
  });
});

describe('identifier checks', () => {
  const icoWithCheck = (seven: string) => {
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += Number(seven[i]) * (8 - i);
    return `${seven}${(11 - (sum % 11)) % 10}`;
  };
  const seven = fc.stringMatching(/^\d{7}$/);

  it('accepts exactly one check digit for every IČO stem, and a DIČ of CZ + that IČO', () => {
    fc.assert(
      fc.property(seven, fc.integer({ min: 1, max: 9 }), (stem, shift) => {
        const ico = icoWithCheck(stem);
        expect(isValidIco(ico)).toBe(true);
        const wrong = `${stem}${(Number(ico[7]) + shift) % 10}`;
        expect(isValidIco(wrong)).toBe(false);
        const errors: FieldError[] = [];
        expect(checkCompanyIds({ ico, dic: `cz ${ico}`, country: 'CZ' }, errors, { anyDic: true })).toEqual({
          ico,
          dic: `CZ${ico}`,
        });
        expect(errors).toEqual([]);
        checkCompanyIds({ ico: wrong, dic: `CZ${wrong}`, country: 'CZ' }, errors, { anyDic: true });
        expect(errors.map((e) => e.path)).toEqual(['ico', 'dic']);
      }),
    );
  });
});

/** Waits until another session waits for this transaction (a lock on its id), as PostgreSQL reports it. */
async function waitUntilBlockedOnThisTransaction(db: Kysely<any>) {
  for (let i = 0; i < 10_000; i++) {
    const { rows } = await sql<{ waiting: boolean }>`
      select exists (select 1 from pg_locks where not granted and locktype = 'transactionid'
        and transactionid::text = (txid_current() % 4294967296)::text) as waiting`.execute(db);
    if (rows[0]?.waiting) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the concurrent request never waited on this transaction');
}
