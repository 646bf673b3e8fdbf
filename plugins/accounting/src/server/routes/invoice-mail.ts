import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { invoiceMails, sendInvoiceMail } from '../services/invoice-mail.ts';
import { IdParam } from './schemas.ts';

const tags = ['accounting: invoices'];

const Lang = z.enum(['cs', 'en']);

const DocumentMail = z
  .object({
    id: z.uuid(),
    sentTo: z.string(),
    locale: Lang,
    attachments: z.array(z.string()),
    sentAt: z.string(),
    sentBy: z.string().nullable(),
  })
  .openapi('AccountingDocumentMail');

/** Sending an issued sales document to its customer by e-mail, with its PDF and ISDOC attached. */
export const invoiceMailRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/invoices/{id}/mails',
        tags,
        summary:
          'The e-mails that sent this document (newest first) and the address and language a new one would use (the customer’s)',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: {
          200: json(
            z.object({
              defaults: z.object({ to: z.string().nullable(), locale: Lang }),
              mails: z.array(DocumentMail),
            }),
          ),
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(await invoiceMails(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/invoices/{id}/mails',
        tags,
        summary:
          'E-mail an issued document with its PDF and ISDOC to `to` (default the customer’s address) in `locale` (default the customer’s language); recorded and audited. 409 `not_issued`, `document_cancelled`, `no_recipient`',
        permission: 'accounting.post',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ to: z.email().max(254).optional(), locale: Lang.optional() })),
        },
        responses: { 201: json(DocumentMail, 'Sent'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await sendInvoiceMail(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
    );
