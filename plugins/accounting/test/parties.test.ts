import { getParty, type TestBureau, withTenant } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parties as partiesMigration } from '../src/server/migrations/0009_parties.ts';
import { type Books, booksFor, openBooks } from './helpers.ts';

let b: Books;
let t: TestBureau;
const book = () => `/api/t/${b.user.tenant.slug}/parties`;

beforeAll(async () => {
  b = await openBooks(undefined, { country: 'CZ', currency: 'CZK' });
  t = b.t;
});
afterAll(() => t.close());

describe('customers and vendors are roles of a party in the address book', () => {
  it('makes a new customer a party with the customer role and its details', async () => {
    const c = await b.post('/customers', {
      name: 'Alfa s.r.o.',
      ico: '25596641',
      dic: 'CZ25596641',
      street: 'Dlouhá 1',
      city: 'Praha',
      postalCode: '110 00',
      iban: 'CZ65 0800 0000 1920 0014 5399',
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body.partyId).toEqual(expect.any(String));
    const party = await b.user.json('GET', `${book()}/${c.body.partyId}`);
    expect(party.body).toMatchObject({
      name: 'Alfa s.r.o.',
      ico: '25596641',
      dic: 'CZ25596641',
      roles: ['customer'],
      addresses: [{ kind: 'billing', street: 'Dlouhá 1', city: 'Praha', zip: '110 00', country: 'CZ' }],
    });
    expect(party.body.bankAccounts[0]).toMatchObject({ iban: 'CZ6508000000192000145399', isDefault: true });

    // The same firm as a vendor is the same party, now with both roles; its name stays the address book's.
    const v = await b.post('/vendors', { name: 'Alfa (nákup)', ico: '25596641' });
    expect(v.body.partyId).toBe(c.body.partyId);
    const both = await b.user.json('GET', `${book()}/${c.body.partyId}`);
    expect(both.body).toMatchObject({ name: 'Alfa s.r.o.', roles: ['customer', 'vendor'] });

    // Changing the customer in accounting changes the party.
    await b.patch(`/customers/${c.body.id}`, { email: 'fakturace@alfa.example' });
    expect((await b.user.json('GET', `${book()}/${c.body.partyId}`)).body.email).toBe('fakturace@alfa.example');
  });

  it('takes a party from the address book as a customer, and follows the address book’s changes', async () => {
    const party = await b.user.json('POST', book(), {
      name: 'Gama Brno a.s.',
      ico: '27082440',
      email: 'info@gama.example',
      addresses: [{ kind: 'billing', street: 'Masarykova 2', city: 'Brno', zip: '602 00' }],
    });
    expect(party.status).toBe(201);
    const c = await b.post('/customers', { name: 'Gama Brno a.s.', partyId: party.body.id });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({
      partyId: party.body.id,
      ico: '27082440',
      email: 'info@gama.example',
      street: 'Masarykova 2',
      city: 'Brno',
    });
    expect((await b.post('/customers', { name: 'Again', partyId: party.body.id })).body.code).toBe('duplicate_party');
    const unknown = await b.post('/customers', { name: 'Nobody', partyId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('partyId');

    const renamed = await b.user.json('PATCH', `${book()}/${party.body.id}`, {
      name: 'Gama Group a.s.',
      phone: '+420 5 1234',
    });
    expect(renamed.status).toBe(200);
    await t.events.drain();
    expect((await b.get(`/customers/${c.body.id}`)).body).toMatchObject({
      name: 'Gama Group a.s.',
      phone: '+420 5 1234',
    });

    // Removing the party keeps the customer (with its own copy of the details) and unlinks it.
    expect((await b.user.json('DELETE', `${book()}/${party.body.id}`)).status).toBe(204);
    expect((await b.get(`/customers/${c.body.id}`)).body).toMatchObject({ partyId: null, name: 'Gama Group a.s.' });
  });

  it('lets other modules name an address-book party in a document request (PartyRef)', async () => {
    const party = await b.user.json('POST', book(), { name: 'Delta s.r.o.', ico: '45274649', roles: ['clinic'] });
    const id = await t.inTenant(b.user.tenant.id, async (ctx) => {
      const { partnerForParty } = await import('../src/server/services/party-ref.ts');
      return partnerForParty(ctx, 'customer', { partyId: party.body.id }, 'customer');
    });
    expect((await b.get(`/customers/${id}`)).body).toMatchObject({ name: 'Delta s.r.o.', partyId: party.body.id });
    const after = await b.user.json('GET', `${book()}/${party.body.id}`);
    expect(after.body.roles).toEqual(['clinic', 'customer']);
  });

  it('migrates customers and vendors entered before the address book: one party per IČO, both roles', async () => {
    const other = booksFor(t, await t.signup({ tenant: { country: 'CZ', currency: 'CZK' } }));
    await t.enableModule(other.user, 'accounting');
    const cust = (await other.post('/customers', { name: 'Omega s.r.o.', ico: '00006947', city: 'Praha' })).body;
    const vend = (await other.post('/vendors', { name: 'Omega s.r.o.', ico: '00006947' })).body;
    const walkIn = (await other.post('/customers', { name: 'Jan Novák', email: 'jan@example.test' })).body;
    // Back to the state before the address book: no parties, no links.
    await withTenant(t.runtime.db, other.user.tenant.id, async (db) => {
      await db
        .updateTable('accounting.partners')
        .set({ party_id: null })
        .where('tenant_id', '=', other.user.tenant.id)
        .execute();
      await db.deleteFrom('core.parties').where('tenant_id', '=', other.user.tenant.id).execute();
    });
    expect((await other.user.json('GET', `/api/t/${other.user.tenant.slug}/parties`)).body.items).toEqual([]);

    await t.runtime.db.transaction().execute(async (trx) => {
      // Dropping the column drops its foreign key and index too.
      await trx.schema.alterTable('accounting.partners').dropColumn('party_id').execute();
      await partiesMigration.up(trx);
    });

    const migrated = (await other.user.json('GET', `/api/t/${other.user.tenant.slug}/parties`)).body.items;
    expect(migrated.map((p: any) => [p.name, p.ico, p.roles])).toEqual([
      ['Jan Novák', null, ['customer']],
      ['Omega s.r.o.', '00006947', ['customer', 'vendor']],
    ]);
    const omega = migrated[1];
    expect(omega.addresses[0]).toMatchObject({ kind: 'billing', city: 'Praha' });
    expect((await other.get(`/customers/${cust.id}`)).body.partyId).toBe(omega.id);
    expect((await other.get(`/vendors/${vend.id}`)).body.partyId).toBe(omega.id);
    expect((await other.get(`/customers/${walkIn.id}`)).body.partyId).toBe(migrated[0].id);
    // The first tenant's parties are still its own, linked as before.
    const mine = await t.inTenant(b.user.tenant.id, (ctx) => getParty(ctx, migrated[0].id));
    expect(mine).toBeNull();
  });
});
