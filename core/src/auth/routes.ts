import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { generateIdFromEntropySize } from 'lucia';
import type { BaseEnv } from '../http/env.ts';
import { badRequest, fieldError, Problem } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import {
  defaultCurrency,
  Email,
  json,
  jsonBody,
  Locale,
  NewTenantFields,
  Ok,
  Password,
  problemResponses,
} from '../http/schemas.ts';
import { newId } from '../lib/ids.ts';
import { am } from '../tenancy/messages.ts';
import { findUserByEmail, signup, slugTaken, slugTakenProblem } from '../tenancy/signup.ts';
import { clientIp } from '../tenancy/tenant-middleware.ts';
import { confirmEmailVerification, isEmailVerified, sendEmailVerification } from './email-verification.ts';
import { sm } from './messages.ts';
import { confirmPasswordReset, requestPasswordReset, setPassword } from './password-reset.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { hasSecondFactor, verifySecondFactor } from './second-factor.ts';
import { clearSessionCookie, requireUser, setSessionCookie } from './session-middleware.ts';

const SignupBody = z
  .object({
    email: Email,
    password: Password,
    name: z.string().trim().min(1).max(120),
    locale: Locale.optional(),
    tenant: z.object({ ...NewTenantFields, kind: z.enum(['company', 'provider']).default('company') }),
  })
  .openapi('SignupRequest');

const UserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string() });
const SignupResponse = z
  .object({ user: UserSchema, tenant: z.object({ id: z.string(), slug: z.string() }) })
  .openapi('SignupResponse');

const LoginBody = z
  .object({
    email: Email,
    password: z.string().min(1).max(200),
    /** The authenticator app's code (or a recovery code) when the account has two-step sign-in on. */
    code: z.string().trim().min(6).max(20).optional(),
  })
  .openapi('LoginRequest');

/** Opens a session for `userId` and sets its cookie. */
export async function startSession(c: Context<BaseEnv>, userId: string) {
  const { lucia } = c.var.runtime;
  const session = await lucia.createSession(userId, {
    ip: clientIp(c),
    user_agent: c.req.header('user-agent') ?? null,
  });
  setSessionCookie(c, lucia, session.id);
}

export const authRoutes = newRouter<BaseEnv>()
  .openapi(
    createRoute({
      method: 'post',
      path: '/signup',
      tags: ['auth'],
      summary: 'Create an account and a firm (tenant) owned by it',
      request: { body: jsonBody(SignupBody) },
      responses: { 201: json(SignupResponse, 'Signed up; session cookie set'), ...problemResponses(400, 409) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { runtime } = c.var;
      runtime.limiters.signup.hit(`signup:${clientIp(c)}`);
      const locale = body.locale ?? (body.tenant.country === 'CZ' ? 'cs' : 'en');
      const tenant = {
        name: body.tenant.name,
        slug: body.tenant.slug,
        kind: body.tenant.kind,
        country: body.tenant.country,
        currency: body.tenant.currency ?? defaultCurrency(body.tenant.country),
        locale,
      };
      let created: { userId: string; tenantId: string };
      let known = false;
      try {
        created = await signup(
          runtime.db,
          { email: body.email, password: body.password, name: body.name, locale, tenant },
          async (trx, t) => {
            for (const hook of runtime.hooks.tenantCreated) await hook(trx, t);
          },
        );
      } catch (err) {
        if (!(err instanceof Problem) || err.code !== 'email_taken') throw err;
        // A known address answers exactly as a new one (issue 11, item 7): the same 201, ids and
        // a session cookie of the same shape that opens nothing. The address's owner gets a mail
        // saying someone tried, with the way to sign in or reset. A taken slug still answers 409,
        // as it would for a new address.
        if (await slugTaken(runtime.db, body.tenant.slug)) throw slugTakenProblem();
        await runtime.mailQueue.enqueue('signup_taken', { email: body.email, locale });
        setSessionCookie(c, runtime.lucia, generateIdFromEntropySize(25));
        created = { userId: newId(), tenantId: newId() };
        known = true;
      }
      if (!known) await startSession(c, created.userId);
      await sendEmailVerification(runtime, { id: created.userId });
      return c.json(
        {
          user: { id: created.userId, email: body.email, name: body.name, locale },
          tenant: { id: created.tenantId, slug: body.tenant.slug },
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: 'Sign in with e-mail and password',
      request: { body: jsonBody(LoginBody) },
      responses: { 200: json(z.object({ user: UserSchema })), ...problemResponses(400, 401, 429) },
    }),
    async (c) => {
      const { email, password, code } = c.req.valid('json');
      const { runtime } = c.var;
      const ip = clientIp(c);
      runtime.limiters.ip.hit(`login:${ip}`);
      // Backoff per (account, address): a stranger's failures never lock the owner out (issue 11, item 8).
      const key = `${email.toLowerCase()}|${ip}`;
      runtime.limiters.login.check(key);
      const user = await findUserByEmail(runtime.db, email);
      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
      if (!user || !ok) {
        runtime.limiters.login.fail(key);
        throw new Problem(401, 'invalid_credentials', am.invalid_credentials);
      }
      // Two-step sign-in: the password alone opens no session; a wrong code counts as a failure.
      if (await hasSecondFactor(runtime.db, user.id)) {
        if (!code) throw new Problem(401, 'second_factor_required', sm.totp_required);
        if (!(await verifySecondFactor(runtime, user.id, code))) {
          runtime.limiters.login.fail(key);
          throw new Problem(401, 'second_factor_invalid', sm.totp_invalid);
        }
      }
      runtime.limiters.login.succeed(key);
      await startSession(c, user.id);
      return c.json({ user: { id: user.id, email: user.email, name: user.name, locale: user.locale } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['auth'],
      summary: 'End this session',
      responses: { 200: json(Ok) },
    }),
    async (c) => {
      if (c.var.sessionId) await c.var.runtime.lucia.invalidateSession(c.var.sessionId);
      clearSessionCookie(c, c.var.runtime.lucia);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout-all',
      tags: ['auth'],
      summary: 'End every session of this account, here and on other devices',
      responses: { 200: json(Ok), ...problemResponses(401) },
    }),
    async (c) => {
      const { user } = requireUser(c);
      await c.var.runtime.lucia.invalidateUserSessions(user.id);
      clearSessionCookie(c, c.var.runtime.lucia);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/password',
      tags: ['auth'],
      summary: 'Change the password; every other session ends',
      request: { body: jsonBody(z.object({ current: z.string().min(1).max(200), next: Password })) },
      responses: { 200: json(Ok), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const { current, next } = c.req.valid('json');
      const { runtime } = c.var;
      // A stolen session must not become a password oracle: failures back off per account.
      runtime.limiters.password.check(user.id);
      const row = await findUserByEmail(runtime.db, user.email);
      if (!row || !(await verifyPassword(row.password_hash, current))) {
        runtime.limiters.password.fail(user.id);
        throw badRequest('invalid_input', am.current_password_wrong, [
          fieldError('current', am.current_password_wrong),
        ]);
      }
      runtime.limiters.password.succeed(user.id);
      const hash = await hashPassword(next);
      await runtime.db.transaction().execute((trx) => setPassword({ db: trx, clock: runtime.clock }, user.id, hash));
      await runtime.lucia.invalidateUserSessions(user.id);
      await startSession(c, user.id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reset/request',
      tags: ['auth'],
      summary: 'E-mail a single-use password reset link (answers the same whether or not the account exists)',
      request: { body: jsonBody(z.object({ email: Email })) },
      responses: { 202: json(Ok, 'Accepted'), ...problemResponses(400, 429) },
    }),
    async (c) => {
      const { email } = c.req.valid('json');
      const { runtime } = c.var;
      runtime.limiters.ip.hit(`reset:${clientIp(c)}`);
      runtime.limiters.account.hit(`reset:${email}`);
      await requestPasswordReset(runtime, email);
      return c.json({ ok: true as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reset/confirm',
      tags: ['auth'],
      summary: 'Set a new password with a reset token; every session ends',
      request: { body: jsonBody(z.object({ token: z.string().min(10).max(200), password: Password })) },
      responses: { 200: json(Ok), ...problemResponses(400, 429) },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json');
      const { runtime } = c.var;
      runtime.limiters.ip.hit(`reset-confirm:${clientIp(c)}`);
      const userId = await confirmPasswordReset(runtime, token, password);
      await startSession(c, userId);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/verify-email',
      tags: ['auth'],
      summary: "Confirm the account's e-mail address with the token of the mailed link (single use)",
      request: { body: jsonBody(z.object({ token: z.string().min(10).max(200) })) },
      responses: { 200: json(z.object({ ok: z.literal(true), email: z.string() })), ...problemResponses(400, 429) },
    }),
    async (c) => {
      const { token } = c.req.valid('json');
      const { runtime } = c.var;
      runtime.limiters.ip.hit(`verify:${clientIp(c)}`);
      const { email } = await confirmEmailVerification(runtime, token);
      return c.json({ ok: true as const, email }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/verify-email/resend',
      tags: ['auth'],
      summary: "Mail a new confirmation link to the signed-in account's address",
      responses: { 202: json(Ok, 'Sent'), ...problemResponses(401, 409, 429) },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const { runtime } = c.var;
      if (await isEmailVerified(runtime.db, user.id)) throw new Problem(409, 'already_verified', sm.already_verified);
      runtime.limiters.ip.hit(`verify-resend:${clientIp(c)}`);
      runtime.limiters.account.hit(`verify-resend:${user.id}`);
      await sendEmailVerification(runtime, user);
      return c.json({ ok: true as const }, 202);
    },
  );
