import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BureauEvent,
  conflict,
  createTestBureau,
  definePlugin,
  defineRoute,
  EVENTS_QUEUE,
  enableTenantRls,
  json,
  newId,
  type PluginContext,
  type TestBureau,
  type TestUser,
  z,
} from '../src/index.ts';

interface Sold {
  n: number;
}

/** Emits `shop.sold` from a route, in the request transaction. */
const shop = definePlugin({
  id: 'shop',
  version: '1.0.0',
  title: { en: 'Shop', cs: 'Obchod' },
  description: { en: 'Sells things', cs: 'Prodává věci' },
  permissions: { 'shop.sell': { en: 'Sell', cs: 'Prodávat' } },
  events: { 'shop.sold': { en: 'Something was sold', cs: 'Něco se prodalo' } },
  migrations: {},
  routes: (r) =>
    r
      .openapi(
        defineRoute({
          method: 'post',
          path: '/sell/{n}',
          permission: 'shop.sell',
          request: { params: z.object({ n: z.coerce.number().int() }) },
          responses: { 201: json(z.object({ eventId: z.string() })) },
        }),
        async (c) => {
          const eventId = await c.var.ctx.emit('shop.sold', { n: c.req.valid('param').n } satisfies Sold);
          return c.json({ eventId }, 201);
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/sell-and-fail',
          permission: 'shop.sell',
          responses: { 201: json(z.object({ eventId: z.string() })) },
        }),
        async (c) => {
          await c.var.ctx.emit('shop.sold', { n: -1 });
          throw conflict('out_of_stock', 'Out of stock');
        },
      ),
});

const booksInit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('books.copies')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('setting', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('copies_pkey', ['tenant_id', 'id'])
      .execute();
    await enableTenantRls(db, 'books.copies');
  },
};

/**
 * Books every sale. Deliberately NOT idempotent on its own (a fresh id per call): only core's
 * processed-events record keeps a redelivered event from booking twice.
 */
async function book(event: BureauEvent<Sold>, ctx: PluginContext) {
  const who = await sql<{ role: string; setting: string }>`
    select current_user as role, current_setting('bureau.tenant_id', true) as setting`.execute(ctx.db);
  await ctx.db
    .insertInto('books.copies')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId(),
      event_id: event.id,
      n: event.payload.n,
      role: who.rows[0]?.role,
      setting: who.rows[0]?.setting,
    })
    .execute();
}

const books = definePlugin({
  id: 'books',
  version: '1.0.0',
  title: { en: 'Books', cs: 'Knihy' },
  description: { en: 'Books sales', cs: 'Účtuje prodeje' },
  permissions: {},
  migrations: { '0001_init': booksInit },
  on: { 'shop.sold': book },
});

/** Fails on purpose: `plan` says how many attempts fail per sale number ('always' never succeeds). */
const plan = new Map<number, number | 'always'>();
const attempts = new Map<number, number>();
const flaky = definePlugin({
  id: 'flaky',
  version: '1.0.0',
  title: { en: 'Flaky', cs: 'Vrtkavý' },
  description: { en: 'Fails on purpose', cs: 'Schválně selhává' },
  permissions: {},
  migrations: {},
  on: {
    'shop.sold': async (event: BureauEvent<Sold>) => {
      const n = event.payload.n;
      attempts.set(n, (attempts.get(n) ?? 0) + 1);
      const left = plan.get(n) ?? 0;
      if (left === 'always') throw new Error(`flaky refuses sale ${n}`);
      if (left > 0) {
        plan.set(n, left - 1);
        throw new Error(`flaky fails sale ${n} (${left} left)`);
      }
    },
  },
});

/** Enables a module, accepting any add-on price billing asks to confirm. */
async function enable(u: TestUser, moduleId: string) {
  const res = await u.json('PUT', `/api/t/${u.tenant.slug}/modules/${moduleId}`, { confirm: true });
  if (res.status >= 300) throw new Error(`enable ${moduleId}: ${res.status} ${JSON.stringify(res.body)}`);
}

let t: TestBureau;
let a: TestUser;
let b: TestUser;

const sell = async (u: TestUser, n: number) => {
  const res = await u.json('POST', `/api/t/${u.tenant.slug}/shop/sell/${n}`);
  expect(res.status).toBe(201);
  return res.body.eventId as string;
};
const copies = (tenantId: string, n?: number) => {
  let q = t.runtime.db.selectFrom('books.copies').selectAll().where('tenant_id', '=', tenantId);
  if (n !== undefined) q = q.where('n', '=', n);
  return q.execute();
};
const processed = (tenantId: string, eventId: string) =>
  t.runtime.db
    .selectFrom('core.processed_events')
    .select('handler')
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .orderBy('handler')
    .execute()
    .then((rows) => rows.map((r) => r.handler));

async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met in ${ms} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  t = await createTestBureau({ plugins: [shop, books, flaky] });
  a = await t.signup();
  b = await t.signup();
  for (const m of ['shop', 'books', 'flaky']) await enable(a, m);
  await enable(b, 'shop');
});
afterAll(() => t.close());

describe('outbox and delivery', () => {
  it('writes the event in the request transaction and delivers it to enabled modules after commit', async () => {
    const eventId = await sell(a, 1);
    const row = await t.runtime.db
      .selectFrom('core.outbox')
      .selectAll()
      .where('tenant_id', '=', a.tenant.id)
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ type: 'shop.sold', payload: { n: 1 } });
    await t.events.drain();
    const booked = await copies(a.tenant.id, 1);
    expect(booked).toHaveLength(1);
    // The handler ran in the tenant's transaction: request role, RLS set to the tenant.
    expect(booked[0]).toMatchObject({ event_id: eventId, role: 'bureau_app', setting: a.tenant.id });
    expect(await processed(a.tenant.id, eventId)).toEqual(['books', 'flaky']);
  });

  it('writes no event when the request rolls back', async () => {
    const before = await t.runtime.db.selectFrom('core.outbox').select('id').execute();
    expect((await a.json('POST', `/api/t/${a.tenant.slug}/shop/sell-and-fail`)).status).toBe(409);
    const after = await t.runtime.db.selectFrom('core.outbox').select('id').execute();
    expect(after).toHaveLength(before.length);
    await t.events.drain();
    expect(await copies(a.tenant.id, -1)).toEqual([]);
  });

  it('reaches only modules enabled for the event tenant', async () => {
    const eventId = await sell(b, 2);
    await t.events.drain();
    expect(await copies(b.tenant.id)).toEqual([]);
    expect(await processed(b.tenant.id, eventId)).toEqual([]);
    // Enabling later does not replay old events; new ones arrive.
    await enable(b, 'books');
    const next = await sell(b, 3);
    await t.events.drain();
    expect((await copies(b.tenant.id)).map((c) => c.event_id)).toEqual([next]);
  });

  it('skips a redelivered event by its id (processed-events record)', async () => {
    const eventId = await sell(a, 4);
    await t.events.drain();
    // Make the dispatcher hand the same event to pg-boss twice more, as a crash between steps would.
    for (let i = 0; i < 2; i++) {
      await t.runtime.db.updateTable('core.outbox').set({ dispatched_at: null }).where('id', '=', eventId).execute();
      await t.events.drain();
      // Handed to pg-boss again (by this drain or a concurrent poll): the row is marked dispatched anew.
      const row = await t.runtime.db
        .selectFrom('core.outbox')
        .select('dispatched_at')
        .where('id', '=', eventId)
        .executeTakeFirst();
      expect(row?.dispatched_at).not.toBeNull();
    }
    expect(await copies(a.tenant.id, 4)).toHaveLength(1);
    expect(attempts.get(4)).toBe(1);
  });

  it('retries a failing handler with backoff without re-running the handlers that succeeded', async () => {
    plan.set(5, 2);
    const eventId = await sell(a, 5);
    // One attempt only (jobs waiting out a backoff are left alone).
    await t.events.drain({ includeDelayed: false });
    const { table } = (await t.events.boss.getQueue(EVENTS_QUEUE)) as { table: string };
    const job = () =>
      sql<{ state: string; due_in: number }>`
        select state, extract(epoch from start_after - now())::float as due_in
        from ${sql.id('pgboss', table)} where name = ${EVENTS_QUEUE} and data->>'eventId' = ${eventId}`
        .execute(t.runtime.db)
        .then((r) => r.rows);
    // A background worker may hold the first attempt a moment longer.
    const [waiting] = await waitFor(job, (rows) => rows[0]?.state === 'retry');
    // Backed off: the retry is not due for seconds (retryDelaySeconds 10, exponential, with jitter).
    expect(waiting?.due_in).toBeGreaterThan(1);
    expect(attempts.get(5)).toBe(1);
    await t.events.drain();
    expect(attempts.get(5)).toBe(3);
    expect(await copies(a.tenant.id, 5)).toHaveLength(1);
    expect(await processed(a.tenant.id, eventId)).toEqual(['books', 'flaky']);
  });

  it('delivers in the background, with concurrent requests on both tenants, without deadlock', async () => {
    const sales = Array.from({ length: 24 }, (_, i) => [i % 2 ? a : b, 100 + i] as const);
    await Promise.all(sales.map(([u, n]) => sell(u, n)));
    // No drain: the dispatcher's poll and pg-boss workers do it.
    const booked = await waitFor(
      () => t.runtime.db.selectFrom('books.copies').select('n').where('n', '>=', 100).execute(),
      (rows) => rows.length >= sales.length,
    );
    expect(booked.map((r) => r.n).sort()).toEqual(sales.map(([, n]) => n).sort());
  });
});

describe('dead letters', () => {
  const list = (u: TestUser, status = 'open') =>
    u.json('GET', `/api/t/${u.tenant.slug}/events/dead-letters?status=${status}`);

  it('lands in the tenant dead-letter list after the last retry; an admin retries it', async () => {
    plan.set(6, 'always');
    const eventId = await sell(a, 6);
    const drained = await t.events.drain();
    expect(attempts.get(6)).toBe(6); // first attempt + 5 retries
    expect(drained.failed).toBeGreaterThan(0);
    const open = await list(a);
    expect(open.status).toBe(200);
    expect(open.body.deadLetters).toEqual([
      expect.objectContaining({
        eventId,
        type: 'shop.sold',
        payload: { n: 6 },
        status: 'open',
        attempts: 6,
        retries: 0,
        error: expect.stringContaining('flaky: flaky refuses sale 6'),
      }),
    ]);
    // The handler that succeeded ran once and only once.
    expect(await copies(a.tenant.id, 6)).toHaveLength(1);
    // Other tenants see nothing and cannot retry it.
    const dl = open.body.deadLetters[0];
    expect((await list(b)).body.deadLetters).toEqual([]);
    expect((await b.json('POST', `/api/t/${b.tenant.slug}/events/dead-letters/${dl.id}/retry`)).status).toBe(404);
    // Someone who may not read the shop module sees that it failed, not its payload (issue 23).
    const ops = await a.json('POST', `/api/t/${a.tenant.slug}/tokens`, {
      name: 'ops',
      permissions: ['tenant.events.manage'],
    });
    const opsList = await t.app.request(`${t.origin}/api/t/${a.tenant.slug}/events/dead-letters`, {
      headers: { authorization: `Bearer ${ops.body.token}` },
    });
    expect(((await opsList.json()) as any).deadLetters).toEqual([
      expect.objectContaining({ eventId, type: 'shop.sold', payload: null, error: 'withheld' }),
    ]);

    plan.set(6, 0);
    const retried = await a.json('POST', `/api/t/${a.tenant.slug}/events/dead-letters/${dl.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ id: dl.id, eventId, status: 'retried' });
    await t.events.drain();
    expect(attempts.get(6)).toBe(7);
    expect(await processed(a.tenant.id, eventId)).toEqual(['books', 'flaky']);
    expect(await copies(a.tenant.id, 6)).toHaveLength(1);
    expect((await list(a)).body.deadLetters).toEqual([]);
    const resolved = (await list(a, 'resolved')).body.deadLetters;
    expect(resolved).toEqual([expect.objectContaining({ id: dl.id, status: 'resolved', retries: 1 })]);
    const again = await a.json('POST', `/api/t/${a.tenant.slug}/events/dead-letters/${dl.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('not_open');
    const audit = await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', a.tenant.id)
      .where('action', '=', 'event.retried')
      .execute();
    expect(audit).toEqual([{ action: 'event.retried', entity_id: eventId }]);
  });

  it('needs tenant.events.manage and valid ids', async () => {
    expect((await a.json('POST', `/api/t/${a.tenant.slug}/events/dead-letters/${newId()}/retry`)).status).toBe(404);
    expect((await a.json('POST', `/api/t/${a.tenant.slug}/events/dead-letters/nope/retry`)).status).toBe(400);
    expect((await list(a, 'bogus')).status).toBe(400);
    const token = await a.json('POST', `/api/t/${a.tenant.slug}/tokens`, { name: 'ro', permissions: ['shop.sell'] });
    const res = await t.app.request(`${t.origin}/api/t/${a.tenant.slug}/events/dead-letters`, {
      headers: { authorization: `Bearer ${token.body.token}` },
    });
    expect(res.status).toBe(403);
  });
});
