/**
 * Issue 11, items 2–5: provider staff after revocation, delegation inside a tenant, tokens and
 * their creators. Each test performs the attack over HTTP and passes because it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestBureau,
  definePlugin,
  defineRoute,
  json,
  newId,
  type TestBureau,
  type TestUser,
  z,
} from '../src/index.ts';

const alpha = definePlugin({
  id: 'alpha',
  version: '1.0.0',
  title: { en: 'alpha', cs: 'alpha' },
  description: { en: 'Test module', cs: 'Testovací modul' },
  permissions: { 'alpha.read': { en: 'Read', cs: 'Číst' }, 'alpha.write': { en: 'Write', cs: 'Zapisovat' } },
  migrations: {},
  routes: (r) =>
    r
      .openapi(
        defineRoute({
          method: 'get',
          path: '/ping',
          permission: 'alpha.read',
          responses: { 200: json(z.object({ ok: z.boolean() })) },
        }),
        (c) => c.json({ ok: true }, 200),
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/things',
          permission: 'alpha.write',
          responses: { 201: json(z.object({ id: z.string() })) },
        }),
        (c) => c.json({ id: newId() }, 201),
      ),
});

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau({ plugins: [alpha] });
});
afterAll(() => t.close());

const tokenOf = (link: string) => new URL(link).searchParams.get('token');

async function invite(admin: TestUser, email: string, role = 'member') {
  return admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, { email, role, confirm: true });
}

async function addMember(admin: TestUser, user: TestUser, role = 'member') {
  const inv = await invite(admin, user.email, role);
  expect(inv.status).toBe(201);
  expect((await user.json('POST', `/api/invitations/${tokenOf(inv.body.link)}/accept`)).status).toBe(200);
  const members = await admin.json('GET', `/api/t/${admin.tenant.slug}/members`);
  return members.body.members.find((m: any) => m.userId === user.userId).id as string;
}

/** A bearer-token caller (no cookie). */
function bearer(secret: string) {
  const anon = t.anonymous();
  return (method: string, path: string, body?: unknown) =>
    anon.json(method, path, body, { authorization: `Bearer ${secret}` });
}

const STAFF_GRANTS = [
  'alpha.*',
  'tenant.members.read',
  'tenant.members.manage',
  'tenant.tokens.manage',
  'tenant.records.read',
  'tenant.labels.print',
];

async function engagedProvider() {
  const padmin = await t.signup({ tenant: { kind: 'provider' } });
  const staff = await t.signup();
  await addMember(padmin, staff);
  const P = padmin.tenant.slug;
  const team = await padmin.json('POST', `/api/t/${P}/teams`, { name: 'Staff' });
  await padmin.json('PUT', `/api/t/${P}/teams/${team.body.id}/members/${staff.userId}`);
  const owner = await t.signup();
  await t.enableModule(owner, 'alpha');
  const C = owner.tenant.slug;
  const proposed = await padmin.json('POST', `/api/t/${P}/clients`, {
    client: { slug: C },
    modules: ['alpha'],
    grants: STAFF_GRANTS,
    teams: [{ teamId: team.body.id, grants: STAFF_GRANTS }],
  });
  expect(proposed.status).toBe(201);
  const id = proposed.body.engagement.id as string;
  expect((await owner.json('POST', `/api/t/${C}/providers/${id}/accept`)).status).toBe(200);
  return { padmin, staff, owner, C, P, id, teamId: team.body.id as string };
}

describe('provider staff lose everything they made when the client revokes (item 2)', () => {
  it('tokens and invitations made through the engagement die with it', async () => {
    const w = await engagedProvider();
    // Staff work inside the client and prepare persistence.
    const made = await w.staff.json('POST', `/api/t/${w.C}/tokens`, {
      name: 'persist',
      permissions: ['alpha.*', 'tenant.tokens.manage', 'tenant.members.manage'],
    });
    expect(made.status).toBe(201);
    const tok = bearer(made.body.token);
    expect((await tok('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(200);
    const minted = await tok('POST', `/api/t/${w.C}/tokens`, { name: 'child', permissions: ['alpha.read'] });
    expect(minted.status).toBe(201);
    const child = bearer(minted.body.token);
    // Inviting themselves (or a colleague of the provider) into the client is refused outright…
    const self = await w.staff.json('POST', `/api/t/${w.C}/invitations`, { email: w.staff.email, role: 'member' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('provider_staff_invite');
    // …as is an admin invitation for any address…
    const asAdmin = await w.staff.json('POST', `/api/t/${w.C}/invitations`, {
      email: 'alt@elsewhere.test',
      role: 'admin',
    });
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.body.code).toBe('provider_staff_invite');
    // So is a member invitation to an outside address (a personal one, say): a member would outlive
    // the engagement, so provider staff never add people to the client, by session or by token.
    const outsider = await t.signup();
    const inv = await w.staff.json('POST', `/api/t/${w.C}/invitations`, { email: outsider.email, role: 'member' });
    expect([inv.status, inv.body.code]).toEqual([403, 'provider_staff_invite']);
    const byToken = await tok('POST', `/api/t/${w.C}/invitations`, { email: outsider.email, role: 'member' });
    expect([byToken.status, byToken.body.code]).toEqual([403, 'provider_staff_invite']);

    expect((await w.owner.json('POST', `/api/t/${w.C}/providers/${w.id}/revoke`)).status).toBe(200);

    for (const call of [tok, child]) {
      expect((await call('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(401);
      expect((await call('POST', `/api/t/${w.C}/alpha/things`)).status).toBe(401);
      expect((await call('POST', `/api/t/${w.C}/tokens`, { name: 'more', permissions: ['alpha.read'] })).status).toBe(
        401,
      );
    }
    const member = await t.runtime.db
      .selectFrom('core.memberships')
      .select('id')
      .where('tenant_id', '=', w.owner.tenant.id)
      .where('user_id', '=', outsider.userId)
      .executeTakeFirst();
    expect(member).toBeUndefined();
    // The client's lists show them revoked.
    const tokens = await w.owner.json('GET', `/api/t/${w.C}/tokens`);
    expect(tokens.body.tokens.every((x: any) => x.revokedAt !== null)).toBe(true);
    const invitations = await w.owner.json('GET', `/api/t/${w.C}/invitations`);
    expect(invitations.body.invitations.find((x: any) => x.email === outsider.email)).toBeUndefined();
  });

  it('a token dies when its creator leaves the team, and is capped when the client narrows the scope', async () => {
    const w = await engagedProvider();
    const made = await w.staff.json('POST', `/api/t/${w.C}/tokens`, { name: 'x', permissions: ['alpha.*'] });
    const tok = bearer(made.body.token);
    expect((await tok('POST', `/api/t/${w.C}/alpha/things`)).status).toBe(201);
    // A token of provider staff is provider staff: it cannot manage the engagement it came through.
    const own = await w.staff.json('POST', `/api/t/${w.C}/tokens`, {
      name: 'y',
      permissions: ['tenant.members.manage'],
    });
    expect((await bearer(own.body.token)('POST', `/api/t/${w.C}/providers/${w.id}/revoke`)).status).toBe(403);
    const narrowed = await w.owner.json('PATCH', `/api/t/${w.C}/providers/${w.id}`, {
      grants: ['alpha.read'],
    });
    expect(narrowed.status).toBe(200);
    expect((await tok('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(200);
    expect((await tok('POST', `/api/t/${w.C}/alpha/things`)).status).toBe(403);
    expect((await w.padmin.json('DELETE', `/api/t/${w.P}/teams/${w.teamId}/members/${w.staff.userId}`)).status).toBe(
      200,
    );
    expect((await tok('GET', `/api/t/${w.C}/alpha/ping`)).status).toBe(401);
  });
});

describe('delegation: nobody grants more than they hold (items 3 and 4)', () => {
  it('tenant.members.manage cannot make anyone admin, itself included, nor by token', async () => {
    const owner = await t.signup();
    const S = owner.tenant.slug;
    const role = await owner.json('POST', `/api/t/${S}/roles`, {
      key: 'people',
      name: 'People',
      permissions: ['tenant.members.manage', 'tenant.members.read'],
    });
    expect(role.status).toBe(201);
    const hr = await t.signup();
    const hrId = await addMember(owner, hr, 'people');
    const promote = await hr.json('PATCH', `/api/t/${S}/members/${hrId}`, { role: 'admin' });
    expect(promote.status).toBe(403);
    expect(promote.body.code).toBe('beyond_own_grants');
    expect(
      (await hr.json('POST', `/api/t/${S}/invitations`, { email: 'friend@outside.test', role: 'admin' })).status,
    ).toBe(403);
    // Nor demote or remove someone who holds more.
    const admin = await t.signup();
    const adminId = await addMember(owner, admin, 'admin');
    expect((await hr.json('PATCH', `/api/t/${S}/members/${adminId}`, { role: 'people' })).status).toBe(403);
    expect((await hr.json('DELETE', `/api/t/${S}/members/${adminId}`)).status).toBe(403);
    // A token holding only tenant.members.manage is no better.
    const made = await owner.json('POST', `/api/t/${S}/tokens`, {
      name: 'hr',
      permissions: ['tenant.members.manage', 'tenant.members.read'],
    });
    const asToken = await bearer(made.body.token)('POST', `/api/t/${S}/invitations`, {
      email: 'outsider@outside.test',
      role: 'admin',
    });
    expect(asToken.status).toBe(403);
    expect((await hr.json('GET', `/api/me`)).body.tenants[0].role).toBe('people');
  });

  it('tenant.roles.manage cannot widen its own role to *', async () => {
    const owner = await t.signup();
    const S = owner.tenant.slug;
    const role = await owner.json('POST', `/api/t/${S}/roles`, {
      key: 'roles-editor',
      name: 'Roles editor',
      permissions: ['tenant.roles.manage', 'tenant.members.read'],
    });
    const editor = await t.signup();
    await addMember(owner, editor, 'roles-editor');
    const widen = await editor.json('PATCH', `/api/t/${S}/roles/${role.body.id}`, { permissions: ['*'] });
    expect(widen.status).toBe(403);
    const create = await editor.json('POST', `/api/t/${S}/roles`, {
      key: 'god',
      name: 'God',
      permissions: ['tenant.members.manage'],
    });
    expect(create.status).toBe(403);
    const roles = await owner.json('GET', `/api/t/${S}/roles`);
    expect(roles.body.custom.find((r: any) => r.key === 'roles-editor').permissions).toEqual([
      'tenant.roles.manage',
      'tenant.members.read',
    ]);
    expect(roles.body.custom.some((r: any) => r.key === 'god')).toBe(false);
    // Within its own grants it still works.
    const fine = await editor.json('POST', `/api/t/${S}/roles`, {
      key: 'reader',
      name: 'Reader',
      permissions: ['tenant.members.read'],
    });
    expect(fine.status).toBe(201);
  });
});

describe('tokens never outlive or outgrow their creator (item 5)', () => {
  it('a removed admin’s token stops; a demoted admin’s token shrinks; a revoked parent kills its children', async () => {
    const owner = await t.signup();
    const S = owner.tenant.slug;
    const admin = await t.signup();
    const adminId = await addMember(owner, admin, 'admin');
    const made = await admin.json('POST', `/api/t/${S}/tokens`, {
      name: 'admin token',
      permissions: ['tenant.members.manage', 'tenant.members.read', 'tenant.tokens.manage'],
    });
    const tok = bearer(made.body.token);
    expect((await tok('GET', `/api/t/${S}/tokens`)).status).toBe(200);
    const child = await tok('POST', `/api/t/${S}/tokens`, { name: 'child', permissions: ['tenant.members.read'] });
    expect(child.status).toBe(201);
    // Demoted to member: the token keeps only what a member holds.
    expect((await owner.json('PATCH', `/api/t/${S}/members/${adminId}`, { role: 'member' })).status).toBe(200);
    expect((await tok('GET', `/api/t/${S}/tokens`)).status).toBe(403);
    expect((await tok('GET', `/api/t/${S}/members`)).status).toBe(200);
    // Removed: every token the admin (or their tokens) made is dead.
    expect((await owner.json('DELETE', `/api/t/${S}/members/${adminId}`)).status).toBe(200);
    expect((await tok('GET', `/api/t/${S}/members`)).status).toBe(401);
    expect((await bearer(child.body.token)('GET', `/api/t/${S}/members`)).status).toBe(401);

    // Revoking a token revokes what it minted.
    const parent = await owner.json('POST', `/api/t/${S}/tokens`, {
      name: 'parent',
      permissions: ['tenant.tokens.manage', 'tenant.members.read'],
    });
    const kid = await bearer(parent.body.token)('POST', `/api/t/${S}/tokens`, {
      name: 'kid',
      permissions: ['tenant.members.read'],
    });
    expect((await bearer(kid.body.token)('GET', `/api/t/${S}/members`)).status).toBe(200);
    expect((await owner.json('DELETE', `/api/t/${S}/tokens/${parent.body.id}`)).status).toBe(200);
    expect((await bearer(kid.body.token)('GET', `/api/t/${S}/members`)).status).toBe(401);
  });
});
