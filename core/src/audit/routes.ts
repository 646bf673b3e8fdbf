import { z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { badRequest, fieldError } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { cm } from '../i18n/core-messages.ts';
import { callerOf } from '../records/access.ts';
import { changedFields } from './changes.ts';
import { redactedChanges } from './redact.ts';
import { verifyChain } from './verify.ts';
import { auditVisibility, visibleAuditRows } from './visibility.ts';

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
      description:
        "Newest first. Entries of a module only when it is enabled, within the caller's scope and the caller holds its `records.auditRead` (and the entity type's read permission); core's own entries always.",
      request: { query: AuditQuery },
      responses: {
        200: json(z.object({ entries: z.array(AuditRow), nextCursor: z.string().nullable() })),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.from && q.to && new Date(q.from) >= new Date(q.to)) {
        throw badRequest('invalid_input', cm.from_before_to, [fieldError('to', cm.after_from)]);
      }
      // A module's entries only for those who may read that module (and the entity type): issue 23.
      const visibility = await auditVisibility(callerOf(c.var));
      let query = c.var.db
        .selectFrom('core.audit_log')
        .selectAll()
        .where('tenant_id', '=', c.var.tenant.id)
        .where(visibleAuditRows(visibility))
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
            changes: redactedChanges(r.after) ?? changedFields(r.before, r.after),
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
