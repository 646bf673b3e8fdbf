import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { allocate, createPayment, getPayment, listPayments, voidPayment } from '../services/payments.ts';
import {
  Amount,
  Bool,
  Currency,
  DateString,
  IdParam,
  Paging,
  PaymentSchema,
  PaymentSummarySchema,
  Rate,
  Text,
} from './schemas.ts';

const PaymentInput = z
  .object({
    partnerId: z.uuid().openapi({ description: 'A customer (money in) or a vendor (money out)' }),
    date: DateString.optional(),
    amount: Amount,
    currency: Currency.optional(),
    rate: Rate.optional(),
    bankAccountId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'Omitted: a cash payment (the cash account)' }),
    reference: Text(140).nullable().optional(),
    memo: Text(500).nullable().optional(),
    allocations: z
      .array(z.object({ documentId: z.uuid(), amount: Amount.optional() }))
      .max(100)
      .optional(),
  })
  .openapi('AccountingPaymentInput');

const tags = ['accounting: payments'];

/** Payments received and made: full, partial, overpayment kept as credit, later allocation, void. */
export const paymentRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payments',
        tags,
        summary: 'Payments, newest first',
        permission: 'accounting.read',
        request: {
          query: z.object({
            partnerId: z.uuid().optional(),
            direction: z.enum(['in', 'out']).optional(),
            from: DateString.optional(),
            to: DateString.optional(),
            unallocated: Bool.optional(),
            ...Paging,
          }),
        },
        responses: {
          200: json(z.object({ payments: z.array(PaymentSummarySchema) })),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => c.json({ payments: await listPayments(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/payments',
        tags,
        summary: 'Record and post a payment; allocate it to invoices or bills; the rest stays as credit',
        permission: 'accounting.post',
        request: { body: jsonBody(PaymentInput) },
        responses: { 201: json(PaymentSchema, 'Recorded'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createPayment(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payments/{id}',
        tags,
        summary: 'One payment with its allocations',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(PaymentSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getPayment(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/payments/{id}/allocate',
        tags,
        summary: 'Allocate unallocated credit of a payment to an open invoice or bill of the same partner',
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(z.object({ documentId: z.uuid(), amount: Amount.optional() })) },
        responses: { 200: json(PaymentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        await allocate(c.var.ctx, id, body.documentId, body.amount);
        return c.json(await getPayment(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/payments/{id}/void',
        tags,
        summary: 'Void a payment: reverse its postings and reopen the documents it paid',
        permission: 'accounting.post',
        request: {
          params: IdParam,
          body: {
            required: false,
            content: { 'application/json': { schema: z.object({ date: DateString.optional() }) } },
          },
        },
        responses: { 200: json(PaymentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const body = (c.req.valid('json') ?? {}) as { date?: string };
        return c.json(await voidPayment(c.var.ctx, c.req.valid('param').id, body.date), 200);
      },
    );
