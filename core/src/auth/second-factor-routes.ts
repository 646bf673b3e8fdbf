import { createRoute, z } from '@hono/zod-openapi';
import type { BaseEnv } from '../http/env.ts';
import { badRequest, fieldError } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { json, jsonBody, Ok, problemResponses } from '../http/schemas.ts';
import { am } from '../tenancy/messages.ts';
import { findUserByEmail } from '../tenancy/signup.ts';
import { sm } from './messages.ts';
import { verifyPassword } from './passwords.ts';
import { startSession } from './routes.ts';
import {
  confirmEnrolment,
  disableSecondFactor,
  secondFactorStatus,
  startEnrolment,
  verifySecondFactor,
} from './second-factor.ts';
import { requireUser } from './session-middleware.ts';

const Status = z
  .object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int(), operatorRequired: z.boolean() })
  .openapi('SecondFactorStatus');
const Code = z.string().trim().min(6).max(20);

/** The current password, throttled like the password change (a stolen session is no oracle). */
async function requirePassword(c: Parameters<typeof requireUser>[0], password: string) {
  const { user } = requireUser(c);
  const { runtime } = c.var;
  runtime.limiters.password.check(user.id);
  const row = await findUserByEmail(runtime.db, user.email);
  if (!row || !(await verifyPassword(row.password_hash, password))) {
    runtime.limiters.password.fail(user.id);
    throw badRequest('invalid_input', am.current_password_wrong, [fieldError('password', am.current_password_wrong)]);
  }
  runtime.limiters.password.succeed(user.id);
}

/**
 * Two-step sign-in (TOTP, RFC 6238) for the signed-in account: status, set-up with a QR code,
 * confirmation with a first code (answers the recovery codes once), and turning it off.
 */
export const secondFactorRoutes = newRouter<BaseEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/second-factor',
      tags: ['auth'],
      summary: 'Whether two-step sign-in is on for this account',
      responses: { 200: json(Status), ...problemResponses(401) },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const { runtime } = c.var;
      const status = await secondFactorStatus(runtime.db, user.id);
      const operatorRequired =
        runtime.config.operatorSecondFactor === 'required' &&
        runtime.config.operators.includes(user.email.toLowerCase());
      return c.json({ ...status, operatorRequired }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/second-factor/setup',
      tags: ['auth'],
      summary: 'Start setting up two-step sign-in: a new secret as otpauth URI, QR code (SVG) and text',
      request: { body: jsonBody(z.object({ password: z.string().min(1).max(200) })) },
      responses: {
        200: json(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() })),
        ...problemResponses(400, 401, 409, 429),
      },
    }),
    async (c) => {
      const { user } = requireUser(c);
      await requirePassword(c, c.req.valid('json').password);
      return c.json(await startEnrolment(c.var.runtime, user), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/second-factor/enable',
      tags: ['auth'],
      summary: 'Turn two-step sign-in on with a first code; answers the recovery codes once; other sessions end',
      request: { body: jsonBody(z.object({ code: Code })) },
      responses: {
        200: json(z.object({ recoveryCodes: z.array(z.string()) })),
        ...problemResponses(400, 401, 409, 429),
      },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const { runtime } = c.var;
      runtime.limiters.password.check(`totp:${user.id}`);
      let recoveryCodes: string[];
      try {
        recoveryCodes = await confirmEnrolment(runtime, user.id, c.req.valid('json').code);
      } catch (err) {
        runtime.limiters.password.fail(`totp:${user.id}`);
        throw err;
      }
      runtime.limiters.password.succeed(`totp:${user.id}`);
      // Every session left has then passed the second factor: all end, and this one (which just
      // did) gets a new one.
      await runtime.lucia.invalidateUserSessions(user.id);
      await startSession(c, user.id);
      return c.json({ recoveryCodes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/second-factor/disable',
      tags: ['auth'],
      summary: 'Turn two-step sign-in off (password and a current code or recovery code)',
      request: { body: jsonBody(z.object({ password: z.string().min(1).max(200), code: Code })) },
      responses: { 200: json(Ok), ...problemResponses(400, 401, 429) },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const { runtime } = c.var;
      const body = c.req.valid('json');
      await requirePassword(c, body.password);
      runtime.limiters.password.check(`totp:${user.id}`);
      if (!(await verifySecondFactor(runtime, user.id, body.code))) {
        runtime.limiters.password.fail(`totp:${user.id}`);
        throw badRequest('second_factor_invalid', sm.totp_invalid, [fieldError('code', sm.totp_invalid)]);
      }
      await disableSecondFactor(runtime.db, user.id);
      return c.json({ ok: true as const }, 200);
    },
  );
