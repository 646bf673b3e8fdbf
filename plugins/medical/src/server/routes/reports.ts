import { defineRoute, json, jsonBody, notFound, type PluginRouter, problemResponses, z } from '@bureau/core';
import { m } from '../messages.ts';
import { CumulativeSeries, cumulative } from '../services/cumulative.ts';
import { importResults } from '../services/import.ts';
import { OrderView, orderDetail, ResultView } from '../services/order-detail.ts';
import { cumulativePdf, type Lang, orderReportPdf } from '../services/report.ts';
import { Patient } from './patients.ts';

const Id = z.object({ id: z.uuid() });
const LangQuery = z.object({
  lang: z.enum(['cs', 'en']).optional().openapi({ description: "The report's language (default: the tenant's)" }),
});
const Pdf = {
  description: 'PDF',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
};

const ImportInput = z
  .object({
    format: z.enum(['astm', 'csv']),
    content: z.string().min(1).max(2_000_000),
    codes: z
      .record(z.string().trim().min(1).max(40), z.string().trim().min(1).max(32))
      .optional()
      .openapi({ description: "The instrument's test codes mapped to the catalogue's" }),
    skipUnknown: z.boolean().optional(),
  })
  .openapi('MedicalImportInput');

const pdfResponse = (pdf: Buffer, name: string) =>
  new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${name.replace(/[^\w.-]/g, '_')}.pdf"`,
    },
  });

/** Reports (the order's lab report, a patient's cumulative report), a patient's data export, instrument import. */
export const reportRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders/{id}/report',
        tags: ['medical'],
        summary: "The order's lab report as PDF (Czech or English), with ranges, flags, comments and who released",
        permission: 'medical.read',
        request: { params: Id, query: LangQuery },
        responses: { 200: Pdf, ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx, tenant } = c.var;
        const id = c.req.valid('param').id;
        const bundle = await orderDetail(ctx, id);
        if (!bundle) throw notFound(m.order_not_found);
        await ctx.auditRead('medical.order', id);
        const lang: Lang = c.req.valid('query').lang ?? (tenant.locale === 'cs' ? 'cs' : 'en');
        return pdfResponse(await orderReportPdf(ctx, bundle, lang), `${bundle.order.number}-${lang}`) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/patients/{id}/cumulative',
        tags: ['medical'],
        summary: "A patient's released results over time, one series per test",
        permission: 'medical.read',
        request: { params: Id },
        responses: {
          200: json(z.object({ patient: Patient, series: z.array(CumulativeSeries) })),
          ...problemResponses(401, 403, 404),
        },
      }),
      async (c) => c.json(await cumulative(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/patients/{id}/cumulative/pdf',
        tags: ['medical'],
        summary: "A patient's cumulative report as PDF, a chart per test",
        permission: 'medical.read',
        request: { params: Id, query: LangQuery },
        responses: { 200: Pdf, ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx, tenant } = c.var;
        const { patient, series } = await cumulative(ctx, c.req.valid('param').id);
        const lang: Lang = c.req.valid('query').lang ?? (tenant.locale === 'cs' ? 'cs' : 'en');
        return pdfResponse(await cumulativePdf(ctx, patient, series, lang), `cumulative-${lang}`) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/patients/{id}/export',
        tags: ['medical'],
        summary:
          "Everything the lab holds on a patient (the data subject's copy): the patient and every order with all result versions",
        permission: 'medical.authorise',
        request: { params: Id },
        responses: {
          200: json(
            z
              .object({ exportedAt: z.string(), patient: Patient, orders: z.array(OrderView) })
              .openapi('MedicalPatientExport'),
          ),
          ...problemResponses(401, 403, 404),
        },
      }),
      async (c) => {
        const { db, tenant, ctx } = c.var;
        const id = c.req.valid('param').id;
        const { patient } = await cumulative(ctx, id);
        const ids = await db
          .selectFrom('medical.orders')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('patient_id', '=', id)
          .orderBy('ordered_at')
          .orderBy('id')
          .execute();
        const orders: OrderView[] = [];
        for (const o of ids) {
          const detail = await orderDetail(ctx, o.id);
          if (detail) orders.push(detail.order);
        }
        await ctx.audit({
          action: 'medical.patient_exported',
          entityType: 'medical.patient',
          entityId: id,
          after: { orders: orders.length },
        });
        return c.json({ exportedAt: ctx.now().toISOString(), patient, orders }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/worksheets/{id}/import',
        tags: ['medical'],
        summary: 'Enter an instrument file (ASTM E1394 / LIS2-A2 message or CSV) on a worksheet, all or nothing',
        permission: 'medical.result',
        request: { params: Id, body: jsonBody(ImportInput) },
        responses: {
          201: json(
            z
              .object({
                entered: z.array(ResultView),
                skipped: z.array(
                  z.object({ line: z.number(), specimen: z.string(), code: z.string(), reason: z.string() }),
                ),
              })
              .openapi('MedicalImportOutcome'),
          ),
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { db, tenant, ctx } = c.var;
        const id = c.req.valid('param').id;
        const ws = await db
          .selectFrom('medical.worksheets')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!ws) throw notFound(m.worksheet_not_found);
        return c.json(await importResults(ctx, id, c.req.valid('json')), 201);
      },
    );
