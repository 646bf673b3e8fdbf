import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCzechAccount } from '../src/identifiers/bank-account.ts';
import { createTestBureau, newId, type TestBureau, type TestUser } from '../src/index.ts';

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let path: string;

/** A valid 1×1 PNG (signature, IHDR, IDAT, IEND), built here so the test carries no binary file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const czech = {
  legalName: 'Žluťoučký kůň s.r.o.',
  ico: '25596641',
  dic: 'CZ25596641',
  vatPayer: true,
  vatPeriod: 'quarterly',
  street: 'Náměstí 1',
  city: 'Brno',
  zip: '602 00',
  country: 'cz',
  registration: 'Zapsáno v obchodním rejstříku vedeném Krajským soudem v Brně, oddíl C, vložka 1234',
  email: 'Fakturace@Kun.example',
  defaultCurrency: 'czk',
  locale: 'cs',
  bankAccounts: [
    // Only the domestic number: the IBAN is derived.
    { accountNumber: '19-2000145399/0800', currency: 'CZK', isDefault: true },
    { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', currency: 'EUR', label: 'Euro' },
  ],
};

beforeAll(async () => {
  t = await createTestBureau();
  owner = await t.signup({ tenant: { country: 'CZ', currency: 'CZK', name: 'Kůň' } });
  member = await t.signup();
  await t.runtime.db
    .insertInto('core.memberships')
    .values({ tenant_id: owner.tenant.id, id: newId(), user_id: member.userId, role: 'member' })
    .execute();
  path = `/api/t/${owner.tenant.slug}/profile`;
});
afterAll(() => t.close());

describe('company profile', () => {
  it('starts from the tenant and billing details until the firm saves its own', async () => {
    const res = await owner.json('GET', path);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      legalName: 'Kůň',
      country: 'CZ',
      defaultCurrency: 'CZK',
      vatPayer: false,
      bankAccounts: [],
      hasLogo: false,
      updatedAt: null,
    });
  });

  it('saves checked details, derives a Czech IBAN and copies them into billing', async () => {
    const res = await owner.json('PUT', path, czech);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      legalName: 'Žluťoučký kůň s.r.o.',
      ico: '25596641',
      dic: 'CZ25596641',
      vatPeriod: 'quarterly',
      country: 'CZ',
      email: 'fakturace@kun.example',
      defaultCurrency: 'CZK',
    });
    // The IBAN of account 19-2000145399/0800 (Wikipedia, "International Bank Account Number", CZ example).
    expect(res.body.bankAccounts[0]).toMatchObject({
      iban: 'CZ6508000000192000145399',
      accountNumber: '19-2000145399/0800',
      isDefault: true,
    });
    expect(res.body.bankAccounts[1]).toMatchObject({
      iban: 'DE89370400440532013000',
      accountNumber: null,
      bic: 'COBADEFFXXX',
    });
    expect((await owner.json('GET', path)).body).toEqual(res.body);
    const billing = await owner.json('GET', `/api/t/${owner.tenant.slug}/billing/profile`);
    expect(billing.body).toMatchObject({ name: 'Žluťoučký kůň s.r.o.', ico: '25596641', city: 'Brno' });
  });

  it('refuses bad identifiers field by field and changes nothing', async () => {
    const before = (await owner.json('GET', path)).body;
    const res = await owner.json('PUT', path, {
      ...czech,
      ico: '25596642',
      dic: 'CZ1234',
      bankAccounts: [
        { iban: 'CZ6508000000192000145398', currency: 'CZK', isDefault: true },
        { accountNumber: '19-2000145398/0800', currency: 'CZK' },
        { iban: 'CZ6508000000192000145399', accountNumber: '2000145399/0800', currency: 'CZK', isDefault: true },
        { iban: 'DE89370400440532013000', bic: 'NOTABIC', currency: 'XXQ' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_input');
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      [
        'ico',
        'dic',
        'bankAccounts.0.iban',
        'bankAccounts.1.accountNumber',
        'bankAccounts.2.accountNumber',
        'bankAccounts.2.isDefault',
        'bankAccounts.3.bic',
        'bankAccounts.3.currency',
      ].sort(),
    );
    expect((await owner.json('GET', path)).body).toEqual(before);
  });

  it('asks a VAT payer for a DIČ and a filing period, and drops the period of a non-payer', async () => {
    const res = await owner.json('PUT', path, { ...czech, dic: null, vatPeriod: null });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['dic', 'vatPeriod']);
    const cs = await owner.json('PUT', path, { ...czech, dic: null, vatPeriod: null }, { 'accept-language': 'cs' });
    expect(cs.body.errors.find((e: { path: string }) => e.path === 'dic').message).toBe('Plátce DPH musí mít DIČ');
    const nonPayer = await owner.json('PUT', path, { ...czech, vatPayer: false, vatPeriod: 'monthly' });
    expect(nonPayer.status).toBe(200);
    expect(nonPayer.body).toMatchObject({ vatPayer: false, vatPeriod: null });
    expect((await owner.json('PUT', path, czech)).status).toBe(200);
  });

  it('lets members read but only settings managers change it', async () => {
    expect((await member.json('GET', path)).status).toBe(200);
    const put = await member.json('PUT', path, czech);
    expect(put.status).toBe(403);
    expect((await member.request('PUT', `${path}/logo`, tinyPng(), { 'content-type': 'image/png' })).status).toBe(403);
    expect((await t.anonymous().request('GET', path)).status).toBe(401);
    const other = await t.signup();
    expect((await other.request('GET', path)).status).toBe(404);
  });

  it('keeps a PNG or JPEG logo of at most 256 kB', async () => {
    const png = tinyPng();
    const put = await owner.request('PUT', `${path}/logo`, png, { 'content-type': 'image/png' });
    expect(put.status).toBe(204);
    const got = await owner.request('GET', `${path}/logo`);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    expect((await owner.json('GET', path)).body.hasLogo).toBe(true);
    const text = await owner.json('PUT', `${path}/logo`, 'not an image', { 'content-type': 'image/png' });
    expect(text.status).toBe(400);
    const big = Buffer.concat([png, Buffer.alloc(300 * 1024)]);
    expect((await owner.request('PUT', `${path}/logo`, big, { 'content-type': 'image/png' })).status).toBe(413);
    expect((await owner.request('DELETE', `${path}/logo`)).status).toBe(204);
    expect((await owner.request('GET', `${path}/logo`)).status).toBe(404);
  });
});

describe('Czech account numbers (ČNB decree 169/2011 Sb., weights 6,3,7,9,10,5,8,4,2,1)', () => {
  it('accepts valid prefixes and numbers and refuses a wrong check digit', () => {
    expect(parseCzechAccount('19-2000145399/0800')).toEqual({ prefix: '19', number: '2000145399', bank: '0800' });
    expect(parseCzechAccount('000019-2000145399/0800')).toEqual({ prefix: '19', number: '2000145399', bank: '0800' });
    expect(parseCzechAccount('19-2000145398/0800')).toBeNull();
    expect(parseCzechAccount('2000145399')).toBeNull();
  });
});
