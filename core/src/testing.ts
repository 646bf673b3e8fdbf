import pg from 'pg';
import { type Bureau, createBureau } from './bureau.ts';
import { type Config, testConfig } from './config.ts';
import { connect, type Database } from './db/connect.ts';
import { withTenant } from './db/with-tenant.ts';
import { pluginContext } from './plugins/context.ts';
import type { BureauPlugin, PluginContext } from './plugins/define-plugin.ts';
import type { Clock } from './runtime.ts';
import type { PlatformSchedule } from './schedules/define.ts';
import { findTenantById } from './tenancy/tenants.ts';
import { templatePglite, templatePostgres } from './test-templates.ts';

export interface TestUser {
  email: string;
  password: string;
  userId: string;
  cookie: string;
  tenant: { id: string; slug: string };
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
}

export interface TestBureau extends Bureau {
  origin: string;
  signup(opts?: SignupOptions): Promise<TestUser>;
  login(email: string, password: string): Promise<TestUser>;
  /** Marks an account's e-mail confirmed, as following the mailed link does. */
  verifyEmail(userId: string): Promise<void>;
  /** A signed-out client (no cookie). */
  anonymous(): Pick<TestUser, 'request' | 'json'>;
  enableModule(user: TestUser, moduleId: string): Promise<void>;
  /** Runs `fn` with a PluginContext of the tenant (system actor), in one tenant transaction. */
  inTenant<T>(tenantId: string, fn: (ctx: PluginContext) => Promise<T>): Promise<T>;
}

export interface SignupOptions {
  email?: string;
  /**
   * Whether the account has confirmed its e-mail (default true, as after following the mailed link);
   * false leaves it unverified, as right after sign-up (security tests).
   */
  verified?: boolean;
  password?: string;
  name?: string;
  tenant?: { slug?: string; name?: string; kind?: 'company' | 'provider'; country?: string; currency?: string };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface TestDatabase {
  database: Database;
  /** The new database's URL on DATABASE_URL's server; undefined for in-memory PGlite. */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A fresh database: in-memory PGlite, or a new database on DATABASE_URL's server (dropped by `drop`).
 * Given `migratedFor`, it comes already migrated for those plugins when the run keeps templates
 * (test-templates.ts).
 */
export async function createTestDatabase(
  databaseUrl = testConfig().databaseUrl,
  migratedFor?: readonly BureauPlugin<string, any>[],
): Promise<TestDatabase> {
  if (!databaseUrl) {
    const database = (migratedFor && (await templatePglite(migratedFor))) || (await connect({}));
    return { database, url: undefined, drop: async () => {} };
  }
  const name = `bureau_test_${unique().replace(/[^a-z0-9]/g, '')}`;
  const template = migratedFor ? await templatePostgres(databaseUrl, migratedFor) : null;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await connect({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Builds a Bureau on a fresh database for one test file (or on `database`, e.g. one a test restored),
 * with helpers that speak HTTP to it.
 */
export async function createTestBureau(
  options: {
    plugins?: readonly BureauPlugin<string, any>[];
    clock?: Clock;
    config?: Partial<Config>;
    database?: Database;
    /** Platform schedules (createBureau's `schedules`). */
    schedules?: readonly PlatformSchedule[];
  } = {},
): Promise<TestBureau> {
  const config = testConfig(options.config);
  const { database, drop } = options.database
    ? { database: options.database, drop: async () => {} }
    : await createTestDatabase(config.databaseUrl, options.plugins ?? []);
  const bureau = await createBureau({
    config,
    database,
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.schedules ? { schedules: options.schedules } : {}),
  });
  const origin = 'http://localhost';

  const client = (cookie: string | null) => {
    let jar = cookie;
    const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const init: RequestInit = {
        method,
        headers: {
          origin,
          ...(jar ? { cookie: jar } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined
          ? {
              body:
                typeof body === 'string' || body instanceof Uint8Array
                  ? (body as unknown as string)
                  : JSON.stringify(body),
            }
          : {}),
      };
      const res = await bureau.app.request(`${origin}${path}`, init);
      const set = res.headers.get('set-cookie');
      const m = set && /bureau_session=([^;]*)/.exec(set);
      if (m) jar = m[1] ? `bureau_session=${m[1]}` : null;
      return res;
    };
    const json = async <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
      const res = await request(method, path, body, headers);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    };
    return { request, json, cookie: () => jar ?? '' };
  };

  const t: TestBureau = {
    ...bureau,
    origin,
    anonymous: () => client(null),
    async verifyEmail(userId) {
      await bureau.runtime.db
        .updateTable('core.users')
        .set({ email_verified_at: bureau.runtime.clock.now() })
        .where('id', '=', userId)
        .execute();
    },
    async signup(opts = {}) {
      const id = unique();
      const email = opts.email ?? `user-${id}@example.test`;
      const password = opts.password ?? 'correct horse battery';
      const anon = client(null);
      const res = await anon.json('POST', '/api/auth/signup', {
        email,
        password,
        name: opts.name ?? `User ${id}`,
        tenant: {
          name: opts.tenant?.name ?? `Firm ${id}`,
          slug: opts.tenant?.slug ?? `firm-${id}`,
          kind: opts.tenant?.kind ?? 'company',
          country: opts.tenant?.country ?? 'CZ',
          ...(opts.tenant?.currency ? { currency: opts.tenant.currency } : {}),
        },
      });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
      if (opts.verified !== false) await t.verifyEmail(res.body.user.id);
      return { email, password, userId: res.body.user.id, tenant: res.body.tenant, ...anon, cookie: anon.cookie() };
    },
    async login(email, password) {
      const anon = client(null);
      const res = await anon.json('POST', '/api/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      const me = await anon.json('GET', '/api/me');
      const first = me.body.tenants[0];
      return {
        email,
        password,
        userId: res.body.user.id,
        tenant: first ? { id: first.id, slug: first.slug } : { id: '', slug: '' },
        ...anon,
        cookie: anon.cookie(),
      };
    },
    async enableModule(user, moduleId) {
      // confirm: true accepts an add-on price where the plan asks for one.
      const res = await user.json('PUT', `/api/t/${user.tenant.slug}/modules/${moduleId}`, { confirm: true });
      if (res.status >= 300) throw new Error(`enable ${moduleId} failed: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async inTenant(tenantId, fn) {
      const tenant = await findTenantById(bureau.runtime.db, tenantId);
      if (!tenant) throw new Error(`no tenant ${tenantId}`);
      return withTenant(bureau.runtime.db, tenantId, (db) =>
        fn(pluginContext({ runtime: bureau.runtime, tenant, db, actor: null, requestId: null, ip: null })),
      );
    },
    async close() {
      await bureau.close();
      await drop();
    },
  };
  return t;
}
