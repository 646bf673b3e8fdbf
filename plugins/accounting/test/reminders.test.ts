import { createTestBureau, pdfText } from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accounting from '../src/server/index.ts';
import { lateInterest } from '../src/server/services/late-interest.ts';
import { attemptSql, type Books, booksFor, openBooks } from './helpers.ts';

/**
 * Reminders of overdue invoices (issue 17, item 15; as Fakturoid and iDoklad send upomínky): levels by
 * days after the due date, the run per customer, sending by e-mail in the customer's language, the
 * letter as a PDF with the statutory interest of nařízení vlády č. 351/2013 Sb., history on the
 * invoice and the daily schedule that prepares them for review.
 *
 * Worked example: 12 100 Kč due 31. 3. 2025, 2 100 Kč paid, 10 000 Kč left on 30. 4. 2025 — 30 days
 * of delay that began in the first half of 2025, when the ČNB repo rate was 4.00 %, so 12 % a year:
 * 10 000 × 0.12 × 30 / 365 = 98.63 Kč.
 */
let now = '2025-04-30T08:00:00Z';
let b: Books;
let other: Books;
let czech: string;
let german: string;
let overdue: string;
let overdueNumber: string;
let recent: string;

const put = (books: Books, path: string, body: unknown) => books.user.json('PUT', `${books.base}${path}`, body);
const mails = (to: string) => b.t.runtime.mailer.outbox.filter((m) => m.to === to);

const invoice = async (customerId: string, issueDate: string, dueDate: string, unitPrice: string) => {
  const d = await b.post('/invoices', {
    customerId,
    issueDate,
    dueDate,
    lines: [{ description: 'Služby', quantity: '1', unitPrice }],
  });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const issued = await b.post(`/invoices/${d.body.id}/issue`);
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body as { id: string; number: string; total: string };
};

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting], clock: { now: () => new Date(now) } });
  b = await openBooks(t, { name: 'Pekárna Novák s.r.o.' });
  const neighbour = await t.signup({});
  await t.enableModule(neighbour, 'accounting');
  other = booksFor(t, neighbour);
  const profile = await b.user.json('PUT', `/api/t/${b.user.tenant.slug}/profile`, {
    legalName: 'Pekárna Novák s.r.o.',
    ico: '27082440',
    dic: 'CZ27082440',
    vatPayer: true,
    vatPeriod: 'monthly',
    street: 'Vinohradská 12',
    city: 'Praha 2',
    zip: '120 00',
    country: 'CZ',
    defaultCurrency: 'CZK',
    locale: 'cs',
    bankAccounts: [{ accountNumber: '2000145399/0800', currency: 'CZK', isDefault: true }],
  });
  expect(profile.status, JSON.stringify(profile.body)).toBe(200);
  czech = (await b.post('/customers', { name: 'Odběratel s.r.o.', email: 'ucetni@odberatel.test', country: 'CZ' })).body
    .id;
  german = (await b.post('/customers', { name: 'Kunde GmbH', email: 'buchhaltung@kunde.test', country: 'DE' })).body.id;
  const inv = await invoice(czech, '2025-03-17', '2025-03-31', '10000.00');
  overdue = inv.id;
  overdueNumber = inv.number;
  const part = await b.post('/payments', {
    partnerId: czech,
    date: '2025-04-10',
    amount: '2100.00',
    allocations: [{ documentId: overdue }],
  });
  expect(part.status, JSON.stringify(part.body)).toBe(201);
  const paid = await invoice(czech, '2025-03-01', '2025-03-15', '500.00');
  expect(
    (
      await b.post('/payments', {
        partnerId: czech,
        date: '2025-03-14',
        amount: '605.00',
        allocations: [{ documentId: paid.id }],
      })
    ).status,
  ).toBe(201);
  recent = (await invoice(german, '2025-04-11', '2025-04-25', '1000.00')).id;
  await b.post('/invoices', {
    customerId: czech,
    issueDate: '2025-01-01',
    dueDate: '2025-01-15',
    lines: [{ description: 'Koncept', unitPrice: '1.00' }],
  });
});
afterAll(async () => {
  await b.t.close();
});

describe('statutory interest (nařízení vlády č. 351/2013 Sb.)', () => {
  it('is repo + 8 points of the half-year the delay began in, per day of delay, half away from zero', () => {
    expect(lateInterest(1_000_000n, '2025-03-31', '2025-04-30')).toMatchObject({
      amount: 9863n,
      rate: '12.00',
      days: 30,
    });
    // Due 30. 6. 2024: the delay began on 1. 7. 2024, in the half-year of 12.75 %; a day earlier it is 14.75 %.
    expect(lateInterest(1_000_000n, '2024-06-30', '2024-07-10')?.rate).toBe('12.75');
    expect(lateInterest(1_000_000n, '2024-06-29', '2024-07-10')?.rate).toBe('14.75');
    expect(lateInterest(1_000_000n, '2025-03-31', '2025-03-31')).toBeNull();
    // A half-year whose rate is not kept gets no figure rather than a guess.
    expect(lateInterest(1_000_000n, '2026-07-31', '2026-08-30')).toBeNull();
  });
});

describe('levels', () => {
  it('default to 7, 21 and 35 days, auto-send off; refuse levels out of order and write nothing', async () => {
    expect((await b.get('/reminders/settings')).body).toEqual({
      firstDays: 7,
      secondDays: 21,
      finalDays: 35,
      autoSend: false,
    });
    const bad = await put(b, '/reminders/settings', { firstDays: 10, secondDays: 10, finalDays: 5, autoSend: true });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_input');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['finalDays', 'secondDays']);
    expect((await b.get('/reminders/settings')).body.autoSend).toBe(false);
    const ok = await put(b, '/reminders/settings', { firstDays: 7, secondDays: 21, finalDays: 45, autoSend: false });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await other.get('/reminders/settings')).body.finalDays).toBe(35);
  });
});

describe('the reminder run', () => {
  it('lists overdue issued invoices per customer with the rest, the interest and the level due; never paid ones or drafts', async () => {
    const run = await b.get('/reminders/run?asOf=2025-04-30');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.customers).toHaveLength(2);
    const [de, cz] = run.body.customers;
    expect(de.partner).toMatchObject({ name: 'Kunde GmbH', locale: 'en' });
    expect(de.invoices).toMatchObject([{ id: recent, daysOverdue: 5, dueLevel: 0, nextLevel: null }]);
    expect(cz.partner).toMatchObject({ name: 'Odběratel s.r.o.', email: 'ucetni@odberatel.test', locale: 'cs' });
    expect(cz.invoices).toEqual([
      expect.objectContaining({
        id: overdue,
        daysOverdue: 30,
        total: '12100.00',
        paid: '2100.00',
        remaining: '10000.00',
        interest: '98.63',
        interestRate: '12.00',
        dueLevel: 2,
        nextLevel: 1,
        reminders: [],
      }),
    ]);
    expect((await b.get('/reminders/run?asOf=2025-02-30')).status).toBe(400);
    const early = await b.post(`/invoices/${recent}/reminders`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'reminder_not_due', dueLevel: 0, daysOverdue: 5 });
  });

  it('the daily preparation makes one reminder per invoice and level for review and sends nothing', async () => {
    const first = await b.post('/reminders/prepare');
    expect(first.body).toEqual({ prepared: 1, sent: 0 });
    expect((await b.post('/reminders/prepare')).body).toEqual({ prepared: 0, sent: 0 });
    await b.t.events.drain();
    expect(mails('ucetni@odberatel.test')).toHaveLength(0);
    const history = await b.get(`/invoices/${overdue}/reminders`);
    expect(history.body.reminders).toMatchObject([
      { level: 1, status: 'prepared', sentAt: null, remaining: '10000.00' },
    ]);
  });
});

describe('sending', () => {
  it('sends the next level in the customer’s language with the open amount and the interest, and keeps the history', async () => {
    const sent = await b.post(`/invoices/${overdue}/reminders`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      level: 1,
      status: 'sent',
      asOf: '2025-04-30',
      remaining: '10000.00',
      interest: '98.63',
      interestRate: '12.00',
      locale: 'cs',
      sentTo: 'ucetni@odberatel.test',
    });
    await b.t.events.drain();
    const [mail] = mails('ucetni@odberatel.test');
    expect(mail?.subject).toBe(`1. upomínka – faktura ${overdueNumber} od Pekárna Novák s.r.o. je po splatnosti`);
    expect(mail?.text).toContain('Zbývá uhradit 10\u00a0000,00\u00a0Kč');
    expect(mail?.text).toContain('za 30 dní prodlení (12.00 % ročně');
    expect(mail?.text).toContain('činí 98,63\u00a0Kč');

    expect(mail?.text).toContain('Upomínku posíláme v příloze jako PDF.');
    const pdf = await b.user.request('GET', `${b.base}/reminders/${sent.body.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const downloaded = Buffer.from(await pdf.arrayBuffer());
    // The e-mail carries the same letter as the download.
    expect(mail?.attachments?.map((a) => [a.filename, a.contentType])).toEqual([
      [`${overdueNumber}-1.pdf`, 'application/pdf'],
    ]);
    expect(pdfText(Buffer.from(mail?.attachments?.[0]?.content ?? []))).toBe(pdfText(downloaded));
    const text = pdfText(downloaded).replace(/\s+/g, ' ');
    expect(text).toContain(`1. upomínka – faktura ${overdueNumber}`);
    expect(text).toContain('Pekárna Novák s.r.o.');
    expect(text).toContain('IČO: 27082440');
    expect(text).toContain('Odběratel s.r.o.');
    expect(text).toContain('Uhrazeno 2 100,00 Kč');
    expect(text).toContain('Zbývá uhradit 10 000,00 Kč');
    expect(text).toContain('98,63 Kč — 12.00 % ročně za 30 dní');
    expect(text).toContain('QR Platba');

    // The delay has reached the second level (21 days) too: the next send is the second reminder.
    now = '2025-05-05T08:00:00Z';
    const second = await b.post(`/invoices/${overdue}/reminders`);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ level: 2, daysOverdue: 35, interest: '115.07' });
    const again = await b.post(`/invoices/${overdue}/reminders`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('reminder_not_due');
    const history = await b.get(`/invoices/${overdue}/reminders`);
    expect(history.body.reminders.map((r: { level: number; status: string }) => [r.level, r.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
    ]);
    expect((await b.get('/reminders/run?asOf=2025-05-05')).body.customers[1].invoices[0].nextLevel).toBeNull();
  });

  it('writes to a foreign customer in English', async () => {
    now = '2025-05-06T08:00:00Z';
    const sent = await b.post(`/invoices/${recent}/reminders`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ level: 1, locale: 'en', remaining: '1210.00', interest: '4.38' });
    await b.t.events.drain();
    const [mail] = mails('buchhaltung@kunde.test');
    expect(mail?.subject).toContain('First reminder – invoice');
    expect(mail?.text).toContain('Amount due: 1,210.00\u00a0CZK');
    expect(mail?.text).toContain('for 11 days of delay');
    const text = pdfText(
      Buffer.from(await (await b.user.request('GET', `${b.base}/reminders/${sent.body.id}/pdf`)).arrayBuffer()),
    ).replace(/\s+/g, ' ');
    expect(text).toContain('First reminder – invoice');
    expect(text).toContain('Amount due 1,210.00 CZK');
  });

  it('never reminds a paid invoice, and a sent reminder cannot be changed in SQL', async () => {
    const pay = await b.post('/payments', {
      partnerId: czech,
      date: '2025-05-06',
      amount: '10000.00',
      allocations: [{ documentId: overdue }],
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const refused = await b.post(`/invoices/${overdue}/reminders`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not_overdue');
    const run = await b.get('/reminders/run?asOf=2025-05-06');
    expect(run.body.customers.map((c: { partner: { name: string } }) => c.partner.name)).toEqual(['Kunde GmbH']);
    expect(
      await attemptSql(b, (trx) =>
        sql`update accounting.reminders set remaining = 1 where status = 'sent'`.execute(trx),
      ),
    ).toBe('AC004');
    expect(await attemptSql(b, (trx) => sql`delete from accounting.reminders`.execute(trx))).toBe('AC004');
  });

  it('keeps another tenant out, and answers 404 for unknown ids', async () => {
    const history = await b.get(`/invoices/${overdue}/reminders`);
    const id = history.body.reminders[0].id;
    expect((await other.get(`/invoices/${overdue}/reminders`)).status).toBe(404);
    expect((await other.post(`/invoices/${overdue}/reminders`)).status).toBe(404);
    expect((await other.user.request('GET', `${other.base}/reminders/${id}/pdf`)).status).toBe(404);
    expect((await other.get('/reminders/run?asOf=2025-05-06')).body.customers).toEqual([]);
    expect((await b.get('/reminders/not-a-uuid/pdf')).status).toBe(400);
  });
});

describe('the daily schedule', () => {
  it('prepares due reminders for review, and sends them itself only when the tenant turned auto-send on', async () => {
    const before = mails('buchhaltung@kunde.test').length;
    now = '2025-05-20T08:00:00Z';
    await b.t.schedules.runDue(new Date('2025-05-20T06:00:00+02:00'));
    await b.t.events.drain();
    expect(mails('buchhaltung@kunde.test')).toHaveLength(before);
    expect(
      (await b.get(`/invoices/${recent}/reminders`)).body.reminders.map((r: { status: string }) => r.status),
    ).toEqual(['sent', 'prepared']);
    expect(
      (await put(b, '/reminders/settings', { firstDays: 7, secondDays: 21, finalDays: 45, autoSend: true })).status,
    ).toBe(200);
    now = '2025-05-21T08:00:00Z';
    await b.t.schedules.runDue(new Date('2025-05-21T06:00:00+02:00'));
    await b.t.events.drain();
    expect(mails('buchhaltung@kunde.test')).toHaveLength(before + 1);
    expect((await b.get(`/invoices/${recent}/reminders`)).body.reminders).toMatchObject([
      { level: 1, status: 'sent' },
      { level: 2, status: 'sent', daysOverdue: 26 },
    ]);
  });
});
