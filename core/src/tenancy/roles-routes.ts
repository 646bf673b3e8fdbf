import { z } from '@hono/zod-openapi';
import { requireWithinOwn } from '../auth/delegation.ts';
import type { TenantEnv } from '../http/env.ts';
import { conflict, notFound } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, Ok, problemResponses } from '../http/schemas.ts';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';
import { tm } from './messages.ts';
import { BUILTIN_ROLES } from './permissions.ts';
import { isKnownGrant, permissionCatalogue, unknownPermissions } from './roles.ts';

const Label = z.object({ en: z.string(), cs: z.string() });
const CustomRole = z
  .object({ id: z.string(), key: z.string(), name: z.string(), permissions: z.array(z.string()) })
  .openapi('CustomRole');
const RoleInput = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, tm.role_key_format.ref),
  name: z.string().trim().min(1).max(80),
  permissions: z.array(z.string().max(100)).max(200),
});

function checkGrants(runtime: Runtime, permissions: string[]) {
  const unknown = permissions.filter((p) => !isKnownGrant(runtime, p));
  if (unknown.length) {
    throw unknownPermissions(unknown);
  }
}

const toRole = (r: { id: string; key: string; name: string; permissions: string[] }) => ({
  id: r.id,
  key: r.key,
  name: r.name,
  permissions: r.permissions,
});

export const roleRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/roles',
      tags: ['roles'],
      permission: 'tenant.members.read',
      responses: {
        200: json(
          z.object({
            builtin: z.array(z.object({ key: z.string() })),
            custom: z.array(CustomRole),
            permissions: z.array(z.object({ key: z.string(), label: Label, module: z.string() })),
          }),
        ),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const rows = await c.var.db
        .selectFrom('core.roles')
        .select(['id', 'key', 'name', 'permissions'])
        .where('tenant_id', '=', c.var.tenant.id)
        .orderBy('key')
        .execute();
      return c.json(
        {
          builtin: BUILTIN_ROLES.map((key) => ({ key })),
          custom: rows.map(toRole),
          permissions: permissionCatalogue(c.var.runtime),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/roles',
      tags: ['roles'],
      permission: 'tenant.roles.manage',
      request: { body: jsonBody(RoleInput) },
      responses: { 201: json(CustomRole), ...problemResponses(400, 403, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      if ((BUILTIN_ROLES as readonly string[]).includes(input.key)) throw conflict('role_exists', tm.role_builtin);
      checkGrants(c.var.runtime, input.permissions);
      requireWithinOwn(input.permissions, c.var.grants);
      const exists = await c.var.db
        .selectFrom('core.roles')
        .select('id')
        .where('tenant_id', '=', c.var.tenant.id)
        .where('key', '=', input.key)
        .executeTakeFirst();
      if (exists) throw conflict('role_exists', tm.role_exists);
      const role = { id: newId(), ...input };
      await c.var.db
        .insertInto('core.roles')
        .values({ tenant_id: c.var.tenant.id, ...role })
        .execute();
      await c.var.ctx.audit({ action: 'role.created', entityType: 'role', entityId: role.id, after: role });
      return c.json(role, 201);
    },
  )
  .openapi(
    defineRoute({
      method: 'patch',
      path: '/roles/{id}',
      tags: ['roles'],
      permission: 'tenant.roles.manage',
      request: { params: IdParam, body: jsonBody(RoleInput.omit({ key: true }).partial()) },
      responses: { 200: json(CustomRole), ...problemResponses(400, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      if (patch.permissions) checkGrants(c.var.runtime, patch.permissions);
      const before = await c.var.db
        .selectFrom('core.roles')
        .select(['id', 'key', 'name', 'permissions'])
        .where('tenant_id', '=', c.var.tenant.id)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!before) throw notFound(tm.role_not_found);
      // Neither widen a role beyond one's own grants (a role editor's own role included), nor edit
      // a role that already holds more than the editor.
      requireWithinOwn(before.permissions, c.var.grants);
      if (patch.permissions) requireWithinOwn(patch.permissions, c.var.grants);
      const after = { ...toRole(before), ...patch };
      await c.var.db
        .updateTable('core.roles')
        .set({ name: after.name, permissions: after.permissions })
        .where('tenant_id', '=', c.var.tenant.id)
        .where('id', '=', id)
        .execute();
      await c.var.ctx.audit({
        action: 'role.updated',
        entityType: 'role',
        entityId: id,
        before: toRole(before),
        after,
      });
      return c.json(after, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/roles/{id}',
      tags: ['roles'],
      permission: 'tenant.roles.manage',
      request: { params: IdParam },
      responses: { 200: json(Ok), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const role = await c.var.db
        .selectFrom('core.roles')
        .select(['id', 'key', 'name', 'permissions'])
        .where('tenant_id', '=', c.var.tenant.id)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!role) throw notFound(tm.role_not_found);
      requireWithinOwn(role.permissions, c.var.grants);
      const holders = await c.var.db
        .selectFrom('core.memberships')
        .select('id')
        .where('tenant_id', '=', c.var.tenant.id)
        .where('role', '=', role.key)
        .limit(1)
        .execute();
      if (holders.length) throw conflict('role_in_use', tm.role_in_use);
      await c.var.db.deleteFrom('core.roles').where('tenant_id', '=', c.var.tenant.id).where('id', '=', id).execute();
      await c.var.ctx.audit({ action: 'role.deleted', entityType: 'role', entityId: id, before: toRole(role) });
      return c.json({ ok: true as const }, 200);
    },
  );
