import { type BureauPlugin, createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { sql } from 'kysely';

/**
 * A test bureau with every installed plugin, its modules in every plan, and helpers to act as a
 * session or an API token with raw control over bodies and headers (the suites send FormData,
 * malformed JSON and odd content types).
 */

export const OPERATOR_EMAIL = 'operator@quality.test';

export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: FormData }
  | { kind: 'raw'; value: string | Uint8Array; contentType?: string };

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  json: any;
}

export interface Client {
  label: string;
  send(method: string, path: string, body?: RequestBody, headers?: Record<string, string>): Promise<Reply>;
}

export interface TenantHandle {
  id: string;
  slug: string;
  kind: 'company' | 'provider';
  /** The owner's session. */
  owner: TestUser;
  session: Client;
  /** Distinctive text put into this tenant's data (lower-case). */
  marker: string;
}

export async function readReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

function encode(body: RequestBody | undefined): { body?: RequestInit['body']; contentType?: string } {
  if (!body) return {};
  if (body.kind === 'json') return { body: JSON.stringify(body.value), contentType: 'application/json' };
  if (body.kind === 'form') return { body: body.value };
  return {
    body: body.value as RequestInit['body'],
    ...(body.contentType ? { contentType: body.contentType } : {}),
  };
}

/** A client sending `auth` headers (cookie or Bearer) to the in-process app. */
export function client(t: TestBureau, label: string, auth: Record<string, string>): Client {
  return {
    label,
    async send(method, path, body, headers = {}) {
      const { body: payload, contentType } = encode(body);
      const res = await t.app.request(`${t.origin}${path}`, {
        method,
        headers: { origin: t.origin, ...auth, ...(contentType ? { 'content-type': contentType } : {}), ...headers },
        ...(payload !== undefined ? { body: payload } : {}),
      });
      return readReply(res);
    },
  };
}

export const sessionClient = (t: TestBureau, user: TestUser, label: string) =>
  client(t, label, { cookie: user.cookie });
export const tokenClient = (t: TestBureau, token: string, label: string) =>
  client(t, label, { authorization: `Bearer ${token}` });

/**
 * A bureau with `plugins` (default: the app's installed plugins) whose modules every plan includes:
 * the platform operator publishes a new version of each plan (billing refuses modules no plan has).
 */
export async function qualityBureau(
  plugins: readonly BureauPlugin<string, any>[] = installedPlugins,
): Promise<TestBureau> {
  const t = await createTestBureau({ plugins, config: { operators: [OPERATOR_EMAIL] } });
  try {
    if (plugins.length) {
      const operator = await t.signup({ email: OPERATOR_EMAIL, tenant: { slug: 'quality-operator' } });
      const { status, body } = await operator.json('GET', '/api/operator/billing/plans');
      if (status === 200) {
        const latest = new Map<string, any>();
        for (const p of body.plans) if ((latest.get(p.code)?.version ?? 0) < p.version) latest.set(p.code, p);
        for (const p of latest.values()) {
          const { id: _id, version: _version, available: _available, ...plan } = p;
          plan.includedModules = [...new Set([...plan.includedModules, ...plugins.map((x) => x.id)])];
          const res = await operator.json('POST', '/api/operator/billing/plans', plan);
          if (res.status !== 201) throw new Error(`publishing plan ${p.code} failed: ${JSON.stringify(res.body)}`);
        }
      }
    }
  } catch (err) {
    await t.close();
    throw err;
  }
  return t;
}

/** Signs up an owner with a new tenant whose names carry `marker`. */
export async function newTenant(
  t: TestBureau,
  marker: string,
  kind: 'company' | 'provider' = 'company',
): Promise<TenantHandle> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const owner = await t.signup({
    email: `${marker}-owner-${suffix}@example.test`,
    name: `${marker} Owner`,
    tenant: { slug: `${marker}-${kind}-${suffix}`, name: `${marker} ${kind} firm`, kind },
  });
  return {
    id: owner.tenant.id,
    slug: owner.tenant.slug,
    kind,
    owner,
    session: sessionClient(t, owner, `${marker} session`),
    marker,
  };
}

/** Installed module ids in dependency order (required ones first). */
export function moduleIds(t: TestBureau): string[] {
  const plugins = t.runtime.plugins as readonly { id: string; requires?: readonly string[] }[];
  const done: string[] = [];
  const visit = (id: string, depth = 0) => {
    if (done.includes(id) || depth > 50) return;
    for (const r of plugins.find((p) => p.id === id)?.requires ?? []) visit(r, depth + 1);
    done.push(id);
  };
  for (const p of plugins) visit(p.id);
  return done;
}

/**
 * Enables every installed module for the tenant: PUT /api/t/:slug/modules/:id (confirming a price
 * where billing asks), or, while that route does not exist, a row in core.tenant_modules.
 */
export async function enableAllModules(t: TestBureau, tenant: TenantHandle): Promise<void> {
  for (const id of moduleIds(t)) {
    const res = await tenant.session.send('PUT', `/api/t/${tenant.slug}/modules/${id}`, {
      kind: 'json',
      value: { confirm: true },
    });
    if (res.status === 404 && res.json?.code === 'not_found' && /route/i.test(res.json?.title ?? '')) {
      await sql`insert into core.tenant_modules (tenant_id, module_id, enabled, enabled_at)
                values (${tenant.id}, ${id}, true, now())
                on conflict (tenant_id, module_id) do update set enabled = true`.execute(t.runtime.db);
      continue;
    }
    if (res.status >= 300) throw new Error(`enabling ${id} for ${tenant.slug}: ${res.status} ${res.text}`);
  }
}

/** Creates an API token of the tenant holding every permission (`*`). */
export async function allPermissionToken(tenant: TenantHandle): Promise<string> {
  const res = await tenant.session.send('POST', `/api/t/${tenant.slug}/tokens`, {
    kind: 'json',
    value: { name: `${tenant.marker} all`, permissions: ['*'] },
  });
  if (res.status !== 201) throw new Error(`token for ${tenant.slug}: ${res.status} ${res.text}`);
  return res.json.token as string;
}
