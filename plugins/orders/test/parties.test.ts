import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { shop } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  owner = await t.signup({ tenant: { country: 'CZ', currency: 'CZK' } });
  other = await t.signup({ tenant: { country: 'CZ', currency: 'CZK' } });
  await t.enableModule(owner, 'orders');
  await t.enableModule(other, 'orders');
});
afterAll(() => t.close());

describe("a sales order's customer is a party of the address book", () => {
  it('takes a party by id with its details, and adds a walk-in buyer to the address book as a customer', async () => {
    const s = shop(owner);
    const p = await s.product('PB-1');
    await s.stock(p.id, 10);
    const party = await owner.json('POST', `/api/t/${owner.tenant.slug}/parties`, {
      name: 'Kavárna Na Rohu s.r.o.',
      ico: '25596641',
      email: 'objednavky@rohu.example',
      addresses: [{ kind: 'billing', street: 'Rohová 3', city: 'Olomouc', zip: '779 00' }],
    });
    expect(party.status).toBe(201);
    const byId = await s.post('/orders', {
      customer: { partyId: party.body.id },
      lines: [{ productId: p.id, quantity: 1 }],
    });
    expect(byId.status, JSON.stringify(byId.body)).toBe(201);
    const order = (await s.get(`/orders/${byId.body.id}`)).body;
    expect(order.customer).toMatchObject({
      partyId: party.body.id,
      name: 'Kavárna Na Rohu s.r.o.',
      ico: '25596641',
      city: 'Olomouc',
    });

    const walkIn = await s.post('/orders', {
      customer: { name: 'Pekařství Novák', ico: '27082440', city: 'Brno' },
      lines: [{ productId: p.id, quantity: 1 }],
    });
    expect(walkIn.status).toBe(201);
    const found = await owner.json('GET', `/api/t/${owner.tenant.slug}/parties?q=27082440`);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ name: 'Pekařství Novák', roles: ['customer'] });
    expect((await s.get(`/orders/${walkIn.body.id}`)).body.customer.partyId).toBe(found.body.items[0].id);
  });

  it("refuses an unknown or another tenant's party and a wrong IČO by the customer's field", async () => {
    const s = shop(owner);
    const p = await s.product('PB-2');
    const foreign = await other.json('POST', `/api/t/${other.tenant.slug}/parties`, { name: 'Cizí s.r.o.' });
    for (const partyId of [foreign.body.id, 'not-a-uuid']) {
      const res = await s.post('/orders', { customer: { partyId }, lines: [{ productId: p.id, quantity: 1 }] });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['customer.partyId']);
    }
    const bad = await s.post('/orders', {
      customer: { name: 'Chyba', ico: '27082441' },
      lines: [{ productId: p.id, quantity: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['customer.ico']);
  });
});
