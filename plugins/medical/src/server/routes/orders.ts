import {
  defineRoute,
  json,
  jsonBody,
  notFound,
  type PluginRouter,
  problemResponses,
  workflowRoutes,
  z,
} from '@bureau/core';
import { m } from '../messages.ts';
import { iso } from '../services/decimal.ts';
import { OrderView, orderDetail, SpecimenView, toSpecimen } from '../services/order-detail.ts';
import { CreatedOrder, createOrder, OrderInput, Priority } from '../services/orders.ts';
import { specimenWorkflow } from '../workflows.ts';

const OrderSummary = z
  .object({
    id: z.string(),
    number: z.string(),
    priority: Priority,
    orderedAt: z.string(),
    patientId: z.string(),
    patientName: z.string(),
    clinicName: z.string().nullable(),
    specimens: z.number(),
    pendingSpecimens: z.number(),
  })
  .openapi('MedicalOrderSummary');

const OrderQuery = z.object({
  patientId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const SpecimenQuery = z.object({
  barcode: z.string().trim().min(1).max(40).optional(),
  status: z.enum(['collected', 'received', 'in_analysis', 'done', 'rejected']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const Custody = z.object({
  action: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  location: z.string().nullable(),
});

/** Orders (requisitions) and their specimens: the specimen workflow adds receive/start/complete/reject. */
export const orderRoutes = (router: PluginRouter) =>
  workflowRoutes(
    router
      .openapi(
        defineRoute({
          method: 'post',
          path: '/orders',
          tags: ['medical'],
          permission: 'medical.order',
          request: { body: jsonBody(OrderInput) },
          responses: { 201: json(CreatedOrder), ...problemResponses(400, 401, 403, 404) },
        }),
        async (c) => c.json(await createOrder(c.var.ctx, c.req.valid('json')), 201),
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/orders',
          tags: ['medical'],
          permission: 'medical.read',
          request: { query: OrderQuery },
          responses: { 200: json(z.object({ orders: z.array(OrderSummary) })), ...problemResponses(400, 401, 403) },
        }),
        async (c) => {
          const { patientId, limit } = c.req.valid('query');
          const { db, tenant, ctx } = c.var;
          let q = db
            .selectFrom('medical.orders as o')
            .innerJoin('medical.patients as p', (j) =>
              j.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.patient_id'),
            )
            .select((eb) => [
              'o.id',
              'o.number',
              'o.priority',
              'o.ordered_at',
              'o.patient_id',
              'o.clinic_name',
              'p.first_name',
              'p.last_name',
              eb
                .selectFrom('medical.specimens as s')
                .select((e) => e.fn.countAll<string>().as('n'))
                .whereRef('s.tenant_id', '=', 'o.tenant_id')
                .whereRef('s.order_id', '=', 'o.id')
                .as('specimens'),
              eb
                .selectFrom('medical.specimens as s')
                .select((e) => e.fn.countAll<string>().as('n'))
                .whereRef('s.tenant_id', '=', 'o.tenant_id')
                .whereRef('s.order_id', '=', 'o.id')
                .where('s.status', 'in', ['collected', 'received', 'in_analysis'])
                .as('pending'),
            ])
            .where('o.tenant_id', '=', tenant.id)
            .orderBy('o.ordered_at', 'desc')
            .orderBy('o.id', 'desc')
            .limit(limit);
          if (patientId) q = q.where('o.patient_id', '=', patientId);
          const rows = await q.execute();
          for (const id of new Set(rows.map((r) => r.patient_id))) await ctx.auditRead('medical.patient', id);
          return c.json(
            {
              orders: rows.map((r) => ({
                id: r.id,
                number: r.number,
                priority: r.priority,
                orderedAt: iso(r.ordered_at) as string,
                patientId: r.patient_id,
                patientName: `${r.last_name} ${r.first_name}`,
                clinicName: r.clinic_name ?? null,
                specimens: Number(r.specimens),
                pendingSpecimens: Number(r.pending),
              })),
            },
            200,
          );
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/orders/{id}',
          tags: ['medical'],
          permission: 'medical.read',
          request: { params: z.object({ id: z.uuid() }) },
          responses: { 200: json(OrderView), ...problemResponses(401, 403, 404) },
        }),
        async (c) => {
          const detail = await orderDetail(c.var.ctx, c.req.valid('param').id);
          if (!detail) throw notFound(m.order_not_found);
          return c.json(detail.order, 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/specimens',
          tags: ['medical'],
          permission: 'medical.read',
          request: { query: SpecimenQuery },
          responses: { 200: json(z.object({ specimens: z.array(SpecimenView) })), ...problemResponses(400, 401, 403) },
        }),
        async (c) => {
          const { barcode, status, limit } = c.req.valid('query');
          const { db, tenant } = c.var;
          let q = db
            .selectFrom('medical.specimens')
            .selectAll()
            .where('tenant_id', '=', tenant.id)
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(limit);
          if (barcode) q = q.where('barcode', '=', barcode.toUpperCase());
          if (status) q = q.where('status', '=', status);
          const rows = await q.execute();
          const tests = rows.length
            ? await db
                .selectFrom('medical.order_tests as ot')
                .innerJoin('medical.tests as t', (j) =>
                  j.onRef('t.tenant_id', '=', 'ot.tenant_id').onRef('t.id', '=', 'ot.test_id'),
                )
                .select(['ot.specimen_id', 't.code'])
                .where('ot.tenant_id', '=', tenant.id)
                .where(
                  'ot.specimen_id',
                  'in',
                  rows.map((r) => r.id),
                )
                .execute()
            : [];
          return c.json(
            {
              specimens: rows.map((s) =>
                toSpecimen(
                  s,
                  tests.filter((t) => t.specimen_id === s.id).map((t) => t.code),
                ),
              ),
            },
            200,
          );
        },
      )
      .openapi(
        defineRoute({
          method: 'get',
          path: '/specimens/{id}/custody',
          tags: ['medical'],
          permission: 'medical.read',
          request: { params: z.object({ id: z.uuid() }) },
          responses: { 200: json(z.object({ custody: z.array(Custody) })), ...problemResponses(401, 403, 404) },
        }),
        async (c) => {
          const { id } = c.req.valid('param');
          const { db, tenant } = c.var;
          const s = await db
            .selectFrom('medical.specimens')
            .select('id')
            .where('tenant_id', '=', tenant.id)
            .where('id', '=', id)
            .executeTakeFirst();
          if (!s) throw notFound(m.specimen_not_found);
          const rows = await db
            .selectFrom('medical.custody')
            .selectAll()
            .where('tenant_id', '=', tenant.id)
            .where('specimen_id', '=', id)
            .orderBy('at')
            .orderBy('id')
            .execute();
          return c.json(
            {
              custody: rows.map((r) => ({
                action: r.action,
                at: iso(r.at) as string,
                actor: r.actor_label ?? null,
                location: r.location ?? null,
              })),
            },
            200,
          );
        },
      ),
    specimenWorkflow,
    { path: '/specimens' },
  );
