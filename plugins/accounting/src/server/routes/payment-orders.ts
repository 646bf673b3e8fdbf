import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import {
  cancelPaymentOrder,
  createPaymentOrder,
  getPaymentOrder,
  listDueBills,
  listPaymentOrders,
  paymentOrderFile,
} from '../services/payment-orders.ts';
import { Amount, Bool, Currency, DateString, IdParam, Paging } from './schemas.ts';

const tags = ['accounting: payment orders'];

const Payee = z.object({ iban: z.string().nullable(), bic: z.string().nullable(), account: z.string().nullable() });

const DueBill = z
  .object({
    id: z.uuid(),
    number: z.string(),
    vendorNumber: z.string().nullable(),
    partner: z.object({ id: z.uuid(), name: z.string() }),
    dueDate: z.string(),
    overdue: z.boolean(),
    currency: z.string(),
    remaining: z.string(),
    ordered: z.string(),
    toOrder: z.string(),
    variableSymbol: z.string().nullable(),
    payee: Payee.nullable(),
  })
  .openapi('AccountingDueBill');

const OrderSummary = z.object({
  id: z.uuid(),
  bankAccount: z.object({ id: z.uuid(), name: z.string() }),
  currency: z.string(),
  executionDate: z.string(),
  itemCount: z.number(),
  total: z.string(),
  status: z.enum(['open', 'cancelled']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  formats: z.array(z.enum(['pain001', 'abo'])),
});

const Order = OrderSummary.extend({
  items: z.array(
    z.object({
      documentId: z.uuid(),
      number: z.string(),
      vendorNumber: z.string().nullable(),
      dueDate: z.string(),
      partnerId: z.uuid(),
      amount: z.string(),
      payee: Payee.extend({ name: z.string() }),
      variableSymbol: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
}).openapi('AccountingPaymentOrder');

const OrderInput = z
  .object({
    bankAccountId: z.uuid(),
    executionDate: DateString.optional(),
    items: z
      .array(z.object({ documentId: z.uuid(), amount: Amount.optional() }))
      .min(1)
      .max(500),
  })
  .openapi('AccountingPaymentOrderInput');

const FILES = { 'pain001.xml': 'pain001', 'abo.kpc': 'abo' } as const;

/** Payment orders for bills due: the bills to pay, orders, and their files (pain.001 XML, ABO/KPC). */
export const paymentOrderRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payment-orders/due-bills',
        tags,
        summary: 'Open bills and received debit notes to pay, oldest due first, with what open orders already cover',
        permission: 'accounting.read',
        request: {
          query: z.object({ dueBy: DateString.optional(), currency: Currency.optional(), unordered: Bool.optional() }),
        },
        responses: { 200: json(z.object({ bills: z.array(DueBill) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ bills: await listDueBills(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payment-orders',
        tags,
        summary: 'Payment orders, newest first',
        permission: 'accounting.read',
        request: { query: z.object(Paging) },
        responses: { 200: json(z.object({ orders: z.array(OrderSummary) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ orders: await listPaymentOrders(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/payment-orders',
        tags,
        summary:
          'Order bills for payment from a bank account of their currency; 400 names each line that is not an open bill, is in another currency, has no payee account or exceeds what is left to order',
        permission: 'accounting.post',
        request: { body: jsonBody(OrderInput) },
        responses: { 201: json(Order, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await createPaymentOrder(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payment-orders/{id}',
        tags,
        summary: 'One payment order with its lines',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(Order), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getPaymentOrder(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/payment-orders/{id}/cancel',
        tags,
        summary: 'Cancel an order (say the bank refused it): its bills can be ordered again; 409 `order_cancelled`',
        permission: 'accounting.post',
        request: { params: IdParam },
        responses: { 200: json(Order), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await cancelPaymentOrder(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payment-orders/{id}/{file}',
        tags,
        summary:
          'The order as a file for the bank: pain001.xml (ISO 20022 pain.001.001.03; EUR to SEPA countries as SEPA) or abo.kpc (Czech ABO, CZK to Czech accounts only: 409 `abo_czk_only`, `abo_domestic_only`, `abo_payer_not_czech`)',
        permission: 'accounting.read',
        request: {
          params: IdParam.extend({
            file: z.enum(['pain001.xml', 'abo.kpc']).openapi({ param: { name: 'file', in: 'path' } }),
          }),
        },
        responses: {
          200: {
            description: 'The file (attachment)',
            content: { 'application/xml': { schema: z.string() }, 'text/plain': { schema: z.string() } },
          },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { id, file } = c.req.valid('param');
        const f = await paymentOrderFile(c.var.ctx, id, FILES[file]);
        return c.body(f.body, 200, {
          'content-type': f.contentType,
          'content-disposition': `attachment; filename="${f.fileName}"`,
        });
      },
    );
