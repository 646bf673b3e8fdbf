import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Books, booksFor, line, openBooks } from './helpers.ts';

let b: Books;
let other: Books;

beforeAll(async () => {
  b = await openBooks();
  other = booksFor(b.t, await b.t.signup());
  await b.t.enableModule(other.user, 'accounting');
});
afterAll(async () => {
  await b.t.close();
});

const sale = (date: string, amount: string, memo = 'Cash sale') => ({
  date,
  memo,
  lines: [line('211', 'debit', amount), line('602', 'credit', amount)],
});

describe('chart of accounts', () => {
  it('seeds the Czech směrná účtová osnova on enable', async () => {
    const { status, body } = await b.get('/accounts');
    expect(status).toBe(200);
    const byCode = new Map(body.accounts.map((a: any) => [a.code, a]));
    for (const c of ['211', '221', '311', '321', '343', '501', '518', '521', '602', '604', '701', '702'])
      expect(byCode.has(c)).toBe(true);
    expect(byCode.get('211')).toMatchObject({ name: 'Pokladna', type: 'asset', parent: '21', cash: true });
    expect(byCode.get('321')).toMatchObject({ name: 'Dodavatelé', type: 'liability' });
  });

  it('seeds a generic IFRS-style chart for other countries', async () => {
    const de = await openBooks(b.t, { country: 'DE', currency: 'EUR' });
    const { body } = await de.get('/accounts');
    const names = body.accounts.map((a: any) => `${a.code} ${a.name}`);
    expect(names).toContain('1200 Trade receivables');
    expect(names).toContain('2100 VAT payable (output tax)');
    const settings = await de.get('/settings');
    expect(settings.body).toMatchObject({
      currency: 'EUR',
      country: 'DE',
      accounts: { receivable: '1200', payable: '2000' },
    });
  });

  it('adds, edits and deletes accounts; refuses duplicates, cycles and deleting accounts with postings', async () => {
    const created = await b.post('/accounts', {
      code: '518100',
      name: 'Software subscriptions',
      type: 'expense',
      parent: '518',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: '518100', parent: '518', hasPostings: false });
    expect((await b.post('/accounts', { code: '518100', name: 'Again', type: 'expense' })).body.code).toBe(
      'duplicate_code',
    );
    const parentMissing = await b.post('/accounts', { code: '518200', name: 'X', type: 'expense', parent: '999999' });
    expect(parentMissing.status).toBe(400);
    const { body: accounts } = await b.get('/accounts');
    const id518 = accounts.accounts.find((a: any) => a.code === '518').id;
    const cycle = await b.patch(`/accounts/${id518}`, { parent: '518100' });
    expect(cycle.status).toBe(400);
    expect(cycle.body.code).toBe('parent_cycle');

    const renamed = await b.patch(`/accounts/${created.body.id}`, { name: 'SaaS' });
    expect(renamed.body.name).toBe('SaaS');
    await b.post('/journal', {
      date: '2026-02-02',
      lines: [line('518100', 'debit', '10.00'), line('211', 'credit', '10.00')],
    });
    const used = await b.del(`/accounts/${created.body.id}`);
    expect(used.status).toBe(409);
    expect(used.body.code).toBe('account_in_use');
    const retype = await b.patch(`/accounts/${created.body.id}`, { type: 'asset' });
    expect(retype.status).toBe(409);
    const deactivated = await b.patch(`/accounts/${created.body.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    const inactive = await b.post('/journal', {
      date: '2026-02-02',
      lines: [line('518100', 'debit', '1.00'), line('211', 'credit', '1.00')],
    });
    expect(inactive.status).toBe(400);
    expect(inactive.body.errors[0].path).toBe('lines.0.account');

    const unused = await b.post('/accounts', { code: '518300', name: 'Unused', type: 'expense' });
    expect((await b.del(`/accounts/${unused.body.id}`)).status).toBe(200);
    expect((await b.get(`/accounts/${unused.body.id}`)).status).toBe(404);
    const parentWithChild = await b.del(`/accounts/${id518}`);
    expect(parentWithChild.status).toBe(409);
  });
});

describe('journal', () => {
  it('posts a balanced entry and numbers entries per fiscal year without gaps', async () => {
    const first = await b.post('/journal', sale('2025-12-31', '50.00'));
    expect(first.status).toBe(201);
    expect(first.body.number).toBe('2025-000001');
    const a = await b.post('/journal', sale('2026-01-31', '100.00'));
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ fiscalYear: 2026, total: '100.00', currency: 'CZK' });
    expect(a.body.lines).toEqual([
      expect.objectContaining({
        lineNo: 1,
        account: '211',
        debit: '100.00',
        credit: null,
        currency: 'CZK',
        amount: '100.00',
      }),
      expect.objectContaining({ lineNo: 2, account: '602', debit: null, credit: '100.00' }),
    ]);
    // A refused posting does not consume a number.
    expect((await b.post('/journal', sale('2026-01-31', '0.00'))).status).toBe(400);
    const c = await b.post('/journal', sale('2026-02-01', '1.00'));
    const seqA = Number(a.body.number.slice(5));
    expect(Number(c.body.number.slice(5))).toBe(seqA + 1);
  });

  it('numbers concurrent postings without gaps or duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        b.post(
          '/journal',
          i % 4 === 3
            ? { date: '2026-07-01', lines: [line('211', 'debit', '1.00')] }
            : sale('2026-07-01', `${i + 1}.00`),
        ),
      ),
    );
    const posted = results.filter((r) => r.status === 201);
    expect(posted).toHaveLength(9);
    expect(results.filter((r) => r.status === 400)).toHaveLength(3);
    const seqs = posted.map((r) => Number(r.body.number.slice(5))).sort((x, y) => x - y);
    const first = seqs[0] as number;
    expect(seqs).toEqual(Array.from({ length: 9 }, (_, i) => first + i));
    const next = await b.post('/journal', sale('2026-07-02', '1.00'));
    expect(Number(next.body.number.slice(5))).toBe(first + 9);
  });

  it('refuses unbalanced entries with 400 unbalanced, and bad input with field errors', async () => {
    const res = await b.post('/journal', {
      date: '2026-01-31',
      lines: [line('211', 'debit', '100.00'), line('602', 'credit', '99.99')],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'unbalanced', debit: '100.00', credit: '99.99', difference: '0.01' });
    const cases: [unknown, string][] = [
      [{ date: '2026-02-30', lines: [line('211', 'debit', '1'), line('602', 'credit', '1')] }, 'date'],
      [{ date: '2026-01-31', lines: [line('211', 'debit', '1')] }, 'lines'],
      [{ date: '2026-01-31', lines: [line('211', 'debit', '1.001'), line('602', 'credit', '1.001')] }, 'lines.0.debit'],
      [{ date: '2026-01-31', lines: [line('nope', 'debit', '1'), line('602', 'credit', '1')] }, 'lines.0.account'],
      [
        { date: '2026-01-31', lines: [{ account: '211', debit: '1', credit: '1' }, line('602', 'credit', '1')] },
        'lines.0.debit',
      ],
      [{ date: '2026-01-31', lines: [line('211', 'debit', '-1'), line('602', 'credit', '-1')] }, 'lines.0.debit'],
      [
        { date: '2026-01-31', lines: [line('211', 'debit', '1', { currency: 'EUR' }), line('602', 'credit', '25')] },
        'lines.0.rate',
      ],
    ];
    for (const [body, path] of cases) {
      const r = await b.post('/journal', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(
        r.body.errors?.map((e: any) => e.path),
        JSON.stringify(r.body),
      ).toContain(path);
    }
    const garbage = await b.user.request('POST', `${b.base}/journal`, '{not json');
    expect(garbage.status).toBe(400);
  });

  it('posts foreign-currency lines with rate and functional amount', async () => {
    const res = await b.post('/journal', {
      date: '2026-01-15',
      memo: 'EUR receipt',
      lines: [line('221', 'debit', '100.00', { currency: 'EUR', rate: '25.125' }), line('602', 'credit', '2512.50')],
    });
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ currency: 'EUR', amount: '100.00', rate: '25.125', debit: '2512.50' });
    const rounding = await b.post('/journal', {
      date: '2026-01-15',
      lines: [line('221', 'debit', '0.01', { currency: 'EUR', rate: '25.125' }), line('602', 'credit', '0.26')],
    });
    expect(rounding.status).toBe(400);
    expect(rounding.body.code).toBe('unbalanced');
    const explicit = await b.post('/journal', {
      date: '2026-01-15',
      lines: [
        line('221', 'debit', '0.01', { currency: 'EUR', rate: '25.125', functional: '0.26' }),
        line('602', 'credit', '0.26'),
      ],
    });
    expect(explicit.status).toBe(201);
  });

  it('is idempotent by source document', async () => {
    const body = { ...sale('2026-01-20', '42.00'), source: { type: 'orders.invoice', id: 'ORD-42' } };
    const first = await b.post('/journal', body);
    const again = await b.post('/journal', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const different = await b.post('/journal', {
      ...body,
      lines: [line('211', 'debit', '43.00'), line('602', 'credit', '43.00')],
    });
    expect(different.status).toBe(409);
    expect(different.body.code).toBe('source_conflict');
    const reserved = await b.post('/journal', { ...body, source: { type: 'accounting.invoice', id: 'x' } });
    expect(reserved.status).toBe(400);
  });

  it('reverses an entry once; a reversal of the reversal restores it', async () => {
    const e = await b.post('/journal', sale('2026-03-03', '30.00'));
    const r = await b.post(`/journal/${e.body.id}/reverse`);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ reversesId: e.body.id, date: '2026-03-03' });
    expect(r.body.lines[0]).toMatchObject({ account: '211', credit: '30.00', debit: null });
    expect((await b.get(`/journal/${e.body.id}`)).body.reversedById).toBe(r.body.id);
    const twice = await b.post(`/journal/${e.body.id}/reverse`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_reversed');
    const bare = await b.post('/journal', sale('2026-03-05', '2.00'));
    const noBody = await b.user.request('POST', `${b.base}/journal/${bare.body.id}/reverse`);
    expect(noBody.status).toBe(201);
    const rr = await b.post(`/journal/${r.body.id}/reverse`, { date: '2026-03-04', memo: 'Re-post' });
    expect(rr.body.lines[0]).toMatchObject({ account: '211', debit: '30.00' });
    expect(rr.body.memo).toBe('Re-post');
  });

  it('lists and finds entries', async () => {
    const list = await b.get('/journal?from=2026-03-01&to=2026-03-31&account=211');
    expect(list.status).toBe(200);
    expect(list.body.entries.length).toBeGreaterThanOrEqual(3);
    expect(list.body.entries.every((e: any) => e.date >= '2026-03-01')).toBe(true);
    expect((await b.get('/journal?limit=0')).status).toBe(400);
    expect((await b.get('/journal?from=yesterday')).status).toBe(400);
  });
});

describe('periods', () => {
  it('refuses postings into a locked month with 409 and allows them after unlocking', async () => {
    expect((await b.post('/periods/2026-04/lock')).status).toBe(200);
    expect((await b.post('/periods/2026-04/lock')).body.code).toBe('already_locked');
    const res = await b.post('/journal', sale('2026-04-15', '10.00'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('period_locked');
    const periods = await b.get('/periods?year=2026');
    expect(periods.body.periods.find((p: any) => p.period === '2026-04')).toMatchObject({ locked: true });
    expect((await b.post('/periods/2026-13/lock')).status).toBe(400);
    // Reversing an entry of a locked month posts the reversal today, not into the locked month.
    const mayEntry = await b.post('/journal', sale('2026-05-10', '5.00'));
    await b.post('/periods/2026-05/lock');
    const rev = await b.post(`/journal/${mayEntry.body.id}/reverse`, { date: '2026-05-11' });
    expect(rev.status).toBe(409);
    expect((await b.post('/periods/2026-05/unlock')).status).toBe(200);
    expect((await b.post('/periods/2026-04/unlock')).status).toBe(200);
    expect((await b.post('/periods/2026-04/unlock')).body.code).toBe('not_locked');
    expect((await b.post('/journal', sale('2026-04-15', '10.00'))).status).toBe(201);
  });
});

describe('the database guards the ledger itself', () => {
  const db = () => b.t.runtime.db;

  it('refuses to change or delete posted lines and entries', async () => {
    const e = await b.post('/journal', sale('2026-06-01', '7.00'));
    await expect(
      sql`update accounting.journal_lines set debit = 8 where entry_id = ${e.body.id} and debit > 0`.execute(db()),
    ).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from accounting.journal_entries where id = ${e.body.id}`.execute(db())).rejects.toThrow(
      /cannot be changed/,
    );
  });

  it('refuses an unbalanced entry at commit (deferred constraint trigger)', async () => {
    const account = await sql<{
      id: string;
    }>`select id from accounting.accounts where tenant_id = ${b.user.tenant.id} and code = '211'`.execute(db());
    const id = '00000000-0000-7000-8000-00000000abcd';
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`insert into accounting.journal_entries (tenant_id, id, fiscal_year, seq, number, date, line_count, total)
            values (${b.user.tenant.id}, ${id}, 2026, 99999, 'X-1', '2026-06-02', 2, 100)`.execute(trx);
          for (const [n, debit, credit] of [
            [1, 100, 0],
            [2, 0, 90],
          ]) {
            await sql`insert into accounting.journal_lines (tenant_id, id, entry_id, line_no, account_id, debit, credit, currency, amount)
              values (${b.user.tenant.id}, gen_random_uuid(), ${id}, ${n}, ${account.rows[0]?.id}, ${debit}, ${credit}, 'CZK', 100)`.execute(
              trx,
            );
          }
        }),
    ).rejects.toThrow(/unbalanced/);
  });
});

describe('tenancy and permissions', () => {
  it("answers 404 for another tenant's entries, accounts and periods", async () => {
    const mine = await b.post('/journal', sale('2026-06-03', '3.00'));
    expect((await other.get(`/journal/${mine.body.id}`)).status).toBe(404);
    expect((await other.post(`/journal/${mine.body.id}/reverse`)).status).toBe(404);
    const acc = (await b.get('/accounts')).body.accounts[0];
    expect((await other.get(`/accounts/${acc.id}`)).status).toBe(404);
    expect((await other.patch(`/accounts/${acc.id}`, { name: 'hijack' })).status).toBe(404);
    expect((await b.get('/journal/not-a-uuid')).status).toBe(400);
  });

  it('refuses posting with a read-only token (403) and needs the module enabled', async () => {
    const token = await b.user.json('POST', `/api/t/${b.user.tenant.slug}/tokens`, {
      name: 'reader',
      permissions: ['accounting.read'],
    });
    expect(token.status).toBe(201);
    const headers = { authorization: `Bearer ${token.body.token}`, 'content-type': 'application/json' };
    const read = await b.t.app.request(`${b.base}/accounts`, { headers });
    expect(read.status).toBe(200);
    const write = await b.t.app.request(`${b.base}/journal`, {
      method: 'POST',
      headers,
      body: JSON.stringify(sale('2026-06-04', '1.00')),
    });
    expect(write.status).toBe(403);
    const stranger = await b.t.signup();
    const res = await stranger.json('GET', `/api/t/${stranger.tenant.slug}/accounting/accounts`);
    expect(res.status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('publishes every accounting route with its permission', async () => {
    const res = await b.t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    const ours = Object.entries(doc.paths).filter(([p]) => p.includes('/accounting/'));
    expect(ours.length).toBeGreaterThan(40);
    for (const [path, ops] of ours) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op['x-permission'], `${method} ${path}`).toMatch(/^accounting\.(read|post|admin)$/);
        if (method !== 'get') expect(op['x-permission'], `${method} ${path}`).not.toBe('accounting.read');
      }
    }
  });
});
