import pg from 'pg';
import { type Bureau, createBureau } from './bureau.ts';
import { type Config, testConfig } from './config.ts';
import { connect } from './db/connect.ts';
import type { BureauPlugin } from './plugins/define-plugin.ts';
import type { Clock } from './runtime.ts';

export interface TestUser {
  email: string;
  password: string;
  userId: string;
  cookie: string;
  tenant: { id: string; slug: string };
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export interface TestBureau extends Bureau {
  origin: string;
  signup(opts?: SignupOptions): Promise<TestUser>;
  login(email: string, password: string): Promise<TestUser>;
  /** A signed-out client (no cookie). */
  anonymous(): Pick<TestUser, 'request' | 'json'>;
  enableModule(user: TestUser, moduleId: string): Promise<void>;
}

export interface SignupOptions {
  email?: string;
  password?: string;
  name?: string;
  tenant?: { slug?: string; name?: string; kind?: 'company' | 'provider'; country?: string; currency?: string };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A fresh database per test bureau: in-memory PGlite, or a new database on DATABASE_URL's server. */
async function freshDatabase(databaseUrl: string | undefined) {
  if (!databaseUrl) return { database: await connect({}), drop: async () => {} };
  const name = `bureau_test_${unique().replace(/[^a-z0-9]/g, '')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await connect({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Builds a Bureau on a fresh database for one test file, with helpers that speak HTTP to it. */
export async function createTestBureau(
  options: { plugins?: readonly BureauPlugin<string, any>[]; clock?: Clock; config?: Partial<Config> } = {},
): Promise<TestBureau> {
  const config = testConfig(options.config);
  const { database, drop } = await freshDatabase(config.databaseUrl);
  const bureau = await createBureau({
    config,
    database,
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
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
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      };
      const res = await bureau.app.request(`${origin}${path}`, init);
      const set = res.headers.get('set-cookie');
      const m = set && /bureau_session=([^;]*)/.exec(set);
      if (m) jar = m[1] ? `bureau_session=${m[1]}` : null;
      return res;
    };
    const json = async <T = any>(method: string, path: string, body?: unknown) => {
      const res = await request(method, path, body);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    };
    return { request, json, cookie: () => jar ?? '' };
  };

  const t: TestBureau = {
    ...bureau,
    origin,
    anonymous: () => client(null),
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
    async close() {
      await bureau.close();
      await drop();
    },
  };
  return t;
}
