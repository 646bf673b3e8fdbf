import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
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
import { am } from '../tenancy/messages.ts';
import { findUserByEmail, signup } from '../tenancy/signup.ts';
import { clientIp } from '../tenancy/tenant-middleware.ts';
import { confirmEmailVerification, isEmailVerified, sendEmailVerification } from './email-verification.ts';
import { sm } from './messages.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
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

const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) }).openapi('LoginRequest');

async function startSession(c: Context<BaseEnv>, userId: string) {
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
      const locale = body.locale ?? (body.tenant.country === 'CZ' ? 'cs' : 'en');
      const { userId, tenantId } = await signup(
        c.var.runtime.db,
        {
          email: body.email,
          password: body.password,
          name: body.name,
          locale,
          tenant: {
            name: body.tenant.name,
            slug: body.tenant.slug,
            kind: body.tenant.kind,
            country: body.tenant.country,
            currency: body.tenant.currency ?? defaultCurrency(body.tenant.country),
            locale,
          },
        },
        async (trx, tenant) => {
          for (const hook of c.var.runtime.hooks.tenantCreated) await hook(trx, tenant);
        },
      );
      await startSession(c, userId);
      await sendEmailVerification(c.var.runtime, { id: userId, email: body.email, name: body.name, locale });
      return c.json(
        {
          user: { id: userId, email: body.email, name: body.name, locale },
          tenant: { id: tenantId, slug: body.tenant.slug },
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
      const { email, password } = c.req.valid('json');
      const { runtime } = c.var;
      runtime.limiters.ip.hit(`login:${clientIp(c)}`);
      runtime.limiters.account.hit(`login:${email}`);
      const user = await findUserByEmail(runtime.db, email);
      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
      if (!user || !ok) throw new Problem(401, 'invalid_credentials', am.invalid_credentials);
      runtime.limiters.account.reset(`login:${email}`);
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
      const row = await findUserByEmail(runtime.db, user.email);
      if (!row || !(await verifyPassword(row.password_hash, current))) {
        throw badRequest('invalid_input', am.current_password_wrong, [
          fieldError('current', am.current_password_wrong),
        ]);
      }
      await runtime.db
        .updateTable('core.users')
        .set({ password_hash: await hashPassword(next) })
        .where('id', '=', user.id)
        .execute();
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
