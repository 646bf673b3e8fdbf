import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CZ_CASH_LIMITS, cashLimitOn } from '../src/server/data/cz-cash.ts';
import { attemptSql, type Books, booksWithNeighbour } from './helpers.ts';

/**
 * The cash book (issue 17, item 13): cash desks per currency, receipts and payments numbered per
 * desk, kind and year, posted to the desk's analytic account of 211, a balance the database never
 * lets fall below zero, the cash-payment limit of zákon č. 254/2004 Sb., cancellation by a new
 * document, the printed document, and the request role's attempts around all of it.
 */
let b: Books;
let other: Books;
let hk: string;
let eur: string;
let customer: string;
let firstPayment: string;

const post = async (body: Record<string, unknown>) => b.post('/cash-documents', { deskId: hk, ...body });
const balanceOf = async (account: string) => {
  const tb = await b.get('/reports/trial-balance?to=2026-12-31');
  return (tb.body.rows as { account: string; balance: string }[]).find((r) => r.account === account)?.balance ?? null;
};

const attempt = (fn: (trx: Kysely<any>) => Promise<unknown>) => attemptSql(b, fn);

beforeAll(async () => {
  [b, other] = await booksWithNeighbour('2026-10-05T08:00:00Z', { name: 'Pekárna Novák s.r.o.' });
  const desk = await b.post('/cash-desks', { name: 'Hlavní pokladna', code: 'hk' });
  expect(desk.status, JSON.stringify(desk.body)).toBe(201);
  hk = desk.body.id;
  const e = await b.post('/cash-desks', { name: 'Pokladna EUR', code: 'EUR', currency: 'EUR' });
  expect(e.status, JSON.stringify(e.body)).toBe(201);
  eur = e.body.id;
  customer = (await b.post('/customers', { name: 'Odběratel s.r.o.' })).body.id;
});
afterAll(async () => {
  await b.t.close();
});

describe('cash desks', () => {
  it('keep their own analytic accounts of 211; the first becomes the default cash account', async () => {
    const list = await b.get('/cash-desks');
    expect(list.status).toBe(200);
    expect(list.body.desks).toMatchObject([
      { code: 'EUR', currency: 'EUR', account: '211002', balance: '0.00', documentCount: 0 },
      { code: 'HK', currency: 'CZK', account: '211001', balance: '0.00', active: true },
    ]);
    expect((await b.get('/settings')).body.accounts.cash).toBe('211001');
    const dup = await b.post('/cash-desks', { name: 'Jiná', code: 'HK' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate_code');
    const taken = await b.post('/cash-desks', { name: 'Jiná', code: 'X1', account: '211001' });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toMatchObject([{ path: 'account', code: 'account_taken' }]);
    const bad = await b.post('/cash-desks', { name: '', code: 'toolong7' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((x: { path: string }) => x.path).sort()).toEqual(['code', 'name']);
  });

  it('are the tenant’s own', async () => {
    expect((await other.get('/cash-desks')).body.desks).toEqual([]);
    expect((await other.get(`/cash-desks/${hk}`)).status).toBe(404);
    const foreign = await other.post('/cash-documents', {
      deskId: hk,
      kind: 'receipt',
      amount: '1.00',
      account: '411',
      description: 'x',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toMatchObject([{ path: 'deskId', code: 'unknown_desk' }]);
  });
});

describe('receipts and payments', () => {
  it('post to the desk, number per desk, kind and year, and keep the balance', async () => {
    const r = await post({
      kind: 'receipt',
      date: '2026-10-01',
      amount: '10000.00',
      account: '411',
      description: 'Vklad do pokladny',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      number: 'HK-P2026-0001',
      kind: 'receipt',
      amount: '10000.00',
      balanceAfter: '10000.00',
      account: { code: '411' },
      cancelledBy: null,
    });
    const p = await post({
      kind: 'payment',
      date: '2026-10-02',
      amount: '2500.00',
      account: '501',
      person: 'Jan Novák',
      description: 'Kancelářské potřeby',
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body).toMatchObject({ number: 'HK-V2026-0001', balanceAfter: '7500.00', person: 'Jan Novák' });
    firstPayment = p.body.id;
    const journal = await b.get(`/journal/${p.body.entry.id}`);
    expect(journal.body.lines.map((l: { account: string; debit: string | null }) => [l.account, l.debit])).toEqual([
      ['501', '2500.00'],
      ['211001', null],
    ]);
    expect(await balanceOf('211001')).toBe('7500.00');
    expect((await b.get(`/cash-desks/${hk}`)).body).toMatchObject({ balance: '7500.00', lastDate: '2026-10-02' });
  });

  it('never pay out more than the desk holds, nor go back in time; nothing is written', async () => {
    const journalBefore = (await b.get('/journal')).body.entries.length;
    const over = await post({
      kind: 'payment',
      date: '2026-10-02',
      amount: '7500.01',
      account: '501',
      description: 'Příliš',
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('cash_insufficient');
    const back = await post({ kind: 'receipt', date: '2026-09-30', amount: '1.00', account: '411', description: 'x' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('cash_date_order');
    expect((await b.get('/journal')).body.entries.length).toBe(journalBefore);
    expect((await b.get(`/cash-desks/${hk}`)).body.balance).toBe('7500.00');
  });

  it('refuse bad input with field errors', async () => {
    const both = await post({ kind: 'receipt', amount: '1.00', account: '411', documentId: hk, description: 'x' });
    expect(both.status).toBe(400);
    expect(both.body.errors).toMatchObject([{ path: 'account', code: 'account_or_document' }]);
    const neither = await post({ kind: 'receipt', amount: '1.00', description: 'x' });
    expect(neither.body.errors).toMatchObject([{ path: 'account', code: 'account_or_document' }]);
    const group = await post({ kind: 'receipt', amount: '1.00', account: '51', description: 'x' });
    expect(group.status).toBe(400);
    expect(group.body.errors).toMatchObject([{ path: 'account', code: 'not_postable' }]);
    const own = await post({ kind: 'receipt', amount: '1.00', account: '211001', description: 'x' });
    expect(own.body.errors).toMatchObject([{ path: 'account', code: 'own_account' }]);
    const shape = await post({ kind: 'gift', amount: '-1', description: '' });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((x: { path: string }) => x.path).sort()).toEqual(['amount', 'description', 'kind']);
    const noRate = await b.post('/cash-documents', {
      deskId: eur,
      kind: 'receipt',
      date: '2026-10-02',
      amount: '100.00',
      account: '411',
      description: 'x',
    });
    expect(noRate.status).toBe(400);
    expect(noRate.body.errors).toMatchObject([{ path: 'rate', code: 'rate_missing' }]);
  });

  it('keep a foreign-currency desk in its currency at the rate given', async () => {
    const r = await b.post('/cash-documents', {
      deskId: eur,
      kind: 'receipt',
      date: '2026-10-02',
      amount: '100.00',
      rate: '24.50',
      account: '411',
      description: 'Vklad EUR',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      number: 'EUR-P2026-0001',
      currency: 'EUR',
      functional: '2450.00',
      balanceAfter: '100.00',
    });
    expect(await balanceOf('211002')).toBe('2450.00');
  });

  it('pay an invoice in cash: a payment on the desk’s account allocated to it', async () => {
    const inv = await b.post('/invoices', {
      customerId: customer,
      issueDate: '2026-10-02',
      lines: [{ description: 'Chléb', unitPrice: '1000.00' }],
    });
    expect((await b.post(`/invoices/${inv.body.id}/issue`)).status).toBe(200);
    const r = await post({
      kind: 'receipt',
      date: '2026-10-03',
      amount: '1210.00',
      documentId: inv.body.id,
      description: 'Úhrada faktury',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      number: 'HK-P2026-0002',
      partner: { id: customer },
      document: { id: inv.body.id },
      balanceAfter: '8710.00',
    });
    expect((await b.get(`/invoices/${inv.body.id}`)).body.status).toBe('paid');
    const pay = await b.get(`/payments/${r.body.paymentId}`);
    expect(pay.body).toMatchObject({ bankAccountId: null, amount: '1210.00' });
    expect(await balanceOf('211001')).toBe('8710.00');
    // A bill cannot be paid by a receipt.
    const wrong = await post({
      kind: 'payment',
      date: '2026-10-03',
      amount: '1.00',
      documentId: inv.body.id,
      description: 'x',
    });
    expect(wrong.body.errors).toMatchObject([{ path: 'documentId', code: 'not_open_document' }]);

    // Cancelling the receipt voids the payment and reopens the invoice.
    const cancel = await b.post(`/cash-documents/${r.body.id}/cancel`, { date: '2026-10-03' });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(201);
    expect(cancel.body).toMatchObject({ number: 'HK-V2026-0002', kind: 'payment', cancels: { id: r.body.id } });
    expect((await b.get(`/invoices/${inv.body.id}`)).body.status).toBe('issued');
    expect((await b.get(`/payments/${r.body.paymentId}`)).body.voided).toBe(true);
    expect(await balanceOf('211001')).toBe('7500.00');
  });

  it('cancel by a new document of the other kind, once', async () => {
    const c = await b.post(`/cash-documents/${firstPayment}/cancel`, { date: '2026-10-04' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({
      number: 'HK-P2026-0003',
      kind: 'receipt',
      amount: '2500.00',
      balanceAfter: '10000.00',
    });
    expect((await b.get(`/cash-documents/${firstPayment}`)).body.cancelledBy).toEqual({
      id: c.body.id,
      number: 'HK-P2026-0003',
    });
    expect((await b.post(`/cash-documents/${firstPayment}/cancel`, {})).body.code).toBe('already_cancelled');
    expect((await b.post(`/cash-documents/${c.body.id}/cancel`, {})).body.code).toBe('not_cancellable');
    expect([null, '0.00']).toContain(await balanceOf('501'));
    expect(await balanceOf('211001')).toBe('10000.00');
  });

  it('give the book of a range: brought forward, each document with the balance after it, carried forward', async () => {
    const book = await b.get(`/cash-desks/${hk}/book?from=2026-10-02&to=2026-10-03`);
    expect(book.status).toBe(200);
    expect(book.body).toMatchObject({
      opening: '10000.00',
      receipts: '1210.00',
      payments: '3710.00',
      closing: '7500.00',
    });
    expect(
      book.body.documents.map((d: { number: string; balanceAfter: string }) => [d.number, d.balanceAfter]),
    ).toEqual([
      ['HK-V2026-0001', '7500.00'],
      ['HK-P2026-0002', '8710.00'],
      ['HK-V2026-0002', '7500.00'],
    ]);
    expect(book.body.cashLimit).toMatchObject({ amount: '270000.00' });
  });

  it('print as a PDF, and only for the tenant', async () => {
    const res = await b.user.request('GET', `${b.base}/cash-documents/${firstPayment}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('HK-V2026-0001.pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await other.user.request('GET', `${other.base}/cash-documents/${firstPayment}/pdf`)).status).toBe(404);
    expect((await other.get(`/cash-documents/${firstPayment}`)).status).toBe(404);
  });
});

describe('the cash-payment limit (zákon č. 254/2004 Sb.)', () => {
  it('is versioned data with its source', () => {
    expect(cashLimitOn('2026-10-05')).toMatchObject({ limitCzk: 270_000n, verified: true });
    expect(cashLimitOn('2014-12-01')?.limitCzk).toBe(270_000n);
    expect(cashLimitOn('2014-11-30')?.limitCzk).toBe(350_000n);
    expect(cashLimitOn('2010-01-01')).toBeNull();
    for (const l of CZ_CASH_LIMITS) expect(l.source).toMatch(/254\/2004/);
  });

  it('sums one party’s cash of a day and refuses what exceeds 270 000 Kč', async () => {
    const big = (amount: string, extra: Record<string, unknown>) =>
      post({ kind: 'receipt', date: '2026-10-05', amount, account: '602', description: 'Tržba', ...extra });
    expect((await big('270000.00', { partnerId: customer })).status).toBe(201);
    const more = await big('0.01', { partnerId: customer });
    expect(more.status).toBe(409);
    expect(more.body).toMatchObject({ code: 'cash_limit_exceeded', limit: '270000.00', total: '270000.01' });
    // Another party the same day, and a named person, each have their own limit.
    expect((await big('200000.00', { person: 'Petr Malý' })).status).toBe(201);
    expect((await big('70000.01', { person: ' petr malý ' })).body.code).toBe('cash_limit_exceeded');
    // One document alone above the limit, with nobody named.
    expect((await big('270000.01', {})).body.code).toBe('cash_limit_exceeded');
  });
});

describe('the request role cannot go around the cash book', () => {
  it('cannot change balances, documents or numbers, nor overdraw or backdate in SQL', async () => {
    const before = (await b.get(`/cash-desks/${hk}`)).body;
    const t = b.user.tenant.id;
    expect(await attempt((trx) => sql`update accounting.cash_desks set balance = balance + 100`.execute(trx))).toBe(
      'AC006',
    );
    expect(await attempt((trx) => sql`update accounting.cash_desks set last_date = null`.execute(trx))).toBe('AC006');
    expect(
      await attempt((trx) =>
        sql`insert into accounting.cash_desks (tenant_id, id, name, code, currency, account_id, balance)
          select tenant_id, gen_random_uuid(), 'x', 'ZZ', 'CZK', account_id, 100 from accounting.cash_desks where id = ${hk}`.execute(
          trx,
        ),
      ),
    ).toBe('AC006');
    expect(await attempt((trx) => sql`update accounting.cash_documents set amount = 1`.execute(trx))).toBe('AC004');
    expect(await attempt((trx) => sql`delete from accounting.cash_documents`.execute(trx))).toBe('AC004');
    expect(await attempt((trx) => sql`delete from accounting.cash_desks where id = ${hk}`.execute(trx))).toBe('AC004');
    const copy = (kind: string, amount: string, date: string) =>
      sql`insert into accounting.cash_documents (tenant_id, id, desk_id, kind, date, amount, currency, functional,
            description, counter_account_id, entry_id, number, seq, balance_after)
          select tenant_id, gen_random_uuid(), desk_id, ${kind}, ${date}::date, ${amount}::bigint, currency, ${amount}::bigint,
            'sql', counter_account_id, entry_id, 'HK-X', 1, 999999999 from accounting.cash_documents
          where tenant_id = ${t} and id = ${firstPayment}`;
    expect(await attempt((trx) => copy('payment', '999999999', '2026-10-05').execute(trx))).toBe('AC012');
    expect(await attempt((trx) => copy('receipt', '100', '2026-09-01').execute(trx))).toBe('AC011');
    expect(await attempt((trx) => sql`select accounting.take_number(${t}::uuid, 'cash:x', 2026)`.execute(trx))).toBe(
      '42501',
    );
    expect((await b.get(`/cash-desks/${hk}`)).body).toEqual(before);
  });
});

describe('property: the balance of any sequence', () => {
  it('never falls below zero, equals receipts − accepted payments and the ledger, with gapless numbers', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom('receipt', 'payment'),
            amount: fc.integer({ min: 1, max: 50_000 }),
            gap: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (ops) => {
          run++;
          const desk = await b.post('/cash-desks', { name: `P ${run}`, code: `P${run}` });
          expect(desk.status).toBe(201);
          let model = 0;
          let day = 1;
          const counts = { receipt: 0, payment: 0 };
          for (const op of ops) {
            day += op.gap;
            const res = await b.post('/cash-documents', {
              deskId: desk.body.id,
              kind: op.kind,
              date: `2026-11-${String(day).padStart(2, '0')}`,
              amount: `${op.amount}.00`,
              account: '411',
              description: 'x',
            });
            const next = model + (op.kind === 'receipt' ? op.amount : -op.amount);
            if (next < 0) {
              expect(res.body.code).toBe('cash_insufficient');
              continue;
            }
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            model = next;
            counts[op.kind]++;
            const letter = op.kind === 'receipt' ? 'P' : 'V';
            expect(res.body.number).toBe(`P${run}-${letter}2026-${String(counts[op.kind]).padStart(4, '0')}`);
            expect(res.body.balanceAfter).toBe(`${model}.00`);
          }
          const view = (await b.get(`/cash-desks/${desk.body.id}`)).body;
          expect(view.balance).toBe(`${model}.00`);
          expect((await balanceOf(view.account)) ?? '0.00').toBe(`${model}.00`);
        },
      ),
      { numRuns: Number(process.env.ACCOUNTING_PROPERTY_RUNS ?? 12) },
    );
  });
});
