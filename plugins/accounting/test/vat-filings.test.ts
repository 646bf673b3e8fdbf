import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestBureau, pdfText } from '@bureau/core';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { type Books, booksFor, openBooks } from './helpers.ts';

/**
 * The VAT filings of September 2026 for a Czech VAT payer (a legal person filing monthly), worked by
 * hand from ZDPH and the Tax Portal's form instructions (Pokyny k vyplnění přiznání k DPH, vzor 25;
 * Pokyny k vyplnění kontrolního hlášení), and validated against the official EPO schemas
 * (`shared/oracles/epo/*.xsd`) with xmllint — never against our own reading of them.
 *
 * The month: sales at 21 % and 12 % (one over 10 000 Kč to a VAT payer, small ones, one to a
 * private person), a credit note to the big one, goods and services to EU VAT payers, a § 92a
 * reverse-charge sale, a service bought from Germany (self-assessed, § 9(1) and § 108), a § 92a
 * reverse-charge purchase, and domestic purchases at both rates.
 */
const EPO = fileURLToPath(new URL('../../../../shared/oracles/epo/', import.meta.url));
let b: Books;
let other: Books;
const clock = { now: () => new Date('2026-10-05T08:00:00Z') };
const tmp = mkdtempSync(join(tmpdir(), 'bureau-epo-'));

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting], clock });
  b = await openBooks(t);
  other = booksFor(t, await t.signup());
  await t.enableModule(other.user, 'accounting');
});
afterAll(async () => {
  await b.t.close();
});

/** xmllint's verdict on a generated file against an official schema (exit 0 = valid). */
function xmllint(xml: string, xsd: string): { ok: boolean; output: string } {
  const file = join(tmp, `${xsd}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(EPO, xsd), file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed (apt-get install -y libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, output: `${r.stderr}${r.stdout}` };
}

const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (n) => n.startsWith('Veta'),
  }).parse(xml).Pisemnost;

const partner = async (kind: 'customers' | 'vendors', body: Record<string, unknown>) => {
  const res = await b.post(`/${kind}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
};
const issue = async (kind: 'invoices' | 'bills', body: Record<string, unknown>) => {
  const draft = await b.post(`/${kind}`, body);
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const issued = await b.post(`/${kind}/${draft.body.id}/${kind === 'invoices' ? 'issue' : 'post'}`);
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body;
};
const sept = (day: number) => `2026-09-${String(day).padStart(2, '0')}`;

const docs: Record<string, any> = {};

describe('VAT filings for September 2026', () => {
  it('refuses an export until the filer is set up and while a draft is dated in the period', async () => {
    const none = await b.get('/vat/filings/2026-09/dphdp3.xml');
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('filer_incomplete');
    const bad = await b.patch('/vat/filer', { vatId: '27082440', taxOffice: 'x' });
    expect(bad.status).toBe(400);
    const filer = await b.patch('/vat/filer', {
      vatId: 'CZ27082440',
      name: 'Účtárna Vzor s.r.o.',
      street: 'Na Příkopě 10',
      city: 'Praha',
      postalCode: '11000',
      taxOffice: '451',
      taxOfficeBranch: '2001',
      nace: '620000',
    });
    expect(filer.status, JSON.stringify(filer.body)).toBe(200);
    expect(filer.body).toMatchObject({ vatId: 'CZ27082440', kind: 'P', vatPeriod: 'month' });

    const c = await partner('customers', { name: 'Koncept s.r.o.' });
    const draft = await b.post('/invoices', {
      customerId: c.id,
      issueDate: sept(29),
      lines: [{ description: 'Draft', unitPrice: '100.00' }],
    });
    const blocked = await b.get('/vat/filings/2026-09/dphkh1.xml');
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('unposted_documents');
    expect(blocked.body.unposted).toEqual([
      expect.objectContaining({ id: draft.body.id, partnerName: 'Koncept s.r.o.' }),
    ]);
    expect((await b.get('/vat/filings/2026-09')).body.unposted).toHaveLength(1);
    expect((await b.del(`/invoices/${draft.body.id}`)).status).toBeLessThan(300);
  });

  it('posts the month', async () => {
    const alfa = await partner('customers', { name: 'Alfa s.r.o.', ico: '25596641', dic: 'CZ25596641' });
    const beta = await partner('customers', { name: 'Beta s.r.o.', ico: '26168685', dic: 'CZ26168685' });
    const person = await partner('customers', { name: 'Jan Novák' });
    const stavby = await partner('customers', { name: 'Stavby a.s.', ico: '45274649', dic: 'CZ45274649' });
    const handel = await partner('customers', { name: 'Handel GmbH', country: 'DE', dic: 'DE811569869' });
    const conseil = await partner('customers', { name: 'Conseil SARL', country: 'FR', dic: 'FR40303265045' });
    const cloud = await partner('vendors', { name: 'Cloud GmbH', country: 'DE', dic: 'DE123456789' });
    const builder = await partner('vendors', { name: 'Zednictví s.r.o.', ico: '00006947', dic: 'CZ00006947' });
    const supplier = await partner('vendors', { name: 'Dodavatel s.r.o.', ico: '27074358', dic: 'CZ27074358' });
    const shop = await partner('vendors', { name: 'Papírnictví', ico: '26168685', dic: 'CZ26168685' });

    // 100 000 + 21 % = 121 000 Kč to a VAT payer: A.4, row 1.
    docs.big = await issue('invoices', {
      customerId: alfa.id,
      issueDate: sept(3),
      lines: [{ description: 'Software', unitPrice: '100000.00', account: '602' }],
    });
    // 5 000 at 12 % and 2 000 at 21 %: 8 020 Kč, under the threshold: A.5, rows 1 and 2.
    docs.small = await issue('invoices', {
      customerId: beta.id,
      issueDate: sept(4),
      lines: [
        { description: 'Knihy', unitPrice: '5000.00', vat: 'reduced', account: '604' },
        { description: 'Obaly', unitPrice: '2000.00', account: '604' },
      ],
    });
    // 24 200 Kč to a private person (no DIČ): A.5 whatever the amount.
    docs.person = await issue('invoices', {
      customerId: person.id,
      issueDate: sept(5),
      lines: [{ description: 'Konzultace', unitPrice: '20000.00', account: '602' }],
    });
    // Credit note of 10 000 + 2 100 to the big invoice: follows it into A.4, negative.
    const cn = await b.post(`/invoices/${docs.big.id}/corrections`, {
      type: 'credit_note',
      date: sept(20),
      reason: 'Sleva',
      lines: [{ description: 'Sleva', unitPrice: '10000.00', account: '602' }],
    });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    docs.credit = cn.body;
    // § 64 goods (row 20, SHV code 0) and § 9(1) services (row 21, SHV code 3) to EU VAT payers.
    docs.goods = await issue('invoices', {
      customerId: handel.id,
      regime: 'eu',
      issueDate: sept(8),
      lines: [{ description: 'Palety', quantity: '10', unitPrice: '5000.00', supply: 'goods', account: '604' }],
    });
    docs.services = await issue('invoices', {
      customerId: conseil.id,
      regime: 'eu',
      issueDate: sept(9),
      lines: [{ description: 'Audit', unitPrice: '8000.00', supply: 'services', account: '602' }],
    });
    // § 92a sale of construction work (row 25, A.1 with subject code 4).
    docs.rcSale = await issue('invoices', {
      customerId: stavby.id,
      regime: 'reverse_charge',
      issueDate: sept(10),
      lines: [{ description: 'Zednické práce', unitPrice: '60000.00', reverseChargeCode: '4', account: '602' }],
    });
    // 1 000 EUR of hosting from Germany at 25.00: 25 000 Kč, 5 250 Kč self-assessed (rows 5 and 43, A.2).
    docs.cloud = await issue('bills', {
      vendorId: cloud.id,
      regime: 'eu',
      issueDate: sept(2),
      taxDate: sept(1),
      currency: 'EUR',
      rate: '25.00',
      reference: 'INV-2026-09',
      lines: [{ description: 'Hosting', unitPrice: '1000.00', supply: 'services', account: '518' }],
    });
    // § 92a purchase of construction work, 40 000 Kč: 8 400 Kč on both sides (rows 10 and 43, B.1).
    docs.rcBuy = await issue('bills', {
      vendorId: builder.id,
      regime: 'reverse_charge',
      issueDate: sept(12),
      reference: 'ZD-77',
      lines: [{ description: 'Oprava kanceláře', unitPrice: '40000.00', reverseChargeCode: '4', account: '511' }],
    });
    // 30 000 + 6 300 from a VAT payer: B.2, row 40; 1 000 + 120 at 12 %: B.3, row 41.
    docs.supply = await issue('bills', {
      vendorId: supplier.id,
      issueDate: sept(15),
      reference: 'FV-3001',
      lines: [{ description: 'Materiál', unitPrice: '30000.00', account: '501' }],
    });
    docs.paper = await issue('bills', {
      vendorId: shop.id,
      issueDate: sept(16),
      reference: 'P-12',
      lines: [{ description: 'Papír', unitPrice: '1000.00', vat: 'reduced', account: '501' }],
    });
  });

  it('computes the VAT return rows', async () => {
    const res = await b.get('/vat/filings/2026-09');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.unposted).toEqual([]);
    const cells = Object.fromEntries(res.body.vatReturn.cells.map((c: any) => [`${c.row}:${c.attr}`, c.filed]));
    expect(cells).toEqual({
      // row 1: 100 000 + 2 000 + 20 000 − 10 000; VAT 21 000 + 420 + 4 200 − 2 100
      '1:obrat23': '112000',
      '1:dan23': '23520',
      '2:obrat5': '5000',
      '2:dan5': '600',
      '5:p_sl23_e': '25000',
      '5:dan_psl23_e': '5250',
      '10:rez_pren23': '40000',
      '10:dan_rpren23': '8400',
      '20:dod_zb': '50000',
      '21:pln_sluzby': '8000',
      '25:pln_rez_pren': '60000',
      '40:pln23': '30000',
      '40:odp_tuz23_nar': '6300',
      '41:pln5': '1000',
      '41:odp_tuz5_nar': '120',
      // row 43: the self-assessed purchases of rows 5 and 10
      '43:nar_zdp23': '65000',
      '43:od_zdp23': '13650',
      '46:odp_sum_nar': '20070',
      '62:dan_zocelk': '37770',
      '63:odp_zocelk': '20070',
      '64:dano_da': '17700',
    });
    expect(res.body.vatReturn).toMatchObject({ outputVat: '37770.00', deductibleVat: '20070.00', payable: '17700' });
    expect(res.body.due).toBe('2026-10-25');
    // The return equals the VAT summary read from the same VAT records.
    const summary = (await b.get('/vat/summary?from=2026-09-01&to=2026-09-30')).body;
    expect(summary.output.vat).toBe('37770.00');
    expect(summary.input.vat).toBe('20070.00');
  });

  it('exports a VAT return that the official DPHDP3 schema accepts', async () => {
    const res = await b.user.request('GET', `${b.base}/vat/filings/2026-09/dphdp3.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    expect(res.headers.get('content-disposition')).toContain('dphdp3-2026-09.xml');
    const xml = await res.text();
    const v = xmllint(xml, 'dphdp3_epo2.xsd');
    expect(v.output).toContain('validates');
    expect(v.ok).toBe(true);
    const d = parse(xml).DPHDP3;
    expect(d.VetaD[0]).toMatchObject({
      dokument: 'DP3',
      k_uladis: 'DPH',
      rok: '2026',
      mesic: '9',
      dapdph_forma: 'B',
      typ_platce: 'P',
      c_okec: '620000',
      d_poddp: '05.10.2026',
    });
    expect(d.VetaP[0]).toMatchObject({
      dic: '27082440',
      c_ufo: '451',
      c_pracufo: '2001',
      typ_ds: 'P',
      zkrobchjm: 'Účtárna Vzor s.r.o.',
      psc: '11000',
    });
    expect(d.Veta1[0]).toMatchObject({
      obrat23: '112000',
      dan23: '23520',
      obrat5: '5000',
      dan5: '600',
      p_sl23_e: '25000',
      rez_pren23: '40000',
    });
    expect(d.Veta2[0]).toEqual({ dod_zb: '50000', pln_sluzby: '8000', pln_rez_pren: '60000' });
    expect(d.Veta6[0]).toEqual({ dan_zocelk: '37770', odp_zocelk: '20070', dano_da: '17700' });
  });

  it('sorts the control statement into A.1, A.2, A.4, A.5, B.1, B.2, B.3 with the 10 000 Kč threshold', async () => {
    const kh = (await b.get('/vat/filings/2026-09')).body.controlStatement;
    const pick = (rows: any[]) => rows.map((r) => [r.evidenceNumber, r.vatId, r.base, r.vat]);
    expect(pick(kh.sections['A.1'])).toEqual([[docs.rcSale.number, 'CZ45274649', '60000.00', '0.00']]);
    expect(kh.sections['A.1'][0].subjectCode).toBe('4');
    expect(pick(kh.sections['A.2'])).toEqual([['INV-2026-09', 'DE123456789', '25000.00', '5250.00']]);
    expect(pick(kh.sections['A.4'])).toEqual([
      [docs.big.number, 'CZ25596641', '100000.00', '21000.00'],
      [docs.credit.number, 'CZ25596641', '-10000.00', '-2100.00'],
    ]);
    // A.5: 2 000 + 20 000 at 21 % and 5 000 at 12 %.
    expect(pick(kh.sections['A.5'])).toEqual([['A.5', null, '27000.00', '5220.00']]);
    expect(pick(kh.sections['B.1'])).toEqual([['ZD-77', 'CZ00006947', '40000.00', '8400.00']]);
    expect(pick(kh.sections['B.2'])).toEqual([['FV-3001', 'CZ27074358', '30000.00', '6300.00']]);
    expect(pick(kh.sections['B.3'])).toEqual([['B.3', null, '1000.00', '120.00']]);
    // VetaC ties the statement to the return: rows 1, 2, 40, 41, 25, 10 and 5.
    expect(kh.totals).toEqual({
      obrat23: '112000.00',
      obrat5: '5000.00',
      pln23: '30000.00',
      pln5: '1000.00',
      plnRezPren: '60000.00',
      rezPren23: '40000.00',
      rezPren5: '0.00',
      celkZdA2: '25000.00',
    });
  });

  it('exports a control statement that the official DPHKH1 schema accepts', async () => {
    const res = await b.user.request('GET', `${b.base}/vat/filings/2026-09/dphkh1.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const v = xmllint(xml, 'dphkh1_epo2.xsd');
    expect(v.output).toContain('validates');
    expect(v.ok).toBe(true);
    const d = parse(xml).DPHKH1;
    expect(d.VetaD[0]).toMatchObject({ dokument: 'KH1', khdph_forma: 'B', rok: '2026', mesic: '9' });
    expect(d.VetaA1[0]).toMatchObject({
      dic_odb: '45274649',
      duzp: '10.09.2026',
      zakl_dane1: '60000.00',
      kod_pred_pl: '4',
    });
    expect(d.VetaA2[0]).toMatchObject({
      k_stat: 'DE',
      vatid_dod: '123456789',
      c_evid_dd: 'INV-2026-09',
      dppd: '01.09.2026',
      zakl_dane1: '25000.00',
      dan1: '5250.00',
    });
    expect(d.VetaA4.map((r: any) => [r.dic_odb, r.zakl_dane1, r.dan1, r.kod_rezim_pl, r.zdph_44])).toEqual([
      ['25596641', '100000.00', '21000.00', '0', 'N'],
      ['25596641', '-10000.00', '-2100.00', '0', 'N'],
    ]);
    expect(d.VetaA5[0]).toEqual({ zakl_dane1: '22000.00', dan1: '4620.00', zakl_dane2: '5000.00', dan2: '600.00' });
    expect(d.VetaB1[0]).toMatchObject({
      dic_dod: '00006947',
      c_evid_dd: 'ZD-77',
      duzp: '12.09.2026',
      zakl_dane1: '40000.00',
      dan1: '8400.00',
      kod_pred_pl: '4',
    });
    expect(d.VetaB2[0]).toMatchObject({
      dic_dod: '27074358',
      c_evid_dd: 'FV-3001',
      zakl_dane1: '30000.00',
      dan1: '6300.00',
      pomer: 'N',
      zdph_44: 'N',
    });
    expect(d.VetaB3[0]).toEqual({ zakl_dane2: '1000.00', dan2: '120.00' });
    expect(d.VetaC[0]).toMatchObject({
      obrat23: '112000.00',
      pln23: '30000.00',
      pln_rez_pren: '60000.00',
      rez_pren23: '40000.00',
      celk_zd_a2: '25000.00',
    });
  });

  it('exports an EC sales list that the official DPHSHV schema accepts', async () => {
    const res = await b.user.request('GET', `${b.base}/vat/filings/2026-09/dphshv.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const v = xmllint(xml, 'dphshv_epo2.xsd');
    expect(v.output).toContain('validates');
    expect(v.ok).toBe(true);
    const d = parse(xml).DPHSHV;
    expect(d.VetaD[0]).toMatchObject({ dokument: 'SHV', shvies_forma: 'R', rok: '2026', mesic: '9' });
    expect(d.VetaR.map((r: any) => [r.k_stat, r.c_vat, r.k_pln_eu, r.pln_pocet, r.pln_hodnota])).toEqual([
      ['DE', '811569869', '0', '1', '50000'],
      ['FR', '40303265045', '3', '1', '8000'],
    ]);
  });

  it('files a quarter, refuses a quarterly control statement of a legal person, and rejects bad periods', async () => {
    const q = await b.get('/vat/filings/2026-Q3');
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ from: '2026-07-01', to: '2026-09-30', due: '2026-10-25' });
    const qx = await b.user.request('GET', `${b.base}/vat/filings/2026-Q3/dphdp3.xml`);
    const xml = await qx.text();
    expect(xmllint(xml, 'dphdp3_epo2.xsd').ok).toBe(true);
    expect(parse(xml).DPHDP3.VetaD[0]).toMatchObject({ ctvrt: '3' });
    expect((await b.get('/vat/filings/2026-Q3/dphkh1.xml')).body.code).toBe('control_statement_monthly');
    for (const bad of ['2026-13', '2026-Q5', '26-09', 'x']) {
      const r = await b.get(`/vat/filings/${bad}`);
      expect(r.status, bad).toBe(400);
    }
    expect((await b.get('/vat/filings/2026-09/dphxx.xml')).status).toBe(400);
  });

  it('shows another tenant nothing of these filings', async () => {
    const res = await other.get('/vat/filings/2026-09');
    expect(res.status).toBe(200);
    expect(res.body.vatReturn.cells.filter((c: any) => c.filed !== '0')).toEqual([]);
    expect(res.body.controlStatement.sections['A.4']).toEqual([]);
    expect((await other.get('/vat/filer')).body.vatId).toBeNull();
  });

  it('takes the filer from the company profile where the accounting settings leave it empty', async () => {
    const put = await other.user.json('PUT', `/api/t/${other.user.tenant.slug}/profile`, {
      legalName: 'Profilová s.r.o.',
      ico: '27082440',
      dic: 'CZ27082440',
      vatPayer: true,
      vatPeriod: 'monthly',
      street: 'Dlouhá 5',
      city: 'Brno',
      zip: '602 00',
      country: 'CZ',
      defaultCurrency: 'CZK',
      locale: 'cs',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await other.get('/vat/filer')).body).toMatchObject({
      vatId: 'CZ27082440',
      name: 'Profilová s.r.o.',
      street: 'Dlouhá 5',
      city: 'Brno',
      postalCode: '60200',
      vatPeriod: 'month',
      vatPayer: true,
      fromProfile: ['vatId', 'name', 'street', 'city', 'postalCode', 'vatPeriod'],
    });
    // Set here, a field overrides the profile for the filings only; the rest still follows it.
    const patched = await other.patch('/vat/filer', { street: 'Krátká 1', taxOffice: '461' });
    expect(patched.body).toMatchObject({ street: 'Krátká 1', vatId: 'CZ27082440', taxOffice: '461' });
    expect(patched.body.fromProfile).toEqual(['vatId', 'name', 'city', 'postalCode', 'vatPeriod']);
    // The filing's VetaP carries the profile's DIČ and seat.
    const xml = await other.user.request('GET', `${other.base}/vat/filings/2026-09/dphdp3.xml`);
    expect(xml.status).toBe(200);
    const veta = parse(await xml.text()).DPHDP3.VetaP[0];
    expect(veta).toMatchObject({
      dic: '27082440',
      zkrobchjm: 'Profilová s.r.o.',
      ulice: 'Krátká 1',
      naz_obce: 'Brno',
      psc: '60200',
    });
  });

  it('takes the VAT period from the company profile unless the filings override it', async () => {
    const profile = await other.user.json('GET', `/api/t/${other.user.tenant.slug}/profile`);
    const put = await other.user.json('PUT', `/api/t/${other.user.tenant.slug}/profile`, {
      legalName: 'Profilová s.r.o.',
      ico: '27082440',
      dic: 'CZ27082440',
      vatPayer: true,
      vatPeriod: 'quarterly',
      street: 'Dlouhá 5',
      city: 'Brno',
      zip: '602 00',
      country: 'CZ',
      defaultCurrency: 'CZK',
      locale: 'cs',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(profile.status).toBe(200);
    const filer = (await other.get('/vat/filer')).body;
    expect(filer).toMatchObject({ vatPeriod: 'quarter', vatPayer: true });
    expect(filer.fromProfile).toContain('vatPeriod');
    const own = await other.patch('/vat/filer', { vatPeriod: 'month' });
    expect(own.body.vatPeriod).toBe('month');
    expect(own.body.fromProfile).not.toContain('vatPeriod');
    const back = await other.patch('/vat/filer', { vatPeriod: null });
    expect(back.body).toMatchObject({ vatPeriod: 'quarter' });
    expect(back.body.fromProfile).toContain('vatPeriod');
    expect((await other.patch('/vat/filer', { vatPeriod: 'yearly' })).status).toBe(400);
  });
});

describe('a firm that is not a VAT payer (company profile)', () => {
  let np: Books;
  const profile = (vatPayer: boolean) =>
    np.user.json('PUT', `/api/t/${np.user.tenant.slug}/profile`, {
      legalName: 'Neplátce s.r.o.',
      ico: '27082440',
      vatPayer,
      ...(vatPayer ? { dic: 'CZ27082440', vatPeriod: 'monthly' } : {}),
      street: 'Dlouhá 5',
      city: 'Brno',
      zip: '602 00',
      country: 'CZ',
      defaultCurrency: 'CZK',
      locale: 'cs',
    });
  beforeAll(async () => {
    np = await openBooks(b.t, { country: 'CZ', currency: 'CZK' });
    expect((await profile(false)).status).toBe(200);
  });

  it('is refused the VAT return, control statement and EC sales list (409 not_vat_payer)', async () => {
    expect((await np.get('/vat/filer')).body.vatPayer).toBe(false);
    const figures = await np.get('/vat/filings/2026-09');
    expect(figures.status).toBe(409);
    expect(figures.body.code).toBe('not_vat_payer');
    for (const form of ['dphdp3.xml', 'dphkh1.xml', 'dphshv.xml']) {
      const res = await np.user.request('GET', `${np.base}/vat/filings/2026-09/${form}`);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { code: string }).code).toBe('not_vat_payer');
    }
  });

  it('invoices without VAT, deducts none of what it buys, and says "Nejsem plátce DPH" on the invoice', async () => {
    const c = await np.post('/customers', { name: 'Odběratel a.s.' });
    const draft = await np.post('/invoices', {
      customerId: c.body.id,
      issueDate: '2026-09-10',
      lines: [{ description: 'Konzultace', quantity: '2', unitPrice: '500.00', vat: 'standard' }],
    });
    expect(draft.body).toMatchObject({ vatPayer: false, subtotal: '1000.00', vatTotal: '0.00', total: '1000.00' });
    expect(draft.body.lines[0]).toMatchObject({ vat: 'none', vatRate: '0', vatAmount: '0.00' });
    const issued = await np.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const entry = await np.get(`/journal/${issued.body.entryId}`);
    expect(entry.body.lines.map((l: any) => l.account).sort()).toEqual(['311', '602']);
    const pdf = await np.user.request('GET', `${np.base}/invoices/${issued.body.id}/pdf`);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Nejsem plátce DPH');
    expect(text).not.toContain('daňový doklad');
    expect(text).not.toContain('Datum zdanitelného plnění');
    expect(text).not.toContain('Rekapitulace DPH');

    const v = await np.post('/vendors', { name: 'Dodavatel s.r.o.' });
    const bill = await np.post('/bills', {
      vendorId: v.body.id,
      issueDate: '2026-09-12',
      reference: 'FV-1',
      lines: [{ description: 'Papír', unitPrice: '1000.00', vat: 'standard' }],
    });
    expect(bill.body).toMatchObject({ vatPayer: false, vatTotal: '210.00', total: '1210.00' });
    expect(bill.body.lines[0]).toMatchObject({ deduction: 'none', deductible: '0.00' });
    const posted = await np.post(`/bills/${bill.body.id}/post`);
    const billEntry = await np.get(`/journal/${posted.body.entryId}`);
    expect(billEntry.body.lines.some((l: any) => l.account.startsWith('343'))).toBe(false);
    const eu = await np.post('/bills', {
      vendorId: v.body.id,
      regime: 'eu',
      lines: [{ description: 'Licence', unitPrice: '100.00' }],
    });
    expect(eu.status).toBe(400);
    expect(eu.body.errors.map((e: any) => e.path)).toContain('regime');
  });

  it('refuses to issue a draft saved before the profile changed whether the firm is a payer', async () => {
    const c = await np.post('/customers', { name: 'Pozdní a.s.' });
    const draft = await np.post('/invoices', {
      customerId: c.body.id,
      issueDate: '2026-09-20',
      lines: [{ description: 'Školení', unitPrice: '100.00' }],
    });
    expect((await profile(true)).status).toBe(200);
    const issued = await np.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.status).toBe(409);
    expect(issued.body.code).toBe('vat_payer_changed');
    const saved = await np.patch(`/invoices/${draft.body.id}`, {});
    expect(saved.body).toMatchObject({ vatPayer: true, vatTotal: '21.00' });
    expect((await np.post(`/invoices/${draft.body.id}/issue`)).status).toBe(200);
    expect((await np.get('/vat/filings/2026-09')).status).toBe(200);
  });
});
