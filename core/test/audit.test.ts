import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, normalizeJson } from '../src/audit/chain.ts';
import { writeAudit } from '../src/audit/write.ts';
import {
  conflict,
  createTestBureau,
  definePlugin,
  defineRoute,
  enableTenantRls,
  json,
  newId,
  type TestBureau,
  type TestUser,
  withTenant,
  z,
} from '../src/index.ts';

const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('notes.items')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('items_pkey', ['tenant_id', 'id'])
      .execute();
    await enableTenantRls(db, 'notes.items');
  },
};

const Id = z.object({ id: z.uuid() });

/** A module whose routes write no audit row of their own, one that reads a sensitive record, one that fails. */
const notes = definePlugin({
  id: 'notes',
  version: '1.0.0',
  title: { en: 'Notes', cs: 'Poznámky' },
  description: { en: 'Test notes', cs: 'Testovací poznámky' },
  permissions: { 'notes.write': { en: 'Write notes', cs: 'Psát poznámky' } },
  migrations: { '0001_init': init },
  routes: (r) =>
    r
      .openapi(
        defineRoute({
          method: 'post',
          path: '/items',
          permission: 'notes.write',
          responses: { 201: json(z.object({ id: z.string() })) },
        }),
        async (c) => {
          const id = newId();
          await c.var.db.insertInto('notes.items').values({ tenant_id: c.var.tenant.id, id, text: 'x' }).execute();
          return c.json({ id }, 201);
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/items/{id}/peek',
          permission: 'notes.write',
          request: { params: Id },
          responses: { 200: json(z.object({ ok: z.boolean() })) },
        }),
        async (c) => {
          await c.var.ctx.auditRead('notes.item', c.req.valid('param').id);
          return c.json({ ok: true }, 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/items/{id}',
          permission: 'notes.write',
          request: { params: Id },
          responses: { 200: json(z.object({ id: z.string() })) },
        }),
        async (c) => {
          const { id } = c.req.valid('param');
          await c.var.ctx.auditRead('notes.item', id);
          return c.json({ id }, 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/fail',
          permission: 'notes.write',
          responses: { 200: json(z.object({ ok: z.boolean() })) },
        }),
        async (c) => {
          await c.var.db
            .insertInto('notes.items')
            .values({ tenant_id: c.var.tenant.id, id: newId(), text: 'y' })
            .execute();
          await c.var.ctx.audit({ action: 'notes.failed', entityType: 'notes.item', entityId: null });
          throw conflict('nope', 'Refused');
        },
      ),
});

/** Enables a module, accepting any add-on price billing asks to confirm. */
async function enable(u: TestUser, moduleId: string) {
  const res = await u.json('PUT', `/api/t/${u.tenant.slug}/modules/${moduleId}`, { confirm: true });
  if (res.status >= 300) throw new Error(`enable ${moduleId}: ${res.status} ${JSON.stringify(res.body)}`);
}

let t: TestBureau;
let owner: TestUser;

const rows = (tenantId: string) =>
  t.runtime.db.selectFrom('core.audit_log').selectAll().where('tenant_id', '=', tenantId).orderBy('seq').execute();

async function tokenFor(user: TestUser, permissions: string[]) {
  const res = await user.json('POST', `/api/t/${user.tenant.slug}/tokens`, { name: `t-${newId()}`, permissions });
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string };
}

function bearer(secret: string) {
  return (method: string, path: string, body?: unknown) =>
    t.app.request(`${t.origin}${path}`, {
      method,
      headers: {
        origin: t.origin,
        authorization: `Bearer ${secret}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
}

beforeAll(async () => {
  t = await createTestBureau({ plugins: [notes] });
  owner = await t.signup();
  await enable(owner, 'notes');
});
afterAll(() => t.close());

describe('audit rows', () => {
  it('records actor, tenant, action, entity, before/after, request id, IP and time of a mutating request', async () => {
    const before = Date.now();
    const res = await owner.request('POST', `/api/t/${owner.tenant.slug}/roles`, {
      key: 'clerk',
      name: 'Clerk',
      permissions: ['tenant.members.read'],
    });
    expect(res.status).toBe(201);
    const role = (await res.json()) as { id: string };
    const row = (await rows(owner.tenant.id)).find((r) => r.action === 'role.created');
    expect(row).toMatchObject({
      tenant_id: owner.tenant.id,
      actor_kind: 'user',
      actor_user_id: owner.userId,
      actor_token_id: null,
      actor_provider_id: null,
      actor_label: owner.email,
      entity_type: 'role',
      entity_id: role.id,
      before: null,
      after: { id: role.id, key: 'clerk', name: 'Clerk', permissions: ['tenant.members.read'] },
      request_id: res.headers.get('x-request-id'),
      ip: 'local',
    });
    expect(new Date(row?.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('records an API token as the actor', async () => {
    const token = await tokenFor(owner, ['notes.write']);
    const res = await bearer(token.token)('POST', `/api/t/${owner.tenant.slug}/notes/items`);
    expect(res.status).toBe(201);
    const last = (await rows(owner.tenant.id)).at(-1);
    expect(last).toMatchObject({ actor_kind: 'token', actor_token_id: token.id, actor_user_id: null });
  });

  it('records the provider when provider staff act for a client', async () => {
    const provider = await t.signup({ tenant: { kind: 'provider' } });
    await withTenant(t.runtime.db, owner.tenant.id, (trx) =>
      writeAudit(trx, {
        tenantId: owner.tenant.id,
        actor: {
          kind: 'user',
          userId: provider.userId,
          tokenId: null,
          providerTenantId: provider.tenant.id,
          label: provider.email,
        },
        requestId: 'req-1',
        ip: '192.0.2.1',
        at: new Date(),
        action: 'payroll.closed',
        entityType: 'hr.payroll',
        entityId: 'p-1',
      }),
    );
    const last = (await rows(owner.tenant.id)).at(-1);
    expect(last).toMatchObject({ actor_provider_id: provider.tenant.id, actor_user_id: provider.userId });
    expect((await owner.json('GET', `/api/t/${owner.tenant.slug}/audit/verify`)).body.ok).toBe(true);
  });

  it('writes a generic row for a successful mutating request that wrote none of its own', async () => {
    const res = await owner.json('POST', `/api/t/${owner.tenant.slug}/notes/items`);
    expect(res.status).toBe(201);
    const last = (await rows(owner.tenant.id)).at(-1);
    expect(last).toMatchObject({
      action: 'POST /api/t/:tenant/notes/items',
      entity_type: 'notes',
      actor_user_id: owner.userId,
      after: { path: `/api/t/${owner.tenant.slug}/notes/items`, status: 201 },
    });
  });

  it('still writes the generic row when only a side effect (not the handler) was audited', async () => {
    const guard = async (c: { req: { method: string; path: string }; var: any }) => {
      if (c.req.method === 'POST' && c.req.path.endsWith('/notes/items')) {
        await writeAudit(c.var.db, {
          tenantId: c.var.tenant.id,
          actor: null,
          requestId: null,
          ip: null,
          at: new Date(),
          action: 'side.effect',
          entityType: 'billing',
          entityId: null,
        });
      }
    };
    t.runtime.requestGuards.push(guard as never);
    try {
      expect((await owner.json('POST', `/api/t/${owner.tenant.slug}/notes/items`)).status).toBe(201);
    } finally {
      t.runtime.requestGuards.splice(t.runtime.requestGuards.indexOf(guard as never), 1);
    }
    const tail = (await rows(owner.tenant.id)).slice(-2);
    expect(tail.map((r) => r.action)).toEqual(['side.effect', 'POST /api/t/:tenant/notes/items']);
  });

  it('writes nothing for a failed request or a plain read, and one row for a request that audited itself', async () => {
    const n = (await rows(owner.tenant.id)).length;
    expect((await owner.json('POST', `/api/t/${owner.tenant.slug}/notes/fail`)).status).toBe(409);
    expect((await owner.json('GET', `/api/t/${owner.tenant.slug}/roles`)).status).toBe(200);
    expect((await owner.json('POST', `/api/t/${owner.tenant.slug}/roles`, { key: 'x' })).status).toBe(400);
    expect(await rows(owner.tenant.id)).toHaveLength(n);
    await owner.json('PATCH', `/api/t/${owner.tenant.slug}/roles/${newId()}`, { name: 'n' });
    expect(await rows(owner.tenant.id)).toHaveLength(n);
  });

  it('audits reads of sensitive records, and still writes the generic row when a change audited only a read', async () => {
    const id = newId();
    expect((await owner.json('GET', `/api/t/${owner.tenant.slug}/notes/items/${id}`)).status).toBe(200);
    let last = (await rows(owner.tenant.id)).at(-1);
    expect(last).toMatchObject({ action: 'notes.item.read', entity_type: 'notes.item', entity_id: id });
    expect((await owner.json('POST', `/api/t/${owner.tenant.slug}/notes/items/${id}/peek`)).status).toBe(200);
    const tail = (await rows(owner.tenant.id)).slice(-2);
    expect(tail.map((r) => r.action)).toEqual(['notes.item.read', 'POST /api/t/:tenant/notes/items/:id/peek']);
    last = tail[1];
    expect(last?.entity_id).toBe(id);
  });
});

describe('append-only and hash-chained', () => {
  it('refuses UPDATE and DELETE to the request role', async () => {
    const u = await t.signup();
    await u.json('POST', `/api/t/${u.tenant.slug}/roles`, { key: 'a1', name: 'A', permissions: [] });
    const before = await rows(u.tenant.id);
    expect(before.map((r) => r.action)).toContain('role.created');
    const update = withTenant(t.runtime.db, u.tenant.id, (trx) =>
      trx.updateTable('core.audit_log').set({ action: 'forged' }).where('tenant_id', '=', u.tenant.id).execute(),
    );
    await expect(update).rejects.toMatchObject({ code: '42501' });
    const del = withTenant(t.runtime.db, u.tenant.id, (trx) =>
      trx.deleteFrom('core.audit_log').where('tenant_id', '=', u.tenant.id).execute(),
    );
    await expect(del).rejects.toMatchObject({ code: '42501' });
    const truncate = withTenant(t.runtime.db, u.tenant.id, (trx) => sql`truncate core.audit_log`.execute(trx));
    await expect(truncate).rejects.toMatchObject({ code: '42501' });
    expect(await rows(u.tenant.id)).toEqual(before);
  });

  it('chains each tenant separately: seq 1..n, prev_hash = previous hash', async () => {
    const a = await t.signup();
    const b = await t.signup();
    for (const [i, u] of [a, b, a, a, b].entries()) {
      await u.json('POST', `/api/t/${u.tenant.slug}/roles`, { key: `r${i}`, name: 'R', permissions: [] });
    }
    for (const u of [a, b]) {
      const chain = await rows(u.tenant.id);
      expect(chain.map((r) => String(r.seq))).toEqual(chain.map((_, i) => String(i + 1)));
      expect(chain[0]?.prev_hash).toBe('0'.repeat(64));
      for (let i = 1; i < chain.length; i++) expect(chain[i]?.prev_hash).toBe(chain[i - 1]?.hash);
      const v = await u.json('GET', `/api/t/${u.tenant.slug}/audit/verify`);
      expect(v.body).toEqual({
        ok: true,
        checked: chain.length,
        head: { seq: String(chain.length), hash: chain.at(-1)?.hash },
        broken: null,
      });
    }
  });

  it('keeps the chain intact under concurrent requests of one tenant', async () => {
    const u = await t.signup();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        u.json('POST', `/api/t/${u.tenant.slug}/roles`, { key: `c${i}`, name: 'C', permissions: [] }),
      ),
    );
    const ok = results.filter((r) => r.status === 201).length;
    // A retryable conflict (409 retry) is allowed under contention; every success has its row.
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'retry'))).toBe(true);
    const chain = await rows(u.tenant.id);
    expect(chain.filter((r) => r.action === 'role.created')).toHaveLength(ok);
    expect((await u.json('GET', `/api/t/${u.tenant.slug}/audit/verify`)).body.ok).toBe(true);
  });

  it('names the first broken link when the owner tampers with a row', async () => {
    const u = await t.signup();
    for (let i = 0; i < 4; i++)
      await u.json('POST', `/api/t/${u.tenant.slug}/roles`, { key: `k${i}`, name: 'K', permissions: [] });
    const chain = await rows(u.tenant.id);
    const victim = chain[1];
    await t.runtime.db
      .updateTable('core.audit_log')
      .set({ after: JSON.stringify({ forged: true }) })
      .where('tenant_id', '=', u.tenant.id)
      .where('id', '=', victim?.id)
      .execute();
    const v = await u.json('GET', `/api/t/${u.tenant.slug}/audit/verify`);
    expect(v.body).toEqual({
      ok: false,
      checked: 2,
      head: null,
      broken: { id: victim?.id, seq: '2', reason: 'hash_mismatch' },
    });
  });

  it('detects a deleted row, a rewritten hash and a truncated tail', async () => {
    const make = async () => {
      const u = await t.signup();
      for (let i = 0; i < 4; i++)
        await u.json('POST', `/api/t/${u.tenant.slug}/roles`, { key: `k${i}`, name: 'K', permissions: [] });
      return { u, chain: await rows(u.tenant.id) };
    };
    const verify = async (u: TestUser) => (await u.json('GET', `/api/t/${u.tenant.slug}/audit/verify`)).body;

    const gap = await make();
    await t.runtime.db.deleteFrom('core.audit_log').where('id', '=', gap.chain[1]?.id).execute();
    expect((await verify(gap.u)).broken).toEqual({ id: gap.chain[2]?.id, seq: '3', reason: 'sequence_gap' });

    // Rewriting a row and its hash consistently still breaks the next link.
    const rehash = await make();
    await t.runtime.db
      .updateTable('core.audit_log')
      .set({ hash: 'f'.repeat(64) })
      .where('id', '=', rehash.chain[1]?.id)
      .execute();
    expect((await verify(rehash.u)).broken).toEqual({ id: rehash.chain[1]?.id, seq: '2', reason: 'hash_mismatch' });

    const tail = await make();
    await t.runtime.db.deleteFrom('core.audit_log').where('id', '=', tail.chain.at(-1)?.id).execute();
    expect((await verify(tail.u)).broken).toEqual({
      id: null,
      seq: String(tail.chain.length),
      reason: 'head_mismatch',
    });
  });

  it('hashes any JSON payload to a value that verifies after the database round trip', async () => {
    const u = await t.signup();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.jsonValue(), fc.string(), async (before, after, entityId) => {
        await withTenant(t.runtime.db, u.tenant.id, (trx) =>
          writeAudit(trx, {
            tenantId: u.tenant.id,
            actor: null,
            requestId: null,
            ip: null,
            at: new Date(),
            action: 'prop.test',
            entityType: 'prop',
            entityId,
            before,
            after,
          }),
        );
      }),
      { numRuns: 60 },
    );
    const v = await u.json('GET', `/api/t/${u.tenant.slug}/audit/verify`);
    const all = await rows(u.tenant.id);
    expect(all.filter((r) => r.action === 'prop.test')).toHaveLength(60);
    expect(v.body).toMatchObject({ ok: true, checked: all.length });
  });

  it('canonical JSON does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(normalizeJson(reversed))).toBe(canonicalJson(normalizeJson(obj)));
      }),
    );
  });
});

describe('GET /audit', () => {
  let u: TestUser;
  let token: { id: string; token: string };
  beforeAll(async () => {
    u = await t.signup();
    await enable(u, 'notes');
    for (let i = 0; i < 5; i++)
      await u.json('POST', `/api/t/${u.tenant.slug}/roles`, { key: `p${i}`, name: 'P', permissions: [] });
    token = await tokenFor(u, ['notes.write']);
    await bearer(token.token)('POST', `/api/t/${u.tenant.slug}/notes/items`);
  });

  const list = async (query: string) => u.json('GET', `/api/t/${u.tenant.slug}/audit${query}`);

  it('pages newest first with a cursor', async () => {
    const all = (await list('?limit=200')).body.entries;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.entries.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e: { id: string }) => e.id));
    expect(all.map((e: { seq: string }) => Number(e.seq))).toEqual(
      [...all.map((e: { seq: string }) => Number(e.seq))].sort((a, b) => b - a),
    );
  });

  it('filters by action, entity, actor and time range', async () => {
    const created = (await list('?action=role.created')).body.entries;
    expect(created).toHaveLength(5);
    const one = created[0];
    expect(one.changes).toEqual(['id', 'key', 'name', 'permissions']);
    expect(
      (await list(`?entityType=role&entityId=${one.entityId}`)).body.entries.map((e: { id: string }) => e.id),
    ).toEqual([one.id]);
    const byToken = (await list(`?actor=${token.id}`)).body.entries;
    expect(byToken.map((e: { action: string }) => e.action)).toEqual(['POST /api/t/:tenant/notes/items']);
    expect((await list(`?actor=${u.userId}`)).body.entries.length).toBeGreaterThanOrEqual(6);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list(`?from=${encodeURIComponent(future)}`)).body.entries).toEqual([]);
    expect((await list(`?to=${encodeURIComponent(future)}&action=role.created`)).body.entries).toHaveLength(5);
  });

  it('refuses bad filters with 400, callers without tenant.audit.read with 403, and shows only the tenant', async () => {
    expect((await list('?cursor=abc')).status).toBe(400);
    expect((await list('?from=yesterday')).status).toBe(400);
    expect((await list('?actor=not-a-uuid')).status).toBe(400);
    expect((await list('?limit=0')).status).toBe(400);
    const reader = await bearer(token.token)('GET', `/api/t/${u.tenant.slug}/audit`);
    expect(reader.status).toBe(403);
    const other = (await owner.json('GET', `/api/t/${owner.tenant.slug}/audit?limit=200`)).body.entries;
    expect(other.every((e: { id: string }) => e.id)).toBe(true);
    const mine = new Set((await list('?limit=200')).body.entries.map((e: { id: string }) => e.id));
    expect(other.some((e: { id: string }) => mine.has(e.id))).toBe(false);
  });
});
