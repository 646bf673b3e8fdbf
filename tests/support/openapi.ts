/**
 * The OpenAPI document as the list of routes every quality suite walks: read from the running app,
 * $refs resolved, one `Operation` per method and path.
 */

export type Schema = Record<string, any>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** Upper-case HTTP method. */
  method: string;
  /** OpenAPI path template, e.g. `/api/t/{tenant}/members/{id}`. */
  path: string;
  /** `METHOD /path` — the key fixtures and skip lists use. */
  key: string;
  permission: string | undefined;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: { contentType: string; schema: Schema; required: boolean } | undefined;
  /** Under /api/t/{tenant}: resolved through the tenant middleware. */
  tenantScoped: boolean;
}

export interface ApiDocument {
  raw: Schema;
  operations: Operation[];
}

interface AppLike {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Replaces every `$ref` by its target (a cycle keeps the ref object, so it stays finite). */
export function deref(doc: Schema, node: unknown, seen: string[] = []): any {
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, seen));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Schema;
  if (typeof obj.$ref === 'string') {
    const ref = obj.$ref as string;
    if (seen.includes(ref)) return {};
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((acc, part) => acc?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    const { $ref: _ref, ...rest } = obj;
    return { ...deref(doc, target, [...seen, ref]), ...deref(doc, rest, seen) };
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(obj)) out[k] = deref(doc, v, seen);
  return out;
}

export function parseDocument(raw: Schema): ApiDocument {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(raw.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params: Parameter[] = deref(raw, [...(item.parameters ?? []), ...(op.parameters ?? [])]).map(
        (p: Schema) => ({ name: p.name, in: p.in, required: !!p.required, schema: p.schema ?? {} }),
      );
      let body: Operation['body'];
      if (op.requestBody) {
        const rb = deref(raw, op.requestBody);
        const [contentType, media] = Object.entries<Schema>(rb.content ?? {})[0] ?? [];
        if (contentType) body = { contentType, schema: media?.schema ?? {}, required: !!rb.required };
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        permission: op['x-permission'],
        // Every {name} of the template, declared or not (routers mounted under /api/t/:tenant may omit it).
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map(
          ([, name]) =>
            params.find((p) => p.in === 'path' && p.name === name) ?? {
              name: name as string,
              in: 'path' as const,
              required: true,
              schema: { type: 'string' },
            },
        ),
        queryParams: params.filter((p) => p.in === 'query'),
        body,
        tenantScoped: path.startsWith('/api/t/{tenant}'),
      });
    }
  }
  return { raw, operations };
}

/** Reads /api/openapi.json from the app (in-process or over HTTP). */
export async function loadDocument(app: AppLike, base = 'http://localhost'): Promise<ApiDocument> {
  const res = await app.request(`${base}/api/openapi.json`);
  if (res.status !== 200) throw new Error(`/api/openapi.json answered ${res.status}`);
  return parseDocument((await res.json()) as Schema);
}

/** Fills `{name}` placeholders; values are URL-encoded. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(v);
  });
}

/** The path template of the collection a parameter indexes: `/a/{tenant}/x/{id}/y` → `/a/{tenant}/x` for `id`. */
export function collectionOf(template: string, param: string): string {
  const idx = template.indexOf(`/{${param}}`);
  return idx < 0 ? template : template.slice(0, idx);
}

export function queryString(values: Record<string, string>): string {
  const q = new URLSearchParams(values).toString();
  return q ? `?${q}` : '';
}
