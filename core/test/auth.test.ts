import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau } from '../src/index.ts';

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau();
});
afterAll(() => t.close());

describe('sign-up and sessions', () => {
  it('signs up, reads /api/me, logs out and in again', async () => {
    const owner = await t.signup({ tenant: { slug: 'acme-sro', name: 'ACME s.r.o.' } });
    const me = await owner.json('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(owner.email);
    expect(me.body.tenants).toEqual([
      expect.objectContaining({
        slug: 'acme-sro',
        name: 'ACME s.r.o.',
        kind: 'company',
        role: 'owner',
        permissions: ['*'],
      }),
    ]);
    expect((await owner.json('POST', '/api/auth/logout')).status).toBe(200);
    expect((await owner.json('GET', '/api/me')).status).toBe(401);
    const again = await t.login(owner.email, owner.password);
    expect((await again.json('GET', '/api/me')).status).toBe(200);
  });

  it('GET /api/session answers 200 either way: me when signed in, null when not (logged-out pages log no 401)', async () => {
    const u = await t.signup({ tenant: { slug: 'session-sro', name: 'Session s.r.o.' } });
    const signedIn = await u.json('GET', '/api/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toEqual((await u.json('GET', '/api/me')).body);
    expect(signedIn.body.me.tenants.map((x: { slug: string }) => x.slug)).toEqual(['session-sro']);
    expect(await t.anonymous().json('GET', '/api/session')).toMatchObject({ status: 200, body: { me: null } });
    expect((await u.json('POST', '/api/auth/logout')).status).toBe(200);
    expect(await u.json('GET', '/api/session')).toMatchObject({ status: 200, body: { me: null } });
  });

  it('POST /api/tenants: a signed-in user creates another firm and owns it; others never see it', async () => {
    const u = await t.signup({ tenant: { slug: 'first-firm', name: 'First s.r.o.' } });
    const created = await u.json('POST', '/api/tenants', {
      name: 'Druhá firma s.r.o.',
      slug: 'druha-firma',
      country: 'CZ',
    });
    expect(created.status).toBe(201);
    expect(created.body.tenant).toMatchObject({ slug: 'druha-firma', name: 'Druhá firma s.r.o.' });
    const me = (await u.json('GET', '/api/me')).body;
    expect(me.tenants.map((x: { slug: string; role: string }) => [x.slug, x.role]).sort()).toEqual([
      ['druha-firma', 'owner'],
      ['first-firm', 'owner'],
    ]);
    expect((await u.json('GET', '/api/t/druha-firma/profile')).status).toBe(200);
    const other = await t.signup();
    expect((await other.json('GET', '/api/t/druha-firma/profile')).status).toBe(404);
    const taken = await u.json(
      'POST',
      '/api/tenants',
      { name: 'Again', slug: 'druha-firma', country: 'CZ' },
      {
        'accept-language': 'cs',
      },
    );
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'slug_taken', errors: [{ path: 'slug' }] });
    const bad = await u.json(
      'POST',
      '/api/tenants',
      { name: '', slug: 'X', country: 'CZ' },
      { 'accept-language': 'cs' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['name', 'slug']);
    expect(bad.body.title).toBe('Některé údaje nejsou platné');
    expect(
      (await t.anonymous().json('POST', '/api/tenants', { name: 'X', slug: 'xyz-firm', country: 'CZ' })).status,
    ).toBe(401);
  });

  it('stores only a hash of the session id', async () => {
    const u = await t.signup();
    const sessionId = /bureau_session=([^;]+)/.exec(u.cookie)?.[1];
    const rows = await t.runtime.db
      .selectFrom('core.sessions')
      .select('id_hash')
      .where('user_id', '=', u.userId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).not.toBe(sessionId);
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sets an HttpOnly SameSite=Lax cookie', async () => {
    const res = await t.anonymous().request('POST', '/api/auth/signup', {
      email: 'cookie@example.test',
      password: 'long enough password',
      name: 'Cookie',
      tenant: { name: 'Cookie', slug: 'cookie-firm' },
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a taken slug with 409 and writes nothing', async () => {
    const a = await t.signup();
    const dupSlug = await t.anonymous().json('POST', '/api/auth/signup', {
      email: 'fresh@example.test',
      password: 'long enough password',
      name: 'X',
      tenant: { name: 'X', slug: a.tenant.slug },
    });
    expect(dupSlug.status).toBe(409);
    expect(dupSlug.body.code).toBe('slug_taken');
    const user = await t.runtime.db
      .selectFrom('core.users')
      .select('id')
      .where('email', '=', 'fresh@example.test')
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it('refuses bad input with field errors', async () => {
    const res = await t
      .anonymous()
      .request('POST', '/api/auth/signup', { email: 'nope', password: 'short', tenant: {} });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as any;
    expect(body.code).toBe('invalid_input');
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['email', 'password', 'name', 'tenant.name', 'tenant.slug']),
    );
    const malformed = await t.anonymous().request('POST', '/api/auth/login', '{"email":', {});
    expect(malformed.status).toBe(400);
  });

  it('refuses a non-GET request with a missing or foreign Origin', async () => {
    const body = JSON.stringify({ email: 'a@b.cz', password: 'x' });
    const none = await t.app.request('http://localhost/api/auth/login', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(none.status).toBe(403);
    expect(((await none.json()) as any).code).toBe('csrf');
    const foreign = await t.app.request('http://localhost/api/auth/login', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('throttles failed logins of an account from one address with 429 and Retry-After', async () => {
    const u = await t.signup();
    const anon = t.anonymous();
    let last: Response | undefined;
    for (let i = 0; i < 7; i++)
      last = await anon.request('POST', '/api/auth/login', { email: u.email, password: 'wrong password' });
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('changes the password and ends other sessions', async () => {
    const u = await t.signup();
    const other = await t.login(u.email, u.password);
    const res = await u.json('POST', '/api/auth/password', { current: u.password, next: 'a brand new password' });
    expect(res.status).toBe(200);
    expect((await other.json('GET', '/api/me')).status).toBe(401);
    expect((await u.json('GET', '/api/me')).status).toBe(200);
    await t.login(u.email, 'a brand new password');
  });

  it('logs out everywhere', async () => {
    const u = await t.signup();
    const other = await t.login(u.email, u.password);
    expect((await u.json('POST', '/api/auth/logout-all')).status).toBe(200);
    expect((await other.json('GET', '/api/me')).status).toBe(401);
  });

  it('resets a password by an e-mailed single-use token', async () => {
    const u = await t.signup();
    const anon = t.anonymous();
    expect((await anon.json('POST', '/api/auth/reset/request', { email: u.email })).status).toBe(202);
    expect((await anon.json('POST', '/api/auth/reset/request', { email: 'nobody@example.test' })).status).toBe(202);
    await t.mail.runPending();
    const mail = t.runtime.mailer.outbox.findLast((m) => m.to === u.email);
    const token = /token=([a-z0-9]+)/.exec(mail?.text ?? '')?.[1] as string;
    expect(token).toBeTruthy();
    expect((await anon.json('POST', '/api/auth/reset/confirm', { token, password: 'reset password ok' })).status).toBe(
      200,
    );
    expect((await u.json('GET', '/api/me')).status).toBe(401);
    const reuse = await anon.json('POST', '/api/auth/reset/confirm', { token, password: 'another password' });
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('invalid_token');
    await t.login(u.email, 'reset password ok');
  });
});
