import { createTestBureau, pdfText } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { spayd } from '../src/server/services/pdf.ts';
import { type Books, booksFor, openBooks } from './helpers.ts';

let cz: Books;
let en: Books;
const clock = { now: () => new Date('2026-06-30T10:00:00Z') };

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting], clock });
  cz = await openBooks(t, { country: 'CZ', currency: 'CZK' });
  en = booksFor(t, await t.signup({ tenant: { country: 'DE', currency: 'EUR' } }));
  await t.enableModule(en.user, 'accounting');
});
afterAll(async () => {
  await cz.t.close();
});

/** GETs a binary resource as the books' user. */
const fetchPdf = async (b: Books, path: string) => {
  const res = await b.user.request('GET', `${b.base}${path}`);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};

const customer = async (b: Books, body: Record<string, unknown>) => {
  const res = await b.post('/customers', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('invoice and bill PDFs', () => {
  let invoice: any;
  let bill: any;

  beforeAll(async () => {
    expect((await cz.post('/bank-accounts', { name: 'Fio', iban: 'CZ65 0800 0000 1920 0014 5399' })).status).toBe(201);
    const c = await customer(cz, {
      name: 'Žluťoučký kůň s.r.o.',
      ico: '25596641',
      dic: 'CZ25596641',
      street: 'Náměstí 1',
      city: 'Brno',
      postalCode: '60200',
    });
    const draft = await cz.post('/invoices', {
      customerId: c.id,
      issueDate: '2026-06-10',
      lines: [
        { description: 'Účetní služby', quantity: '2', unitPrice: '1500.00' },
        { description: 'Kniha', quantity: '1', unitPrice: '300.00', vat: 'reduced' },
      ],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const issued = await cz.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    invoice = issued.body;

    const v = await cz.post('/vendors', { name: 'Papírnictví Šťastný', ico: '27082440' });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const b = await cz.post('/bills', {
      vendorId: v.body.id,
      issueDate: '2026-06-04',
      reference: 'FA-77123',
      lines: [{ description: 'Papír', quantity: '10', unitPrice: '120.00', account: '501' }],
    });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    const posted = await cz.post(`/bills/${b.body.id}/post`);
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    bill = posted.body;
  });

  it('renders an issued invoice as a Czech PDF with DejaVu, the parties, VAT per rate and QR Platba', async () => {
    const { res, bytes } = await fetchPdf(cz, `/invoices/${invoice.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${invoice.number}.pdf"`);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    const text = pdfText(bytes);
    expect(text).toContain(invoice.number);
    expect(text).toContain('Faktura – daňový doklad');
    expect(text).toContain('Žluťoučký kůň s.r.o.');
    expect(text).toContain('IČO: 25596641');
    expect(text).toContain('DIČ: CZ25596641');
    expect(text).toContain('Variabilní symbol');
    expect(text).toContain(invoice.variableSymbol);
    expect(text).toContain('CZ65 0800 0000 1920 0014 5399');
    expect(text).toContain('Rekapitulace DPH');
    for (const b of invoice.vatBreakdown) expect(text).toContain(`${b.rate} %`);
    expect(invoice.vatBreakdown.length).toBe(2);
    expect(text).toContain('QR Platba');
  });

  it('renders a bill without a QR code', async () => {
    const { res, bytes } = await fetchPdf(cz, `/bills/${bill.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${bill.number}.pdf"`);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain(bill.number);
    expect(text).toContain('Papírnictví Šťastný');
    expect(text).toContain('FA-77123');
    expect(text).not.toContain('QR Platba');
  });

  it('is 404 for another tenant, an unknown id or the wrong kind, 400 for a malformed id', async () => {
    expect((await fetchPdf(en, `/invoices/${invoice.id}/pdf`)).res.status).toBe(404);
    expect((await fetchPdf(en, `/bills/${bill.id}/pdf`)).res.status).toBe(404);
    expect((await fetchPdf(cz, `/bills/${invoice.id}/pdf`)).res.status).toBe(404);
    expect((await fetchPdf(cz, '/invoices/0190b3a2-7c1e-7000-8000-000000000000/pdf')).res.status).toBe(404);
    expect((await fetchPdf(cz, '/invoices/nope/pdf')).res.status).toBe(400);
    const anon = await cz.t.anonymous().request('GET', `${cz.base}/invoices/${invoice.id}/pdf`);
    expect(anon.status).toBe(401);
  });

  it('uses English labels for a non-Czech tenant and draws no QR without a bank IBAN', async () => {
    const c = await customer(en, { name: 'Müller GmbH', country: 'DE' });
    const draft = await en.post('/invoices', {
      customerId: c.id,
      issueDate: '2026-06-10',
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: '100.00' }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const { res, bytes } = await fetchPdf(en, `/invoices/${draft.body.id}/pdf`);
    expect(res.status).toBe(200);
    const text = pdfText(bytes);
    expect(text).toContain('Invoice – tax document');
    expect(text).toContain('Müller GmbH');
    expect(text).not.toContain('QR');
  });
});

describe('QR Platba payload', () => {
  it('is SPAYD with IBAN, amount, currency, variable symbol and an ASCII message', () => {
    expect(
      spayd({
        iban: 'CZ65 0800 0000 1920 0014 5399',
        amount: '3630.00',
        currency: 'CZK',
        variableSymbol: '20260001',
        dueDate: '2026-06-24',
        message: 'Faktura 20260001 – účetní*služby',
      }),
    ).toBe(
      'SPD*1.0*ACC:CZ6508000000192000145399*AM:3630.00*CC:CZK*X-VS:20260001*DT:20260624*MSG:Faktura 20260001  ucetni%2Asluzby',
    );
  });
  it('is null for another currency, nothing to pay or an invalid IBAN', () => {
    const base = { iban: 'CZ6508000000192000145399', amount: '10.00', currency: 'CZK', variableSymbol: '1' };
    expect(spayd({ ...base, currency: 'USD' })).toBeNull();
    expect(spayd({ ...base, currency: 'EUR' })).toContain('CC:EUR');
    expect(spayd({ ...base, amount: '0.00' })).toBeNull();
    expect(spayd({ ...base, iban: 'CZ0012' })).toBeNull();
  });
});

describe("the seller block from core's company profile", () => {
  it('prints the address, IČO, DIČ and registration and asks to be paid to the profile account in the currency', async () => {
    const profile = await cz.user.json('PUT', `/api/t/${cz.user.tenant.slug}/profile`, {
      legalName: 'Účetní kancelář Vzorová s.r.o.',
      ico: '27082440',
      dic: 'CZ27082440',
      vatPayer: true,
      vatPeriod: 'monthly',
      street: 'Vinohradská 12',
      city: 'Praha 2',
      zip: '120 00',
      country: 'CZ',
      registration: 'Zapsáno v obchodním rejstříku vedeném Městským soudem v Praze, oddíl C, vložka 99999',
      defaultCurrency: 'CZK',
      locale: 'cs',
      bankAccounts: [{ accountNumber: '2000145399/0800', currency: 'CZK', isDefault: true }],
    });
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    const c = await cz.post('/customers', { name: 'Odběratel a.s.' });
    const draft = await cz.post('/invoices', {
      customerId: c.body.id,
      issueDate: '2026-06-20',
      lines: [{ description: 'Mzdové účetnictví', quantity: '1', unitPrice: '2000.00' }],
    });
    const issued = await cz.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const text = pdfText((await fetchPdf(cz, `/invoices/${issued.body.id}/pdf`)).bytes);
    expect(text).toContain('Účetní kancelář Vzorová s.r.o.');
    expect(text).toContain('Vinohradská 12');
    expect(text).toContain('120 00 Praha 2');
    expect(text).toContain('IČO: 27082440');
    expect(text).toContain('DIČ: CZ27082440');
    expect(text.replace(/\s+/g, ' ')).toContain('Praze, oddíl C, vložka 99999');
    const iban = profile.body.bankAccounts[0].iban as string;
    expect(text).toContain(iban.replace(/(.{4})(?=.)/g, '$1 '));
    expect(text).not.toContain('CZ65 0800 0000 1920 0014 5399');
  });
});

describe('the account an invoice asks to be paid to (issue 20, item 2)', () => {
  it('prints the CZK account kept only as a domestic number for a CZK invoice, never the EUR one', async () => {
    const b = booksFor(cz.t, await cz.t.signup({ tenant: { country: 'CZ', currency: 'CZK' } }));
    await cz.t.enableModule(b.user, 'accounting');
    const czk = await b.post('/bank-accounts', {
      name: 'ČS CZK',
      accountNumber: '19-2000145399/0800',
      currency: 'CZK',
    });
    expect(czk.status, JSON.stringify(czk.body)).toBe(201);
    const eur = await b.post('/bank-accounts', { name: 'EUR', iban: 'DE89 3704 0044 0532 0130 00', currency: 'EUR' });
    expect(eur.status, JSON.stringify(eur.body)).toBe(201);
    const c = await b.post('/customers', { name: 'Odběratel s.r.o.' });
    const draft = await b.post('/invoices', {
      customerId: c.body.id,
      issueDate: '2026-06-20',
      lines: [{ description: 'Služba', quantity: '1', unitPrice: '100.00' }],
    });
    const issued = await b.post(`/invoices/${draft.body.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const text = pdfText((await fetchPdf(b, `/invoices/${issued.body.id}/pdf`)).bytes);
    expect(text).toContain('CZ65 0800 0000 1920 0014 5399');
    expect(text).not.toContain('DE89');
  });
});
