import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { fm } from '../../field-messages.ts';
import {
  cancelCashDocument,
  cashBook,
  createCashDesk,
  createCashDocument,
  getCashDesk,
  getCashDocument,
  listCashDesks,
  updateCashDesk,
} from '../services/cash-book.ts';
import { cashDocumentPdf } from '../services/cash-pdf.ts';
import { AccountCode, Amount, Bool, Currency, DateString, IdParam, Rate, Text } from './schemas.ts';

const tags = ['accounting: cash book'];

const Desk = z
  .object({
    id: z.uuid(),
    name: z.string(),
    code: z.string(),
    currency: z.string(),
    account: z.string(),
    active: z.boolean(),
    balance: z.string(),
    lastDate: z.string().nullable(),
    documentCount: z.number(),
  })
  .openapi('AccountingCashDesk');

const Ref = z.object({ id: z.uuid(), number: z.string() });

const CashDocument = z
  .object({
    id: z.uuid(),
    desk: z.object({ id: z.uuid(), name: z.string(), code: z.string() }),
    kind: z.enum(['receipt', 'payment']),
    number: z.string(),
    date: z.string(),
    amount: z.string(),
    currency: z.string(),
    rate: z.string(),
    functional: z.string(),
    balanceAfter: z.string(),
    description: z.string(),
    person: z.string().nullable(),
    partner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    account: z.object({ code: z.string(), name: z.string() }).nullable(),
    document: z.object({ id: z.uuid(), number: z.string().nullable() }).nullable(),
    paymentId: z.uuid().nullable(),
    entry: Ref,
    cancels: Ref.nullable(),
    cancelledBy: Ref.nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .openapi('AccountingCashDocument');

const DeskInput = z
  .object({
    name: Text(100).min(1),
    code: z
      .string()
      .regex(/^[A-Za-z0-9]{1,6}$/, fm.desk_code.ref)
      .openapi({ example: 'HK' }),
    currency: Currency.optional(),
    account: AccountCode.optional(),
  })
  .openapi('AccountingCashDeskInput');

const DocumentInput = z
  .object({
    deskId: z.uuid(),
    kind: z.enum(['receipt', 'payment']),
    date: DateString.optional(),
    amount: Amount,
    rate: Rate.optional(),
    account: AccountCode.optional(),
    documentId: z.uuid().optional(),
    partnerId: z.uuid().optional(),
    person: Text(200).optional(),
    description: Text(500).min(1),
  })
  .openapi('AccountingCashDocumentInput');

/** Cash desks, their receipts and payments, the cash book and the printed cash document. */
export const cashBookRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-desks',
        tags,
        summary: 'Cash desks with their balances',
        permission: 'accounting.read',
        request: { query: z.object({ active: Bool.optional() }) },
        responses: { 200: json(z.object({ desks: z.array(Desk) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ desks: await listCashDesks(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/cash-desks',
        tags,
        summary:
          'Open a cash desk in a currency; it keeps a new analytic account under the cash account (211001 …) unless `account` is given; 409 `duplicate_code`',
        permission: 'accounting.admin',
        request: { body: jsonBody(DeskInput) },
        responses: { 201: json(Desk, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createCashDesk(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-desks/{id}',
        tags,
        summary: 'One cash desk',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(Desk), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getCashDesk(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/cash-desks/{id}',
        tags,
        summary: 'Rename a cash desk or close it (no new documents); its currency, account and balance stay',
        permission: 'accounting.admin',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ name: Text(100).min(1).optional(), active: z.boolean().optional() })),
        },
        responses: { 200: json(Desk), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await updateCashDesk(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-desks/{id}/book',
        tags,
        summary:
          'The cash book of a desk: the balance brought forward, the documents in order with the balance after each, totals and the balance carried forward',
        permission: 'accounting.read',
        request: { params: IdParam, query: z.object({ from: DateString.optional(), to: DateString.optional() }) },
        responses: {
          200: json(
            z.object({
              desk: Desk,
              from: z.string().nullable(),
              to: z.string().nullable(),
              opening: z.string(),
              receipts: z.string(),
              payments: z.string(),
              closing: z.string(),
              documents: z.array(CashDocument),
              cashLimit: z.object({ amount: z.string(), source: z.string() }).nullable(),
            }),
          ),
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(await cashBook(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/cash-documents',
        tags,
        summary:
          'A receipt or payment of a desk, posted to `account` or paying the invoice (receipt) or bill (payment) `documentId`; 409 `cash_insufficient`, `cash_date_order`, `cash_limit_exceeded`, `period_locked`',
        permission: 'accounting.post',
        request: { body: jsonBody(DocumentInput) },
        responses: { 201: json(CashDocument, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createCashDocument(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-documents/{id}',
        tags,
        summary: 'One cash document',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(CashDocument), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getCashDocument(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/cash-documents/{id}/cancel',
        tags,
        summary:
          'Cancel a cash document by a new one of the other kind that reverses it (dated `date`, default today); 409 `already_cancelled`, `not_cancellable`, `cash_insufficient`',
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(z.object({ date: DateString.optional() })) },
        responses: { 201: json(CashDocument, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await cancelCashDocument(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cash-documents/{id}/pdf',
        tags,
        summary: 'The cash document as an A4 PDF (příjmový / výdajový pokladní doklad) in the tenant’s language',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: {
          200: { description: 'The PDF (attachment)', content: { 'application/pdf': { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { bytes, fileName } = await cashDocumentPdf(c.var.ctx, c.req.valid('param').id);
        return c.body(new Uint8Array(bytes), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName}"`,
        });
      },
    );
