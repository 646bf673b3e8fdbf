/**
 * Two-step sign-in (TOTP) for operators and owners (issue 11, item 1's "consider a second factor").
 * Each attack is performed over HTTP and passes because it fails.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../src/auth/totp.ts';
import { createTestBureau, type TestBureau, type TestUser } from '../src/index.ts';

const OPERATOR = 'ops@operator.test';
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
/** The next 30-second step (a code works once). */
const nextStep = () => {
  offset += 30_000;
};

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau({ clock, config: { operators: [OPERATOR], operatorSecondFactor: 'required' } });
});
afterAll(() => t.close());

const codeOf = (secret: string) => totp(decodeBase32IgnorePadding(secret), clock.now().getTime());

async function enrol(u: TestUser) {
  const setup = await u.json('POST', '/api/auth/second-factor/setup', { password: u.password });
  expect(setup.status).toBe(200);
  expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Bureau%3A/);
  expect(setup.body.qrSvg).toMatch(/^<svg/);
  const enabled = await u.json('POST', '/api/auth/second-factor/enable', { code: codeOf(setup.body.secret) });
  expect(enabled.status).toBe(200);
  return { secret: setup.body.secret as string, recoveryCodes: enabled.body.recoveryCodes as string[] };
}

const login = (body: Record<string, string>) => t.anonymous().request('POST', '/api/auth/login', body);

describe('two-step sign-in', () => {
  it('once on, a stolen password opens nothing; the code works once; other sessions end', async () => {
    const u = await t.signup();
    const elsewhere = await t.login(u.email, u.password);
    const { secret, recoveryCodes } = await enrol(u);
    expect(recoveryCodes).toHaveLength(10);
    expect((await u.json('GET', '/api/auth/second-factor')).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    // Sessions that never passed the factor are gone; the enrolling one stays.
    expect((await elsewhere.json('GET', '/api/me')).status).toBe(401);
    expect((await u.json('GET', '/api/me')).status).toBe(200);

    const bare = await login({ email: u.email, password: u.password });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as any).code).toBe('second_factor_required');
    expect(bare.headers.get('set-cookie')).toBeNull();
    const wrong = await login({ email: u.email, password: u.password, code: '000000' });
    expect(((await wrong.json()) as any).code).toBe('second_factor_invalid');
    // The code used to turn it on cannot be replayed within its step.
    expect((await login({ email: u.email, password: u.password, code: codeOf(secret) })).status).toBe(401);
    nextStep();
    const code = codeOf(secret);
    expect((await login({ email: u.email, password: u.password, code })).status).toBe(200);
    expect((await login({ email: u.email, password: u.password, code })).status).toBe(401);

    // A recovery code signs in once.
    const recovery = recoveryCodes[0] as string;
    expect((await login({ email: u.email, password: u.password, code: recovery })).status).toBe(200);
    expect((await login({ email: u.email, password: u.password, code: recovery })).status).toBe(401);
    expect((await u.json('GET', '/api/auth/second-factor')).body.recoveryCodesLeft).toBe(9);
  });

  it('a stolen session cannot turn it off without the password and a code, nor set it up again', async () => {
    const u = await t.signup();
    const { secret } = await enrol(u);
    expect((await u.json('POST', '/api/auth/second-factor/setup', { password: u.password })).status).toBe(409);
    const noCode = await u.json('POST', '/api/auth/second-factor/disable', { password: u.password, code: '123456' });
    expect([noCode.status, noCode.body.code]).toEqual([400, 'second_factor_invalid']);
    const noPassword = await u.json('POST', '/api/auth/second-factor/disable', {
      password: 'not the password',
      code: codeOf(secret),
    });
    expect(noPassword.status).toBe(400);
    expect((await u.json('GET', '/api/auth/second-factor')).body.enabled).toBe(true);
    nextStep();
    const off = await u.json('POST', '/api/auth/second-factor/disable', { password: u.password, code: codeOf(secret) });
    expect(off.status).toBe(200);
    expect((await login({ email: u.email, password: u.password })).status).toBe(200);
  });

  it('refuses a wrong first code, so a mistyped secret never locks the account', async () => {
    const u = await t.signup();
    expect((await u.json('POST', '/api/auth/second-factor/setup', { password: u.password })).status).toBe(200);
    const bad = await u.json('POST', '/api/auth/second-factor/enable', { code: '000000' });
    expect([bad.status, bad.body.code]).toEqual([400, 'second_factor_invalid']);
    expect((await u.json('GET', '/api/auth/second-factor')).body.enabled).toBe(false);
    expect((await login({ email: u.email, password: u.password })).status).toBe(200);
  });
});

describe('platform operators need two-step sign-in', () => {
  it('a verified operator without it gets no operator API; with it, does', async () => {
    const op = await t.signup({ email: OPERATOR });
    expect((await op.json('GET', '/api/auth/second-factor')).body.operatorRequired).toBe(true);
    const refused = await op.json('GET', '/api/operator/billing/plans');
    expect([refused.status, refused.body.code]).toEqual([403, 'second_factor_required']);
    const publish = await op.json('POST', '/api/operator/billing/plans', {
      code: 'free-for-me',
      name: { en: 'Free', cs: 'Zdarma' },
      monthly: '0.00',
    });
    expect(publish.status).toBe(403);
    expect((await op.json('GET', '/api/operator/backups')).status).toBe(403);
    await enrol(op);
    expect((await op.json('GET', '/api/operator/billing/plans')).status).toBe(200);
  });
});
