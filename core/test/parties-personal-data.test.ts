import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau, type TestUser } from '../src/testing.ts';

/**
 * The address book in a data-subject request (issues 12 and 18): a person in the address book and
 * a company's contact person are found by e-mail or name, exported, and erased (the person
 * anonymised, the contact removed from the company, the company kept); a caller who may not read
 * the address book is told it was withheld.
 */

let t: TestBureau;
let owner: TestUser;
let base: string;
let personId: string;
let companyId: string;

const get = (path: string, u = owner) => u.json('GET', `${base}${path}`);
const post = (path: string, body: unknown = {}, u = owner) => u.json('POST', `${base}${path}`, body);

beforeAll(async () => {
  t = await createTestBureau();
  owner = await t.signup({ email: 'owner@subjects.example' });
  base = `/api/t/${owner.tenant.slug}`;
  const person = await post('/parties', {
    type: 'person',
    name: 'Eva Malá',
    email: 'Eva.Mala@example.cz',
    phone: '+420 601 000 111',
    addresses: [{ kind: 'billing', street: 'Lipová 3', city: 'Olomouc', zip: '779 00', country: 'CZ' }],
  });
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  personId = person.body.id;
  const company = await post('/parties', {
    type: 'company',
    name: 'Stavby Hora s.r.o.',
    contacts: [
      { name: 'Jan Hora', role: 'jednatel', email: 'jan@hora.example' },
      { name: 'eva malá', role: 'účetní', email: 'ucetni@hora.example' },
    ],
  });
  expect(company.status, JSON.stringify(company.body)).toBe(201);
  companyId = company.body.id;
  // Someone else, found by neither the e-mail nor the name.
  expect((await post('/parties', { type: 'person', name: 'Eva Velká', email: 'eva@velka.example' })).status).toBe(201);
});
afterAll(() => t.close());

describe('the address book in a data-subject request', () => {
  let requestId: string;

  it('exports the person and the company contact found by e-mail or name, and nobody else', async () => {
    const req = await post('/records/requests', {
      kind: 'erasure',
      subject: { name: 'Eva Malá', email: 'eva.mala@example.cz' },
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    requestId = req.body.id;
    const data = await get(`/records/requests/${requestId}/data`);
    expect(data.status, JSON.stringify(data.body)).toBe(200);
    const book = data.body.modules.find((m: any) => m.module === 'parties');
    expect(book.title).toEqual({ en: 'Address book', cs: 'Adresář' });
    expect(book.items.map((i: any) => [i.recordClass, i.label])).toEqual([
      ['core.parties', 'Eva Malá'],
      ['core.party-contacts', 'eva malá (Stavby Hora s.r.o.)'],
    ]);
    expect(book.items[0].data).toMatchObject({ email: 'eva.mala@example.cz', phone: '+420 601 000 111' });
    expect(book.items[0].data.addresses[0]).toMatchObject({ city: 'Olomouc' });
    expect(book.items[1].data).toMatchObject({ role: 'účetní', email: 'ucetni@hora.example' });
  });

  it('plans both for erasure (no retention duty of its own) and erases: the person anonymised, the contact gone', async () => {
    const plan = await get(`/records/requests/${requestId}/erasure`);
    expect(plan.status).toBe(200);
    const mine = plan.body.erase.filter((i: any) => i.module === 'parties');
    expect(mine).toHaveLength(2);
    expect(plan.body.keep.filter((i: any) => i.module === 'parties')).toEqual([]);
    const erased = await post(`/records/requests/${requestId}/erase`, {
      items: mine.map((i: any) => ({ recordClass: i.recordClass, id: i.id })),
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);

    const person = await get(`/parties/${personId}`);
    expect(person.body).toMatchObject({ email: null, phone: null, addresses: [], active: false });
    expect(person.body.name).not.toContain('Malá');
    const company = await get(`/parties/${companyId}`);
    expect(company.body.name).toBe('Stavby Hora s.r.o.');
    expect(company.body.contacts.map((c: any) => c.name)).toEqual(['Jan Hora']);
    expect((await get(`/records/requests/${requestId}`)).body.status).toBe('done');
    // Asked again, nothing is left.
    const again = await post('/records/requests', { kind: 'access', subject: { email: 'eva.mala@example.cz' } });
    const data = await get(`/records/requests/${again.body.id}/data`);
    expect(data.body.modules.find((m: any) => m.module === 'parties')).toBeUndefined();
  });

  it('tells a privacy officer who may not read the address book that it was withheld', async () => {
    const role = await post('/roles', { key: 'privacy', name: 'Privacy', permissions: ['tenant.privacy.manage'] });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const officer = await t.signup({ email: 'officer@subjects.example' });
    const inv = await post('/invitations', { email: officer.email, role: 'privacy', confirm: true });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const token = new URL(inv.body.link).searchParams.get('token');
    expect((await officer.json('POST', `/api/invitations/${token}/accept`)).status).toBe(200);
    const req = await post('/records/requests', { kind: 'access', subject: { name: 'Jan Hora' } }, officer);
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const data = await get(`/records/requests/${req.body.id}/data`, officer);
    expect(data.status, JSON.stringify(data.body)).toBe(200);
    expect(data.body.withheld).toContain('parties');
    expect(data.body.modules).toEqual([]);
    const plan = await get(`/records/requests/${req.body.id}/erasure`, officer);
    expect(plan.body.withheldTitles).toContainEqual({ en: 'Address book', cs: 'Adresář' });
  });
});
