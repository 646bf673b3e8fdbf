import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { invoiceIsdoc } from '../services/isdoc.ts';
import { importIsdocBill } from '../services/isdoc-import.ts';
import { IdParam } from './schemas.ts';

const tags = ['accounting: isdoc'];

/** ISDOC 6.0.2, the Czech e-invoice: issued invoices out, received invoices in as draft bills. */
export const isdocRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/invoices/{id}/isdoc',
        tags,
        summary:
          'An issued invoice, credit or debit note, advance invoice or advance tax document as ISDOC 6.0.2 (attachment); 409 `not_issued` for a draft',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: {
          200: { description: 'ISDOC XML (attachment)', content: { 'application/xml': { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { xml, fileName } = await invoiceIsdoc(c.var.ctx, c.req.valid('param').id);
        return c.body(xml, 200, {
          'content-type': 'application/xml; charset=utf-8',
          'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
        });
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/bills/isdoc',
        tags,
        summary:
          'Read a received ISDOC invoice into a draft bill (the supplier found by IČO or added); 201, or 200 with the same draft when the file was imported before; 400 `invalid_isdoc`, `isdoc_unsupported_type`',
        permission: 'accounting.post',
        request: { body: jsonBody(z.object({ content: z.string().min(1).max(5_000_000) })) },
        responses: {
          200: json(
            z.object({
              id: z.uuid(),
              created: z.boolean(),
              warnings: z.array(z.object({ code: z.string(), expected: z.string(), computed: z.string() })),
            }),
          ),
          201: json(
            z.object({
              id: z.uuid(),
              created: z.boolean(),
              warnings: z.array(z.object({ code: z.string(), expected: z.string(), computed: z.string() })),
            }),
          ),
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => {
        const r = await importIsdocBill(c.var.ctx, c.req.valid('json').content);
        const body = { id: r.document.id, created: r.created, warnings: r.warnings };
        return r.created ? c.json(body, 201) : c.json(body, 200);
      },
    );
