import type { TestBureau } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbState, stateDiff, tenantTables, tenantUuids } from '../support/db-state.ts';
import { allUuids, Filler, type PreparedRequest, UUID_GLOBAL } from '../support/fill.ts';
import { type ApiDocument, fillPath, loadDocument, type Operation, queryString } from '../support/openapi.ts';
import {
  allPermissionToken,
  type Client,
  enableAllModules,
  moduleIds,
  newTenant,
  qualityBureau,
  type Reply,
  type RequestBody,
  type TenantHandle,
  tokenClient,
} from '../support/world.ts';

/**
 * The isolation probe (issue 8): two sides, A and B, each a company and a provider serving it, every
 * module enabled and filled through the API. Then every route of /api/openapi.json is replayed:
 * B's sessions and API tokens on A's paths, on their own tenants with A's resource ids, and A's
 * sessions on B's paths. Every answer must be 404 (403 where B lacks the permission), and no
 * response may contain an id or a distinctive value of the other side that the request did not
 * carry. Routes not probed must be listed in SKIP with the reason.
 */

const SKIP: Record<string, string> = {
  'POST /api/auth/signup': 'creates a new account and tenant; its input names no existing tenant or resource',
  'POST /api/auth/login': 'authenticates by e-mail and password; names no tenant or resource',
  'POST /api/auth/logout': "ends the caller's own session; names no tenant or resource",
  'POST /api/auth/logout-all': "ends the caller's own sessions; names no tenant or resource",
  'POST /api/auth/password': "changes the caller's own password; names no tenant or resource",
  'POST /api/auth/reset/request': 'takes an e-mail only and answers alike for every address (core/test/auth.test.ts)',
  'POST /api/auth/reset/confirm': 'takes a mailed secret only; names no tenant or resource',
  'POST /api/auth/verify-email': 'takes a mailed secret only; names no tenant or resource',
  'POST /api/auth/verify-email/resend': "mails the caller's own address; names no tenant or resource",
  'POST /api/auth/second-factor/setup': "sets up the caller's own second factor; names no tenant or resource",
  'POST /api/auth/second-factor/enable': "turns on the caller's own second factor; names no tenant or resource",
  'POST /api/auth/second-factor/disable': "turns off the caller's own second factor; names no tenant or resource",
  'PATCH /api/me': "changes the caller's own profile; names no tenant or resource",
};

type Expect = 'not-found' | 'refused' | 'no-leak-only' | 'unauthenticated';

interface Side {
  name: 'A' | 'B';
  tenants: TenantHandle[];
  fillers: Map<string, Filler>;
  tokens: Map<string, Client>;
  /** uuids in this side's tenant rows that the other side never has. */
  ids: Set<string>;
  /** Lower-case prefix of every distinctive string of this side. */
  marker: string;
}

let t: TestBureau;
let doc: ApiDocument;
let A: Side;
let B: Side;
let tables: string[];
const failures: string[] = [];
const counts = { routes: 0, requests: 0, routesWithData: 0, refusedRegardless: 0 };
const probed = new Set<string>();

function leaks(reply: Reply, sent: string, owner: Side): string[] {
  const found: string[] = [];
  const text = reply.text.toLowerCase();
  const sentLower = sent.toLowerCase();
  for (const token of text.match(new RegExp(`${owner.marker}[a-z]*\\d*`, 'g')) ?? []) {
    if (!sentLower.includes(token)) found.push(token);
  }
  for (const id of allUuids(reply.text)) if (owner.ids.has(id) && !sentLower.includes(id)) found.push(id);
  return [...new Set(found)];
}

/** Replaces every id of `owner` in `text` by a fresh random uuid. */
function withUnknownIds(text: string, owner: Side): string {
  return text.replace(UUID_GLOBAL, (id) => (owner.ids.has(id.toLowerCase()) ? crypto.randomUUID() : id));
}

/**
 * A refusal other than 404/403 (e.g. 409 `not_a_provider` on a company) is accepted only when the
 * same request with the owner's ids swapped for ids nobody has gets the same status and code: the
 * answer then depends on the caller's own tenant, not on the owner's data.
 */
async function sameAsForUnknownIds(
  who: Client,
  op: Operation,
  path: string,
  body: RequestBody | undefined,
  owner: Side,
  reply: Reply,
): Promise<boolean> {
  if (reply.status < 400 || reply.status >= 500) return false;
  const controlBody: RequestBody | undefined =
    body?.kind === 'json'
      ? { kind: 'json', value: JSON.parse(withUnknownIds(JSON.stringify(body.value), owner)) }
      : body;
  const control = await who.send(op.method, withUnknownIds(path, owner), controlBody);
  counts.requests++;
  return control.status === reply.status && control.json?.code === reply.json?.code;
}

function bodyText(body: RequestBody | undefined): string {
  if (!body) return '';
  if (body.kind === 'json') return JSON.stringify(body.value);
  if (body.kind === 'raw') return typeof body.value === 'string' ? body.value : '';
  return [...body.value.entries()].map(([k, v]) => `${k}=${typeof v === 'string' ? v : v.name}`).join('&');
}

/** Sends one probe request and records every way it breaks isolation. */
async function probe(
  who: Client,
  op: Operation,
  path: string,
  body: RequestBody | undefined,
  expect: Expect,
  owner: Side,
): Promise<Reply> {
  const reply = await who.send(op.method, path, body);
  counts.requests++;
  const where = `${who.label} ${op.method} ${path}`;
  const ok =
    expect === 'not-found'
      ? reply.status === 404
      : expect === 'refused'
        ? reply.status === 404 || reply.status === 403
        : expect === 'unauthenticated'
          ? reply.status === 401
          : reply.status < 500;
  if (!ok && expect === 'refused' && (await sameAsForUnknownIds(who, op, path, body, owner, reply))) {
    counts.refusedRegardless++;
  } else if (!ok) {
    failures.push(`${where}: expected ${expect}, got ${reply.status} ${reply.text.slice(0, 200)}`);
  }
  if (reply.status >= 400 && !reply.contentType.startsWith('application/problem+json')) {
    failures.push(`${where}: ${reply.status} is not problem+json (${reply.contentType})`);
  }
  const leaked = leaks(reply, path + bodyText(body), owner);
  if (leaked.length) failures.push(`${where}: response reveals ${owner.name}'s ${leaked.slice(0, 5).join(', ')}`);
  return reply;
}

/**
 * Prepared once per side, tenant and route, before the state snapshots: preparing a GET may list
 * the victim's own records, and a list of sensitive records writes the victim's own audit reads.
 */
const preparedCache = new Map<string, PreparedRequest>();
async function prepared(side: Side, tenant: TenantHandle, op: Operation): Promise<PreparedRequest> {
  const key = `${side.name} ${tenant.slug} ${op.key}`;
  const cached = preparedCache.get(key);
  if (cached) return cached;
  const filler = side.fillers.get(tenant.slug) as Filler;
  const p = filler.harvest.requests.get(op.key) ?? (await filler.prepare(op, true));
  if (!p) throw new Error(`cannot prepare ${op.key} for ${tenant.slug}`);
  preparedCache.set(key, p);
  return p;
}

async function prepareAll(side: Side): Promise<void> {
  for (const op of doc.operations) {
    if (SKIP[op.key]) continue;
    for (const tenant of side.tenants) await prepared(side, tenant, op);
  }
}

const hasOwnerIds = (text: string, owner: Side) => allUuids(text).some((id) => owner.ids.has(id));

/** `victim`'s requests for `op`, replayed by every credential of `intruder`. */
async function replay(op: Operation, victim: Side, intruder: Side): Promise<void> {
  for (const tenant of victim.tenants) {
    const req = await prepared(victim, tenant, op);
    const path = req.path + queryString(req.query);
    if (Object.values(req.params).some((v) => victim.ids.has(v.toLowerCase()))) counts.routesWithData++;
    for (const other of intruder.tenants) {
      // 1. The victim's own path (its tenant), with the intruder's session and token.
      await probe(other.session, op, path, req.body, 'not-found', victim);
      await probe(intruder.tokens.get(other.slug) as Client, op, path, req.body, 'not-found', victim);
      if (other.kind !== tenant.kind) continue;
      // 2. The intruder's own tenant with the victim's ids in the path or body.
      const ownPath = fillPath(op.path, { ...req.params, tenant: other.slug }) + queryString(req.query);
      const inPath = hasOwnerIds(ownPath, victim);
      const inBody = hasOwnerIds(bodyText(req.body), victim);
      if (!inPath && !inBody && op.method !== 'GET') continue; // nothing of the victim's to replay
      for (const who of [other.session, intruder.tokens.get(other.slug) as Client]) {
        const reply = await probe(who, op, ownPath, req.body, inPath ? 'refused' : 'no-leak-only', victim);
        if (!inPath && inBody && reply.status < 400) {
          failures.push(
            `${who.label} ${op.method} ${ownPath}: accepted a body naming ${victim.name}'s ids (${reply.status})`,
          );
        }
      }
    }
  }
}

/** Routes outside /api/t/: provider console, operator, /api/me, invitations. */
async function replayGlobal(op: Operation, victim: Side, intruder: Side): Promise<void> {
  for (const tenant of victim.tenants) {
    const req = await prepared(victim, tenant, op);
    const path = req.path + queryString(req.query);
    for (const other of intruder.tenants) {
      let expectSession: Expect = 'no-leak-only';
      if (op.path.startsWith('/api/providers/{provider}')) expectSession = 'not-found';
      else if (op.path.startsWith('/api/operator/')) expectSession = 'refused';
      else if (op.path.startsWith('/api/invitations/{token}')) expectSession = 'not-found';
      await probe(other.session, op, path, req.body, expectSession, victim);
      // API tokens authenticate /api/t/ routes only: elsewhere a token is no credential at all.
      const token = intruder.tokens.get(other.slug) as Client;
      // GET /api/session answers everyone (`{ me: null }` when signed out): a token is no credential there either.
      const expectToken: Expect = op.path.startsWith('/api/invitations/')
        ? 'not-found'
        : op.path === '/api/session'
          ? 'no-leak-only'
          : 'unauthenticated';
      await probe(token, op, path, req.body, expectToken, victim);
    }
  }
}

async function buildSide(name: 'A' | 'B'): Promise<Side> {
  const marker = `probe${name.toLowerCase()}`;
  const company = await newTenant(t, marker, 'company');
  const provider = await newTenant(t, `${marker}p`, 'provider');
  const tenants = [company, provider];
  for (const x of tenants) await enableAllModules(t, x);
  const modules = moduleIds(t);
  const fillers = new Map<string, Filler>([
    [provider.slug, new Filler(doc, provider, modules, [company])],
    [company.slug, new Filler(doc, company, modules, [provider])],
  ]);
  // The provider invites its client, the client accepts, then both fill the rest.
  await fillers.get(provider.slug)?.fill();
  await fillers.get(company.slug)?.fill();
  await fillers.get(provider.slug)?.fill();
  const tokens = new Map<string, Client>();
  for (const x of tenants) tokens.set(x.slug, tokenClient(t, await allPermissionToken(x), `${name}:${x.kind} token`));
  return { name, tenants, fillers, tokens, ids: new Set(), marker };
}

beforeAll(async () => {
  t = await qualityBureau();
  doc = await loadDocument(t.app);
  tables = await tenantTables(t.runtime.db);
  A = await buildSide('A');
  B = await buildSide('B');
  const aIds = await tenantUuids(
    t.runtime.db,
    A.tenants.map((x) => x.id),
  );
  const bIds = await tenantUuids(
    t.runtime.db,
    B.tenants.map((x) => x.id),
  );
  for (const id of aIds) if (!bIds.has(id)) A.ids.add(id);
  for (const id of bIds) if (!aIds.has(id)) B.ids.add(id);
  for (const side of [A, B]) for (const x of side.tenants) side.ids.add(x.id).add(x.owner.userId);
  for (const x of A.tenants) x.session = { ...x.session, label: `A:${x.kind} session` };
  for (const x of B.tenants) x.session = { ...x.session, label: `B:${x.kind} session` };
}, 600_000);

afterAll(() => t?.close());

describe('isolation probe over every route of /api/openapi.json', () => {
  it('gives B nothing of A and A nothing of B', async () => {
    await prepareAll(A);
    await prepareAll(B);
    const aBefore = await dbState(t.runtime.db, tables, A.tenants[0]?.id);
    const apBefore = await dbState(t.runtime.db, tables, A.tenants[1]?.id);
    for (const op of doc.operations) {
      if (SKIP[op.key]) continue;
      counts.routes++;
      probed.add(op.key);
      if (op.tenantScoped) await replay(op, A, B);
      else await replayGlobal(op, A, B);
    }
    expect(stateDiff(aBefore, await dbState(t.runtime.db, tables, A.tenants[0]?.id))).toEqual([]);
    expect(stateDiff(apBefore, await dbState(t.runtime.db, tables, A.tenants[1]?.id))).toEqual([]);

    const bBefore = await dbState(t.runtime.db, tables, B.tenants[0]?.id);
    for (const op of doc.operations) {
      if (SKIP[op.key]) continue;
      if (op.tenantScoped) await replay(op, B, A);
      else await replayGlobal(op, B, A);
    }
    expect(stateDiff(bBefore, await dbState(t.runtime.db, tables, B.tenants[0]?.id))).toEqual([]);

    const filled = [...A.fillers.values()].flatMap((f) => [...f.harvest.requests.keys()]);
    const unfilled = [...A.fillers.values()].flatMap((f) =>
      [...f.harvest.failures].map(([k, why]) => `${f.tenant.kind} ${k}: ${why.slice(0, 120)}`),
    );
    console.log(
      [
        `isolation probe: ${counts.routes} of ${doc.operations.length} routes probed, ${counts.requests} requests`,
        `  ${counts.routesWithData} route replays carried real resource ids; ${filled.length} create calls filled A's tenants; ${A.ids.size} of A's ids and ${B.ids.size} of B's watched for`,
        `  ${counts.refusedRegardless} refusals other than 404/403 answered the same for ids nobody has (accepted)`,
        `  skipped (with reasons): ${Object.keys(SKIP).length}`,
        ...(unfilled.length
          ? ['  create routes that made no data on side A (still probed):', ...unfilled.map((u) => `    ${u}`)]
          : []),
      ].join('\n'),
    );
    expect(failures).toEqual([]);
  }, 600_000);

  it('skips no route without a stated reason', () => {
    const unaccounted = doc.operations.filter((op) => !probed.has(op.key) && !SKIP[op.key]).map((op) => op.key);
    expect(unaccounted).toEqual([]);
    const stale = Object.keys(SKIP).filter((k) => !doc.operations.some((op) => op.key === k));
    expect(stale, 'SKIP entries for routes that no longer exist').toEqual([]);
    for (const [k, why] of Object.entries(SKIP)) expect(why.length, k).toBeGreaterThan(10);
  });
});
