import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { closeCashDay, getCashClose, listCashCloses } from '../services/cash-close.ts';
import { cashClosePdf } from '../services/cash-close-pdf.ts';
import { Amount, DateString, IdParam } from './schemas.ts';

const tags = ['accounting: cash book'];

const CashClose = z
  .object({
    id: z.uuid(),
    desk: z.object({ id: z.uuid(), code: z.string(), name: z.string(), currency: z.string() }),
    date: z.string(),
    opening: z.string(),
    receipts: z.string(),
    payments: z.string(),
    bookBalance: z.string(),
    counted: z.string(),
    difference: z.string(),
    differenceDocument: z.object({ id: z.uuid(), number: z.string() }).nullable(),
    closedAt: z.string(),
    closedBy: z.string().nullable(),
  })
  .openapi('AccountingCashClose');

/** The daily close of a cash desk (denní uzávěrka pokladny) and its printed document. */
export const cashCloseRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'post',
        path: '/cash-desks/{id}/close',
        tags,
        summary:
          'Close a day of the desk (default today) with the cash counted; a difference is 409 `cash_difference` unless `postDifference` (shortage Dr 569, surplus Cr 668); 409 `cash_day_closed`, `cash_later_documents`',
        permission: 'accounting.post',
        request: {
          params: IdParam,
          body: jsonBody(
            z.object({ date: DateString.optional(), counted: Amount, postDifference: z.boolean().optional() }),
          ),
        },
        responses: { 201: json(CashClose, 'Closed'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await closeCashDay(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-desks/{id}/closes',
        tags,
        summary: 'The daily closes of a desk, the latest first',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(z.object({ closes: z.array(CashClose) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json({ closes: await listCashCloses(c.var.ctx, c.req.valid('param').id) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-closes/{id}',
        tags,
        summary: 'One daily close',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(CashClose), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getCashClose(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-closes/{id}/pdf',
        tags,
        summary: 'The daily close as an A4 PDF (uzávěrka pokladny) in the tenant’s language',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: {
          200: { description: 'The PDF (attachment)', content: { 'application/pdf': { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { bytes, fileName } = await cashClosePdf(c.var.ctx, c.req.valid('param').id);
        return c.body(new Uint8Array(bytes), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName}"`,
        });
      },
    );
