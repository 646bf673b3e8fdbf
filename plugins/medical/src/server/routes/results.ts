import { defineRoute, json, jsonBody, notFound, type PluginRouter, problemResponses, z } from '@bureau/core';
import { sql } from 'kysely';
import { m } from '../messages.ts';
import { loadTests } from '../services/catalogue.ts';
import { ResultView, toResult } from '../services/order-detail.ts';
import { releaseResult } from '../services/release.ts';
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

/**
 * Results: entry by technicians, correction before release, release by the local rules (four-eyes,
 * QC, critical call-back), amendment after release, and the release queue.
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
    );
