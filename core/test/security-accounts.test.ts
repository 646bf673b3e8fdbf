/**
 * Issue 11, items 6 and 8: account attacks. Each test performs the attack over HTTP and passes
 * because it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/auth/rate-limit.ts';
import { createTestBureau, type TestBureau } from '../src/index.ts';

/** Real time moved forward by `skip` (the throttles read the runtime's clock). */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const skip = (ms: number) => {
  offset += ms;
};

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau({ clock, config: { trustProxy: true } });
});
afterAll(() => t.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });

async function resetLink(email: string): Promise<string> {
  const before = t.runtime.mailer.outbox.length;
  const res = await t.anonymous().json('POST', '/api/auth/reset/request', { email });
  expect(res.status).toBe(202);
  await t.mail.runPending();
  const mail = t.runtime.mailer.outbox.slice(before).findLast((m) => m.to === email);
  const token = /token=([a-z0-9]+)/.exec(mail?.text ?? '')?.[1];
  expect(token).toBeTruthy();
  return token as string;
}

describe('item 6: pending reset links die with the password', () => {
  it('a second link mailed earlier no longer works after a reset with the first', async () => {
    const u = await t.signup();
    const stolen = await resetLink(u.email);
    const mine = await resetLink(u.email);
    const anon = t.anonymous();
    expect(
      (await anon.json('POST', '/api/auth/reset/confirm', { token: mine, password: 'owner took it back' })).status,
    ).toBe(200);
    const attack = await anon.json('POST', '/api/auth/reset/confirm', { token: stolen, password: 'attacker wins' });
    expect(attack.status).toBe(400);
    expect(attack.body.code).toBe('invalid_token');
    await t.login(u.email, 'owner took it back');
  });

  it('a link mailed before a password change no longer works after it', async () => {
    const u = await t.signup();
    const stolen = await resetLink(u.email);
    expect((await u.json('POST', '/api/auth/password', { current: u.password, next: 'changed by owner' })).status).toBe(
      200,
    );
    const attack = await t
      .anonymous()
      .json('POST', '/api/auth/reset/confirm', { token: stolen, password: 'attacker wins now' });
    expect(attack.status).toBe(400);
    expect(attack.body.code).toBe('invalid_token');
    await t.login(u.email, 'changed by owner');
  });
});

describe('item 8: failed logins back off per (account, address), never locking the owner out', () => {
  it("an attacker's wrong passwords slow the attacker only; the owner signs in from their address", async () => {
    const u = await t.signup();
    const attacker = t.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await attacker.request(
        'POST',
        '/api/auth/login',
        { email: u.email, password: `guess ${i}` },
        from('203.0.113.7'),
      );
      statuses.push(res.status);
    }
    // Five free failures, then backoff: every further try in the window answers 429 unchecked.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // Even the right password is not checked from the attacker's address while it backs off.
    const right = await attacker.request(
      'POST',
      '/api/auth/login',
      { email: u.email, password: u.password },
      from('203.0.113.7'),
    );
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);

    // The owner, from their own address, is not affected.
    const owner = t.anonymous();
    const ok = await owner.json(
      'POST',
      '/api/auth/login',
      { email: u.email, password: u.password },
      from('198.51.100.2'),
    );
    expect(ok.status).toBe(200);
  });

  it('the wait doubles with each failure after the free ones and ends', async () => {
    const u = await t.signup();
    const anon = t.anonymous();
    const ip = from('203.0.113.8');
    const login = (password: string) => anon.request('POST', '/api/auth/login', { email: u.email, password }, ip);
    for (let i = 0; i < 5; i++) expect((await login('wrong')).status).toBe(401);
    skip(1_100);
    expect((await login('wrong')).status).toBe(401); // 6th failure: the next try waits 2 s
    const wait = await login('wrong');
    expect(wait.status).toBe(429);
    expect(Number(wait.headers.get('retry-after'))).toBe(2);
    skip(2_100);
    expect((await login(u.password)).status).toBe(200);
    // A success clears the account's record from that address.
    for (let i = 0; i < 5; i++) expect((await login('wrong')).status).toBe(401);
  });
});

describe('item 8: the current-password check of a password change backs off', () => {
  it('a stolen session cannot guess the current password at speed', async () => {
    const u = await t.signup();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        (await u.json('POST', '/api/auth/password', { current: `guess ${i}`, next: 'attacker password' })).status,
      );
    }
    expect(codes.slice(0, 3)).toEqual([400, 400, 400]);
    expect(codes.slice(3)).toEqual([429, 429, 429]);
    // Not even the right one is checked while it waits; the password is unchanged.
    const right = await u.json('POST', '/api/auth/password', { current: u.password, next: 'attacker password' });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('too_many_attempts');
    await t.login(u.email, u.password);
  });
});

describe('item 7: e-mail enumeration', () => {
  const signupBody = (email: string, slug: string) => ({
    email,
    password: 'a fresh long password',
    name: 'Prober',
    tenant: { name: `Probe ${slug}`, slug, country: 'CZ' },
  });

  it('sign-up with a known address answers exactly as with a new one and mails the owner instead', async () => {
    const owner = await t.signup();
    const mailsBefore = t.runtime.mailer.outbox.length;
    const known = await t
      .anonymous()
      .request('POST', '/api/auth/signup', signupBody(owner.email, `probe-a-${Date.now()}`));
    const fresh = await t
      .anonymous()
      .request('POST', '/api/auth/signup', signupBody(`new-${Date.now()}@example.test`, `probe-b-${Date.now()}`));
    expect(known.status).toBe(201);
    expect(fresh.status).toBe(201);
    const shape = (b: any) => ({
      keys: Object.keys(b),
      user: Object.keys(b.user),
      tenant: Object.keys(b.tenant),
      idLength: b.user.id.length,
    });
    const [k, f] = [(await known.json()) as any, (await fresh.json()) as any];
    expect(shape(k)).toEqual(shape(f));
    expect(k.user.email).toBe(owner.email);
    const cookie = (r: Response) =>
      (r.headers.get('set-cookie') ?? '').replace(/bureau_session=[^;]*/, 'bureau_session=X');
    expect(cookie(known)).toBe(cookie(fresh));
    expect(known.headers.get('content-type')).toBe(fresh.headers.get('content-type'));

    // Nothing was mailed inside either request; the queue sends after the response.
    expect(t.runtime.mailer.outbox.length).toBe(mailsBefore);
    await t.mail.runPending();
    const toOwner = t.runtime.mailer.outbox.slice(mailsBefore).filter((m) => m.to === owner.email);
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]?.subject).toBe('Někdo se pokusil zaregistrovat do Bureau s vaším e-mailem');
    expect(toOwner[0]?.text).toContain('/reset');

    // The probe created nothing and changed nothing: one account, its password still works.
    const users = await t.runtime.db
      .selectFrom('core.users')
      .select('id')
      .where('email', '=', owner.email.toLowerCase())
      .execute();
    expect(users).toEqual([{ id: owner.userId }]);
    const tenant = await t.runtime.db.selectFrom('core.tenants').select('id').where('id', '=', k.tenant.id).execute();
    expect(tenant).toEqual([]);
    await t.login(owner.email, owner.password);
  });

  it('a password reset request does the same work for a real and an unknown address and mails after the response', async () => {
    const u = await t.signup();
    const anon = t.anonymous();
    const queued = async () =>
      Number(
        (
          await t.runtime.db
            .selectFrom('core.mail_jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    await t.mail.runPending();
    const before = t.runtime.mailer.outbox.length;
    const q0 = await queued();
    const real = await anon.request('POST', '/api/auth/reset/request', { email: u.email });
    const q1 = await queued();
    const unknown = await anon.request('POST', '/api/auth/reset/request', {
      email: `nobody-${Date.now()}@example.test`,
    });
    const q2 = await queued();
    expect([real.status, unknown.status]).toEqual([202, 202]);
    expect(await real.text()).toBe(await unknown.text());
    // Each request only queued one job; no mail and no token exist yet for the real account.
    expect([q1 - q0, q2 - q1]).toEqual([1, 1]);
    expect(t.runtime.mailer.outbox.length).toBe(before);
    const tokens = await t.runtime.db
      .selectFrom('core.password_resets')
      .select('user_id')
      .where('user_id', '=', u.userId)
      .execute();
    expect(tokens).toEqual([]);
    expect(await t.mail.runPending()).toBe(2);
    expect(t.runtime.mailer.outbox.slice(before).map((m) => m.to)).toEqual([u.email]);
  });

  it('sign-up is rate-limited per client address', async () => {
    t.runtime.limiters.signup = new RateLimiter(3, 3_600_000, () => clock.now().getTime());
    const ip = from('192.0.2.50');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t
        .anonymous()
        .request(
          'POST',
          '/api/auth/signup',
          signupBody(`burst-${i}-${Date.now()}@example.test`, `burst-${i}-${Date.now()}`),
          ip,
        );
      codes.push(res.status);
    }
    expect(codes).toEqual([201, 201, 201, 429]);
    // Known addresses count the same: the limit cannot be used to tell them apart either.
    const other = from('192.0.2.51');
    const u = await t.signup();
    for (let i = 0; i < 3; i++) {
      const res = await t
        .anonymous()
        .request('POST', '/api/auth/signup', signupBody(u.email, `k-${i}-${Date.now()}`), other);
      expect(res.status).toBe(201);
    }
    expect(
      (await t.anonymous().request('POST', '/api/auth/signup', signupBody(u.email, `k-x-${Date.now()}`), other)).status,
    ).toBe(429);
  });
});
