import { exampleOf, matching } from './examples.ts';
import { FIXTURES, type FixtureContext, MODULE_PARAM_PATHS, PARAMS } from './fixtures.ts';
import { type ApiDocument, collectionOf, fillPath, type Operation, queryString } from './openapi.ts';
import type { Client, Reply, RequestBody, TenantHandle } from './world.ts';

/**
 * Fills a tenant with data through the API, generically: every POST and PUT route of the OpenAPI
 * document is called with a body built from its schema (or its fixture), in passes, so routes that
 * need ids made by others (an invoice needs a customer) succeed once those exist. Every id the
 * responses return is kept, per collection, for the probe to replay.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const UUID_GLOBAL = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export interface PreparedRequest {
  op: Operation;
  params: Record<string, string>;
  query: Record<string, string>;
  body: RequestBody | undefined;
  path: string;
}

export interface Harvest {
  tenant: TenantHandle;
  /** Ids returned by successful calls, per path template. */
  created: Map<string, string[]>;
  /** The request that succeeded for each filled route (replayed by the probe). */
  requests: Map<string, PreparedRequest>;
  /** Why a fill route never succeeded. */
  failures: Map<string, string>;
  /** Every UUID seen in this tenant's responses. */
  seenIds: Set<string>;
}

let counter = 0;

/** A random UUID (v4): an id nobody has. */
export const randomUuid = () => crypto.randomUUID();

/** Ids of the objects in the first arrays of `json` (a list response). */
export function listedIds(json: unknown, depth = 0): string[] {
  if (Array.isArray(json)) {
    const ids = json.map((x) => (x && typeof x === 'object' ? (x as { id?: unknown }).id : undefined));
    return ids.filter((x): x is string => typeof x === 'string' && UUID.test(x));
  }
  if (!json || typeof json !== 'object' || depth > 1) return [];
  for (const v of Object.values(json)) {
    const ids = listedIds(v, depth + 1);
    if (ids.length) return ids;
  }
  return [];
}

/** The id(s) of what a create call returned: `id`, or the `id` of its object properties. */
export function createdIds(json: unknown): string[] {
  if (!json || typeof json !== 'object') return [];
  const obj = json as Record<string, unknown>;
  if (typeof obj.id === 'string' && UUID.test(obj.id)) return [obj.id];
  const nested = Object.values(obj)
    .map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as { id?: unknown }).id : undefined))
    .filter((x): x is string => typeof x === 'string' && UUID.test(x));
  return nested.length ? nested : listedIds(json);
}

export function allUuids(text: string): string[] {
  return text.match(UUID_GLOBAL)?.map((s) => s.toLowerCase()) ?? [];
}

export class Filler {
  readonly harvest: Harvest;
  private readonly doc: ApiDocument;
  private readonly modules: string[];
  private readonly peers: TenantHandle[];
  private readonly actor: Client;

  constructor(doc: ApiDocument, tenant: TenantHandle, modules: string[], peers: TenantHandle[] = []) {
    this.doc = doc;
    this.modules = modules;
    this.peers = peers;
    this.actor = tenant.session;
    this.harvest = { tenant, created: new Map(), requests: new Map(), failures: new Map(), seenIds: new Set() };
  }

  get tenant() {
    return this.harvest.tenant;
  }

  context(): FixtureContext {
    return {
      tenant: this.tenant,
      peers: this.peers,
      modules: this.modules,
      marker: this.tenant.marker,
      n: () => ++counter,
      ids: (collection) => this.idsOf(collection, {}),
      get: async (path) => {
        const r = await this.call('GET', path);
        return r.status === 200 ? r.json : null;
      },
    };
  }

  async call(method: string, path: string, body?: RequestBody): Promise<Reply> {
    const r = await this.actor.send(method, path, body);
    for (const id of allUuids(r.text)) this.harvest.seenIds.add(id);
    return r;
  }

  /** Ids for a collection template: those created through it first, then those a GET on it lists. */
  async idsOf(collection: string, known: Record<string, string>): Promise<string[]> {
    const created = this.harvest.created.get(collection) ?? [];
    const list = this.doc.operations.find((o) => o.method === 'GET' && o.path === collection);
    let listed: string[] = [];
    if (list) {
      const params = await this.resolveParams(list, known);
      if (params) {
        const r = await this.call('GET', fillPath(collection, params) + queryString(this.requiredQuery(list)));
        if (r.status === 200) listed = listedIds(r.json);
      }
    }
    return [...new Set([...created, ...listed])];
  }

  requiredQuery(op: Operation): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of op.queryParams) {
      if (!p.required) continue;
      out[p.name] = String(exampleOf(p.schema, { marker: this.tenant.marker, optionalText: false }));
    }
    return out;
  }

  /** Values for every path parameter of `op`, or null when one has no value yet. */
  async resolveParams(
    op: Operation,
    known: Record<string, string> = {},
    fallback = false,
  ): Promise<Record<string, string> | null> {
    const out: Record<string, string> = { ...known };
    for (const p of op.pathParams) {
      if (out[p.name] !== undefined) continue;
      if (p.name === 'tenant') {
        out.tenant = this.tenant.slug;
        continue;
      }
      let value: string | undefined;
      if (MODULE_PARAM_PATHS.includes(op.path) && p.name === 'id') value = this.modules[0];
      else if (p.schema.format === 'uuid' && p.name === 'id') {
        value = (await this.idsOf(collectionOf(op.path, p.name), out))[0];
      } else if (PARAMS[p.name]) value = await PARAMS[p.name]?.(this.context(), op.path);
      else if (p.schema.format === 'uuid') value = (await this.idsOf(collectionOf(op.path, p.name), out))[0];
      else if (p.schema.enum?.length) value = String(p.schema.enum[0]);
      else if (typeof p.schema.example === 'string') value = p.schema.example;
      else if (p.schema.pattern) value = matching(p.schema.pattern, p.schema, 7) ?? undefined;
      else value = `${this.tenant.marker}${++counter}`;
      if (value === undefined && fallback)
        value = p.schema.format === 'uuid' || /id$/i.test(p.name) ? randomUuid() : 'x';
      if (value === undefined) return null;
      out[p.name] = value;
    }
    return out;
  }

  async bodyFor(op: Operation): Promise<RequestBody | undefined> {
    const fixture = FIXTURES[op.key];
    if (fixture?.body) return fixture.body(this.context());
    if (!op.body) return undefined;
    if (op.body.contentType !== 'application/json') return undefined;
    return { kind: 'json', value: exampleOf(op.body.schema, { marker: this.tenant.marker, seed: ++counter }) };
  }

  /** Prepares `op` with this tenant's values; null when a parameter or a needed body has no value yet. */
  async prepare(op: Operation, fallback = false): Promise<PreparedRequest | null> {
    const params = await this.resolveParams(op, {}, fallback);
    if (!params) return null;
    const body = await this.bodyFor(op);
    if (op.body?.required && !body && !fallback) return null;
    return { op, params, query: this.requiredQuery(op), body, path: fillPath(op.path, params) };
  }

  private fillable(op: Operation): boolean {
    if (op.method !== 'POST' && op.method !== 'PUT') return false;
    const f = FIXTURES[op.key];
    if (f?.noFill) return false;
    if (f?.kinds && !f.kinds.includes(this.tenant.kind)) return false;
    return op.tenantScoped;
  }

  /** Tries one route; on 400 with field errors, drops the optional fields named and retries. */
  private async attempt(op: Operation): Promise<boolean> {
    const prepared = await this.prepare(op);
    if (!prepared) {
      this.harvest.failures.set(op.key, 'no value yet for a parameter or the body');
      return false;
    }
    for (let tries = 0; tries < 4; tries++) {
      const r = await this.call(op.method, prepared.path + queryString(prepared.query), prepared.body);
      if (r.status >= 200 && r.status < 300) {
        this.harvest.requests.set(op.key, prepared);
        this.harvest.failures.delete(op.key);
        const ids = createdIds(r.json);
        this.harvest.created.set(op.path, [...new Set([...(this.harvest.created.get(op.path) ?? []), ...ids])]);
        return true;
      }
      this.harvest.failures.set(op.key, `${r.status} ${r.json?.code ?? ''} ${r.text.slice(0, 300)}`);
      const body = prepared.body;
      const errors: { path: string }[] = r.json?.errors ?? [];
      if (r.status !== 400 || body?.kind !== 'json' || !errors.length || !body.value || typeof body.value !== 'object')
        return false;
      const required: string[] = op.body?.schema.required ?? [];
      const value = { ...(body.value as Record<string, unknown>) };
      let dropped = false;
      for (const e of errors) {
        const top = e.path.split('.')[0] ?? '';
        if (top in value && !required.includes(top)) {
          delete value[top];
          dropped = true;
        }
      }
      if (!dropped) return false;
      prepared.body = { kind: 'json', value };
    }
    return false;
  }

  /** Runs every fillable route in passes until no pass makes progress; then the late ones. */
  async fill(maxPasses = 4): Promise<Harvest> {
    const ops = this.doc.operations
      .filter((op) => this.fillable(op))
      .sort((a, b) => a.pathParams.length - b.pathParams.length || a.path.localeCompare(b.path));
    const normal = ops.filter((op) => !FIXTURES[op.key]?.late);
    const late = ops.filter((op) => FIXTURES[op.key]?.late);
    for (let pass = 0; pass < maxPasses; pass++) {
      let progress = false;
      for (const op of normal) {
        if (this.harvest.requests.has(op.key)) continue;
        if (await this.attempt(op)) progress = true;
      }
      if (!progress) break;
    }
    for (const op of late) if (!this.harvest.requests.has(op.key)) await this.attempt(op);
    return this.harvest;
  }
}
