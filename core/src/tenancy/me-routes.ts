import { createRoute, z } from '@hono/zod-openapi';
import { isEmailVerified, requireVerifiedEmail, sendEmailVerification } from '../auth/email-verification.ts';
import { hashPassword } from '../auth/passwords.ts';
import { requireUser, setSessionCookie } from '../auth/session-middleware.ts';
import type { BaseEnv, SessionUser } from '../http/env.ts';
import { fieldError, Problem } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import {
  defaultCurrency,
  json,
  jsonBody,
  Locale,
  NewTenantFields,
  Password,
  problemResponses,
} from '../http/schemas.ts';
import { zm } from '../i18n/zod-messages.ts';
import type { Runtime } from '../runtime.ts';
import { acceptInvitation, findInvitation, invitationStatus } from './invitations.ts';
import { tm } from './messages.ts';
import { listReachableTenants } from './reachable.ts';
import { insertMembership, insertTenant, insertUser, slugTaken } from './signup.ts';
import { clientIp } from './tenant-middleware.ts';

const TenantEntry = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(['company', 'provider']),
    role: z.string().nullable(),
    permissions: z.array(z.string()),
    modules: z.array(z.string()),
    via: z.object({ provider: z.object({ id: z.string(), slug: z.string(), name: z.string() }) }).nullable(),
  })
  .openapi('MeTenant');

const MeResponse = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      locale: z.string(),
      emailVerified: z.boolean(),
    }),
    tenants: z.array(TenantEntry),
  })
  .openapi('Me');

/** The signed-in user and every tenant they reach, as GET /me answers. */
async function meOf(runtime: Runtime, user: SessionUser) {
  const tenants = await listReachableTenants(runtime, user);
  const emailVerified = await isEmailVerified(runtime.db, user.id);
  return { user: { ...user, emailVerified }, tenants };
}

export const meRoutes = newRouter<BaseEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['me'],
      summary: 'The signed-in user and every tenant they reach, directly or through a provider',
      responses: { 200: json(MeResponse), ...problemResponses(401) },
    }),
    async (c) => c.json(await meOf(c.var.runtime, requireUser(c).user), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags: ['me'],
      summary: 'Like GET /me, but answers 200 with `me: null` when nobody is signed in (for pages open to both)',
      responses: { 200: json(z.object({ me: MeResponse.nullable() })) },
    }),
    async (c) => {
      const user = c.var.user;
      return c.json({ me: user ? await meOf(c.var.runtime, user) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tenants',
      tags: ['me'],
      summary: 'Create another firm (or provider) owned by the signed-in user, as sign-up does for a new account',
      request: {
        body: jsonBody(
          z
            .object({ ...NewTenantFields, kind: z.enum(['company', 'provider']).default('company') })
            .openapi('NewTenant'),
        ),
      },
      responses: {
        201: json(z.object({ tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }) })),
        ...problemResponses(400, 401, 409, 429),
      },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const { runtime } = c.var;
      const body = c.req.valid('json');
      runtime.limiters.signup.hit(`signup:${clientIp(c)}`);
      if (await slugTaken(runtime.db, body.slug)) {
        throw new Problem(409, 'slug_taken', tm.slug_taken, { errors: [fieldError('slug', tm.slug_taken)] });
      }
      const tenant = {
        name: body.name,
        slug: body.slug,
        kind: body.kind,
        country: body.country,
        currency: body.currency ?? defaultCurrency(body.country),
        locale: user.locale === 'cs' ? ('cs' as const) : ('en' as const),
      };
      const id = await runtime.db.transaction().execute(async (trx) => {
        const tenantId = await insertTenant(trx, tenant);
        await insertMembership(trx, tenantId, user.id, 'owner');
        for (const hook of runtime.hooks.tenantCreated) await hook(trx, { id: tenantId, status: 'active', ...tenant });
        return tenantId;
      });
      return c.json({ tenant: { id, slug: tenant.slug, name: tenant.name } }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/me',
      tags: ['me'],
      request: {
        body: jsonBody(z.object({ name: z.string().trim().min(1).max(120).optional(), locale: Locale.optional() })),
      },
      responses: { 200: json(MeResponse.shape.user), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const patch = c.req.valid('json');
      const next = { ...user, ...patch };
      await c.var.runtime.db
        .updateTable('core.users')
        .set({ name: next.name, locale: next.locale })
        .where('id', '=', user.id)
        .execute();
      return c.json({ ...next, emailVerified: await isEmailVerified(c.var.runtime.db, user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/invitations/{token}',
      tags: ['members'],
      summary: 'Preview an invitation by its link token',
      request: { params: z.object({ token: z.string().min(1).max(200) }) },
      responses: {
        200: json(
          z.object({
            tenant: z.object({ name: z.string(), slug: z.string() }),
            email: z.string(),
            role: z.string(),
            expiresAt: z.string(),
            accountExists: z.boolean(),
          }),
        ),
        ...problemResponses(404),
      },
    }),
    async (c) => {
      const { runtime } = c.var;
      const inv = await findInvitation(runtime, c.req.valid('param').token);
      if (!inv || invitationStatus(inv, runtime.clock.now()) !== 'pending') {
        throw new Problem(404, 'invitation_invalid', tm.invitation_invalid);
      }
      const account = await runtime.db
        .selectFrom('core.users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', inv.email.toLowerCase()))
        .executeTakeFirst();
      return c.json(
        {
          tenant: { name: inv.name, slug: inv.slug },
          email: inv.email,
          role: inv.role,
          expiresAt: new Date(inv.expires_at).toISOString(),
          accountExists: !!account,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{token}/accept',
      tags: ['members'],
      summary: 'Accept an invitation: signed in, or creating the account with a name and password',
      request: {
        params: z.object({ token: z.string().min(1).max(200) }),
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z
                .object({ name: z.string().trim().min(1).max(120), password: Password, locale: Locale.optional() })
                .partial(),
            },
          },
        },
      },
      responses: {
        200: json(
          z.object({ tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }), role: z.string() }),
        ),
        ...problemResponses(400, 403, 404, 409),
      },
    }),
    async (c) => {
      const { runtime } = c.var;
      const { token } = c.req.valid('param');
      const body = c.req.valid('json') ?? {};
      let user = c.var.user;
      if (user) {
        // The invitation names an address: only an account that proved it owns it may take it.
        await requireVerifiedEmail(runtime.db, user.id);
      } else {
        const inv = await findInvitation(runtime, token);
        if (!inv || invitationStatus(inv, runtime.clock.now()) !== 'pending') {
          throw new Problem(404, 'invitation_invalid', tm.invitation_invalid);
        }
        if (!body.name || !body.password) {
          throw new Problem(400, 'invalid_input', tm.sign_in_or_create, {
            errors: [
              ...(body.name ? [] : [fieldError('name', zm.required)]),
              ...(body.password ? [] : [fieldError('password', zm.required)]),
            ],
          });
        }
        const locale = body.locale ?? 'en';
        const passwordHash = await hashPassword(body.password);
        const id = await runtime.db
          .transaction()
          .execute((trx) => insertUser(trx, { email: inv.email, name: body.name as string, passwordHash, locale }));
        user = { id, email: inv.email, name: body.name, locale };
        const session = await runtime.lucia.createSession(id, {
          ip: clientIp(c),
          user_agent: c.req.header('user-agent') ?? null,
        });
        setSessionCookie(c, runtime.lucia, session.id);
        // The link was also shown to the inviter, so using it proves nothing about the mailbox: the
        // new account joins the inviting firm only and confirms its address like any other.
        await sendEmailVerification(runtime, user);
      }
      const result = await acceptInvitation(runtime, token, user.id, user.email);
      return c.json(result, 200);
    },
  );
