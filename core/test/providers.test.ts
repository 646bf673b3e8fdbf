import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPlans, type Period, type Plan, publishPlan } from '../src/billing/catalogue.ts';
import {
  createTestBureau,
  defineMessages,
  definePlugin,
  defineRoute,
  json,
  newId,
  type TestBureau,
  type TestUser,
  z,
} from '../src/index.ts';

/** A tiny module with one read and one write route (the write leaves an audit row) and a summary. */
function testPlugin<const Id extends string>(id: Id) {
  return definePlugin({
    id,
    version: '1.0.0',
    title: { en: id, cs: id },
    description: { en: `Test module ${id}`, cs: `Testovací modul ${id}` },
    permissions: {
      [`${id}.read`]: { en: 'Read', cs: 'Číst' },
      [`${id}.write`]: { en: 'Write', cs: 'Zapisovat' },
    },
    migrations: {},
    routes: (r) =>
      r
        .openapi(
          defineRoute({
            method: 'get',
            path: '/ping',
            permission: `${id}.read`,
            responses: { 200: json(z.object({ tenant: z.string() })) },
          }),
          (c) => c.json({ tenant: c.var.tenant.slug }, 200),
        )
        .openapi(
          defineRoute({
            method: 'post',
            path: '/things',
            permission: `${id}.write`,
            responses: { 201: json(z.object({ id: z.string() })) },
          }),
          async (c) => {
            const thing = newId();
            await c.var.ctx.audit({ action: `${id}.thing_created`, entityType: 'thing', entityId: thing });
            return c.json({ id: thing }, 201);
          },
        ),
    summary: async (ctx) => ({ openThings: 3, client: ctx.tenant.slug }),
  });
}

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau({ plugins: [testPlugin('alpha'), testPlugin('beta')] });
});
afterAll(() => t.close());

/** Makes an existing user a member of a tenant through an invitation they accept. */
async function addMember(admin: TestUser, user: TestUser, role = 'member') {
  const inv = await admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, {
    email: user.email,
    role,
    confirm: true,
  });
  if (inv.status !== 201) throw new Error(`invite: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = new URL(inv.body.link).searchParams.get('token');
  const accepted = await user.json('POST', `/api/invitations/${token}/accept`);
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}

/** Enables a module through the modules API; a direct insert only where that route does not exist. */
async function enable(owner: TestUser, slug: string, moduleId: string) {
  const res = await owner.json('PUT', `/api/t/${slug}/modules/${moduleId}`, { confirm: true });
  if (res.status === 404 && res.body?.title === 'No such route') {
    const tenant = await t.runtime.db
      .selectFrom('core.tenants')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    await t.runtime.db
      .insertInto('core.tenant_modules')
      .values({ tenant_id: tenant.id, module_id: moduleId, enabled: true, enabled_at: new Date() })
      .execute();
    return;
  }
  if (res.status >= 300) throw new Error(`enable ${moduleId}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Publishes a new version of the trial plan ('standard') with its modules changed, prices kept. */
async function republishStandard(change: (modules: string[]) => string[]) {
  const std = (await latestPlans(t.runtime.db)).find((p) => p.code === 'standard') as Plan;
  const split = (k: string) => k.split(':') as [string, string, string?];
  await publishPlan(
    t.runtime.db,
    {
      ...std,
      includedModules: change(std.includedModules),
      prices: [...std.prices].map(([k, p]) => {
        const [currency, period] = split(k);
        return { currency, period: period as Period, price: p.price, seatPrice: p.seatPrice };
      }),
      addons: [...std.addons].map(([k, price]) => {
        const [module, currency, period] = split(k);
        return { module, currency, period: period as Period, price };
      }),
    },
    'providers.test',
  );
}

async function providerWithStaff(teamName = 'Payroll') {
  const admin = await t.signup({ tenant: { kind: 'provider' } });
  const staff = await t.signup();
  await addMember(admin, staff);
  const P = admin.tenant.slug;
  const team = await admin.json('POST', `/api/t/${P}/teams`, { name: teamName });
  expect(team.status).toBe(201);
  expect((await admin.json('PUT', `/api/t/${P}/teams/${team.body.id}/members/${staff.userId}`)).status).toBe(200);
  return { admin, staff, P, teamId: team.body.id as string };
}

async function clientWithModules(...modules: string[]) {
  const owner = await t.signup();
  for (const m of modules) await enable(owner, owner.tenant.slug, m);
  return { owner, C: owner.tenant.slug };
}

async function engage(
  p: Awaited<ReturnType<typeof providerWithStaff>>,
  C: string,
  scope: { modules: string[]; grants?: string[]; teamGrants: string[] },
) {
  const res = await p.admin.json('POST', `/api/t/${p.P}/clients`, {
    client: { slug: C },
    modules: scope.modules,
    ...(scope.grants ? { grants: scope.grants } : {}),
    teams: [{ teamId: p.teamId, grants: scope.teamGrants }],
  });
  expect(res.status).toBe(201);
  return res.body.engagement.id as string;
}

async function world(scope: { modules?: string[]; grants?: string[]; teamGrants?: string[] } = {}) {
  const p = await providerWithStaff();
  const c = await clientWithModules('alpha', 'beta');
  const id = await engage(p, c.C, {
    modules: scope.modules ?? ['alpha'],
    ...(scope.grants ? { grants: scope.grants } : {}),
    teamGrants: scope.teamGrants ?? ['alpha.*'],
  });
  const accepted = await c.owner.json('POST', `/api/t/${c.C}/providers/${id}/accept`);
  expect(accepted.status).toBe(200);
  return { ...p, ...c, id };
}

describe('engagements', () => {
  it('invites an existing client, which accepts; staff then reach it within modules and grants only', async () => {
    const p = await providerWithStaff();
    const c = await clientWithModules('alpha', 'beta');
    const invited = await p.admin.json('POST', `/api/t/${p.P}/clients`, {
      client: { slug: c.C },
      modules: ['alpha'],
      teams: [{ teamId: p.teamId, grants: ['alpha.*'] }],
    });
    expect(invited.status).toBe(201);
    const id = invited.body.engagement.id;
    expect(invited.body.engagement).toMatchObject({
      status: 'pending',
      origin: 'invited',
      modules: ['alpha'],
      grants: ['alpha.*'],
      client: { slug: c.C },
      provider: { slug: p.P },
    });
    // The client's owner is told by e-mail.
    expect(t.runtime.mailer.outbox.some((m) => m.to === c.owner.email && m.text.includes('/settings/providers'))).toBe(
      true,
    );
    // Pending: no access yet.
    expect((await p.staff.json('GET', `/api/t/${c.C}/alpha/ping`)).status).toBe(404);

    // The client sees the provider, the engagement, the modules and the people.
    const listed = await c.owner.json('GET', `/api/t/${c.C}/providers`);
    expect(listed.status).toBe(200);
    expect(listed.body.engagements).toHaveLength(1);
    expect(listed.body.engagements[0]).toMatchObject({
      id,
      status: 'pending',
      provider: { slug: p.P },
      modules: ['alpha'],
      teams: [{ id: p.teamId, name: 'Payroll', grants: ['alpha.*'], people: [{ userId: p.staff.userId }] }],
    });

    const accepted = await c.owner.json('POST', `/api/t/${c.C}/providers/${id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('active');

    const ping = await p.staff.json('GET', `/api/t/${c.C}/alpha/ping`);
    expect(ping.status).toBe(200);
    expect(ping.body.tenant).toBe(c.C);
    // A module outside the engagement is refused, though the client has it enabled.
    const beta = await p.staff.json('GET', `/api/t/${c.C}/beta/ping`);
    expect(beta.status).toBe(403);
    expect(beta.body.code).toBe('module_not_in_scope');
    // Core areas need grants the team does not have.
    expect((await p.staff.json('GET', `/api/t/${c.C}/members`)).status).toBe(403);
    // Provider staff never become members of the client.
    const memberships = await t.runtime.db
      .selectFrom('core.memberships')
      .select('id')
      .where('tenant_id', '=', c.owner.tenant.id)
      .where('user_id', '=', p.staff.userId)
      .execute();
    expect(memberships).toEqual([]);
    // A provider admin who is in no team working for the client does not reach it either.
    expect((await p.admin.json('GET', `/api/t/${c.C}/alpha/ping`)).status).toBe(404);

    // Switching: /api/me lists the client, reached through the provider.
    const me = await p.staff.json('GET', '/api/me');
    const entry = me.body.tenants.find((x: any) => x.slug === c.C);
    expect(entry).toEqual({
      id: c.owner.tenant.id,
      slug: c.C,
      name: expect.any(String),
      kind: 'company',
      role: null,
      permissions: ['alpha.*'],
      modules: ['alpha'],
      via: { provider: { id: p.admin.tenant.id, slug: p.P, name: expect.any(String) } },
    });
    expect(me.body.tenants.find((x: any) => x.slug === p.P)).toMatchObject({ role: 'member', via: null });
  });

  it('names both the person and the provider in audit rows caused by provider staff', async () => {
    const w = await world();
    const created = await w.staff.json('POST', `/api/t/${w.C}/alpha/things`);
    expect(created.status).toBe(201);
    const row = await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['actor_user_id', 'actor_provider_id', 'actor_label'])
      .where('tenant_id', '=', w.owner.tenant.id)
      .where('action', '=', 'alpha.thing_created')
      .executeTakeFirstOrThrow();
    expect(row.actor_user_id).toBe(w.staff.userId);
    expect(row.actor_provider_id).toBe(w.admin.tenant.id);
    expect(row.actor_label).toContain(w.P);
  });

  it('keeps the history and audit rows on both sides', async () => {
    const w = await world();
    const providerSide = await w.admin.json('GET', `/api/t/${w.P}/clients/${w.id}`);
    const clientSide = await w.owner.json('GET', `/api/t/${w.C}/providers/${w.id}`);
    expect(providerSide.status).toBe(200);
    expect(clientSide.status).toBe(200);
    const actions = (h: any[]) => h.map((e) => `${e.side}:${e.action}`);
    expect(actions(providerSide.body.history)).toEqual(['provider:invited', 'client:accepted']);
    expect(actions(clientSide.body.history)).toEqual(['provider:invited', 'client:accepted']);
    expect(clientSide.body.history[0].actor.userId).toBe(w.admin.userId);
    for (const tenantId of [w.admin.tenant.id, w.owner.tenant.id]) {
      const audit = await t.runtime.db
        .selectFrom('core.audit_log')
        .select(['action', 'actor_user_id'])
        .where('tenant_id', '=', tenantId)
        .where('entity_id', '=', w.id)
        .orderBy('at')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['engagement.invited', 'engagement.accepted']);
      expect(audit.map((a) => a.actor_user_id)).toEqual([w.admin.userId, w.owner.userId]);
    }
  });

  it('revocation by the client takes effect on the very next request', async () => {
    const w = await world();
    expect((await w.staff.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(200);
    const revoked = await w.owner.json('POST', `/api/t/${w.C}/providers/${w.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', endedBy: 'client' });
    const after = await w.staff.json('GET', `/api/t/${w.C}/alpha/ping`);
    expect(after.status).toBe(404);
    expect(after.body.code).toBe('not_found');
    const me = await w.staff.json('GET', '/api/me');
    expect(me.body.tenants.some((x: any) => x.slug === w.C)).toBe(false);
    // The provider sees it ended, by the client; a revoked engagement cannot be revived.
    const mine = await w.admin.json('GET', `/api/t/${w.P}/clients?status=all`);
    expect(mine.body.engagements[0]).toMatchObject({ id: w.id, status: 'revoked', endedBy: 'client' });
    expect((await w.admin.json('GET', `/api/t/${w.P}/clients`)).body.engagements).toEqual([]);
    const again = await w.owner.json('POST', `/api/t/${w.C}/providers/${w.id}/accept`);
    expect(again.status).toBe(409);
    expect((await w.admin.json('POST', `/api/t/${w.P}/clients/${w.id}/end`)).status).toBe(409);
    // The console no longer lists it.
    const console = await w.admin.json('GET', `/api/providers/${w.P}/clients`);
    expect(console.body.clients).toEqual([]);
  });

  it('the provider can end an engagement; the client can decline one', async () => {
    const w = await world();
    const ended = await w.admin.json('POST', `/api/t/${w.P}/clients/${w.id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedBy: 'provider' });
    expect((await w.staff.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(404);
    const seen = await w.owner.json('GET', `/api/t/${w.C}/providers/${w.id}`);
    expect(seen.body.status).toBe('ended');
    expect(seen.body.history.at(-1)).toMatchObject({ side: 'provider', action: 'ended' });

    // A new invitation may follow a closed engagement; this one is declined.
    const id2 = await engage(w, w.C, { modules: ['alpha'], teamGrants: ['alpha.read'] });
    const declined = await w.owner.json('POST', `/api/t/${w.C}/providers/${id2}/decline`);
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    expect((await w.staff.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(404);
    // Only one open engagement per provider and client.
    const id3 = await engage(w, w.C, { modules: ['alpha'], teamGrants: ['alpha.read'] });
    const dup = await w.admin.json('POST', `/api/t/${w.P}/clients`, {
      client: { slug: w.C },
      modules: ['alpha'],
      teams: [],
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('engagement_exists');
    // Withdrawing a pending invitation.
    const withdrawn = await w.admin.json('POST', `/api/t/${w.P}/clients/${id3}/end`);
    expect(withdrawn.body.status).toBe('ended');
    const history = await w.owner.json('GET', `/api/t/${w.C}/providers/${id3}`);
    expect(history.body.history.map((e: any) => e.action)).toEqual(['invited', 'withdrawn']);
  });

  it('a tenant that is not a client is 404, and so is another provider’s engagement', async () => {
    const w = await world();
    const stranger = await clientWithModules('alpha');
    expect((await w.staff.json('GET', `/api/t/${stranger.C}/alpha/ping`)).status).toBe(404);
    expect((await w.staff.json('GET', `/api/t/${stranger.C}/members`)).status).toBe(404);
    expect((await w.staff.json('GET', `/api/t/no-such-firm/alpha/ping`)).status).toBe(404);
    // Another provider and its engagement ids are invisible.
    const other = await providerWithStaff();
    expect((await other.admin.json('GET', `/api/t/${other.P}/clients/${w.id}`)).status).toBe(404);
    expect((await other.admin.json('POST', `/api/t/${other.P}/clients/${w.id}/end`)).status).toBe(404);
    expect((await stranger.owner.json('GET', `/api/t/${stranger.C}/providers/${w.id}`)).status).toBe(404);
    expect((await stranger.owner.json('POST', `/api/t/${stranger.C}/providers/${w.id}/revoke`)).status).toBe(404);
    // The console is for the provider's members only.
    expect((await other.staff.json('GET', `/api/providers/${w.P}/clients`)).status).toBe(404);
    expect((await w.owner.json('GET', `/api/providers/${w.C}/clients`)).status).toBe(404);
    expect((await w.staff.json('GET', `/api/providers/no-such-firm/clients`)).status).toBe(404);
    expect((await t.anonymous().json('GET', `/api/providers/${w.P}/clients`)).status).toBe(401);
  });

  it('a client with two providers shows both, and each provider sees only its own scope', async () => {
    const c = await clientWithModules('alpha', 'beta');
    const p1 = await providerWithStaff('Accounting');
    const p2 = await providerWithStaff('IT');
    const e1 = await engage(p1, c.C, { modules: ['alpha'], teamGrants: ['alpha.*'] });
    const e2 = await engage(p2, c.C, { modules: ['beta'], teamGrants: ['beta.read'] });
    for (const id of [e1, e2]) {
      expect((await c.owner.json('POST', `/api/t/${c.C}/providers/${id}/accept`)).status).toBe(200);
    }
    const listed = await c.owner.json('GET', `/api/t/${c.C}/providers`);
    expect(listed.body.engagements.map((e: any) => e.provider.slug).sort()).toEqual([p1.P, p2.P].sort());
    const byProvider = Object.fromEntries(listed.body.engagements.map((e: any) => [e.provider.slug, e]));
    expect(byProvider[p1.P].teams[0].people.map((x: any) => x.userId)).toEqual([p1.staff.userId]);
    expect(byProvider[p2.P].teams[0].people.map((x: any) => x.userId)).toEqual([p2.staff.userId]);

    expect((await p1.staff.json('GET', `/api/t/${c.C}/alpha/ping`)).status).toBe(200);
    expect((await p1.staff.json('GET', `/api/t/${c.C}/beta/ping`)).status).toBe(403);
    expect((await p2.staff.json('GET', `/api/t/${c.C}/beta/ping`)).status).toBe(200);
    expect((await p2.staff.json('GET', `/api/t/${c.C}/alpha/ping`)).status).toBe(403);
    expect((await p2.staff.json('POST', `/api/t/${c.C}/beta/things`)).status).toBe(403);

    const own1 = await p1.admin.json('GET', `/api/t/${p1.P}/clients`);
    expect(own1.body.engagements.map((e: any) => e.id)).toEqual([e1]);
    const own2 = await p2.admin.json('GET', `/api/t/${p2.P}/clients`);
    expect(own2.body.engagements.map((e: any) => e.id)).toEqual([e2]);

    const console1 = await p1.admin.json('GET', `/api/providers/${p1.P}/clients`);
    expect(console1.body.clients).toEqual([
      expect.objectContaining({ modules: ['alpha'], summary: { alpha: { openThings: 3, client: c.C } } }),
    ]);
    const console2 = await p2.staff.json('GET', `/api/providers/${p2.P}/clients`);
    expect(console2.body.clients).toEqual([
      expect.objectContaining({ modules: ['beta'], summary: { beta: { openThings: 3, client: c.C } } }),
    ]);

    // Revoking one leaves the other untouched.
    expect((await c.owner.json('POST', `/api/t/${c.C}/providers/${e1}/revoke`)).status).toBe(200);
    expect((await p1.staff.json('GET', `/api/t/${c.C}/alpha/ping`)).status).toBe(404);
    expect((await p2.staff.json('GET', `/api/t/${c.C}/beta/ping`)).status).toBe(200);
  });
});

describe('the first engagement, as a new provider makes it (issue 20, item 1)', () => {
  it('is usable by the proposer right after the client accepts, without choosing a team', async () => {
    const admin = await t.signup({ tenant: { kind: 'provider', name: 'Účetní s.r.o.' } });
    const c = await clientWithModules('alpha', 'beta');
    const P = admin.tenant.slug;
    const invited = await admin.json('POST', `/api/t/${P}/clients`, { client: { slug: c.C }, modules: ['alpha'] });
    expect(invited.status).toBe(201);
    // Asked for everything in the module, worked on by the proposer's own team named after the client.
    expect(invited.body.engagement.proposed.grants).toEqual(['alpha.*']);
    expect(invited.body.engagement.teams).toHaveLength(1);
    expect(invited.body.engagement.teams[0].people.map((p: any) => p.userId)).toEqual([admin.userId]);
    const id = invited.body.engagement.id;
    expect((await c.owner.json('POST', `/api/t/${c.C}/providers/${id}/accept`)).status).toBe(200);
    // One click to open: the client is in the switcher and its module answers.
    const me = await admin.json('GET', '/api/me');
    expect(me.body.tenants.find((x: any) => x.slug === c.C)).toMatchObject({ modules: ['alpha'] });
    expect((await admin.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(201);
    // Assigning another team afterwards works within what the client allowed.
    const team = await admin.json('POST', `/api/t/${P}/teams`, { name: 'Mzdy' });
    const assigned = await admin.json('PUT', `/api/t/${P}/clients/${id}/teams/${team.body.id}`, {
      grants: ['alpha.read'],
    });
    expect(assigned.status).toBe(200);
    // The client widens to another module: the proposer works in it on the next request.
    expect((await admin.json('GET', `/api/t/${c.C}/beta/ping`)).status).toBe(403);
    const widened = await c.owner.json('PATCH', `/api/t/${c.C}/providers/${id}`, { modules: ['alpha', 'beta'] });
    expect(widened.status).toBe(200);
    expect(widened.body.grants).toEqual(['alpha.*', 'beta.*']);
    expect((await admin.json('GET', `/api/t/${c.C}/beta/ping`)).status).toBe(200);
    // The Czech reader gets Czech refusals.
    const refused = await admin.json(
      'PUT',
      `/api/t/${P}/clients/${id}/teams/${team.body.id}`,
      { grants: ['*'] },
      { 'accept-language': 'cs' },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.title).toBe('Tato oprávnění klient nepovolil');
  });
});

describe('naming the client by e-mail or IČO (issue 20, item 8)', () => {
  it('finds the firm by an owner’s e-mail or its IČO, and says plainly when none matches', async () => {
    const admin = await t.signup({ tenant: { kind: 'provider' } });
    const P = admin.tenant.slug;
    const c = await clientWithModules('alpha');
    const byMail = await admin.json('POST', `/api/t/${P}/clients`, {
      client: { email: c.owner.email },
      modules: ['alpha'],
    });
    expect(byMail.status).toBe(201);
    expect(byMail.body.engagement.client.slug).toBe(c.C);
    expect((await admin.json('POST', `/api/t/${P}/clients/${byMail.body.engagement.id}/end`)).status).toBe(200);

    const unknown = await admin.json(
      'POST',
      `/api/t/${P}/clients`,
      { client: { email: 'nobody@example.cz' }, modules: ['alpha'] },
      { 'accept-language': 'cs' },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'client.email', code: 'no_client_email' });
    expect(unknown.body.errors[0].message).toMatch(/^Žádná firma v Bureau nemá nobody@example.cz/);

    // 27082440 (a valid IČO) in the client's billing details.
    expect(
      (
        await c.owner.json('PUT', `/api/t/${c.C}/billing/profile`, {
          name: 'Klient s.r.o.',
          ico: '27082440',
          country: 'CZ',
        })
      ).status,
    ).toBe(200);
    const byIco = await admin.json('POST', `/api/t/${P}/clients`, { client: { ico: '27082440' }, modules: ['alpha'] });
    expect(byIco.status).toBe(201);
    expect(byIco.body.engagement.client.slug).toBe(c.C);
    const noIco = await admin.json('POST', `/api/t/${P}/clients`, { client: { ico: '25596641' }, modules: ['alpha'] });
    expect(noIco.status).toBe(404);
    expect(noIco.body.errors[0].path).toBe('client.ico');
    const both = await admin.json('POST', `/api/t/${P}/clients`, {
      client: { slug: c.C, email: c.owner.email },
      modules: ['alpha'],
    });
    expect(both.status).toBe(400);
  });
});

describe('client control and the cap on grants', () => {
  it('a provider admin cannot grant itself more than the client allowed', async () => {
    const p = await providerWithStaff();
    const c = await clientWithModules('alpha', 'beta');
    const id = await engage(p, c.C, { modules: ['alpha', 'beta'], teamGrants: ['alpha.*', 'beta.*'] });
    // The client accepts less than asked: alpha read only.
    const accepted = await c.owner.json('POST', `/api/t/${c.C}/providers/${id}/accept`, {
      modules: ['alpha'],
      grants: ['alpha.read'],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ modules: ['alpha'], grants: ['alpha.read'] });
    // The team was narrowed with it.
    expect(accepted.body.teams[0].grants).toEqual(['alpha.read']);
    expect((await p.staff.json('GET', `/api/t/${c.C}/alpha/ping`)).status).toBe(200);
    expect((await p.staff.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(403);

    // The provider admin puts itself in the team and tries to widen the team's role: refused.
    expect((await p.admin.json('PUT', `/api/t/${p.P}/teams/${p.teamId}/members/${p.admin.userId}`)).status).toBe(200);
    for (const grants of [['alpha.*'], ['*'], ['alpha.read', 'alpha.write'], ['tenant.members.manage']]) {
      const res = await p.admin.json('PUT', `/api/t/${p.P}/clients/${id}/teams/${p.teamId}`, { grants });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('exceeds_client_approval');
      expect(res.body.allowed).toEqual(['alpha.read']);
    }
    expect((await p.admin.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(403);
    const me = await p.admin.json('GET', '/api/me');
    expect(me.body.tenants.find((x: any) => x.slug === c.C).permissions).toEqual(['alpha.read']);

    // The client can widen again (even beyond the proposal); unknown modules are refused. A team that
    // held everything the client allowed holds everything of the wider grant at once.
    expect((await c.owner.json('PATCH', `/api/t/${c.C}/providers/${id}`, { modules: ['alpha', 'gamma'] })).status).toBe(
      400,
    );
    const widened = await c.owner.json('PATCH', `/api/t/${c.C}/providers/${id}`, { grants: ['alpha.*'] });
    expect(widened.status).toBe(200);
    expect(widened.body.teams[0].grants).toEqual(['alpha.*']);
    expect((await p.staff.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(201);
    // The provider may narrow its own team and raise it again, within the client's limit.
    const lowered = await p.admin.json('PUT', `/api/t/${p.P}/clients/${id}/teams/${p.teamId}`, {
      grants: ['alpha.read'],
    });
    expect(lowered.status).toBe(200);
    expect((await p.staff.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(403);
    const raised = await p.admin.json('PUT', `/api/t/${p.P}/clients/${id}/teams/${p.teamId}`, { grants: ['alpha.*'] });
    expect(raised.status).toBe(200);
    expect((await p.staff.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(201);

    // Narrowing applies on the next request, and narrows the team too.
    const narrowed = await c.owner.json('PATCH', `/api/t/${c.C}/providers/${id}`, { grants: ['alpha.read'] });
    expect(narrowed.body.teams[0].grants).toEqual(['alpha.read']);
    expect((await p.staff.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(403);
    const history = await c.owner.json('GET', `/api/t/${c.C}/providers/${id}`);
    expect(history.body.history.map((e: any) => e.action)).toEqual([
      'invited',
      'accepted',
      'scope_changed',
      'team_changed',
      'team_changed',
      'scope_changed',
    ]);

    // Even a team row tampered with in the database stays capped by the client's grants.
    await t.runtime.db
      .updateTable('core.engagement_teams')
      .set({ grants: ['*'] })
      .where('tenant_id', '=', p.admin.tenant.id)
      .where('engagement_id', '=', id)
      .execute();
    expect((await p.staff.json('POST', `/api/t/${c.C}/alpha/things`)).status).toBe(403);
    expect((await p.staff.json('GET', `/api/t/${c.C}/roles`)).status).toBe(403);
    const me2 = await p.staff.json('GET', '/api/me');
    expect(me2.body.tenants.find((x: any) => x.slug === c.C).permissions).toEqual(['alpha.read']);
  });

  it('provider staff working inside a client never manage its providers, even with every grant', async () => {
    const w = await world({ modules: ['alpha'], grants: ['*'], teamGrants: ['*'] });
    expect((await w.staff.json('GET', `/api/t/${w.C}/members`)).status).toBe(200);
    for (const [method, path] of [
      ['GET', `/api/t/${w.C}/providers`],
      ['POST', `/api/t/${w.C}/providers/${w.id}/revoke`],
      ['PATCH', `/api/t/${w.C}/providers/${w.id}`],
    ] as const) {
      const res = await w.staff.json(method, path, method === 'PATCH' ? { grants: ['alpha.read'] } : undefined);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('own_people_only');
    }
  });

  it('the client can take one team out; leaving the provider or its team ends a person’s access', async () => {
    const w = await world({ modules: ['alpha'], teamGrants: ['alpha.*'] });
    // A second team with a second person.
    const second = await t.signup();
    await addMember(w.admin, second);
    const team2 = await w.admin.json('POST', `/api/t/${w.P}/teams`, { name: 'Audit' });
    await w.admin.json('PUT', `/api/t/${w.P}/teams/${team2.body.id}/members/${second.userId}`);
    expect(
      (await w.admin.json('PUT', `/api/t/${w.P}/clients/${w.id}/teams/${team2.body.id}`, { grants: ['alpha.read'] }))
        .status,
    ).toBe(200);
    expect((await second.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(200);

    const out = await w.owner.json('DELETE', `/api/t/${w.C}/providers/${w.id}/teams/${team2.body.id}`);
    expect(out.status).toBe(200);
    expect(out.body.teams.map((x: any) => x.name)).toEqual(['Payroll']);
    expect((await second.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(404);

    // Removing a person from the team, then from the provider.
    expect((await w.admin.json('DELETE', `/api/t/${w.P}/teams/${w.teamId}/members/${w.staff.userId}`)).status).toBe(
      200,
    );
    expect((await w.staff.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(404);
    await w.admin.json('PUT', `/api/t/${w.P}/teams/${w.teamId}/members/${w.staff.userId}`);
    expect((await w.staff.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(200);
    const members = await w.admin.json('GET', `/api/t/${w.P}/members`);
    const membership = members.body.members.find((m: any) => m.userId === w.staff.userId);
    expect((await w.admin.json('DELETE', `/api/t/${w.P}/members/${membership.id}`)).status).toBe(200);
    expect((await w.staff.json('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(404);

    // Deleting a team takes it out of its engagements, recorded on both sides.
    expect((await w.admin.json('DELETE', `/api/t/${w.P}/teams/${w.teamId}`)).status).toBe(200);
    const seen = await w.owner.json('GET', `/api/t/${w.C}/providers/${w.id}`);
    expect(seen.body.teams).toEqual([]);
    expect(seen.body.history.at(-1)).toMatchObject({ side: 'provider', action: 'team_removed' });
  });
});

describe('a client tenant created by the provider', () => {
  it('is active at once, its owner is invited by e-mail and then controls the engagement', async () => {
    const p = await providerWithStaff();
    const ownerEmail = `owner-${newId().slice(-8)}@example.test`;
    const slug = `made-${newId().slice(-8)}`;
    const res = await p.admin.json('POST', `/api/t/${p.P}/clients`, {
      newClient: { name: 'Made For You s.r.o.', slug, ownerEmail },
      modules: ['alpha'],
      teams: [{ teamId: p.teamId, grants: ['alpha.*', 'tenant.members.read'] }],
    });
    expect(res.status).toBe(201);
    expect(res.body.engagement).toMatchObject({ status: 'active', origin: 'created', client: { slug } });
    expect(res.body.invitation).toMatchObject({ email: ownerEmail });
    const tenant = await t.runtime.db
      .selectFrom('core.tenants')
      .select(['kind', 'currency'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect(tenant).toEqual({ kind: 'company', currency: 'CZK' });
    // Staff work there right away, though nobody is a member. The engagement's module is a priced add-on on
    // the client's trial plan, so it waits for the owner (a module the plan includes is turned on at once:
    // tests/plugins/modules.test.ts).
    expect(res.body.modules).toEqual({ enabled: [], leftForOwner: ['alpha'] });
    expect((await p.staff.json('GET', `/api/t/${slug}/members`)).status).toBe(200);
    const notEnabled = await p.staff.json('GET', `/api/t/${slug}/alpha/ping`);
    expect(notEnabled.status).toBe(403);
    expect(notEnabled.body.code).toBe('module_not_enabled');

    const mail = t.runtime.mailer.outbox.findLast((m) => m.to === ownerEmail);
    const token = /token=([a-z0-9]+)/.exec(mail?.text ?? '')?.[1] as string;
    expect(token).toBeTruthy();
    const anon = t.anonymous();
    const accepted = await anon.json('POST', `/api/invitations/${token}/accept`, {
      name: 'Owner',
      password: 'a long enough password',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ role: 'owner', tenant: { slug } });
    const owner = await t.login(ownerEmail, 'a long enough password');
    const mine = await owner.json('GET', `/api/t/${slug}/providers`);
    expect(mine.body.engagements).toEqual([
      expect.objectContaining({
        status: 'active',
        origin: 'created',
        provider: expect.objectContaining({ slug: p.P }),
      }),
    ]);
    await enable(owner, slug, 'alpha');
    expect((await p.staff.json('GET', `/api/t/${slug}/alpha/ping`)).status).toBe(200);
    const revoked = await owner.json('POST', `/api/t/${slug}/providers/${res.body.engagement.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((await p.staff.json('GET', `/api/t/${slug}/alpha/ping`)).status).toBe(404);
    const history = await p.admin.json('GET', `/api/t/${p.P}/clients/${res.body.engagement.id}`);
    expect(history.body.history.map((e: any) => `${e.side}:${e.action}`)).toEqual([
      'provider:created',
      'client:revoked',
    ]);
  });

  it('turns on at once the engagement modules the client plan includes (the staff can start the work)', async () => {
    const p = await providerWithStaff();
    const slug = `ready-${newId().slice(-8)}`;
    // Here the trial plan includes the fixture's module, as the real plans include accounting, orders and IT.
    await republishStandard((modules) => [...modules, 'alpha']);
    try {
      const res = await p.admin.json('POST', `/api/t/${p.P}/clients`, {
        newClient: { name: 'Ready To Work s.r.o.', slug, ownerEmail: `owner-${slug}@example.test` },
        modules: ['alpha'],
        teams: [{ teamId: p.teamId, grants: ['alpha.*'] }],
      });
      expect(res.status).toBe(201);
      expect(res.body.modules).toEqual({ enabled: ['alpha'], leftForOwner: [] });
      expect((await p.staff.json('GET', `/api/t/${slug}/alpha/ping`)).status).toBe(200);
      // Recorded in the client's audit log as the provider's act, and in the engagement's history.
      const client = await t.runtime.db
        .selectFrom('core.tenants')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const audit = await t.runtime.db
        .selectFrom('core.audit_log')
        .select(['action', 'actor_user_id'])
        .where('tenant_id', '=', client.id)
        .where('action', '=', 'module.enabled')
        .execute();
      expect(audit).toEqual([{ action: 'module.enabled', actor_user_id: p.admin.userId }]);
      const history = await p.admin.json('GET', `/api/t/${p.P}/clients/${res.body.engagement.id}`);
      expect(history.body.history[0]).toMatchObject({ action: 'created' });
    } finally {
      await republishStandard((modules) => modules.filter((m) => m !== 'alpha'));
    }
  });

  it('refuses a taken address', async () => {
    const p = await providerWithStaff();
    const other = await t.signup();
    const res = await p.admin.json('POST', `/api/t/${p.P}/clients`, {
      newClient: { name: 'Taken', slug: other.tenant.slug, ownerEmail: 'x@example.test' },
      modules: [],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('slug_taken');
  });
});

describe('bad input', () => {
  it('answers 4xx problems, never 500', async () => {
    const p = await providerWithStaff();
    const c = await clientWithModules('alpha');
    const post = (body: unknown) => p.admin.json('POST', `/api/t/${p.P}/clients`, body);
    expect((await post({ modules: ['alpha'] })).status).toBe(400);
    expect(
      (
        await post({
          client: { slug: c.C },
          newClient: { name: 'x', slug: 'abc-def', ownerEmail: 'a@b.cz' },
          modules: [],
        })
      ).status,
    ).toBe(400);
    expect((await post({ client: { slug: c.C }, modules: ['nope'] })).status).toBe(400);
    expect(
      (await post({ client: { slug: c.C }, modules: ['alpha'], teams: [{ teamId: newId(), grants: [] }] })).status,
    ).toBe(400);
    expect(
      (await post({ client: { slug: c.C }, modules: ['alpha'], teams: [{ teamId: p.teamId, grants: ['alpha.nope'] }] }))
        .status,
    ).toBe(400);
    const beyond = await post({
      client: { slug: c.C },
      modules: ['alpha'],
      grants: ['alpha.read'],
      teams: [{ teamId: p.teamId, grants: ['alpha.*'] }],
    });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors[0].path).toBe('teams.0.grants');
    expect((await post({ client: { slug: p.P }, modules: [] })).status).toBe(400);
    expect((await post({ client: { slug: 'no-such-firm' }, modules: [] })).status).toBe(404);
    expect((await p.admin.json('GET', `/api/t/${p.P}/clients/not-a-uuid`)).status).toBe(400);
    expect((await p.admin.json('GET', `/api/t/${p.P}/clients?status=weird`)).status).toBe(400);
    expect((await p.admin.json('PUT', `/api/t/${p.P}/teams/${p.teamId}/members/${c.owner.userId}`)).status).toBe(400);
    expect((await p.admin.json('POST', `/api/t/${p.P}/teams`, { name: 'payroll' })).status).toBe(409);
    // Provider-only areas in a company tenant.
    const teams = await c.owner.json('POST', `/api/t/${c.C}/teams`, { name: 'X' });
    expect(teams.status).toBe(409);
    expect(teams.body.code).toBe('not_a_provider');
    // Members without the permission.
    expect((await p.staff.json('POST', `/api/t/${p.P}/teams`, { name: 'Y' })).status).toBe(403);
    // The console's query.
    for (const q of ['sort=weird', 'limit=0', 'limit=1000', 'cursor=%%%', 'cursor=bm9wZQ', 'module=Bad!']) {
      expect((await p.admin.json('GET', `/api/providers/${p.P}/clients?${q}`)).status).toBe(400);
    }

    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            client: fc.oneof(fc.constant({ slug: c.C }), fc.anything()),
            newClient: fc.anything(),
            modules: fc.oneof(fc.array(fc.constantFrom('alpha', 'beta', 'x', '')), fc.anything()),
            grants: fc.oneof(fc.array(fc.constantFrom('*', 'alpha.*', 'beta.read', 'zzz')), fc.anything()),
            teams: fc.oneof(
              fc.array(fc.record({ teamId: fc.constantFrom(p.teamId, 'x'), grants: fc.array(fc.string()) })),
              fc.anything(),
            ),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await post(body);
          expect(res.status).toBeLessThan(500);
          if (res.status === 201) {
            await p.admin.json('POST', `/api/t/${p.P}/clients/${res.body.engagement.id}/end`);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('notifications to a permission reach provider staff (issue 12)', () => {
  const nm = defineMessages('providers.test.notify', {
    due: { en: 'Something is due', cs: 'Něco je na řadě' },
  });
  const notifyIn = (tenantId: string, permission: string) =>
    t.inTenant(tenantId, (ctx) => ctx.notify({ to: { permission }, title: nm.due, link: '/alpha' }));
  const inboxOf = async (u: TestUser, slug: string) =>
    (await u.json('GET', `/api/t/${slug}/notifications`)).body.items as unknown[];

  it('while the engagement is active, within its modules and the team’s grants only', async () => {
    const w = await world({ modules: ['alpha'], teamGrants: ['alpha.read', 'beta.read'] });
    const clientId = w.owner.tenant.id;
    // alpha.read: the owner and the staff member.
    expect((await notifyIn(clientId, 'alpha.read')).recipients).toBe(2);
    const inbox = await w.staff.json('GET', `/api/t/${w.C}/notifications`);
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ link: '/alpha' });
    expect(['Something is due', 'Něco je na řadě']).toContain(inbox.body.items[0].title);
    // Not granted to the team (alpha.write), or outside the engagement's modules (beta): the owner only.
    expect((await notifyIn(clientId, 'alpha.write')).recipients).toBe(1);
    expect((await notifyIn(clientId, 'beta.read')).recipients).toBe(1);
    // The provider's admin, who is on no team of the engagement, hears nothing.
    expect((await notifyIn(clientId, 'alpha.read')).recipients).toBe(2);
    expect((await w.admin.json('GET', `/api/t/${w.C}/notifications`)).status).toBe(404);
    // Revoked: the staff member is no recipient any more.
    expect((await w.owner.json('POST', `/api/t/${w.C}/providers/${w.id}/revoke`)).status).toBe(200);
    expect((await notifyIn(clientId, 'alpha.read')).recipients).toBe(1);
    expect((await inboxOf(w.owner, w.C)).filter((n: any) => n.link === '/alpha')).toHaveLength(5);
    expect((await w.staff.json('GET', `/api/t/${w.C}/notifications`)).status).toBe(404);
  });
});
