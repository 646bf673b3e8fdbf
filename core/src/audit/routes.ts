import { z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { badRequest } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { verifyChain } from './verify.ts';

const Json = z.unknown().openapi({ description: 'Any JSON value' });

const AuditRow = z
  .object({
    id: z.string(),
    seq: z.string(),
    at: z.string(),
    actor: z.object({
      kind: z.enum(['user', 'token', 'system']),
      userId: z.string().nullable(),
      tokenId: z.string().nullable(),
      providerTenantId: z.string().nullable(),
      label: z.string(),
    }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: Json,
    after: Json,
    /** Top-level fields whose value differs between before and after. */
    changes: z.array(z.string()),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    hash: z.string(),
  })
  .openapi('AuditRow');

const Instant = z.iso.datetime({ offset: true });
const Name = z.string().min(1).max(200);

const AuditQuery = z.object({
  actor: z.uuid().optional().openapi({ description: 'User or API token id' }),
  entityType: Name.optional(),
  entityId: Name.optional(),
  action: Name.optional(),
  from: Instant.optional().openapi({ description: 'At or after this instant' }),
  to: Instant.optional().openapi({ description: 'Before this instant' }),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,18}$/)
    .optional()
    .openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const Verification = z
  .object({
    ok: z.boolean(),
    checked: z.number(),
    head: z.object({ seq: z.string(), hash: z.string() }).nullable(),
    broken: z
      .object({
        id: z.string().nullable(),
        seq: z.string(),
        reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap', 'head_mismatch']),
      })
      .nullable(),
  })
  .openapi('AuditVerification');

/** Top-level keys whose values differ (both sides objects), or `[]`/`['value']` for scalars. */
export function changedFields(before: unknown, after: unknown): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  }
  if (isObj(before) && after == null) return Object.keys(before).sort();
  if (isObj(after) && before == null) return Object.keys(after).sort();
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : ['value'];
}

/** GET /audit (filtered, newest first, cursor-paginated) and GET /audit/verify. */
export const auditRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/audit/verify',
      tags: ['audit'],
      permission: 'tenant.audit.read',
      description: "Recomputes the tenant's hash chain and reports the first broken link.",
      responses: { 200: json(Verification), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await verifyChain(c.var.db, c.var.tenant.id), 200),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      permission: 'tenant.audit.read',
      request: { query: AuditQuery },
      responses: {
        200: json(z.object({ entries: z.array(AuditRow), nextCursor: z.string().nullable() })),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.from && q.to && new Date(q.from) >= new Date(q.to)) {
        throw badRequest('invalid_input', 'from must be before to', [{ path: 'to', message: 'Must be after from' }]);
      }
      let query = c.var.db
        .selectFrom('core.audit_log')
        .selectAll()
        .where('tenant_id', '=', c.var.tenant.id)
        .orderBy('seq', 'desc')
        .limit(q.limit + 1);
      if (q.actor) {
        const actor = q.actor;
        query = query.where((eb) => eb.or([eb('actor_user_id', '=', actor), eb('actor_token_id', '=', actor)]));
      }
      if (q.entityType) query = query.where('entity_type', '=', q.entityType);
      if (q.entityId) query = query.where('entity_id', '=', q.entityId);
      if (q.action) query = query.where('action', '=', q.action);
      if (q.from) query = query.where('at', '>=', new Date(q.from));
      if (q.to) query = query.where('at', '<', new Date(q.to));
      if (q.cursor) query = query.where('seq', '<', q.cursor);
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      return c.json(
        {
          entries: page.map((r) => ({
            id: r.id,
            seq: String(r.seq),
            at: new Date(r.at).toISOString(),
            actor: {
              kind: r.actor_kind,
              userId: r.actor_user_id,
              tokenId: r.actor_token_id,
              providerTenantId: r.actor_provider_id,
              label: r.actor_label,
            },
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before,
            after: r.after,
            changes: changedFields(r.before, r.after),
            requestId: r.request_id,
            ip: r.ip,
            hash: r.hash,
          })),
          nextCursor: rows.length > q.limit ? String(page[page.length - 1]?.seq) : null,
        },
        200,
      );
    },
  );
