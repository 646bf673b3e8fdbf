import { pdfText } from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptSql, type Books, booksWithNeighbour } from './helpers.ts';

/**
 * The daily close of a cash desk (issue 17, item 13; Pohoda's "uzávěrka pokladny"): the cash counted
 * against the book balance, a difference refused or posted as a shortage (569 Manka a škody na
 * finančním majetku) or surplus (668 Ostatní finanční výnosy), after which the day's documents cannot
 * be added to or back-dated into; the close document as a PDF; and the request role's attempts.
 */
let b: Books;
let other: Books;
let hk: string;
let payment: string;

const doc = (body: Record<string, unknown>) => b.post('/cash-documents', { deskId: hk, ...body });
const balanceOf = async (account: string) =>
  ((await b.get('/reports/trial-balance?to=2026-12-31')).body.rows as { account: string; balance: string }[]).find(
    (r) => r.account === account,
  )?.balance ?? null;

beforeAll(async () => {
  [b, other] = await booksWithNeighbour('2026-10-05T08:00:00Z', { name: 'Pekárna Novák s.r.o.' });
  hk = (await b.post('/cash-desks', { name: 'Hlavní pokladna', code: 'HK' })).body.id;
  const r = await doc({
    kind: 'receipt',
    date: '2026-10-01',
    amount: '10000.00',
    account: '411',
    description: 'Vklad',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const p = await doc({
    kind: 'payment',
    date: '2026-10-02',
    amount: '2500.00',
    account: '501',
    description: 'Materiál',
  });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  payment = p.body.id;
});
afterAll(async () => {
  await b.t.close();
});

describe('the daily close', () => {
  it('closes a day whose count matches the book', async () => {
    const c = await b.post(`/cash-desks/${hk}/close`, { date: '2026-10-01', counted: '10000.00' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({
      date: '2026-10-01',
      opening: '0.00',
      receipts: '10000.00',
      payments: '0.00',
      bookBalance: '10000.00',
      counted: '10000.00',
      difference: '0.00',
      differenceDocument: null,
    });
  });

  it('refuses a difference unless asked to post it, writing nothing', async () => {
    const refused = await b.post(`/cash-desks/${hk}/close`, { date: '2026-10-02', counted: '7400.00' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'cash_difference', difference: '-100.00', currency: 'CZK' });
    expect((await b.get(`/cash-desks/${hk}/closes`)).body.closes).toHaveLength(1);
    expect(await balanceOf('569')).toBeNull();
  });

  it('posts a shortage to 569 by a payment of that day and closes', async () => {
    const c = await b.post(`/cash-desks/${hk}/close`, { date: '2026-10-02', counted: '7400.00', postDifference: true });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({
      opening: '10000.00',
      payments: '2600.00',
      bookBalance: '7500.00',
      counted: '7400.00',
      difference: '-100.00',
      differenceDocument: { number: 'HK-V2026-0002' },
    });
    expect(await balanceOf('569')).toBe('100.00');
    expect((await b.get(`/cash-desks/${hk}`)).body.balance).toBe('7400.00');
  });

  it('then takes no document on or before a closed day, nor a back-dated cancellation, nor a second close', async () => {
    const onDay = await doc({
      kind: 'receipt',
      date: '2026-10-02',
      amount: '1.00',
      account: '602',
      description: 'Pozdě',
    });
    expect(onDay.status).toBe(409);
    expect(onDay.body.code).toBe('cash_day_closed');
    const backDated = await b.post(`/cash-documents/${payment}/cancel`, { date: '2026-10-02' });
    expect(backDated.status).toBe(409);
    expect(backDated.body.code).toBe('cash_day_closed');
    for (const date of ['2026-10-02', '2026-10-01']) {
      const again = await b.post(`/cash-desks/${hk}/close`, { date, counted: '7400.00' });
      expect(again.status, date).toBe(409);
      expect(again.body.code).toBe('cash_day_closed');
    }
    const future = await b.post(`/cash-desks/${hk}/close`, { date: '2026-10-06', counted: '7400.00' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toMatchObject([{ path: 'date', code: 'future_date' }]);
    expect((await b.post(`/cash-desks/${hk}/close`, { counted: '-1' })).status).toBe(400);
  });

  it('posts a surplus to 668 by a receipt; a cancellation dated today still works', async () => {
    const cancel = await b.post(`/cash-documents/${payment}/cancel`, {});
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(201);
    const c = await b.post(`/cash-desks/${hk}/close`, { counted: '9950.00', postDifference: true });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ date: '2026-10-05', opening: '7400.00', receipts: '2550.00', difference: '50.00' });
    expect(await balanceOf('668')).toBe('-50.00');
    expect((await b.get(`/cash-desks/${hk}/closes`)).body.closes.map((x: { date: string }) => x.date)).toEqual([
      '2026-10-05',
      '2026-10-02',
      '2026-10-01',
    ]);
  });

  it('prints the close document', async () => {
    const [latest] = (await b.get(`/cash-desks/${hk}/closes`)).body.closes;
    const res = await b.user.request('GET', `${b.base}/cash-closes/${latest.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, ' ');
    expect(text).toMatch(/Daily close of the cash desk HK|Denní uzávěrka pokladny HK/);
    expect(text).toMatch(/9,950\.00 CZK|9 950,00 Kč/);
    expect(text).toContain('HK-P2026-');
  });

  it('keeps closes unchangeable and in order for the request role, and another tenant out', async () => {
    expect(await attemptSql(b, (trx) => sql`update accounting.cash_closes set counted = 0`.execute(trx))).toBe('AC004');
    expect(await attemptSql(b, (trx) => sql`delete from accounting.cash_closes`.execute(trx))).toBe('AC004');
    expect(
      await attemptSql(b, (trx) =>
        sql`insert into accounting.cash_closes (tenant_id, id, desk_id, date, opening, receipts, payments, book_balance, counted, difference)
            values (${b.user.tenant.id}, gen_random_uuid(), ${hk}, '2026-10-03', 0, 0, 0, 0, 0, 0)`.execute(trx),
      ),
    ).toBe('AC013');
    const [latest] = (await b.get(`/cash-desks/${hk}/closes`)).body.closes;
    expect((await other.get(`/cash-closes/${latest.id}`)).status).toBe(404);
    expect((await other.post(`/cash-desks/${hk}/close`, { counted: '0.00' })).status).toBe(404);
    expect((await other.get(`/cash-desks/${hk}/closes`)).status).toBe(404);
  });
});
