import { z } from '@hono/zod-openapi';
import { requireRoleWithinOwn } from '../auth/delegation.ts';
import { sm } from '../auth/messages.ts';
import { newTokenBinding } from '../auth/token-access.ts';
import type { TenantEnv } from '../http/env.ts';
import { badRequest, fieldError, forbidden, notFound, Problem } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { Email, IdParam, json, jsonBody, Ok, problemResponses } from '../http/schemas.ts';
import { createInvitation, invitationStatus } from './invitations.ts';
import { tm } from './messages.ts';
import { roleExists } from './roles.ts';

const Invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expiresAt: z.string(),
  })
  .openapi('Invitation');

/** Invitations a tenant admin manages: create (link shown once and mailed), list, revoke. */
export const invitationRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/invitations',
      tags: ['members'],
      permission: 'tenant.members.read',
      responses: { 200: json(z.object({ invitations: z.array(Invitation) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const rows = await c.var.db
        .selectFrom('core.invitations')
        .select(['id', 'email', 'role', 'expires_at', 'accepted_at', 'revoked_at'])
        .where('tenant_id', '=', c.var.tenant.id)
        .orderBy('created_at', 'desc')
        .limit(500)
        .execute();
      const now = c.var.runtime.clock.now();
      return c.json(
        {
          invitations: rows.map((r) => ({
            id: r.id,
            email: r.email,
            role: r.role,
            status: invitationStatus(r, now),
            expiresAt: new Date(r.expires_at).toISOString(),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/invitations',
      tags: ['members'],
      summary: 'Invite someone by e-mail; the answer carries the link (also mailed)',
      permission: 'tenant.members.manage',
      request: {
        body: jsonBody(
          z.object({
            email: Email,
            role: z.string().min(1).max(60).default('member'),
            /** True once the inviter accepted a seat price shown by an earlier 402 answer. */
            confirm: z.boolean().optional(),
          }),
        ),
      },
      responses: { 201: json(Invitation.extend({ link: z.string() })), ...problemResponses(400, 403, 409) },
    }),
    async (c) => {
      const { email, role, confirm } = c.req.valid('json');
      if (!(await roleExists(c.var.db, c.var.tenant.id, role))) {
        throw badRequest('invalid_input', tm.no_such_role, [fieldError('role', tm.no_such_role)]);
      }
      if (role === 'owner' && c.var.role !== 'owner') throw forbidden('tenant.owner');
      const { runtime, tenant, actor } = c.var;
      // Provider staff (and tokens made through an engagement) never add people to the client: a
      // member would outlive the engagement, so only the client's own people invite. Staff manage
      // the members there are, within what the engagement grants.
      const binding = await newTokenBinding(c.var.db, tenant, actor);
      if (actor.providerTenantId || binding.engagement_id) {
        throw new Problem(403, 'provider_staff_invite', sm.provider_staff_invite);
      }
      await requireRoleWithinOwn(runtime, c.var.db, tenant.id, role, c.var.grants);
      const hookCtx = { runtime: c.var.runtime, tenant: c.var.tenant, db: c.var.db, actor: c.var.actor };
      for (const hook of c.var.runtime.hooks.beforeSeatAdded) await hook(hookCtx, confirm === true);
      const inv = await createInvitation(c.var.runtime, c.var.db, c.var.tenant, {
        email,
        role,
        invitedBy: binding.created_by,
        engagementId: binding.engagement_id,
      });
      await c.var.ctx.audit({
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: inv.id,
        after: { email, role },
      });
      return c.json(inv, 201);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/invitations/{id}',
      tags: ['members'],
      permission: 'tenant.members.manage',
      request: { params: IdParam },
      responses: { 200: json(Ok), ...problemResponses(403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await c.var.db
        .updateTable('core.invitations')
        .set({ revoked_at: c.var.runtime.clock.now() })
        .where('tenant_id', '=', c.var.tenant.id)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw notFound(tm.invitation_not_found);
      await c.var.ctx.audit({ action: 'invitation.revoked', entityType: 'invitation', entityId: id });
      return c.json({ ok: true as const }, 200);
    },
  );
