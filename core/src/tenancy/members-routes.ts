import { z } from '@hono/zod-openapi';
import { requireRoleWithinOwn } from '../auth/delegation.ts';
import type { TenantEnv } from '../http/env.ts';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, Ok, problemResponses } from '../http/schemas.ts';
import { tm } from './messages.ts';
import { roleExists } from './roles.ts';

const Member = z
  .object({
    id: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    since: z.string(),
  })
  .openapi('Member');

async function loadMember(c: { var: TenantEnv['Variables'] }, id: string) {
  const { db, tenant } = c.var;
  const m = await db
    .selectFrom('core.memberships')
    .select(['id', 'user_id', 'role'])
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!m) throw notFound(tm.member_not_found);
  return m;
}

/** Refuses a change that would leave the tenant without an owner. Locks the owner rows first. */
async function guardLastOwner(c: { var: TenantEnv['Variables'] }, memberId: string) {
  const { db, tenant } = c.var;
  const owners = await db
    .selectFrom('core.memberships')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .where('role', '=', 'owner')
    .forUpdate()
    .execute();
  if (owners.length === 1 && owners[0]?.id === memberId) {
    throw conflict('last_owner', tm.last_owner);
  }
}

/** Only owners may make or unmake owners (admins hold `*` but not ownership). */
function requireOwnerFor(c: { var: TenantEnv['Variables'] }, role: string) {
  if (role === 'owner' && c.var.role !== 'owner') throw forbidden('tenant.owner');
}

export const memberRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/members',
      tags: ['members'],
      permission: 'tenant.members.read',
      responses: { 200: json(z.object({ members: z.array(Member) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const rows = await c.var.db
        .selectFrom('core.memberships as m')
        .innerJoin('core.users as u', 'u.id', 'm.user_id')
        .select(['m.id', 'm.user_id', 'u.email', 'u.name', 'm.role', 'm.created_at'])
        .where('m.tenant_id', '=', c.var.tenant.id)
        .orderBy('m.created_at')
        .execute();
      return c.json(
        {
          members: rows.map((r) => ({
            id: r.id,
            userId: r.user_id,
            email: r.email,
            name: r.name,
            role: r.role,
            since: new Date(r.created_at).toISOString(),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'patch',
      path: '/members/{id}',
      tags: ['members'],
      permission: 'tenant.members.manage',
      request: { params: IdParam, body: jsonBody(z.object({ role: z.string().min(1).max(60) })) },
      responses: { 200: json(z.object({ id: z.string(), role: z.string() })), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { role } = c.req.valid('json');
      const member = await loadMember(c, id);
      if (!(await roleExists(c.var.db, c.var.tenant.id, role))) {
        throw badRequest('invalid_input', tm.no_such_role, [fieldError('role', tm.no_such_role)]);
      }
      requireOwnerFor(c, role);
      requireOwnerFor(c, member.role);
      const { runtime, db, tenant, grants } = c.var;
      await requireRoleWithinOwn(runtime, db, tenant.id, role, grants);
      await requireRoleWithinOwn(runtime, db, tenant.id, member.role, grants);
      if (member.role === 'owner' && role !== 'owner') await guardLastOwner(c, id);
      await c.var.db
        .updateTable('core.memberships')
        .set({ role })
        .where('tenant_id', '=', c.var.tenant.id)
        .where('id', '=', id)
        .execute();
      await c.var.ctx.audit({
        action: 'member.role_changed',
        entityType: 'membership',
        entityId: id,
        before: { role: member.role },
        after: { role },
      });
      return c.json({ id, role }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/members/{id}',
      tags: ['members'],
      permission: 'tenant.members.manage',
      request: { params: IdParam },
      responses: { 200: json(Ok), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const member = await loadMember(c, id);
      requireOwnerFor(c, member.role);
      await requireRoleWithinOwn(c.var.runtime, c.var.db, c.var.tenant.id, member.role, c.var.grants);
      if (member.role === 'owner') await guardLastOwner(c, id);
      await c.var.db
        .deleteFrom('core.memberships')
        .where('tenant_id', '=', c.var.tenant.id)
        .where('id', '=', id)
        .execute();
      // Their tokens die with their membership (each use re-checks it too), and so do their pending
      // invitations.
      const now = c.var.runtime.clock.now();
      await c.var.db
        .updateTable('core.api_tokens')
        .set({ revoked_at: now })
        .where('tenant_id', '=', c.var.tenant.id)
        .where('created_by', '=', member.user_id)
        .where('engagement_id', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      await c.var.db
        .updateTable('core.invitations')
        .set({ revoked_at: now })
        .where('tenant_id', '=', c.var.tenant.id)
        .where('invited_by', '=', member.user_id)
        .where('engagement_id', 'is', null)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      await c.var.ctx.audit({
        action: 'member.removed',
        entityType: 'membership',
        entityId: id,
        before: { userId: member.user_id, role: member.role },
      });
      return c.json({ ok: true as const }, 200);
    },
  );
