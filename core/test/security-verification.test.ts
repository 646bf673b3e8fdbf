/**
 * Issue 11, item 1: platform operator by unverified e-mail. Each test performs the attack over HTTP
 * and passes because it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau } from '../src/index.ts';

const OPERATOR = 'boss@operator.test';
const INVITED_OPERATOR = 'second@operator.test';
let t: TestBureau;

beforeAll(async () => {
  t = await createTestBureau({ config: { operators: [OPERATOR, INVITED_OPERATOR] } });
});
afterAll(() => t.close());

const linkToken = async (to: string) => {
  await t.mail.runPending();
  const mail = t.runtime.mailer.outbox.findLast((m) => m.to === to && /verify-email\?token=/.test(m.text));
  return /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
};

describe('e-mail verification guards operator rights', () => {
  it('a listed address signed up without its mailbox gets no operator API until the mailed link is used', async () => {
    const attacker = await t.signup({ email: OPERATOR, verified: false, tenant: { country: 'CZ' } });
    const me = await attacker.json('GET', '/api/me');
    expect(me.body.user.emailVerified).toBe(false);
    expect((await attacker.json('GET', '/api/operator/billing/plans')).status).toBe(403);
    const publish = await attacker.json('POST', '/api/operator/billing/plans', {
      code: 'free-for-me',
      name: { en: 'Free', cs: 'Zdarma' },
      monthly: '0.00',
    });
    expect(publish.status).toBe(403);
    expect((await attacker.json('GET', '/api/operator/backups')).status).toBe(403);
    const withdraw = await attacker.json('PATCH', '/api/operator/billing/plans/standard', { available: false });
    expect(withdraw.status).toBe(403);

    // The sign-up mailed a link in the account's language (Czech firm → Czech).
    await t.mail.runPending();
    const mail = t.runtime.mailer.outbox.findLast((m) => m.to === OPERATOR);
    expect(mail?.subject).toBe('Potvrďte svůj e-mail pro Bureau');
    const token = await linkToken(OPERATOR);
    expect(token).toBeTruthy();
    // Whoever holds the mailbox confirms; the link works without a session and once.
    const anon = t.anonymous();
    const ok = await anon.json('POST', '/api/auth/verify-email', { token });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe(OPERATOR);
    const again = await anon.json('POST', '/api/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('invalid_token');
    expect((await attacker.json('GET', '/api/me')).body.user.emailVerified).toBe(true);
    expect((await attacker.json('GET', '/api/operator/billing/plans')).status).toBe(200);
  });

  it('refuses made-up, short and malformed tokens with 400', async () => {
    const anon = t.anonymous();
    for (const body of [{ token: 'x'.repeat(40) }, { token: 'short' }, {}, { token: 42 }]) {
      expect((await anon.json('POST', '/api/auth/verify-email', body)).status).toBe(400);
    }
  });

  it('an account created from an invitation link stays unverified (the inviter saw the link)', async () => {
    const admin = await t.signup();
    const inv = await admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, {
      email: INVITED_OPERATOR,
      role: 'member',
    });
    expect(inv.status).toBe(201);
    const token = /token=([A-Za-z0-9_-]+)/.exec(inv.body.link)?.[1];
    const squatter = t.anonymous();
    const accepted = await squatter.json('POST', `/api/invitations/${token}/accept`, {
      name: 'Not the operator',
      password: 'squatter password',
    });
    expect(accepted.status).toBe(200);
    expect((await squatter.json('GET', '/api/me')).body.user.emailVerified).toBe(false);
    expect((await squatter.json('GET', '/api/operator/billing/plans')).status).toBe(403);
    // The real owner of the mailbox got a confirmation link of their own.
    expect(await linkToken(INVITED_OPERATOR)).toBeTruthy();
  });
});

describe('invitations need a verified account', () => {
  it('an unverified signed-in account cannot take an invitation for its address', async () => {
    const admin = await t.signup();
    const guest = await t.signup({ verified: false });
    const inv = await admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, {
      email: guest.email,
      role: 'admin',
    });
    const token = /token=([A-Za-z0-9_-]+)/.exec(inv.body.link)?.[1];
    const refused = await guest.json('POST', `/api/invitations/${token}/accept`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('email_unverified');
    expect((await guest.json('GET', `/api/t/${admin.tenant.slug}/members`)).status).toBe(404);

    // Resend mails a fresh link; after it the same invitation works.
    const resend = await guest.json('POST', '/api/auth/verify-email/resend');
    expect(resend.status).toBe(202);
    const verified = await t
      .anonymous()
      .json('POST', '/api/auth/verify-email', { token: await linkToken(guest.email) });
    expect(verified.status).toBe(200);
    expect((await guest.json('POST', `/api/invitations/${token}/accept`)).status).toBe(200);
    expect((await guest.json('POST', '/api/auth/verify-email/resend')).status).toBe(409);
    expect((await t.anonymous().json('POST', '/api/auth/verify-email/resend')).status).toBe(401);
  });
});
