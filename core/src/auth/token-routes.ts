import { z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, Ok, problemResponses } from '../http/schemas.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import { am } from '../tenancy/messages.ts';
import { isSubset } from '../tenancy/permissions.ts';
import { isKnownGrant, unknownPermissions } from '../tenancy/roles.ts';
import { newTokenBinding } from './token-access.ts';
import { hashSecret, randomSecret } from './tokens.ts';

const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    permissions: z.array(z.string()),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const tokenRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/tokens',
      tags: ['tokens'],
      permission: 'tenant.tokens.manage',
      responses: { 200: json(z.object({ tokens: z.array(ApiToken) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const rows = await c.var.db
        .selectFrom('core.api_tokens')
        .select(['id', 'name', 'prefix', 'permissions', 'created_at', 'last_used_at', 'revoked_at'])
        .where('tenant_id', '=', c.var.tenant.id)
        .orderBy('created_at', 'desc')
        .execute();
      return c.json(
        {
          tokens: rows.map((r) => ({
            id: r.id,
            name: r.name,
            prefix: r.prefix,
            permissions: r.permissions,
            createdAt: isoOrNull(r.created_at) as string,
            lastUsedAt: isoOrNull(r.last_used_at),
            revokedAt: isoOrNull(r.revoked_at),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/tokens',
      tags: ['tokens'],
      summary: 'Create an API token; the secret is in this response only',
      permission: 'tenant.tokens.manage',
      request: {
        body: jsonBody(
          z.object({
            name: z.string().trim().min(1).max(80),
            permissions: z.array(z.string().max(100)).min(1).max(200),
          }),
        ),
      },
      responses: { 201: json(ApiToken.extend({ token: z.string() })), ...problemResponses(400, 403) },
    }),
    async (c) => {
      const { name, permissions } = c.req.valid('json');
      const unknown = permissions.filter((p) => !isKnownGrant(c.var.runtime, p));
      if (unknown.length) {
        throw unknownPermissions(unknown);
      }
      if (!isSubset(permissions, c.var.grants)) {
        throw new Problem(403, 'forbidden', am.token_beyond_own);
      }
      const secret = `bureau_${randomSecret(24)}`;
      const id = newId();
      const now = c.var.runtime.clock.now();
      const prefix = secret.slice(0, 12);
      // Bound to its creator's path: re-checked on every use, dead once that path is gone.
      const binding = await newTokenBinding(c.var.db, c.var.tenant, c.var.actor);
      await c.var.db
        .insertInto('core.api_tokens')
        .values({
          tenant_id: c.var.tenant.id,
          id,
          name,
          token_hash: hashSecret(secret),
          prefix,
          permissions,
          ...binding,
          created_at: now,
        })
        .execute();
      await c.var.ctx.audit({
        action: 'token.created',
        entityType: 'api_token',
        entityId: id,
        after: { name, permissions },
      });
      return c.json(
        {
          id,
          name,
          prefix,
          permissions,
          createdAt: now.toISOString(),
          lastUsedAt: null,
          revokedAt: null,
          token: secret,
        },
        201,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags: ['tokens'],
      permission: 'tenant.tokens.manage',
      request: { params: IdParam },
      responses: { 200: json(Ok), ...problemResponses(403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await c.var.db
        .updateTable('core.api_tokens')
        .set({ revoked_at: c.var.runtime.clock.now() })
        .where('tenant_id', '=', c.var.tenant.id)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw notFound(am.token_not_found);
      await c.var.ctx.audit({ action: 'token.revoked', entityType: 'api_token', entityId: id });
      return c.json({ ok: true as const }, 200);
    },
  );
