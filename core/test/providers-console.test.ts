import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, definePlugin, type TestBureau, type TestUser } from '../src/index.ts';

/** Modules for the console: two with figures, one whose summary always fails, one without a summary. */
const withSummary = (id: string) =>
  definePlugin({
    id,
    version: '1.0.0',
    title: { en: id, cs: id },
    description: { en: id, cs: id },
    permissions: { [`${id}.read`]: { en: 'Read', cs: 'Číst' } },
    migrations: {},
    summary: async (ctx) => ({ tenant: ctx.tenant.slug, provider: ctx.actor?.providerTenantId ?? null }),
  });
const broken = definePlugin({
  id: 'broken',
  version: '1.0.0',
  title: { en: 'Broken', cs: 'Rozbitý' },
  description: { en: 'Its summary fails', cs: 'Souhrn selže' },
  permissions: { 'broken.read': { en: 'Read', cs: 'Číst' } },
  migrations: {},
  // A failing statement: on a real server this aborts the transaction unless rolled back to a savepoint.
  summary: async (ctx) => {
    await ctx.db.selectFrom('broken.no_such_table').selectAll().execute();
    return {};
  },
});
const quiet = definePlugin({
  id: 'quiet',
  version: '1.0.0',
  title: { en: 'Quiet', cs: 'Tichý' },
  description: { en: 'No summary', cs: 'Bez souhrnu' },
  permissions: { 'quiet.read': { en: 'Read', cs: 'Číst' } },
  migrations: {},
});

const CLIENTS = 200;
const pad = (i: number) => String(i).padStart(3, '0');
const modulesFor = (i: number) => (i % 5 === 1 ? ['quiet'] : i % 4 === 0 ? ['alpha', 'beta', 'broken'] : ['alpha']);

let t: TestBureau;
let admin: TestUser;
let staff: TestUser;
let P: string;
let offset = 0;
const base = Date.now();
const clock = { now: () => new Date(base + offset) };

beforeAll(async () => {
  t = await createTestBureau({ plugins: [withSummary('alpha'), withSummary('beta'), broken, quiet], clock });
  admin = await t.signup({ tenant: { kind: 'provider', slug: 'console-firm' } });
  P = admin.tenant.slug;
  staff = await t.signup();
  const inv = await admin.json('POST', `/api/t/${P}/invitations`, { email: staff.email, confirm: true });
  const token = new URL(inv.body.link).searchParams.get('token');
  expect((await staff.json('POST', `/api/invitations/${token}/accept`)).status).toBe(200);
  const team = await admin.json('POST', `/api/t/${P}/teams`, { name: 'Even' });
  await admin.json('PUT', `/api/t/${P}/teams/${team.body.id}/members/${staff.userId}`);
  // 200 clients created through the API, one minute apart; staff's team works for the even ones.
  for (let i = 0; i < CLIENTS; i++) {
    offset += 60_000;
    const modules = modulesFor(i);
    const res = await admin.json('POST', `/api/t/${P}/clients`, {
      newClient: { name: `Client ${pad(i)}`, slug: `client-${pad(i)}`, ownerEmail: `owner-${pad(i)}@example.test` },
      modules,
      grants: [...modules.map((m) => `${m}.*`), 'alpha.read'],
      teams: i % 2 === 0 ? [{ teamId: team.body.id, grants: ['alpha.read'] }] : [],
    });
    if (res.status !== 201) throw new Error(`client ${i}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  // Bulk set-up of module enablement (the modules API is exercised in providers.test.ts).
  const tenants = await t.runtime.db
    .selectFrom('core.tenants')
    .select('id')
    .where('slug', 'like', 'client-%')
    .execute();
  await t.runtime.db
    .insertInto('core.tenant_modules')
    .values(
      tenants.flatMap((x) =>
        ['alpha', 'beta', 'broken', 'quiet'].map((m) => ({
          tenant_id: x.id,
          module_id: m,
          enabled: true,
          enabled_at: clock.now(),
        })),
      ),
    )
    .execute();
}, 600_000);
afterAll(() => t.close());

async function all(user: TestUser, query: string, limit = 50) {
  const out: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const qs: string = `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await user.json('GET', `/api/providers/${P}/clients?${qs}`);
    expect(res.status).toBe(200);
    expect(res.body.clients.length).toBeLessThanOrEqual(limit);
    out.push(...res.body.clients);
    cursor = res.body.next;
    pages++;
  } while (cursor && pages < 50);
  return { clients: out, pages };
}

const names = (list: any[]) => list.map((c) => c.tenant.name);
const expected = (filter: (i: number) => boolean = () => true) =>
  Array.from({ length: CLIENTS }, (_, i) => i)
    .filter(filter)
    .map((i) => `Client ${pad(i)}`);

describe('provider console', () => {
  it('pages through 200 clients by name with every covered module’s summary', async () => {
    const started = performance.now();
    const { clients, pages } = await all(admin, 'sort=name', 50);
    const ms = performance.now() - started;
    console.log(`provider console: ${CLIENTS} clients in ${pages} pages of 50 took ${Math.round(ms)} ms`);
    expect(pages).toBe(4);
    expect(names(clients)).toEqual(expected());
    const c0 = clients[0];
    expect(c0).toMatchObject({
      tenant: { slug: 'client-000', name: 'Client 000' },
      modules: ['alpha', 'beta', 'broken'],
      summary: {
        alpha: { tenant: 'client-000', provider: admin.tenant.id },
        beta: { tenant: 'client-000' },
        broken: { error: 'unavailable' },
      },
    });
    expect(clients[1]).toMatchObject({ modules: ['quiet'], summary: {} });
    expect(clients[2]).toMatchObject({ modules: ['alpha'], summary: { alpha: { tenant: 'client-002' } } });
  });

  it('sorts by name, slug and start, either way', async () => {
    const asc = expected();
    const desc = [...asc].reverse();
    expect(names((await all(admin, 'sort=-name', 70)).clients)).toEqual(desc);
    expect(names((await all(admin, 'sort=slug', 70)).clients)).toEqual(asc);
    expect(names((await all(admin, 'sort=-slug', 70)).clients)).toEqual(desc);
    expect(names((await all(admin, 'sort=created', 70)).clients)).toEqual(asc);
    expect(names((await all(admin, 'sort=-created', 33)).clients)).toEqual(desc);
  });

  it('filters by name or address and by module', async () => {
    expect(names((await all(admin, 'q=Client%2001')).clients)).toEqual(expected((i) => i >= 10 && i < 20));
    expect(names((await all(admin, 'q=client-19')).clients)).toEqual(expected((i) => i >= 190));
    expect((await all(admin, 'q=%25')).clients).toEqual([]);
    expect((await all(admin, 'q=_')).clients).toEqual([]);
    const beta = await all(admin, 'module=beta&sort=-name', 20);
    expect(names(beta.clients)).toEqual(expected((i) => modulesFor(i).includes('beta')).reverse());
    expect(names((await all(admin, 'module=alpha&q=Client%2000')).clients)).toEqual(
      expected((i) => i < 10 && modulesFor(i).includes('alpha')),
    );
    expect((await all(admin, 'module=nothing')).clients).toEqual([]);
  });

  it('shows staff only the clients their teams work for, with the figures their grants touch', async () => {
    const { clients } = await all(staff, 'sort=name', 40);
    expect(names(clients)).toEqual(expected((i) => i % 2 === 0));
    for (const c of clients) {
      // alpha.read touches alpha only: no beta or broken figures for staff.
      expect(Object.keys(c.summary)).toEqual(c.modules.includes('alpha') ? ['alpha'] : []);
    }
    const beta = await all(staff, 'module=beta');
    expect(beta.clients.length).toBe(expected((i) => i % 2 === 0 && modulesFor(i).includes('beta')).length);
  });

  it('a cursor belongs to its sort', async () => {
    const first = await admin.json('GET', `/api/providers/${P}/clients?sort=name&limit=5`);
    const cursor = encodeURIComponent(first.body.next);
    expect((await admin.json('GET', `/api/providers/${P}/clients?sort=slug&cursor=${cursor}`)).status).toBe(400);
    const second = await admin.json('GET', `/api/providers/${P}/clients?sort=name&limit=5&cursor=${cursor}`);
    expect(names(second.body.clients)).toEqual(expected((i) => i >= 5 && i < 10));
  });

  it('batches its queries: a page costs the same however many clients it holds, apart from summaries', async () => {
    let count = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        // The event dispatcher polls the outbox in the background through the same handle: not ours.
        if (!/outbox|pgboss/.test(JSON.stringify(args.node))) count++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const original = t.runtime.db;
    t.runtime.db = original.withPlugin(counter);
    try {
      const measure = async (query: string) => {
        count = 0;
        const res = await admin.json('GET', `/api/providers/${P}/clients?${query}`);
        expect(res.status).toBe(200);
        return { count, clients: res.body.clients.length };
      };
      // Clients covering only a module without a summary: no per-client work at all.
      const small = await measure('module=quiet&limit=5');
      const large = await measure('module=quiet&limit=40');
      expect(small.clients).toBe(5);
      expect(large.clients).toBe(40);
      expect(large.count).toBe(small.count);
      // With summaries, each client adds the same few statements (its transaction), never more pages of queries.
      const ten = await measure('module=alpha&sort=slug&limit=10&q=client-1');
      const twenty = await measure('module=alpha&sort=slug&limit=20&q=client-1');
      expect(twenty.count - ten.count).toBeLessThanOrEqual(10 * 10);
      expect(ten.count).toBeLessThanOrEqual(small.count + 10 * 10);
    } finally {
      t.runtime.db = original;
    }
  });
});
