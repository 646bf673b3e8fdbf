import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres.ts';

/**
 * The real server (apps/server/src/main.ts) as a child process on 127.0.0.1, run by the same Node
 * binary as the tests, plus a small HTTP client for it with cookie and Origin handling.
 */

export const SERVER_MAIN =
  process.env.BUREAU_SERVER_MAIN ?? fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));

export interface ServerProcess {
  port: number;
  origin: string;
  child: ChildProcess;
  output(): string;
  /** kill -9: no shutdown hook runs. */
  crash(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
}

export interface ServerEnv {
  DATABASE_URL?: string;
  BUREAU_DATA_DIR?: string;
  [key: string]: string | undefined;
}

export async function startServer(env: ServerEnv, port?: number, main = SERVER_MAIN): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const origin = `http://127.0.0.1:${p}`;
  let out = '';
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // Production mode: background event delivery on, as deployed (test mode turns it off).
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: String(p),
      PUBLIC_URL: origin,
      // Suites and the bench sign up many firms from 127.0.0.1.
      BUREAU_SIGNUP_PER_HOUR: '1000000',
      // The bench's and suites' operators sign in with a password only.
      BUREAU_OPERATOR_2FA: 'optional',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out = (out + d).slice(-20_000);
  });
  child.stderr?.on('data', (d) => {
    out = (out + d).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ServerProcess = {
    port: p,
    origin,
    child,
    output: () => out,
    async crash() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${origin}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.crash();
      throw new Error(`server did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

export interface HttpReply {
  status: number;
  contentType: string;
  text: string;
  json: any;
}

/** A client of a server over HTTP, keeping the session cookie. */
export class HttpClient {
  cookie = '';
  bearer = '';
  base: string;

  constructor(base: string) {
    this.base = base;
  }

  async send(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<HttpReply> {
    const headers: Record<string, string> = { origin: this.base };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const set = res.headers.get('set-cookie');
    const m = set && /bureau_session=([^;]*)/.exec(set);
    if (m?.[1]) this.cookie = `bureau_session=${m[1]}`;
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
  }
}

/** Signs up an owner with a tenant; the client keeps the session. */
export async function signupOver(
  http: HttpClient,
  opts: { email: string; slug: string; kind?: 'company' | 'provider'; password?: string },
): Promise<{ tenantId: string; slug: string; userId: string }> {
  const res = await http.send('POST', '/api/auth/signup', {
    email: opts.email,
    password: opts.password ?? 'correct horse battery',
    name: `Owner ${opts.slug}`,
    tenant: { name: `Firm ${opts.slug}`, slug: opts.slug, kind: opts.kind ?? 'company', country: 'CZ' },
  });
  if (res.status !== 201) throw new Error(`signup ${opts.slug}: ${res.status} ${res.text}`);
  return { tenantId: res.json.tenant.id, slug: res.json.tenant.slug, userId: res.json.user.id };
}

/**
 * Makes every plan include `modules`, as the platform operator (who must be in BUREAU_OPERATORS).
 * Call before signing up the tenants that need them: a subscription keeps the plan version it bought.
 */
export async function publishModulesOver(operator: HttpClient, modules: string[]): Promise<void> {
  if (!modules.length) return;
  const { status, json } = await operator.send('GET', '/api/operator/billing/plans');
  if (status !== 200) return;
  const latest = new Map<string, any>();
  for (const p of json.plans) if ((latest.get(p.code)?.version ?? 0) < p.version) latest.set(p.code, p);
  for (const p of latest.values()) {
    if (modules.every((m) => p.includedModules.includes(m) || p.includedModules.includes('*'))) continue;
    const { id: _id, version: _version, available: _available, ...plan } = p;
    plan.includedModules = [...new Set([...plan.includedModules, ...modules])];
    const res = await operator.send('POST', '/api/operator/billing/plans', plan);
    if (res.status !== 201) throw new Error(`publishing plan ${p.code}: ${res.status} ${res.text}`);
  }
}

export async function enableModulesOver(owner: HttpClient, slug: string, modules: string[]): Promise<void> {
  for (const id of modules) {
    const res = await owner.send('PUT', `/api/t/${slug}/modules/${id}`, { confirm: true });
    if (res.status >= 300) throw new Error(`enabling ${id}: ${res.status} ${res.text}`);
  }
}
