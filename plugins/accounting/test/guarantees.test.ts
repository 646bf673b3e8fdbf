import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptSql, type Books, line, openBooks } from './helpers.ts';

/**
 * Issue 17, "Database guarantees": the request role (`bureau_app`, inside its tenant's
 * transaction, RLS on) tries every way around the ledger's rules in plain SQL. Each attempt must
 * be refused by the database itself, with the ledger's SQLSTATE, and change nothing.
 */
let b: Books;
let invoiceId: string;
let draftId: string;
let paymentId: string;

beforeAll(async () => {
  b = await openBooks();
  const posted = await b.post('/journal', {
    date: '2026-02-10',
    memo: 'Capital',
    lines: [line('221', 'debit', '5000.00'), line('411', 'credit', '5000.00')],
  });
  expect(posted.status).toBe(201);
  const c = await b.post('/customers', { name: 'Odběratel s.r.o.' });
  const inv = await b.post('/invoices', {
    customerId: c.body.id,
    issueDate: '2026-02-12',
    lines: [{ description: 'Práce', unitPrice: '1000.00' }],
  });
  invoiceId = inv.body.id;
  expect((await b.post(`/invoices/${invoiceId}/issue`)).status).toBe(200);
  const pay = await b.post('/payments', {
    partnerId: c.body.id,
    date: '2026-02-20',
    amount: '500.00',
    allocations: [{ documentId: invoiceId }],
  });
  paymentId = pay.body.id;
  const draft = await b.post('/invoices', {
    customerId: c.body.id,
    issueDate: '2026-03-20',
    taxDate: '2026-03-10',
    lines: [{ description: 'Březen', unitPrice: '100.00' }],
  });
  draftId = draft.body.id;
});
afterAll(async () => {
  await b.t.close();
});

/** Runs SQL as the request role in the tenant's transaction; resolves to the SQLSTATE it failed with (or 'ok'). */
const attempt = (fn: (trx: Kysely<any>) => Promise<unknown>) => attemptSql(b, fn);

const trialBalance = async () => (await b.get('/reports/trial-balance?to=2026-12-31')).body.rows;

describe('the request role cannot bypass the ledger', () => {
  it('cannot change or delete posted lines, nor set the purge switch itself', async () => {
    const before = await trialBalance();
    const t = b.user.tenant.id;
    // The request role may not call set_config at all (core migration 0050).
    expect(await attempt((trx) => sql`select set_config('accounting.purge', ${t}, true)`.execute(trx))).toBe('42501');
    for (const stmt of [
      'update accounting.journal_lines set debit = debit + 100 where debit > 0',
      'delete from accounting.journal_lines',
      'delete from accounting.journal_entries',
      'update accounting.journal_entries set memo = $$x$$',
    ]) {
      expect(await attempt((trx) => sql.raw(stmt).execute(trx)), stmt).toBe('AC003');
    }
    expect(await trialBalance()).toEqual(before);
  });

  it('cannot change or delete the VAT records a tax document wrote, nor write one into a locked month', async () => {
    const before = (await b.get('/vat/summary?from=2026-01-01&to=2026-12-31')).body;
    expect(before.output.vat).not.toBe('0.00');
    for (const stmt of [
      'update accounting.vat_records set vat = 0',
      'update accounting.vat_records set vat_date = vat_date + 40',
      'delete from accounting.vat_records',
    ]) {
      expect(await attempt((trx) => sql.raw(stmt).execute(trx)), stmt).toBe('AC003');
    }
    expect((await b.get('/vat/summary?from=2026-01-01&to=2026-12-31')).body).toEqual(before);
    expect((await b.post('/periods/2026-04/lock')).status).toBe(200);
    const forged = `insert into accounting.vat_records
      select tenant_id, gen_random_uuid(), document_id, cash_document_id, kind, direction, self_assessed, regime, supply,
        rate_code, rate, base, vat, deductible, deduction, tax_date, '2026-04-15', evidence_number, partner_id,
        partner_name, partner_country, partner_vat_id, document_total, corrects_number, rc_code, exemption, now()
      from accounting.vat_records limit 1`;
    expect(await attempt((trx) => sql.raw(forged).execute(trx))).toBe('AC002');
    expect((await b.post('/periods/2026-04/unlock')).status).toBe(200);
  });

  it('cannot write monthly balances or number counters', async () => {
    for (const stmt of [
      'update accounting.account_balances set debit = 0',
      'delete from accounting.account_balances',
      `insert into accounting.account_balances (tenant_id, account_id, month, debit, credit)
         select tenant_id, account_id, '2030-01-01', 1, 0 from accounting.account_balances limit 1`,
      'update accounting.counters set last_value = 0',
      'delete from accounting.counters',
      `insert into accounting.counters (tenant_id, id, series, fiscal_year, last_value)
         select tenant_id, gen_random_uuid(), 'journal', 2031, 5 from accounting.counters limit 1`,
    ]) {
      expect(await attempt((trx) => sql.raw(stmt).execute(trx)), stmt).toBe('AC006');
    }
    // The numbering function is the owner's: the request role may not take a number by hand.
    expect(
      await attempt((trx) => sql`select accounting.take_number(${b.user.tenant.id}, 'invoice', 2026)`.execute(trx)),
    ).toBe('42501');
  });

  it('cannot change, re-draft or delete an issued invoice or its lines', async () => {
    const before = (await b.get(`/invoices/${invoiceId}`)).body;
    for (const stmt of [
      `update accounting.documents set total = 1 where id = '${invoiceId}'`,
      `update accounting.documents set tax_date = '2026-01-01' where id = '${invoiceId}'`,
      `update accounting.documents set status = 'draft', number = null, seq = null, fiscal_year = null where id = '${invoiceId}'`,
      `delete from accounting.documents where id = '${invoiceId}'`,
      `update accounting.document_lines set net = 1 where document_id = '${invoiceId}'`,
      `delete from accounting.document_lines where document_id = '${invoiceId}'`,
      `insert into accounting.document_lines (tenant_id, id, document_id, line_no, description, quantity, unit_price,
         account_id, vat_code, vat_rate, net, vat, net_functional, vat_functional)
         select tenant_id, gen_random_uuid(), document_id, 99, 'x', 1, 1, account_id, vat_code, vat_rate, 1, 0, 1, 0
         from accounting.document_lines where document_id = '${invoiceId}' limit 1`,
      `update accounting.payments set amount = 1 where id = '${paymentId}'`,
      `delete from accounting.payments where id = '${paymentId}'`,
      `update accounting.payment_allocations set amount = 1 where payment_id = '${paymentId}'`,
    ]) {
      expect(await attempt((trx) => sql.raw(stmt).execute(trx)), stmt).toBe('AC004');
    }
    // Marking it paid without a payment passes the row check but not the settlement check at commit.
    expect(
      await attempt((trx) =>
        sql.raw(`update accounting.documents set paid = total, status = 'paid' where id = '${invoiceId}'`).execute(trx),
      ),
    ).toBe('AC009');
    expect((await b.get(`/invoices/${invoiceId}`)).body).toEqual(before);
  });

  it('cannot issue a document into a locked tax period, nor choose its number', async () => {
    expect((await b.post('/periods/2026-03/lock')).status).toBe(200);
    expect(
      await attempt((trx) =>
        sql
          .raw(`update accounting.documents set status = 'issued', number = '99990001' where id = '${draftId}'`)
          .execute(trx),
      ),
    ).toBe('AC002');
    expect((await b.post('/periods/2026-03/unlock')).status).toBe(200);
    // Unlocked, the number the request role wrote is replaced by the next in the series (and the
    // commit still fails: an issued document needs its journal entry).
    expect(
      await attempt(async (trx) => {
        const r = await sql<{ number: string }>`update accounting.documents set status = 'issued', number = '99990001'
          where id = ${draftId} returning number`.execute(trx);
        expect(r.rows[0]?.number).toBe('20260002');
      }),
    ).toBe('AC004');
    expect(
      await attempt((trx) =>
        sql
          .raw(`insert into accounting.documents (tenant_id, id, kind, status, partner_id, issue_date,
         tax_date, due_date, currency, number)
         select tenant_id, gen_random_uuid(), kind, 'issued', partner_id, issue_date, tax_date, due_date, currency, '1'
         from accounting.documents limit 1`)
          .execute(trx),
      ),
    ).toBe('AC004');
  });

  it('cannot post to a group account or recode an account with postings', async () => {
    expect(
      await attempt((trx) => sql.raw(`update accounting.accounts set code = '999' where code = '411'`).execute(trx)),
    ).toBe('AC007');
    expect(
      await attempt((trx) =>
        sql
          .raw(`insert into accounting.journal_lines (tenant_id, id, entry_id, line_no, account_id, debit, credit, currency, amount)
          select l.tenant_id, gen_random_uuid(), l.entry_id, 99, a.id, 1, 0, 'CZK', 1
          from accounting.journal_lines l, accounting.accounts a where a.code = '51' limit 1`)
          .execute(trx),
      ),
    ).toBe('AC008');
    const api = await b.post('/journal', {
      date: '2026-02-11',
      lines: [line('343', 'debit', '10.00'), line('411', 'credit', '10.00')],
    });
    expect(api.status).toBe(400);
    expect(api.body.code).toBe('not_postable');
  });

  it('cannot switch the guarantees off, nor purge the books while accounting is enabled', async () => {
    for (const stmt of [
      'alter table accounting.journal_lines disable trigger all',
      'drop trigger journal_lines_immutable on accounting.journal_lines',
      'set session_replication_role = replica',
      'truncate accounting.journal_lines',
      'create or replace function accounting.refuse_change() returns trigger language plpgsql as $f$ begin return new; end $f$',
    ]) {
      expect(await attempt((trx) => sql.raw(stmt).execute(trx)), stmt).toBe('42501');
    }
    expect(await attempt((trx) => sql`select accounting.purge_tenant()`.execute(trx))).toBe('AC010');
    expect((await trialBalance()).length).toBeGreaterThan(0);
  });
});
