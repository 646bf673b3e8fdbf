import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Books, booksWithNeighbour, oracle, xmllint } from './helpers.ts';

const ISDOC = 'isdoc/isdoc-invoice-6.0.2.xsd';

/**
 * ISDOC 6.0.2 (issue 17, item 15): issued sales documents out, validated with xmllint against the
 * official schema (`shared/oracles/isdoc`), and the official public samples (ABRA's test001/test002
 * from the ISDOC project) read in as vendor bills whose totals equal the files' own.
 */
const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (n) => n === 'InvoiceLine' || n === 'TaxSubTotal',
  }).parse(xml).Invoice;

let b: Books;
let other: Books;
let customer: string;

beforeAll(async () => {
  [b, other] = await booksWithNeighbour('2026-10-05T08:00:00Z', { name: 'Pekárna Novák s.r.o.' });
  await b.post('/bank-accounts', { name: 'Provozní', accountNumber: '2000145399/0800' });
  customer = (
    await b.post('/customers', {
      name: 'Odběratel a.s.',
      ico: '25596641',
      dic: 'CZ25596641',
      street: 'Vodičkova 12',
      city: 'Praha',
      postalCode: '11000',
    })
  ).body.id;
});
afterAll(async () => {
  await b.t.close();
});

async function issue(body: Record<string, unknown>) {
  const draft = await b.post('/invoices', { customerId: customer, issueDate: '2026-10-01', ...body });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const issued = await b.post(`/invoices/${draft.body.id}/issue`);
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body;
}

async function isdoc(books: Books, id: string) {
  const res = await books.user.request('GET', `${books.base}/invoices/${id}/isdoc`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('ISDOC export', () => {
  it('writes an invoice at two rates, valid against the official schema', async () => {
    const inv = await issue({
      variableSymbol: '20261001',
      lines: [
        { description: 'Chléb', quantity: '10', unitPrice: '45.50', vat: 'reduced' },
        { description: 'Rozvoz', quantity: '1', unitPrice: '300.00' },
      ],
    });
    const res = await isdoc(b, inv.id);
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/xml');
    const verdict = xmllint(res.text, ISDOC);
    expect(verdict.ok, verdict.output).toBe(true);
    const x = parse(res.text);
    expect(x).toMatchObject({ DocumentType: '1', ID: inv.number, LocalCurrencyCode: 'CZK', CurrRate: '1' });
    expect(x.AccountingCustomerParty.Party).toMatchObject({
      PartyIdentification: { ID: '25596641' },
      PostalAddress: { StreetName: 'Vodičkova', BuildingNumber: '12', CityName: 'Praha' },
      PartyTaxScheme: { CompanyID: 'CZ25596641' },
    });
    // 455.00 at 12 % = 54.60; 300.00 at 21 % = 63.00.
    expect(x.TaxTotal.TaxSubTotal.map((s: any) => [s.TaxCategory.Percent, s.TaxableAmount, s.TaxAmount])).toEqual([
      ['12', '455.00', '54.60'],
      ['21', '300.00', '63.00'],
    ]);
    expect(x.LegalMonetaryTotal.PayableAmount).toBe('872.60');
    expect(x.PaymentMeans.Payment.Details).toMatchObject({
      IBAN: 'CZ7908000000002000145399',
      ID: '2000145399',
      BankCode: '0800',
      VariableSymbol: inv.variableSymbol,
    });
  });

  it('writes a credit note referencing its invoice and a EUR invoice with both currencies', async () => {
    const inv = await issue({ lines: [{ description: 'Dort', unitPrice: '1000.00' }] });
    const cn = await b.post(`/invoices/${inv.id}/corrections`, {
      type: 'credit_note',
      reason: 'Reklamace',
      lines: [{ description: 'Sleva za reklamaci', unitPrice: '200.00' }],
    });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    const credit = await isdoc(b, cn.body.id);
    const creditVerdict = xmllint(credit.text, ISDOC);
    expect(creditVerdict.ok, creditVerdict.output).toBe(true);
    const c = parse(credit.text);
    expect(c.DocumentType).toBe('2');
    expect(c.OriginalDocumentReferences.OriginalDocumentReference.ID).toBe(inv.number);

    const eur = await issue({
      currency: 'EUR',
      rate: '25.00',
      lines: [{ description: 'Catering', unitPrice: '100.00' }],
    });
    const res = await isdoc(b, eur.id);
    const verdict = xmllint(res.text, ISDOC);
    expect(verdict.ok, verdict.output).toBe(true);
    const x = parse(res.text);
    expect(x).toMatchObject({ LocalCurrencyCode: 'CZK', ForeignCurrencyCode: 'EUR', CurrRate: '25' });
    expect(x.InvoiceLines.InvoiceLine[0]).toMatchObject({
      LineExtensionAmountCurr: '100.00',
      LineExtensionAmount: '2500.00',
      LineExtensionTaxAmount: '525.00',
    });
    expect(x.LegalMonetaryTotal).toMatchObject({ PayableAmount: '3025.00', PayableAmountCurr: '121.00' });
  });

  it('refuses a draft and hides another tenant’s invoice', async () => {
    const draft = await b.post('/invoices', { customerId: customer, lines: [{ description: 'x', unitPrice: '1.00' }] });
    const res = await isdoc(b, draft.body.id);
    expect(res.status).toBe(409);
    expect(JSON.parse(res.text).code).toBe('not_issued');
    expect((await isdoc(other, draft.body.id)).status).toBe(404);
    expect((await isdoc(b, 'not-a-uuid')).status).toBe(400);
  });
});

describe('ISDOC import', () => {
  const sample = (name: string) => readFileSync(oracle(`isdoc/${name}`), 'utf8');

  it('reads the official sample invoice into a draft bill with its totals, once', async () => {
    const res = await b.post('/bills/isdoc', { content: sample('sample-test001.xml') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The sample's IČO and DIČ are made up (they fail their check digits): left out, and said.
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual([
      'supplier_ico_invalid',
      'supplier_dic_invalid',
    ]);
    const bill = (await b.get(`/bills/${res.body.id}`)).body;
    expect(bill).toMatchObject({
      status: 'draft',
      reference: 'FV-1/2021',
      issueDate: '2021-04-01',
      taxDate: '2021-04-01',
      dueDate: '2021-04-15',
      variableSymbol: '10111',
      currency: 'CZK',
      subtotal: '5500.00',
      vatTotal: '1155.00',
      total: '6655.00',
      partner: { name: 'Demoverze' },
    });
    // Ten goods lines at 21 %; the zero lines (heading, rounding) are left out.
    expect(bill.lines).toHaveLength(10);
    expect(bill.lines[0]).toMatchObject({ description: 'Zboží 1', quantity: '1', unitPrice: '100.00', vatRate: '21' });
    const again = await b.post('/bills/isdoc', { content: sample('sample-test001.xml') });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: res.body.id, created: false });
  });

  it('reads the sample with two rates of 2021 (21 % and 15 %) to the file’s total', async () => {
    const res = await b.post('/bills/isdoc', { content: sample('sample-test002.xml') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warnings.filter((w: { code: string }) => w.code === 'total_differs')).toEqual([]);
    const bill = (await b.get(`/bills/${res.body.id}`)).body;
    expect(bill).toMatchObject({ subtotal: '63000.00', vatTotal: '13080.00', total: '76080.00' });
    expect(new Set(bill.lines.map((l: { vat: string }) => l.vat))).toEqual(new Set(['standard', 'reduced']));
    const posted = await b.post(`/bills/${res.body.id}/post`);
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  });

  it('refuses what is not an ISDOC invoice and writes nothing', async () => {
    const before = (await b.get('/bills?limit=100')).body.items.length;
    const cases: [unknown, string][] = [
      [{ content: 'hello' }, 'invalid_isdoc'],
      [
        { content: '<Invoice xmlns="http://isdoc.cz/namespace/2013"><DocumentType>1</DocumentType></Invoice>' },
        'invalid_isdoc',
      ],
      [
        {
          content: sample('sample-test001.xml').replace(
            '<DocumentType>1</DocumentType>',
            '<DocumentType>2</DocumentType>',
          ),
        },
        'isdoc_unsupported_type',
      ],
      [
        {
          content: sample('sample-test001.xml')
            .replace(/<Percent>21<\/Percent>/g, '<Percent>19</Percent>')
            .replace('AEC4791C', 'BEC4791C'),
        },
        'invalid_isdoc',
      ],
      [{ content: '' }, 'invalid_input'],
      [{}, 'invalid_input'],
    ];
    for (const [body, code] of cases) {
      const res = await b.post('/bills/isdoc', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe(code);
    }
    expect((await b.get('/bills?limit=100')).body.items).toHaveLength(before);
  });
});
