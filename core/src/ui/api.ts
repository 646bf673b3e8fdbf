import type { Hono } from 'hono';
import { hc } from 'hono/client';

/** A field error of an application/problem+json response. */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of an application/problem+json response (RFC 9457) as Bureau sends it. */
export interface ProblemBody {
  type?: string;
  title: string;
  status: number;
  code: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** A failed API call, typed from its problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  readonly body: ProblemBody;

  constructor(body: ProblemBody) {
    super(body.title);
    this.name = 'ApiError';
    this.status = body.status;
    this.code = body.code;
    this.fieldErrors = body.errors ?? [];
    this.body = body;
  }

  /** The message for one field (`tenant.slug`), if the server rejected it. */
  field(path: string): string | undefined {
    return this.fieldErrors.find((e) => e.path === path)?.message;
  }

  get retryAfter(): number | undefined {
    const v = this.body.retryAfter;
    return typeof v === 'number' ? v : undefined;
  }
}

/** Turns any response into data or an ApiError (problem+json, or a synthetic one for other failures). */
export async function readResponse<T>(res: Response): Promise<T> {
  const type = res.headers.get('content-type') ?? '';
  if (res.ok) {
    if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
    if (type.includes('json')) return (await res.json()) as T;
    return (await res.text()) as T;
  }
  if (type.includes('json')) {
    const body = (await res.json().catch(() => null)) as Partial<ProblemBody> | null;
    if (body && typeof body === 'object') {
      const retry = res.headers.get('retry-after');
      throw new ApiError({
        ...body,
        title: body.title ?? res.statusText,
        status: body.status ?? res.status,
        code: body.code ?? `http_${res.status}`,
        ...(retry && Number.isFinite(Number(retry)) ? { retryAfter: Number(retry) } : {}),
      });
    }
  }
  throw new ApiError({ title: res.statusText || `HTTP ${res.status}`, status: res.status, code: `http_${res.status}` });
}

/**
 * The language the page shows, sent with every API call so the server answers (problem messages,
 * field errors) in it: `<html lang>` is kept in step with the shell's language switch.
 */
export function languageHeaders(): Record<string, string> {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return { 'accept-language': lang === 'cs' ? 'cs' : 'en' };
}

/** Network failures become an ApiError with code `network`. */
async function guard(p: Promise<Response>): Promise<Response> {
  try {
    return await p;
  } catch (e) {
    throw new ApiError({ title: e instanceof Error ? e.message : 'Network error', status: 0, code: 'network' });
  }
}

/**
 * Fetches a JSON API path on the same origin. Bodies are sent as JSON; the session cookie and the
 * browser's Origin header go along. Rejects with ApiError.
 */
export async function apiFetch<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; query?: Record<string, string | number | undefined> } = {},
): Promise<T> {
  let url = path;
  if (init.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(init.query)) if (v !== undefined && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const res = await guard(
    fetch(url, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        init.body === undefined
          ? { accept: 'application/json', ...languageHeaders() }
          : { 'content-type': 'application/json', accept: 'application/json', ...languageHeaders() },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
  return readResponse<T>(res);
}

/** The success body of a typed `hono/client` response (any 2xx variant of the union). */
export type OkBody<R> = R extends { ok: false } ? never : R extends { json(): Promise<infer T> } ? T : never;

/**
 * Awaits a `hono/client` call and returns its success body typed from the server's routes,
 * or rejects with ApiError: `const me = await unwrap(client.api.me.$get())`.
 */
export async function unwrap<R extends Response>(call: Promise<R>): Promise<OkBody<R>> {
  const res = await guard(call);
  return readResponse<OkBody<R>>(res);
}

/**
 * A typed `hono/client` for one plugin's routes in a tenant: the UI of a plugin names the type of its
 * own route chain, so a changed route breaks the web build instead of the user:
 * `pluginClient<JournalRoutes>('accounting', slug).journal.$get({ query: {} })`.
 */
export function pluginClient<T extends Hono<any, any, any>>(pluginId: string, tenantSlug: string): PluginClient<T> {
  const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
  return hc<T>(`${origin}/api/t/${encodeURIComponent(tenantSlug)}/${pluginId}`, {
    init: { credentials: 'same-origin' },
    headers: languageHeaders,
  });
}

/** The client type of a route chain (`PluginClient<ReturnType<typeof journalRoutes>>`). */
export type PluginClient<T extends Hono<any, any, any>> = ReturnType<typeof hc<T>>;
