/**
 * Issue 19: the round trips of each kind of tenant request, counted through the Server-Timing
 * header (BUREAU_SERVER_TIMING): a change that adds a statement to the request path fails here.
 * PostgreSQL sends BEGIN and the tenant entry as one message; on PGlite they are two calls.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, definePlugin, defineRoute, json, type TestBureau, type TestUser, z } from '../src/index.ts';

const probe = definePlugin({
  id: 'probe',
  version: '1.0.0',
  title: { en: 'probe', cs: 'sonda' },
  description: { en: 'Test module', cs: 'Testovací modul' },
  permissions: { 'probe.read': { en: 'Read', cs: 'Číst' }, 'probe.write': { en: 'Write', cs: 'Zapisovat' } },
  migrations: {},
  routes: (r) =>
    r
      .openapi(
        defineRoute({
          method: 'get',
          path: '/ping',
          permission: 'probe.read',
          responses: { 200: json(z.object({ ok: z.boolean() })) },
        }),
        (c) => c.json({ ok: true }, 200),
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/things',
          permission: 'probe.write',
          responses: { 201: json(z.object({ ok: z.boolean() })) },
        }),
        (c) => c.json({ ok: true }, 201),
      ),
});

let t: TestBureau;
let owner: TestUser;
const pg = !!process.env.DATABASE_URL;
/** BEGIN + tenant entry: one message on PostgreSQL, two calls on PGlite. */
const entry = pg ? 1 : 2;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [probe], config: { serverTiming: true } });
  owner = await t.signup();
  await t.enableModule(owner, 'probe');
});
afterAll(() => t.close());

function timing(res: Response) {
  const header = res.headers.get('server-timing') ?? '';
  const phases = Object.fromEntries(
    header
      .split(',')
      .map((p) => p.trim().split(';'))
      .map(([name, ...params]) => [name, params.join(';')]),
  );
  const roundTrips = Number(/desc=(\d+)/.exec(phases.roundtrips ?? '')?.[1] ?? Number.NaN);
  return { header, phases, roundTrips };
}

describe('round trips per tenant request', () => {
  it('a member reading a core list: session+tenant+access, BEGIN+entry, the query, COMMIT', async () => {
    const res = await owner.request('GET', `/api/t/${owner.tenant.slug}/members`);
    expect(res.status).toBe(200);
    const { roundTrips, phases } = timing(res);
    expect(roundTrips).toBe(1 + entry + 1 + 1);
    for (const p of ['auth', 'access', 'enter', 'guards', 'handler', 'serialise', 'commit', 'total']) {
      expect(phases[p], p).toMatch(/^dur=\d/);
    }
  });

  it('a plugin route: the module gate is answered by the same first statement', async () => {
    const res = await owner.request('GET', `/api/t/${owner.tenant.slug}/probe/ping`);
    expect(res.status).toBe(200);
    expect(timing(res).roundTrips).toBe(1 + entry + 1);
  });

  it('a write: the generic audit row (lock the chain head, append, move the head) is all that is added', async () => {
    const res = await owner.request('POST', `/api/t/${owner.tenant.slug}/probe/things`, {});
    expect(res.status).toBe(201);
    expect(timing(res).roundTrips).toBe(1 + entry + 3 + 1);
  });

  it('an API token', async () => {
    const created = await owner.json('POST', `/api/t/${owner.tenant.slug}/tokens`, {
      name: 'rt',
      permissions: ['tenant.members.read'],
    });
    expect(created.status).toBe(201);
    const use = () =>
      t.app.request(`http://localhost/api/t/${owner.tenant.slug}/members`, {
        headers: { authorization: `Bearer ${created.body.token}` },
      });
    const first = await use();
    expect(first.status).toBe(200);
    // Tenant, token, its creator's membership, the subscription status, and the first use's stamp.
    expect(timing(first).roundTrips).toBe(TOKEN_OVERHEAD + 1 + entry + 1 + 1);
    // Within a minute of the last use the stamp is not written again.
    expect(timing(await use()).roundTrips).toBe(TOKEN_OVERHEAD + entry + 1 + 1);
  });

  it('a refused request rolls back and costs no more than the resolution', async () => {
    const other = await t.signup();
    const res = await other.request('GET', `/api/t/${owner.tenant.slug}/members`);
    expect(res.status).toBe(404);
    // Not a member: the provider resolver looks for an engagement (one statement) and finds none.
    expect(timing(res).roundTrips).toBe(1 + 1);
  });
});

/** Tenant by slug, token, its creator's membership (auth/token-access.ts), the subscription status. */
const TOKEN_OVERHEAD = 4;

describe('the session slides only when it must', () => {
  const expiresAt = async (u: TestUser) =>
    (
      await sql<{ expires_at: Date }>`select expires_at from core.sessions where user_id = ${u.userId}`.execute(
        t.runtime.db,
      )
    ).rows.map((r) => new Date(r.expires_at).getTime());

  it('writes nothing in the first half of its lifetime, extends it in the second half', async () => {
    const u = await t.signup();
    const before = await expiresAt(u);
    const quiet = await u.request('GET', `/api/t/${u.tenant.slug}/members`);
    expect(quiet.headers.get('set-cookie')).toBeNull();
    expect(await expiresAt(u)).toEqual(before);

    // Two days left of thirty: past the half, so the next request extends it and renews the cookie.
    const soon = new Date(Date.now() + 2 * 86_400_000);
    await t.runtime.db.updateTable('core.sessions').set({ expires_at: soon }).where('user_id', '=', u.userId).execute();
    const slid = await u.request('GET', `/api/t/${u.tenant.slug}/members`);
    expect(slid.status).toBe(200);
    expect(slid.headers.get('set-cookie')).toMatch(/bureau_session=/);
    expect(timing(slid).roundTrips).toBe(1 + 1 + entry + 1 + 1);
    const [after] = await expiresAt(u);
    expect(after).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const next = await u.request('GET', `/api/t/${u.tenant.slug}/members`);
    expect(next.headers.get('set-cookie')).toBeNull();
  });

  it('an expired session is deleted and answers 401 with a cleared cookie', async () => {
    const u = await t.signup();
    const past = new Date(Date.now() - 1000);
    await t.runtime.db.updateTable('core.sessions').set({ expires_at: past }).where('user_id', '=', u.userId).execute();
    const res = await u.request('GET', `/api/t/${u.tenant.slug}/members`);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toMatch(/bureau_session=;/);
    expect(await expiresAt(u)).toEqual([]);
  });
});
