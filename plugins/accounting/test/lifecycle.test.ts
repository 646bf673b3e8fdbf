import { conflict, createTestBureau, definePlugin, defineRoute, json, jsonBody, z } from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostingRequest, postingService } from '../src/contract.ts';
import accounting from '../src/server/index.ts';
import { type Books, openBooks } from './helpers.ts';

/**
 * A stand-in for a later department (orders, HR): it posts through the typed posting service
 * exactly as they will, and exposes accounting's summary and demo hooks over HTTP with the real
 * request context core builds.
 */
const probe = definePlugin({
  id: 'probe',
  version: '0.0.0',
  title: { en: 'Probe', cs: 'Sonda' },
  description: { en: 'Test department', cs: 'Testovací oddělení' },
  requires: ['accounting'],
  permissions: { 'probe.use': { en: 'Use the probe', cs: 'Používat sondu' } },
  migrations: {},
  routes: (r) =>
    r
      .openapi(
        defineRoute({
          method: 'post',
          path: '/post',
          permission: 'probe.use',
          request: { body: jsonBody(z.any()) },
          responses: { 200: json(z.any()) },
        }),
        async (c) => c.json(await c.var.ctx.use(postingService).post(c.req.valid('json') as PostingRequest), 200),
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/post-then-fail',
          permission: 'probe.use',
          request: { body: jsonBody(z.any()) },
          responses: { 200: json(z.any()) },
        }),
        async (c) => {
          await c.var.ctx.use(postingService).post(c.req.valid('json') as PostingRequest);
          throw conflict('probe_failed', 'The caller failed after posting; everything rolls back');
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/reverse',
          permission: 'probe.use',
          request: { body: jsonBody(z.object({ type: z.string(), id: z.string() })) },
          responses: { 200: json(z.any()) },
        }),
        async (c) => c.json(await c.var.ctx.use(postingService).reverseBySource(c.req.valid('json')), 200),
      )
      .openapi(
        defineRoute({ method: 'get', path: '/summary', permission: 'probe.use', responses: { 200: json(z.any()) } }),
        async (c) => c.json(await (accounting.summary as NonNullable<typeof accounting.summary>)(c.var.ctx), 200),
      )
      .openapi(
        defineRoute({ method: 'post', path: '/demo', permission: 'probe.use', responses: { 200: json(z.any()) } }),
        async (c) => {
          await (accounting.demo as NonNullable<typeof accounting.demo>)(c.var.ctx);
          return c.json({ ok: true }, 200);
        },
      ),
});

/** Billing prices the probe as an add-on: accept the price as a user would. */
async function enableProbe(books: Books) {
  const res = await books.user.json('PUT', `/api/t/${books.user.tenant.slug}/modules/probe`, { confirm: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

let b: Books;
const clock = { now: () => new Date('2026-03-31T09:00:00Z') };

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [accounting, probe], clock });
  b = await openBooks(t);
  await enableProbe(b);
});
afterAll(async () => {
  await b.t.close();
});

const probeCall = (method: string, path: string, body?: unknown) =>
  b.user.json(method, `/api/t/${b.user.tenant.slug}/probe${path}`, body);

describe('posting contract (accounting.posting service)', () => {
  const request: PostingRequest = {
    date: '2026-03-10',
    memo: 'Order 1042 invoiced',
    source: { type: 'orders.invoice', id: 'ord-1042' },
    lines: [
      { account: '311', debit: '1210.00' },
      { account: '604', credit: '1000.00' },
      { account: '343200', credit: '210.00' },
    ],
  };

  it('posts once per source document; a retry returns the same entry', async () => {
    const first = await probeCall('POST', '/post', request);
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(true);
    expect(first.body.entry).toMatchObject({ number: '2026-000001', source: request.source, total: '1210.00' });
    const retry = await probeCall('POST', '/post', request);
    expect(retry.body).toMatchObject({ created: false, entry: { id: first.body.entry.id } });
    const entries = await b.get('/journal');
    expect(entries.body.entries.filter((e: any) => e.source?.id === 'ord-1042')).toHaveLength(1);
  });

  it("rolls back with the caller: a failed caller's posting leaves no entry and no gap in the numbers", async () => {
    const failed = await probeCall('POST', '/post-then-fail', {
      ...request,
      source: { type: 'orders.invoice', id: 'ord-fail' },
    });
    expect(failed.status).toBe(409);
    expect((await b.get('/journal')).body.entries.some((e: any) => e.source?.id === 'ord-fail')).toBe(false);
    const next = await probeCall('POST', '/post', { ...request, source: { type: 'orders.invoice', id: 'ord-after' } });
    expect(next.body.entry.number).toBe('2026-000002');
  });

  it('refuses unbalanced and locked-period postings with clear codes', async () => {
    const unbalanced = await probeCall('POST', '/post', {
      ...request,
      source: { type: 'orders.invoice', id: 'ord-1043' },
      lines: [
        { account: '311', debit: '100.00' },
        { account: '604', credit: '90.00' },
      ],
    });
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body).toMatchObject({ code: 'unbalanced', difference: '10.00' });
    await b.post('/periods/2026-02/lock');
    const locked = await probeCall('POST', '/post', {
      ...request,
      date: '2026-02-10',
      source: { type: 'orders.invoice', id: 'ord-1044' },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('period_locked');
    const reserved = await probeCall('POST', '/post', { ...request, source: { type: 'accounting.invoice', id: 'x' } });
    expect(reserved.status).toBe(400);
  });

  it('reverses by source document', async () => {
    const rev = await probeCall('POST', '/reverse', { type: 'orders.invoice', id: 'ord-1042' });
    expect(rev.status).toBe(200);
    expect(rev.body.lines[0]).toMatchObject({ account: '311', credit: '1210.00' });
    expect((await probeCall('POST', '/reverse', { type: 'orders.invoice', id: 'ord-1042' })).body.code).toBe(
      'already_reversed',
    );
    expect((await probeCall('POST', '/reverse', { type: 'orders.invoice', id: 'nope' })).status).toBe(404);
  });

  it('emits accounting.entry.posted with the entry', async () => {
    const rows = await sql<{ payload: any }>`select payload from core.outbox
      where tenant_id = ${b.user.tenant.id} and type = 'accounting.entry.posted'`.execute(b.t.runtime.db);
    const payloads = rows.rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));
    expect(payloads).toContainEqual(
      expect.objectContaining({ number: '2026-000001', source: { type: 'orders.invoice', id: 'ord-1042' } }),
    );
  });
});

describe('demo, summary and purge', () => {
  it('seeds realistic demo books that balance, with one bank line left to reconcile', async () => {
    const d = await openBooks(b.t);
    await enableProbe(d);
    const res = await d.user.json('POST', `/api/t/${d.user.tenant.slug}/probe/demo`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await d.get('/customers')).body.customers).toHaveLength(3);
    const invoices = (await d.get('/invoices')).body.items;
    expect(invoices.map((i: any) => i.status).sort()).toEqual(['issued', 'issued', 'paid', 'paid']);
    const tb = await d.get('/reports/trial-balance');
    expect(tb.body.totals.balance).toBe('0.00');
    const unmatched = await d.get('/bank-lines?status=unmatched');
    expect(unmatched.body.lines).toHaveLength(1);
    const summary = await d.user.json('GET', `/api/t/${d.user.tenant.slug}/probe/summary`);
    expect(summary.body).toMatchObject({ currency: 'CZK', unreconciledBankLines: 1, lastLockedPeriod: null });
    expect(summary.body.overdueReceivables.count).toBe(1);
  });

  it('reports overdue receivables, unreconciled lines and the last locked period', async () => {
    const s = await probeCall('GET', '/summary');
    expect(s.body).toMatchObject({
      lastLockedPeriod: '2026-02',
      unreconciledBankLines: 0,
      overdueReceivables: { count: 0, amount: '0.00' },
    });
  });

  it("purges only this tenant's accounting rows, journal included", async () => {
    const keep = await openBooks(b.t);
    await keep.post('/journal', {
      date: '2026-03-01',
      lines: [
        { account: '211', debit: '5.00' },
        { account: '602', credit: '5.00' },
      ],
    });
    const db = b.t.runtime.db;
    const count = async (tenant: string) =>
      Number(
        (
          await sql<{
            n: string;
          }>`select count(*)::text as n from accounting.journal_lines where tenant_id = ${tenant}`.execute(db)
        ).rows[0]?.n,
      );
    expect(await count(b.user.tenant.id)).toBeGreaterThan(0);
    const mod = `/api/t/${b.user.tenant.slug}/modules`;
    expect((await b.user.json('DELETE', `${mod}/probe`)).status).toBe(200);
    expect((await b.user.json('DELETE', `${mod}/accounting`)).status).toBe(200);
    const purged = await b.user.json('POST', `${mod}/accounting/purge`, { confirm: 'accounting' });
    expect(purged.status, JSON.stringify(purged.body)).toBe(200);
    expect(await count(b.user.tenant.id)).toBe(0);
    const left = await sql<{
      n: string;
    }>`select count(*)::text as n from accounting.accounts where tenant_id = ${b.user.tenant.id}`.execute(db);
    expect(left.rows[0]?.n).toBe('0');
    expect(await count(keep.user.tenant.id)).toBe(2);
    // Enabling again seeds a fresh chart.
    await b.t.enableModule(b.user, 'accounting');
    expect((await b.get('/accounts')).body.accounts.length).toBeGreaterThan(100);
    expect((await b.get('/journal')).body.entries).toEqual([]);
  });
});
