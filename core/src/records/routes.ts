import { z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { badRequest, fieldError, forbidden, notFound, Problem } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, problemResponses } from '../http/schemas.ts';
import { fm } from '../i18n/core-field-messages.ts';
import { isoOrNull } from '../lib/time.ts';
import { callerOf, type EntityAccess, entityAccess } from './access.ts';
import { rm } from './messages.ts';
import { keepUntil, type RetentionRule, retentionRule, retentionRules } from './retention.ts';
import { recordStorage } from './storage.ts';
import { storeAttachment } from './store.ts';

const EntityType = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/, fm.record_kind.ref)
  .max(80);
const EntityId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, fm.record_id.ref)
  .max(100);
const RetentionClass = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, fm.lowercase_id.ref)
  .max(40);

const Attachment = z
  .object({
    id: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number(),
    sha256: z.string(),
    retentionClass: z.string(),
    /** Deletion is refused before this instant (null: no retention rule holds it). */
    retainUntil: z.string().nullable(),
    sensitive: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Attachment');

const Upload = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary' }),
  entityType: EntityType,
  entityId: EntityId,
  retentionClass: RetentionClass.default('default'),
  sensitive: z.enum(['true', 'false']).default('false'),
});

const Rule = z
  .object({
    retentionClass: RetentionClass,
    years: z.number().int().min(0).max(100).default(0),
    months: z.number().int().min(0).max(1200).default(0),
    days: z.number().int().min(0).max(36500).default(0),
  })
  .refine((r) => r.years + r.months + r.days > 0, { message: rm.rule_needs_period.ref, path: ['years'] })
  .openapi('RetentionRule');

const Rules = z.object({ rules: z.array(Rule).max(100) });

type Row = Record<string, any>;

function toAttachment(r: Row, retainUntil: Date | null) {
  return {
    id: r.id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    retentionClass: r.retention_class,
    retainUntil: retainUntil ? retainUntil.toISOString() : null,
    sensitive: r.sensitive,
    createdAt: isoOrNull(r.created_at) as string,
    createdBy: r.created_by,
  };
}

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * An attachment the caller may see: 404 unless its entity type's module is enabled, within the
 * caller's scope and the caller holds the type's read permission (as for an unknown id); 403 naming
 * the permission for a sensitive file without the sensitive permission. Nothing of the file either way.
 */
async function loadRecord(c: { var: TenantEnv['Variables'] }, id: string): Promise<{ row: Row; access: EntityAccess }> {
  const row = await c.var.db
    .selectFrom('core.records')
    .selectAll()
    .where('tenant_id', '=', c.var.tenant.id)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound(rm.attachment_not_found);
  const access = await entityAccess(callerOf(c.var), row.entity_type);
  if (!access.read) throw notFound(rm.attachment_not_found);
  if (row.sensitive && !access.sensitive) throw forbidden(access.declared?.entity.sensitive);
  return { row, access };
}

/** What an attachment's audit entries say about it: never its content, nor the name of a sensitive file. */
function auditDetails(a: ReturnType<typeof toAttachment>) {
  return {
    recordId: a.id,
    ...(a.sensitive ? {} : { filename: a.filename }),
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    retentionClass: a.retentionClass,
    sensitive: a.sensitive,
  };
}

/** Attachments (upload, list by entity, metadata, download, soft delete) and retention rules. */
export const recordRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/retention',
      tags: ['records'],
      permission: 'tenant.records.read',
      responses: { 200: json(Rules), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ rules: await retentionRules(c.var.db, c.var.tenant.id) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/records/retention',
      tags: ['records'],
      permission: 'tenant.records.manage',
      description: 'Replaces the retention rules. Attachments already stored keep at least the expiry they had.',
      request: { body: jsonBody(Rules) },
      responses: { 200: json(Rules), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { rules } = c.req.valid('json');
      const classes = rules.map((r) => r.retentionClass);
      if (new Set(classes).size !== classes.length) {
        throw badRequest('invalid_input', rm.duplicate_class, [fieldError('rules', rm.class_listed_twice)]);
      }
      const tenantId = c.var.tenant.id;
      const before = await retentionRules(c.var.db, tenantId);
      await c.var.db.deleteFrom('core.retention_rules').where('tenant_id', '=', tenantId).execute();
      const now = c.var.runtime.clock.now();
      if (rules.length) {
        await c.var.db
          .insertInto('core.retention_rules')
          .values(
            rules.map((r) => ({
              tenant_id: tenantId,
              retention_class: r.retentionClass,
              years: r.years,
              months: r.months,
              days: r.days,
              updated_at: now,
            })),
          )
          .execute();
      }
      const after = await retentionRules(c.var.db, tenantId);
      await c.var.ctx.audit({ action: 'retention.updated', entityType: 'retention', entityId: null, before, after });
      return c.json({ rules: after }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records',
      tags: ['records'],
      permission: 'tenant.records.manage',
      description:
        "Uploads an attachment (multipart/form-data). The entity type must be declared by an enabled module (400 `unknown_entity_type`); the caller needs the type's read (else 404) and attach permission (else 403). The content type is sniffed from the bytes; the size limit is config.maxUploadBytes.",
      request: { body: { required: true, content: { 'multipart/form-data': { schema: Upload } } } },
      responses: { 201: json(Attachment), ...problemResponses(400, 401, 403, 404, 413) },
    }),
    async (c) => {
      const input = c.req.valid('form');
      const file = input.file as unknown;
      if (!(file instanceof File)) {
        throw badRequest('invalid_input', rm.file_required, [fieldError('file', rm.file_required)]);
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!bytes.length) {
        throw badRequest('invalid_input', rm.file_empty, [fieldError('file', rm.file_empty)]);
      }
      const access = await entityAccess(callerOf(c.var), input.entityType);
      if (!access.enabled) {
        throw badRequest('unknown_entity_type', rm.unknown_entity_type, [
          fieldError('entityType', rm.not_an_entity_type, { entityType: input.entityType }),
        ]);
      }
      if (!access.read) throw notFound(rm.entity_not_found);
      if (!access.attach) throw forbidden(access.declared?.entity.attach);
      const { db, tenant, actor, runtime } = c.var;
      const { row, retainUntil } = await storeAttachment(runtime, db, tenant.id, actor.label, {
        entityType: input.entityType,
        entityId: input.entityId,
        filename: file.name,
        bytes,
        retentionClass: input.retentionClass,
        sensitive: input.sensitive === 'true',
      });
      const attachment = toAttachment(row, retainUntil);
      await c.var.ctx.audit({
        action: 'record.uploaded',
        entityType: input.entityType,
        entityId: input.entityId,
        after: auditDetails(attachment),
      });
      return c.json(attachment, 201);
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records',
      tags: ['records'],
      permission: 'tenant.records.read',
      description:
        "The entity's attachments the caller may see: 404 unless the entity type's module is enabled, within the caller's scope and the caller holds its read permission; files marked sensitive only with the sensitive permission. `access` says what the caller may do.",
      request: { query: z.object({ entityType: EntityType, entityId: EntityId }) },
      responses: {
        200: json(
          z.object({
            records: z.array(Attachment),
            access: z.object({ attach: z.boolean(), sensitive: z.boolean() }),
          }),
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { db, tenant } = c.var;
      const access = await entityAccess(callerOf(c.var), q.entityType);
      if (!access.read) throw notFound(rm.entity_not_found);
      let query = db
        .selectFrom('core.records')
        .selectAll()
        .where('tenant_id', '=', tenant.id)
        .where('entity_type', '=', q.entityType)
        .where('entity_id', '=', q.entityId)
        .where('deleted_at', 'is', null);
      if (!access.sensitive) query = query.where('sensitive', '=', false);
      const rows = await query.orderBy('created_at').orderBy('id').limit(1000).execute();
      const rules = new Map<string, RetentionRule>(
        (await retentionRules(db, tenant.id)).map((r) => [r.retentionClass, r]),
      );
      return c.json(
        {
          records: rows.map((r) =>
            toAttachment(
              r,
              keepUntil(
                new Date(r.created_at),
                r.retain_until ? new Date(r.retain_until) : null,
                rules.get(r.retention_class) ?? null,
              ),
            ),
          ),
          access: { attach: access.attach, sensitive: access.sensitive },
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/{id}',
      tags: ['records'],
      permission: 'tenant.records.read',
      request: { params: IdParam },
      responses: { 200: json(Attachment), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { row: r } = await loadRecord(c, c.req.valid('param').id);
      const rule = await retentionRule(c.var.db, c.var.tenant.id, r.retention_class);
      const until = keepUntil(new Date(r.created_at), r.retain_until ? new Date(r.retain_until) : null, rule);
      return c.json(toAttachment(r, until), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/{id}/content',
      tags: ['records'],
      permission: 'tenant.records.read',
      description: 'Downloads the file (always as an attachment). Reading a sensitive attachment is audited.',
      request: { params: IdParam },
      responses: {
        200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { row: r } = await loadRecord(c, c.req.valid('param').id);
      const bytes = await recordStorage(c.var.runtime).get(r.storage_key);
      if (!bytes) throw notFound(rm.attachment_not_found);
      if (r.sensitive) {
        await c.var.ctx.audit({
          action: 'record.read',
          entityType: r.entity_type,
          entityId: r.entity_id,
          after: { recordId: r.id },
        });
      }
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: {
          'content-type': r.content_type,
          'content-length': String(bytes.length),
          'content-disposition': contentDisposition(r.filename),
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        },
      });
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/records/{id}',
      tags: ['records'],
      permission: 'tenant.records.manage',
      description: 'Soft-deletes an attachment; refused with 409 `retention_active` while its retention rule holds it.',
      request: { params: IdParam },
      responses: { 200: json(Attachment), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { db, tenant, runtime, actor } = c.var;
      const { row: r, access } = await loadRecord(c, c.req.valid('param').id);
      if (!access.attach) throw forbidden(access.declared?.entity.attach);
      const rule = await retentionRule(db, tenant.id, r.retention_class);
      const until = keepUntil(new Date(r.created_at), r.retain_until ? new Date(r.retain_until) : null, rule);
      const now = runtime.clock.now();
      if (until && now < until) {
        throw new Problem(409, 'retention_active', rm.retention_active, {
          params: { until },
          extra: { retainUntil: until.toISOString(), retentionClass: r.retention_class },
        });
      }
      const deleted = await db
        .updateTable('core.records')
        .set({ deleted_at: now, deleted_by: actor.label })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', r.id)
        .where('deleted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!deleted) throw notFound(rm.attachment_not_found);
      const attachment = toAttachment(r, until);
      await c.var.ctx.audit({
        action: 'record.deleted',
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: auditDetails(attachment),
      });
      return c.json(attachment, 200);
    },
  );
