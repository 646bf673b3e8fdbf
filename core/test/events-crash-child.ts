/**
 * The process events-crash.test.ts kills. It defines the test plugins (the test imports them to
 * restart in-process) and, run as a script, one of two phases:
 *   commit  — signs up, enables the modules, commits a request that emits an event, prints READY and
 *             waits to be killed: the outbox poll is an hour away, so nothing was delivered.
 *   deliver — commits another event and lets the dispatcher deliver it; the moment the handlers have
 *             committed, before pg-boss marks the job done, the process kills itself.
 * Env: CRASH_DATABASE_URL (real PostgreSQL) or CRASH_DATA_DIR (PGlite on disk); CRASH_SESSION for deliver.
 */
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import {
  type BureauEvent,
  type Config,
  createBureau,
  definePlugin,
  defineRoute,
  enableTenantRls,
  json,
  newId,
  type PluginContext,
  testConfig,
  z,
} from '../src/index.ts';

export const crashShop = definePlugin({
  id: 'crashshop',
  version: '1.0.0',
  title: { en: 'Crash shop', cs: 'Obchod' },
  description: { en: 'Emits sales', cs: 'Hlásí prodeje' },
  permissions: { 'crashshop.sell': { en: 'Sell', cs: 'Prodávat' } },
  events: { 'crashshop.sold': { en: 'Sold', cs: 'Prodáno' } },
  migrations: {},
  routes: (r) =>
    r.openapi(
      defineRoute({
        method: 'post',
        path: '/sell/{n}',
        permission: 'crashshop.sell',
        request: { params: z.object({ n: z.coerce.number().int() }) },
        responses: { 201: json(z.object({ eventId: z.string() })) },
      }),
      async (c) => c.json({ eventId: await c.var.ctx.emit('crashshop.sold', { n: c.req.valid('param').n }) }, 201),
    ),
});

const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('crashbooks.entries')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('entries_pkey', ['tenant_id', 'id'])
      .execute();
    await enableTenantRls(db, 'crashbooks.entries');
  },
};

/** Not idempotent by itself (a new row per call): exactly-once in effect comes from core. */
export const crashBooks = definePlugin({
  id: 'crashbooks',
  version: '1.0.0',
  title: { en: 'Crash books', cs: 'Knihy' },
  description: { en: 'Books sales', cs: 'Účtuje prodeje' },
  permissions: {},
  migrations: { '0001_init': init },
  on: {
    'crashshop.sold': async (event: BureauEvent<{ n: number }>, ctx: PluginContext) => {
      await ctx.db
        .insertInto('crashbooks.entries')
        .values({ tenant_id: ctx.tenant.id, id: newId(), event_id: event.id, n: event.payload.n })
        .execute();
    },
  },
});

export const crashPlugins = [crashShop, crashBooks];

/** Fast retries and expiry, so a delivery cut off by a crash is retried within seconds. */
export const crashEvents = { expireInSeconds: 1, superviseIntervalSeconds: 1, retryDelaySeconds: 1 };

export function crashConfig(env: Record<string, string | undefined> = process.env): Config {
  return testConfig({
    databaseUrl: env.CRASH_DATABASE_URL || undefined,
    dataDir: env.CRASH_DATA_DIR || null,
  });
}

const ORIGIN = 'http://localhost';

async function main(mode: string) {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (mode === 'commit') {
    const bureau = await createBureau({
      config: crashConfig(),
      plugins: crashPlugins,
      events: { ...crashEvents, pollIntervalMs: 3_600_000 },
    });
    const call = async (method: string, path: string, cookie: string | null, body?: unknown) =>
      bureau.app.request(`${ORIGIN}${path}`, {
        method,
        headers: {
          origin: ORIGIN,
          ...(cookie ? { cookie } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const signup = await call('POST', '/api/auth/signup', null, {
      email: 'crash@example.test',
      password: 'correct horse battery',
      name: 'Crash',
      tenant: { name: 'Crash s.r.o.', slug: 'crash-firm', kind: 'company', country: 'CZ' },
    });
    if (signup.status !== 201) throw new Error(`signup ${signup.status}: ${await signup.text()}`);
    const cookie = /bureau_session=[^;]+/.exec(signup.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const tenant = ((await signup.json()) as { tenant: { id: string; slug: string } }).tenant;
    for (const m of ['crashshop', 'crashbooks']) {
      const r = await call('PUT', `/api/t/${tenant.slug}/modules/${m}`, cookie, { confirm: true });
      if (r.status >= 300) throw new Error(`enable ${m}: ${r.status} ${await r.text()}`);
    }
    const sold = await call('POST', `/api/t/${tenant.slug}/crashshop/sell/1`, cookie);
    if (sold.status !== 201) throw new Error(`sell ${sold.status}: ${await sold.text()}`);
    const { eventId } = (await sold.json()) as { eventId: string };
    print(`READY ${JSON.stringify({ cookie, tenantId: tenant.id, slug: tenant.slug, eventId })}`);
  } else if (mode === 'deliver') {
    const session = JSON.parse(process.env.CRASH_SESSION ?? '{}') as { cookie: string; slug: string };
    const bureau = await createBureau({
      config: crashConfig(),
      plugins: crashPlugins,
      events: {
        ...crashEvents,
        pollIntervalMs: 20,
        onDelivered: (event) => {
          // Handlers committed; pg-boss has not been told. Die here.
          print(`DELIVERED ${event.id}`);
          process.kill(process.pid, 'SIGKILL');
        },
      },
    });
    const sold = await bureau.app.request(`${ORIGIN}/api/t/${session.slug}/crashshop/sell/2`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: session.cookie },
    });
    if (sold.status !== 201) throw new Error(`sell ${sold.status}: ${await sold.text()}`);
    const { eventId } = (await sold.json()) as { eventId: string };
    print(`READY ${JSON.stringify({ eventId })}`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  // Wait to be killed.
  setInterval(() => {}, 60_000);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  main(process.argv[2] ?? '').catch((err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
