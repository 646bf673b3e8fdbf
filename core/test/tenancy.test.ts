import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau, type TestUser } from '../src/index.ts';

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau();
});
afterAll(() => t.close());

const linkToken = (link: string) => new URL(link).searchParams.get('token') as string;

async function invite(admin: TestUser, email: string, role = 'member') {
  const res = await admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, { email, role });
  expect(res.status).toBe(201);
  return res.body as { id: string; link: string };
}

describe('invitations', () => {
  it('invites by e-mail, mails the link, and the invitee accepts by creating an account', async () => {
    const owner = await t.signup();
    const inv = await invite(owner, 'new.colleague@example.test');
    expect(t.runtime.mailer.outbox.at(-1)?.to).toBe('new.colleague@example.test');
    expect(t.runtime.mailer.outbox.at(-1)?.text).toContain(inv.link);
    const token = linkToken(inv.link);
    const anon = t.anonymous();
    const preview = await anon.json('GET', `/api/invitations/${token}`);
    expect(preview.body).toMatchObject({ email: 'new.colleague@example.test', role: 'member', accountExists: false });
    const accepted = await anon.json('POST', `/api/invitations/${token}/accept`, {
      name: 'Colleague',
      password: 'a good password',
    });
    expect(accepted.status).toBe(200);
    const me = await anon.json('GET', '/api/me');
    expect(me.body.tenants.map((x: { slug: string }) => x.slug)).toEqual([owner.tenant.slug]);
    expect(me.body.tenants[0].role).toBe('member');
    const again = await t
      .anonymous()
      .json('POST', `/api/invitations/${token}/accept`, { name: 'X', password: 'another password' });
    expect(again.status).toBe(404);
    const list = await owner.json('GET', `/api/t/${owner.tenant.slug}/invitations`);
    expect(list.body.invitations[0].status).toBe('accepted');
  });

  it('lets a signed-in user with the invited address accept, and refuses another address', async () => {
    const owner = await t.signup();
    const other = await t.signup();
    const inv = await invite(owner, other.email, 'admin');
    const stranger = await t.signup();
    const wrong = await stranger.json('POST', `/api/invitations/${linkToken(inv.link)}/accept`);
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('email_mismatch');
    const ok = await other.json('POST', `/api/invitations/${linkToken(inv.link)}/accept`);
    expect(ok.status).toBe(200);
    const me = await other.json('GET', '/api/me');
    expect(me.body.tenants.map((x: { slug: string }) => x.slug).sort()).toEqual(
      [owner.tenant.slug, other.tenant.slug].sort(),
    );
  });

  it('expires and revokes invitations', async () => {
    const owner = await t.signup();
    const inv = await invite(owner, 'late@example.test');
    await t.runtime.db
      .updateTable('core.invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', inv.id)
      .execute();
    expect((await t.anonymous().json('GET', `/api/invitations/${linkToken(inv.link)}`)).status).toBe(404);
    const inv2 = await invite(owner, 'revoked@example.test');
    expect((await owner.json('DELETE', `/api/t/${owner.tenant.slug}/invitations/${inv2.id}`)).status).toBe(200);
    const res = await t
      .anonymous()
      .json('POST', `/api/invitations/${linkToken(inv2.link)}/accept`, { name: 'X', password: 'long password!' });
    expect(res.status).toBe(404);
  });

  it('refuses inviting an existing member and a member inviting anyone', async () => {
    const owner = await t.signup();
    const inv = await invite(owner, 'member1@example.test');
    const member = t.anonymous();
    await member.json('POST', `/api/invitations/${linkToken(inv.link)}/accept`, {
      name: 'M',
      password: 'member password',
    });
    const dup = await owner.json('POST', `/api/t/${owner.tenant.slug}/invitations`, { email: 'member1@example.test' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('already_member');
    const denied = await member.json('POST', `/api/t/${owner.tenant.slug}/invitations`, { email: 'x@example.test' });
    expect(denied.status).toBe(403);
  });
});

describe('members and the last owner', () => {
  it('never removes or demotes the last owner, but does once another owner exists', async () => {
    const owner = await t.signup();
    const slug = owner.tenant.slug;
    const members = await owner.json('GET', `/api/t/${slug}/members`);
    const self = members.body.members[0];
    const demote = await owner.json('PATCH', `/api/t/${slug}/members/${self.id}`, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_owner');
    expect((await owner.json('DELETE', `/api/t/${slug}/members/${self.id}`)).status).toBe(409);

    const second = await t.signup();
    const inv = await invite(owner, second.email, 'owner');
    await second.json('POST', `/api/invitations/${linkToken(inv.link)}/accept`);
    expect((await owner.json('PATCH', `/api/t/${slug}/members/${self.id}`, { role: 'admin' })).status).toBe(200);
    const after = await owner.json('GET', `/api/t/${slug}/members`);
    expect(after.body.members.filter((m: { role: string }) => m.role === 'owner')).toHaveLength(1);
  });

  it('lets only owners make owners', async () => {
    const owner = await t.signup();
    const admin = await t.signup();
    const inv = await invite(owner, admin.email, 'admin');
    await admin.json('POST', `/api/invitations/${linkToken(inv.link)}/accept`);
    const res = await admin.json('POST', `/api/t/${owner.tenant.slug}/invitations`, {
      email: 'boss@example.test',
      role: 'owner',
    });
    expect(res.status).toBe(403);
  });

  it('answers 404 for another tenant and for unknown ids', async () => {
    const a = await t.signup();
    const b = await t.signup();
    expect((await b.json('GET', `/api/t/${a.tenant.slug}/members`)).status).toBe(404);
    expect((await b.json('GET', '/api/t/no-such-tenant/members')).status).toBe(404);
    const aSelf = (await a.json('GET', `/api/t/${a.tenant.slug}/members`)).body.members[0];
    expect((await b.json('PATCH', `/api/t/${b.tenant.slug}/members/${aSelf.id}`, { role: 'member' })).status).toBe(404);
    expect((await b.json('PATCH', `/api/t/${b.tenant.slug}/members/not-a-uuid`, { role: 'member' })).status).toBe(400);
    expect((await t.anonymous().json('GET', `/api/t/${a.tenant.slug}/members`)).status).toBe(401);
  });
});

describe('custom roles', () => {
  it('creates a role with a permission set that gates routes', async () => {
    const owner = await t.signup();
    const slug = owner.tenant.slug;
    const role = await owner.json('POST', `/api/t/${slug}/roles`, {
      key: 'viewer',
      name: 'Viewer',
      permissions: ['tenant.members.read'],
    });
    expect(role.status).toBe(201);
    const bad = await owner.json('POST', `/api/t/${slug}/roles`, {
      key: 'bad',
      name: 'Bad',
      permissions: ['nope.nothing'],
    });
    expect(bad.status).toBe(400);
    const viewer = await t.signup();
    const inv = await invite(owner, viewer.email, 'viewer');
    await viewer.json('POST', `/api/invitations/${linkToken(inv.link)}/accept`);
    expect((await viewer.json('GET', `/api/t/${slug}/members`)).status).toBe(200);
    expect((await viewer.json('POST', `/api/t/${slug}/invitations`, { email: 'z@example.test' })).status).toBe(403);
    expect((await owner.json('DELETE', `/api/t/${slug}/roles/${role.body.id}`)).status).toBe(409);
    const catalogue = await owner.json('GET', `/api/t/${slug}/roles`);
    expect(catalogue.body.permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'tenant.members.manage',
          label: expect.objectContaining({ cs: expect.any(String) }),
        }),
      ]),
    );
  });
});

describe('API tokens', () => {
  it('shows the secret once, limits it to chosen permissions, records use and can be revoked', async () => {
    const owner = await t.signup();
    const slug = owner.tenant.slug;
    const created = await owner.json('POST', `/api/t/${slug}/tokens`, {
      name: 'CI',
      permissions: ['tenant.members.read'],
    });
    expect(created.status).toBe(201);
    const secret = created.body.token as string;
    const list = await owner.json('GET', `/api/t/${slug}/tokens`);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const stored = await t.runtime.db.selectFrom('core.api_tokens').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(secret);

    const bearer = (method: string, path: string, body?: unknown) =>
      t.app.request(`http://localhost${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await bearer('GET', `/api/t/${slug}/members`)).status).toBe(200);
    expect((await bearer('POST', `/api/t/${slug}/invitations`, { email: 'x@example.test' })).status).toBe(403);
    const other = await t.signup();
    expect((await bearer('GET', `/api/t/${other.tenant.slug}/members`)).status).toBe(404);
    expect((await bearer('GET', '/api/t/no-such-firm/members')).status).toBe(404);
    const unknown = await t.app.request(`http://localhost/api/t/${slug}/members`, {
      headers: { authorization: 'Bearer bureau_not_a_real_token' },
    });
    expect(unknown.status).toBe(401);
    const used = await owner.json('GET', `/api/t/${slug}/tokens`);
    expect(used.body.tokens[0].lastUsedAt).not.toBeNull();

    expect((await owner.json('DELETE', `/api/t/${slug}/tokens/${created.body.id}`)).status).toBe(200);
    expect((await bearer('GET', `/api/t/${slug}/members`)).status).toBe(401);
  });
});
