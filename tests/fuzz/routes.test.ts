import type { TestBureau } from '@bureau/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbState, dbState, nextXid, stateDiff, tenantTables } from '../support/db-state.ts';
import { Filler } from '../support/fill.ts';
import { bodyArbitrary, paramArbitrary, queryArbitrary } from '../support/mutants.ts';
import { type ApiDocument, fillPath, loadDocument, type Operation, queryString } from '../support/openapi.ts';
import {
  type Client,
  enableAllModules,
  moduleIds,
  newTenant,
  OPERATOR_EMAIL,
  qualityBureau,
  type RequestBody,
  sessionClient,
  type TenantHandle,
} from '../support/world.ts';

/**
 * Fuzzing every route of /api/openapi.json (issue 8): fast-check sends malformed bodies, path
 * values and query strings. Never a 5xx; every 4xx is application/problem+json with a `code`; a
 * rejected request leaves every tenant table exactly as it was. FUZZ_RUNS sets the runs per route
 * (15 in CI; `pnpm fuzz` runs 500). FUZZ_ROUTE filters routes by a substring of `METHOD /path`.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const ONLY = process.env.FUZZ_ROUTE;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let t: TestBureau;
let doc: ApiDocument;
let tables: string[];
let company: TenantHandle;
let provider: TenantHandle;
let fillers: Filler[];
let operator: Client;

async function sessionAlive(tenant: TenantHandle): Promise<void> {
  const me = await tenant.session.send('GET', '/api/me');
  if (me.status === 200) return;
  const again = await t.login(tenant.owner.email, tenant.owner.password);
  tenant.owner = { ...again, tenant: tenant.owner.tenant };
  tenant.session = sessionClient(t, tenant.owner, tenant.session.label);
}

/** Undoes what an accepted fuzz request may have switched off: the session, modules, the subscription. */
async function heal(): Promise<void> {
  for (const tenant of [company, provider]) {
    await sessionAlive(tenant);
    await enableAllModules(t, tenant);
    const billing = await tenant.session.send('GET', `/api/t/${tenant.slug}/billing`);
    const status = billing.json?.subscription?.status;
    if (status === 'canceled' || status === 'suspended') {
      await tenant.session.send('POST', `/api/t/${tenant.slug}/billing/reactivate`);
    }
  }
}

/** Who sends the fuzz: the owner for tenant routes, the operator for its routes, a throwaway user elsewhere. */
async function actorFor(op: Operation, tenant: TenantHandle): Promise<Client> {
  if (op.tenantScoped || op.path.startsWith('/api/providers/')) return tenant.session;
  if (op.path.startsWith('/api/operator/')) return operator;
  const user = await t.signup();
  return sessionClient(t, user, 'throwaway');
}

interface Sample {
  tenant: 0 | 1;
  params: Record<string, string>;
  query: Record<string, string> | null;
  body: RequestBody | undefined;
  slugJunk: string | null;
}

const counts = { routes: 0, requests: 0, rejected: 0, accepted: 0, checksums: 0 };
const statusCounts = new Map<number, number>();

/** Fuzzes one route; true in `accepted` when some request was accepted (state may need healing). */
let accepted = false;

async function fuzzRoute(op: Operation): Promise<string[]> {
  const problems: string[] = [];
  accepted = false;
  // Valid values per tenant, the starting point of every mutation.
  const valid = await Promise.all(
    fillers.map(async (f) => {
      const done = f.harvest.requests.get(op.key);
      return done ?? (await f.prepare(op, true));
    }),
  );
  const paramNames = op.pathParams.map((p) => p.name).filter((n) => n !== 'tenant');
  const sample: fc.Arbitrary<Sample> = fc.constantFrom<0 | 1>(0, 1).chain((tenant) =>
    fc.record({
      tenant: fc.constant(tenant),
      params: fc.record(
        Object.fromEntries(
          paramNames.map((name) => [
            name,
            paramArbitrary(valid[tenant]?.params[name], op.pathParams.find((p) => p.name === name)?.schema ?? {}),
          ]),
        ) as Record<string, fc.Arbitrary<string>>,
      ),
      query: fc.oneof(fc.constant(null), queryArbitrary(op)),
      // A GET carries no body (fetch refuses one); its input is the path and the query.
      body: op.method === 'GET' ? fc.constant(undefined) : bodyArbitrary(op, valid[tenant]?.body),
      slugJunk: fc.oneof(
        { weight: 15, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('no-such-tenant', 'a', 'A'.repeat(300), '..', '%2e%2e', 'api') },
      ),
    }),
  );
  const tenants = [company, provider];
  const first = await actorFor(op, company);
  const actors = [first, op.tenantScoped || op.path.startsWith('/api/providers/') ? provider.session : first];
  let before: DbState = await dbState(t.runtime.db, tables);
  let xid = await nextXid(t.runtime.db);

  await fc
    .assert(
      fc.asyncProperty(sample, async (s) => {
        const tenant = tenants[s.tenant] as TenantHandle;
        const values = { ...valid[s.tenant]?.params, ...s.params, tenant: s.slugJunk ?? tenant.slug };
        const path = fillPath(op.path, values) + queryString(s.query ?? valid[s.tenant]?.query ?? {});
        const reply = await (actors[s.tenant] as Client).send(op.method, path, s.body);
        counts.requests++;
        statusCounts.set(reply.status, (statusCounts.get(reply.status) ?? 0) + 1);
        const where = `${op.method} ${path.slice(0, 160)} body=${describeBody(s.body)}`;
        if (reply.status >= 500) problems.push(`${where} → ${reply.status} ${reply.text.slice(0, 300)}`);
        if (reply.status >= 400) {
          counts.rejected++;
          if (!reply.contentType.startsWith('application/problem+json'))
            problems.push(`${where} → ${reply.status} as ${reply.contentType || 'no content type'}`);
          else if (typeof reply.json?.code !== 'string' || !reply.json.code)
            problems.push(`${where} → ${reply.status} problem without a code: ${reply.text.slice(0, 200)}`);
          const nowXid = await nextXid(t.runtime.db);
          if (nowXid !== xid) {
            // Some transaction got an id: compare every tenant table.
            counts.checksums++;
            const after = await dbState(t.runtime.db, tables);
            const diff = stateDiff(before, after);
            if (diff.length) problems.push(`${where} → ${reply.status} yet wrote: ${diff.join('; ')}`);
            before = after;
            xid = await nextXid(t.runtime.db);
          }
        } else {
          counts.accepted++;
          accepted = true;
          before = await dbState(t.runtime.db, tables);
          xid = await nextXid(t.runtime.db);
        }
        // A failing property stops at the first problem; the list carries it out.
        return problems.length === 0;
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
    )
    .catch((err: Error) => {
      if (!problems.length) {
        const cause =
          err.cause instanceof Error
            ? `${err.cause.message}\n${err.cause.stack?.split('\n').slice(1, 4).join('\n')}`
            : '';
        problems.push(`${op.key}: ${err.message.split('\n').slice(0, 3).join(' ')} ${cause}`.slice(0, 1500));
      }
    });
  return problems.slice(0, 3);
}

function describeBody(body: RequestBody | undefined): string {
  if (!body) return 'none';
  if (body.kind === 'form') return 'form';
  const text = body.kind === 'json' ? JSON.stringify(body.value) : String(body.value);
  return `${body.kind === 'raw' ? `raw(${body.contentType ?? ''})` : 'json'}:${(text ?? '').slice(0, 120)}`;
}

beforeAll(async () => {
  t = await qualityBureau();
  doc = await loadDocument(t.app);
  tables = await tenantTables(t.runtime.db);
  company = await newTenant(t, 'fuzzc', 'company');
  provider = await newTenant(t, 'fuzzp', 'provider');
  for (const x of [company, provider]) await enableAllModules(t, x);
  const modules = moduleIds(t);
  fillers = [new Filler(doc, company, modules, [provider]), new Filler(doc, provider, modules, [company])];
  await fillers[1]?.fill();
  await fillers[0]?.fill();
  await fillers[1]?.fill();
  operator = sessionClient(t, await t.login(OPERATOR_EMAIL, 'correct horse battery'), 'operator');
  // No background event delivery while fuzzing: only the fuzzed request may change the database.
  await t.events.drain();
  await t.events.stop();
}, 600_000);

afterAll(() => t?.close());

describe('fuzzing every route of /api/openapi.json', () => {
  it(
    `answers malformed input with a 4xx problem and writes nothing (${RUNS} runs per route)`,
    async () => {
      const failures: string[] = [];
      // Routes that end sessions run last, so they cannot take the owner's session from the others.
      const ops = doc.operations
        .filter((op) => !ONLY || op.key.includes(ONLY))
        .sort((a, b) => Number(a.path.startsWith('/api/auth/')) - Number(b.path.startsWith('/api/auth/')));
      for (const op of ops) {
        counts.routes++;
        failures.push(...(await fuzzRoute(op)));
        if (accepted) await heal();
      }
      const statuses = [...statusCounts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`);
      console.log(
        `fuzz: ${counts.routes} routes, ${counts.requests} requests (${RUNS} runs per route): ${counts.rejected} rejected (${counts.checksums} compared by checksum, the rest wrote no transaction at all), ${counts.accepted} accepted; statuses ${statuses.join(' ')}`,
      );
      expect(failures).toEqual([]);
    },
    Math.max(1_800_000, RUNS * 10_000),
  );
});
