import { withTenant } from '@bureau/core';
import { XMLParser } from 'fast-xml-parser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Books, booksWithNeighbour, xmllint } from './helpers.ts';

/**
 * Payment orders for bills due (issue 17, item 14): bills picked, ordered from a bank account, and
 * downloaded as ISO 20022 pain.001.001.03 (validated with xmllint against the official schema in
 * `shared/oracles/sepa`, and a EUR order also against the EPC's SEPA credit transfer restriction)
 * and as the Czech ABO file, whose every record the test writes out by hand.
 */
const parse = (xml: string) =>
  new XMLParser({ parseTagValue: false, ignoreAttributes: false, isArray: (n) => n === 'CdtTrfTxInf' }).parse(xml)
    .Document.CstmrCdtTrfInitn;

let b: Books;
let other: Books;
let czk: string;
let eur: string;
const bills: Record<string, string> = {};

async function bill(vendorId: string, body: Record<string, unknown>) {
  const draft = await b.post('/bills', { vendorId, issueDate: '2026-09-20', taxDate: '2026-09-20', ...body });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const posted = await b.post(`/bills/${draft.body.id}/post`);
  expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  return posted.body.id as string;
}

async function file(orderId: string, name: string) {
  const res = await b.user.request('GET', `${b.base}/payment-orders/${orderId}/${name}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

beforeAll(async () => {
  [b, other] = await booksWithNeighbour('2026-10-05T08:00:00Z', { name: 'Pekárna Novák s.r.o.' });
  czk = (await b.post('/bank-accounts', { name: 'Provozní účet', accountNumber: '2000145399/0800' })).body.id;
  eur = (
    await b.post('/bank-accounts', {
      name: 'EUR účet',
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      currency: 'EUR',
    })
  ).body.id;
  const vendor = async (body: Record<string, unknown>) => {
    const v = await b.post('/vendors', body);
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    return v.body.id as string;
  };
  const papír = await vendor({ name: 'Papírnictví Šťastný s.r.o.', bankAccount: '1234567899/0100' });
  const energie = await vendor({ name: 'Energie a.s.', iban: 'CZ9603000000000987654300' });
  const nikde = await vendor({ name: 'Bez účtu s.r.o.' });
  const wien = await vendor({ name: 'Wiener Druck GmbH', country: 'AT', iban: 'AT611904300234573201' });
  bills.papir = await bill(papír, {
    dueDate: '2026-10-01',
    variableSymbol: '2026117',
    reference: 'FV-117',
    lines: [{ description: 'Papír', unitPrice: '1000.00', account: '501' }],
  });
  bills.energie = await bill(energie, {
    dueDate: '2026-10-10',
    variableSymbol: '8800123',
    reference: 'E-0923',
    lines: [{ description: 'Elektřina září', unitPrice: '5000.00', account: '502' }],
  });
  bills.later = await bill(energie, {
    dueDate: '2026-11-30',
    reference: 'E-1023',
    lines: [{ description: 'Elektřina říjen', unitPrice: '100.00', account: '502' }],
  });
  bills.nikde = await bill(nikde, {
    dueDate: '2026-10-02',
    lines: [{ description: 'Služba', unitPrice: '300.00', account: '518' }],
  });
  bills.wien = await bill(wien, {
    regime: 'eu',
    currency: 'EUR',
    rate: '25.00',
    dueDate: '2026-10-03',
    reference: 'R-2026-55',
    lines: [{ description: 'Druck', unitPrice: '400.00', supply: 'services', account: '518' }],
  });
});
afterAll(async () => {
  await b.t.close();
});

describe('payment orders', () => {
  it('lists the bills due by a day with their payee accounts, oldest due first', async () => {
    const due = await b.get('/payment-orders/due-bills?dueBy=2026-10-31&currency=CZK');
    expect(due.status).toBe(200);
    expect(due.body.bills.map((x: { id: string }) => x.id)).toEqual([bills.papir, bills.nikde, bills.energie]);
    const [papir, nikde, energie] = due.body.bills;
    expect(papir).toMatchObject({
      remaining: '1210.00',
      toOrder: '1210.00',
      ordered: '0.00',
      overdue: true,
      vendorNumber: 'FV-117',
      payee: { account: '1234567899/0100', iban: 'CZ9501000000001234567899' },
    });
    expect(nikde.payee).toBeNull();
    expect(energie).toMatchObject({ overdue: false, payee: { account: '987654300/0300' } });
  });

  it('orders two CZK bills (one in part) and writes them as pain.001 and ABO', async () => {
    const order = await b.post('/payment-orders', {
      bankAccountId: czk,
      executionDate: '2026-10-06',
      items: [{ documentId: bills.papir }, { documentId: bills.energie, amount: '4000.00' }],
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({
      currency: 'CZK',
      total: '5210.00',
      itemCount: 2,
      status: 'open',
      formats: ['pain001', 'abo'],
      items: [
        { documentId: bills.papir, amount: '1210.00', variableSymbol: '2026117', message: 'FV-117' },
        { documentId: bills.energie, amount: '4000.00', variableSymbol: '8800123' },
      ],
    });

    const xml = await file(order.body.id, 'pain001.xml');
    expect(xml.status).toBe(200);
    expect(xml.type).toContain('application/xml');
    const verdict = xmllint(xml.text, 'sepa/pain.001.001.03.xsd');
    expect(verdict.ok, verdict.output).toBe(true);
    const doc = parse(xml.text);
    expect(doc.GrpHdr).toMatchObject({ NbOfTxs: '2', CtrlSum: '5210.00' });
    expect(doc.PmtInf).toMatchObject({
      ReqdExctnDt: '2026-10-06',
      DbtrAcct: { Id: { IBAN: 'CZ7908000000002000145399' }, Ccy: 'CZK' },
    });
    expect(doc.PmtInf.PmtTpInf).toBeUndefined();
    expect(
      doc.PmtInf.CdtTrfTxInf.map((t: any) => [t.PmtId.EndToEndId, t.Amt.InstdAmt['#text'], t.CdtrAcct.Id.IBAN]),
    ).toEqual([
      ['/VS2026117', '1210.00', 'CZ9501000000001234567899'],
      ['/VS8800123', '4000.00', 'CZ9603000000000987654300'],
    ]);
    expect(doc.PmtInf.CdtTrfTxInf[0].Cdtr.Nm).toBe('Papírnictví Šťastný s.r.o.');

    const abo = await file(order.body.id, 'abo.kpc');
    expect(abo.status).toBe(200);
    expect(abo.text).toBe(
      [
        'UHL1051026PEKARNA NOVAK S.R.O.0000000000001999000000000000',
        '1 1501 001000 0800',
        '2 000000-2000145399 00000000521000 061026',
        '000000-1234567899 000000000121000 0002026117 01000000 0000000000 AV:FV-117',
        '000000-0987654300 000000000400000 0008800123 03000000 0000000000 AV:E-0923',
        '3 +',
        '5 +',
        '',
      ].join('\r\n'),
    );

    const due = await b.get('/payment-orders/due-bills?currency=CZK&unordered=true');
    const ids = due.body.bills.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(bills.papir);
    expect(due.body.bills.find((x: { id: string }) => x.id === bills.energie)).toMatchObject({
      ordered: '4000.00',
      toOrder: '2050.00',
    });
  });

  it('refuses what it cannot pay, naming each line, and writes nothing', async () => {
    const before = (await b.get('/payment-orders')).body.orders.length;
    const foreign = await other.post('/bills', {
      vendorId: (await other.post('/vendors', { name: 'Cizí', bankAccount: '1234567899/0100' })).body.id,
      lines: [{ description: 'x', unitPrice: '10.00', account: '501' }],
    });
    await other.post(`/bills/${foreign.body.id}/post`);
    const bad = await b.post('/payment-orders', {
      bankAccountId: czk,
      items: [
        { documentId: bills.papir }, // fully ordered already
        { documentId: bills.energie, amount: '2050.01' }, // more than is left to order
        { documentId: bills.nikde }, // no payee account
        { documentId: bills.wien }, // EUR on a CZK account
        { documentId: foreign.body.id }, // another tenant's bill
        { documentId: bills.later },
        { documentId: bills.later }, // twice
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_input');
    expect(bad.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['items.0.documentId', 'amount_exceeds_open'],
      ['items.1.amount', 'amount_exceeds_open'],
      ['items.2.documentId', 'payee_account_missing'],
      ['items.3.documentId', 'currency_mismatch'],
      ['items.4.documentId', 'not_open_bill'],
      ['items.6.documentId', 'duplicate_item'],
    ]);
    const past = await b.user.json(
      'POST',
      `${b.base}/payment-orders`,
      {
        bankAccountId: czk,
        executionDate: '2026-10-04',
        items: [{ documentId: bills.later }],
      },
      { 'accept-language': 'cs' },
    );
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([
      { path: 'executionDate', code: 'execution_date_past', message: 'Datum splatnosti příkazu je v minulosti' },
    ]);
    for (const body of [
      {},
      { bankAccountId: czk, items: [] },
      { bankAccountId: 'x', items: [{ documentId: bills.later }] },
      { bankAccountId: czk, items: [{ documentId: bills.later, amount: '-5' }] },
      { bankAccountId: other.user.tenant.id, items: [{ documentId: bills.later }] },
    ]) {
      const r = await b.post('/payment-orders', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBeTruthy();
    }
    expect((await b.get('/payment-orders')).body.orders).toHaveLength(before);
  });

  it('pays EUR to an Austrian IBAN as a SEPA credit transfer; ABO refuses anything but crowns', async () => {
    const order = await b.post('/payment-orders', {
      bankAccountId: eur,
      executionDate: '2026-10-05',
      items: [{ documentId: bills.wien }],
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ currency: 'EUR', total: '400.00', formats: ['pain001'] });
    const xml = await file(order.body.id, 'pain001.xml');
    for (const xsd of ['sepa/pain.001.001.03.xsd', 'sepa/epc/pain.001.001.03.EPC-SCT.xsd']) {
      const verdict = xmllint(xml.text, xsd);
      expect(verdict.ok, `${xsd}: ${verdict.output}`).toBe(true);
    }
    const doc = parse(xml.text);
    expect(doc.PmtInf).toMatchObject({
      PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
      ChrgBr: 'SLEV',
      DbtrAgt: { FinInstnId: { BIC: 'COBADEFFXXX' } },
    });
    expect(doc.PmtInf.CdtTrfTxInf[0]).toMatchObject({
      Cdtr: { Nm: 'Wiener Druck GmbH' },
      CdtrAcct: { Id: { IBAN: 'AT611904300234573201' } },
      RmtInf: { Ustrd: 'R-2026-55' },
    });
    const abo = await file(order.body.id, 'abo.kpc');
    expect(abo.status).toBe(409);
    expect(JSON.parse(abo.text).code).toBe('abo_czk_only');
  });

  it('cancels an order, which frees its bills; a cancelled order has no file', async () => {
    const order = await b.post('/payment-orders', { bankAccountId: czk, items: [{ documentId: bills.later }] });
    expect(order.status).toBe(201);
    expect((await b.get('/payment-orders/due-bills?unordered=true')).body.bills.map((x: any) => x.id)).not.toContain(
      bills.later,
    );
    const cancelled = await b.post(`/payment-orders/${order.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await b.post(`/payment-orders/${order.body.id}/cancel`)).body.code).toBe('order_cancelled');
    expect((await file(order.body.id, 'pain001.xml')).status).toBe(409);
    expect((await b.get('/payment-orders/due-bills?unordered=true')).body.bills.map((x: any) => x.id)).toContain(
      bills.later,
    );
    // Another tenant sees nothing of it.
    expect((await other.get(`/payment-orders/${order.body.id}`)).status).toBe(404);
    expect((await other.user.request('GET', `${other.base}/payment-orders/${order.body.id}/abo.kpc`)).status).toBe(404);
    expect((await other.get('/payment-orders')).body.orders).toEqual([]);
  });

  it('keeps orders unchangeable by the request role: lines never change, an order only gets cancelled', async () => {
    const [order] = (await b.get('/payment-orders')).body.orders.filter((o: any) => o.status === 'open');
    const attempt = async (q: ReturnType<typeof sql>) => {
      try {
        await withTenant(b.t.runtime.db, b.user.tenant.id, (trx) => q.execute(trx));
        return 'ok';
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(
      await attempt(sql`update accounting.payment_order_items set amount = amount + 100 where order_id = ${order.id}`),
    ).toBe('AC004');
    expect(await attempt(sql`delete from accounting.payment_order_items where order_id = ${order.id}`)).toBe('AC004');
    expect(await attempt(sql`update accounting.payment_orders set total = 1 where id = ${order.id}`)).toBe('AC004');
    expect(
      await attempt(sql`update accounting.payment_orders set status = 'cancelled', total = 1 where id = ${order.id}`),
    ).toBe('AC004');
    expect(await attempt(sql`delete from accounting.payment_orders where id = ${order.id}`)).toBe('AC004');
    expect((await b.get(`/payment-orders/${order.id}`)).body).toMatchObject({ status: 'open', total: order.total });
  });
});
