import { defineRoute, json, jsonBody, newId, notFound, type PluginRouter, problemResponses, z } from '@bureau/core';
import { sql } from 'kysely';
import { m } from '../messages.ts';
import { loadTests, unknownTests } from '../services/catalogue.ts';
import { ResultView, toResult } from '../services/order-detail.ts';
import { DEFAULT_RULE, releaseResult, ruleOf } from '../services/release.ts';
import {
  amendResult,
  correctResult,
  enterResult,
  ResultInput,
  recordCallback,
  resultRow,
} from '../services/results.ts';

const Id = z.object({ id: z.uuid() });
const Value = z.union([z.number(), z.string().max(200)]);

const QueueItem = ResultView.extend({
  orderNumber: z.string(),
  priority: z.string(),
  barcode: z.string(),
  patientName: z.string(),
  testName: z.object({ en: z.string(), cs: z.string() }),
  discipline: z.string(),
  qcRejected: z.boolean(),
}).openapi('MedicalQueueItem');

const QueueQuery = z.object({
  status: z.enum(['entered', 'released']).default('entered'),
  critical: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const Permission = z.enum(['medical.release', 'medical.authorise']);
const Rule = z
  .object({
    id: z.string().nullable(),
    discipline: z.string().nullable(),
    testId: z.string().nullable(),
    normal: Permission,
    abnormal: Permission,
    critical: Permission,
    fourEyes: z.boolean().nullable(),
    note: z.string().nullable(),
  })
  .openapi('MedicalReleaseRule');
const RuleInput = z
  .object({
    discipline: z.string().trim().min(1).max(40).optional(),
    test: z.string().trim().min(1).max(32).optional(),
    normal: Permission,
    abnormal: Permission,
    critical: Permission,
    fourEyes: z.boolean().optional(),
    note: z.string().trim().min(1).max(200).optional(),
  })
  .refine((r) => (r.discipline === undefined) !== (r.test === undefined), {
    path: ['test'],
    message: 'Name either a test or a discipline',
  });
const Settings = z.object({ fourEyes: z.boolean() }).openapi('MedicalSettings');

/**
 * Results: entry by technicians, correction before release, release by the local rules (four-eyes,
 * QC, critical call-back), amendment after release, and the release queue. Local rules and settings.
 */
export const resultRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'post',
        path: '/results',
        tags: ['medical'],
        permission: 'medical.result',
        request: { body: jsonBody(ResultInput) },
        responses: { 201: json(ResultView), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await enterResult(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/results',
        tags: ['medical'],
        permission: 'medical.read',
        request: { query: QueueQuery },
        responses: { 200: json(z.object({ results: z.array(QueueItem) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const { db, tenant, ctx } = c.var;
        let query = db
          .selectFrom('medical.results as r')
          .innerJoin('medical.orders as o', (j) =>
            j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.order_id'),
          )
          .innerJoin('medical.specimens as s', (j) =>
            j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.specimen_id'),
          )
          .innerJoin('medical.patients as p', (j) =>
            j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.patient_id'),
          )
          .innerJoin('medical.tests as t', (j) =>
            j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.test_id'),
          )
          .selectAll('r')
          .select((eb) => [
            'o.number as order_number',
            'o.priority',
            's.barcode',
            'p.first_name',
            'p.last_name',
            't.code as test_code',
            eb
              .exists(
                eb
                  .selectFrom('medical.qc_values as q')
                  .innerJoin('medical.control_materials as cm', (j) =>
                    j.onRef('cm.tenant_id', '=', 'q.tenant_id').onRef('cm.id', '=', 'q.material_id'),
                  )
                  .select('q.id')
                  .whereRef('q.tenant_id', '=', 'r.tenant_id')
                  .whereRef('q.worksheet_id', '=', 'r.worksheet_id')
                  .whereRef('cm.test_id', '=', 'r.test_id')
                  .where('q.status', '=', 'rejected'),
              )
              .as('qc_rejected'),
          ])
          .where('r.tenant_id', '=', tenant.id)
          .where('r.status', '=', q.status)
          .orderBy(sql`case o.priority when 'stat' then 0 when 'urgent' then 1 else 2 end`)
          .orderBy('r.entered_at')
          .orderBy('r.id')
          .limit(q.limit);
        if (q.critical === 'true') query = query.where('r.flag', 'in', ['HH', 'LL']);
        const rows = await query.execute();
        const tests = await loadTests(ctx, [...new Set(rows.map((r) => r.test_code as string))]);
        for (const r of rows) await ctx.auditRead('medical.result', r.id);
        return c.json(
          {
            results: rows.map((r) => {
              const test = tests.find((t) => t.code === r.test_code);
              if (!test) throw notFound(m.test_not_found);
              return {
                ...toResult(r, test),
                orderNumber: r.order_number,
                priority: r.priority,
                barcode: r.barcode,
                patientName: `${r.last_name} ${r.first_name}`,
                testName: test.name,
                discipline: test.discipline,
                qcRejected: Boolean(r.qc_rejected),
              };
            }),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/results/{id}',
        tags: ['medical'],
        permission: 'medical.read',
        request: { params: Id },
        responses: { 200: json(ResultView), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        const { row, test } = await resultRow(c.var.ctx, c.req.valid('param').id);
        await c.var.ctx.auditRead('medical.result', row.id);
        return c.json(toResult(row, test), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/results/{id}',
        tags: ['medical'],
        permission: 'medical.result',
        request: {
          params: Id,
          body: jsonBody(z.object({ value: Value, comment: z.string().trim().max(1000).optional() })),
        },
        responses: { 200: json(ResultView), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const body = c.req.valid('json');
        return c.json(await correctResult(c.var.ctx, c.req.valid('param').id, body.value, body.comment), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/results/{id}/release',
        tags: ['medical'],
        permission: 'medical.release',
        request: { params: Id },
        responses: { 200: json(ResultView), ...problemResponses(401, 403, 404, 409) },
      }),
      async (c) => c.json(await releaseResult(c.var.ctx, c.req.valid('param').id, c.var.grants), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/results/{id}/callback',
        tags: ['medical'],
        permission: 'medical.result',
        request: {
          params: Id,
          body: jsonBody(
            z.object({
              to: z.string().trim().min(2).max(200).openapi({ description: 'Who at the orderer was told' }),
              at: z.iso.datetime({ offset: true }).optional(),
            }),
          ),
        },
        responses: { 200: json(ResultView), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const at = body.at ? new Date(body.at) : c.var.ctx.now();
        return c.json(await recordCallback(c.var.ctx, c.req.valid('param').id, body.to, at), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/results/{id}/amend',
        tags: ['medical'],
        permission: 'medical.result',
        request: {
          params: Id,
          body: jsonBody(z.object({ value: Value, reason: z.string().trim().min(3).max(500) })),
        },
        responses: { 201: json(ResultView), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const body = c.req.valid('json');
        return c.json(await amendResult(c.var.ctx, c.req.valid('param').id, body.value, body.reason), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/rules',
        tags: ['medical'],
        permission: 'medical.read',
        responses: {
          200: json(z.object({ rules: z.array(Rule), fallback: Rule, settings: Settings })),
          ...problemResponses(401, 403),
        },
      }),
      async (c) => {
        const { db, tenant } = c.var;
        const rows = await db
          .selectFrom('medical.release_rules')
          .selectAll()
          .where('tenant_id', '=', tenant.id)
          .execute();
        const s = await db
          .selectFrom('medical.settings')
          .select('four_eyes')
          .where('tenant_id', '=', tenant.id)
          .executeTakeFirst();
        return c.json(
          { rules: rows.map(ruleOf), fallback: DEFAULT_RULE, settings: { fourEyes: s?.four_eyes ?? true } },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/rules',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { body: jsonBody(RuleInput) },
        responses: { 201: json(Rule), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        let testId: string | null = null;
        if (input.test) {
          const [test] = await loadTests(ctx, [input.test]);
          if (!test) throw unknownTests([input.test], 'test');
          testId = test.id;
        }
        const row = {
          tenant_id: tenant.id,
          id: newId(),
          discipline: input.discipline ?? null,
          test_id: testId,
          normal: input.normal,
          abnormal: input.abnormal,
          critical: input.critical,
          four_eyes: input.fourEyes ?? null,
          note: input.note ?? null,
        };
        await db.insertInto('medical.release_rules').values(row).execute();
        await ctx.audit({
          action: 'medical.rule_created',
          entityType: 'medical.release_rule',
          entityId: row.id,
          after: input,
        });
        return c.json(ruleOf(row), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: '/rules/{id}',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { params: Id },
        responses: { 200: json(z.object({ deleted: z.boolean() })), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { db, tenant, ctx } = c.var;
        const gone = await db
          .deleteFrom('medical.release_rules')
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', id)
          .returning('id')
          .executeTakeFirst();
        if (!gone) throw notFound();
        await ctx.audit({ action: 'medical.rule_deleted', entityType: 'medical.release_rule', entityId: id });
        return c.json({ deleted: true }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/settings',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { body: jsonBody(Settings) },
        responses: { 200: json(Settings), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { fourEyes } = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        await db
          .insertInto('medical.settings')
          .values({ tenant_id: tenant.id, four_eyes: fourEyes })
          .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ four_eyes: fourEyes }))
          .execute();
        await ctx.audit({
          action: 'medical.settings_changed',
          entityType: 'medical.settings',
          entityId: null,
          after: { fourEyes },
        });
        return c.json({ fourEyes }, 200);
      },
    );
