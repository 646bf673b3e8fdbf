import { defineRoute, type PluginRouter, Problem, problemResponses, z } from '@bureau/core';
import { m } from '../messages.ts';
import type { Lang } from '../print/format.ts';
import { labelPdf } from '../print/label.ts';
import { receiptPdf } from '../print/receipt.ts';
import { orderRow } from '../services/orders.ts';

const tags = ['orders'];
const IdParam = z.object({ id: z.uuid() });
export const LangQuery = z.object({
  lang: z.enum(['cs', 'en']).optional().openapi({ description: "The document's language (default: the tenant's)" }),
});
export const Pdf = {
  description: 'PDF',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
};

export const pdfResponse = (pdf: Buffer, name: string) =>
  new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${name.replace(/[^\w.-]/g, '_')}.pdf"`,
    },
  });

/** Printed documents of an order: the receipt (účtenka) and the shipping labels. */
export const printRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders/{id}/receipt',
        tags,
        summary: 'The receipt (účtenka) of an order invoiced without accounting, as PDF; 409 no_receipt otherwise',
        permission: 'orders.read',
        request: { params: IdParam, query: LangQuery },
        responses: { 200: Pdf, ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const order = await orderRow(ctx, c.req.valid('param').id);
        if (!order.receipt_number) throw new Problem(409, 'no_receipt', m.no_receipt);
        const lang: Lang = c.req.valid('query').lang ?? (ctx.tenant.locale === 'en' ? 'en' : 'cs');
        return pdfResponse(await receiptPdf(ctx, order, lang), `${order.receipt_number}-${lang}`) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders/{id}/label',
        tags,
        summary: 'Shipping labels of a packed order as an A6 PDF, one page per package, Code 128 of the order number',
        permission: 'orders.read',
        request: { params: IdParam, query: LangQuery },
        responses: { 200: Pdf, ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const order = await orderRow(ctx, c.req.valid('param').id);
        const packages = await ctx.db
          .selectFrom('orders.packages')
          .select(['package_no', 'weight_g', 'tracking_number'])
          .where('tenant_id', '=', ctx.tenant.id)
          .where('order_id', '=', order.id)
          .orderBy('package_no')
          .execute();
        if (packages.length === 0) throw new Problem(409, 'no_label', m.no_label);
        const lang: Lang = c.req.valid('query').lang ?? (ctx.tenant.locale === 'en' ? 'en' : 'cs');
        const pdf = await labelPdf(
          ctx,
          order,
          packages.map((p) => ({
            packageNo: p.package_no,
            weightGrams: p.weight_g,
            trackingNumber: p.tracking_number,
          })),
          lang,
        );
        return pdfResponse(pdf, `${order.number}-label`) as never;
      },
    );
