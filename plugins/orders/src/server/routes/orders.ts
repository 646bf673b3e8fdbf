import {
  defineRoute,
  json,
  jsonBody,
  listQuery,
  listResponse,
  type PluginRouter,
  Problem,
  problemResponses,
  sendList,
  workflowRoutes,
  z,
} from '@bureau/core';
import { OrderInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { invoiceStatus } from '../services/invoicing.ts';
import { createOrder, Order, OrderDetail, orderDetail, orderRow, toOrder } from '../services/orders.ts';
import { pick } from '../services/picking.ts';
import { addPackage } from '../services/shipping.ts';
import { orderWorkflow } from '../workflow.ts';

const tags = ['orders'];
const IdParam = z.object({ id: z.uuid() });
const STATUSES = ['draft', 'confirmed', 'picking', 'packed', 'shipped', 'delivered', 'cancelled'] as const;

const OrderQuery = listQuery({
  sort: ['createdAt', 'number', 'orderDate', 'status', 'total'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { status: z.enum(STATUSES).optional(), carrier: z.enum(['packeta', 'courier', 'pickup']).optional() },
});

const PickInput = z.object({
  code: z.string().trim().min(1).max(64).optional(),
  quantity: z.number().positive().max(1_000_000).optional(),
  lot: z.string().trim().max(60).optional(),
  all: z.boolean().optional(),
});

const PickResult = z.object({
  items: z.array(
    z.object({
      productId: z.string(),
      sku: z.string(),
      picked: z.number(),
      remaining: z.number(),
      complete: z.boolean(),
    }),
  ),
});

const Invoice = z
  .object({
    status: z.string(),
    total: z.string(),
    remaining: z.string(),
    number: z.string().nullable(),
    dueDate: z.string(),
  })
  .nullable();

const orderRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders',
        tags,
        summary: 'Sales orders: search by number or customer, filter by status or carrier; CSV/XLSX export',
        permission: 'orders.read',
        request: { query: OrderQuery },
        responses: { 200: listResponse(Order), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = c.var.db.selectFrom('orders.orders as o').selectAll('o').where('o.tenant_id', '=', c.var.tenant.id);
        if (q.status) query = query.where('o.status', '=', q.status);
        if (q.carrier) query = query.where('o.carrier', '=', q.carrier);
        return sendList(
          c,
          q,
          query,
          {
            sort: {
              createdAt: 'o.created_at',
              number: 'o.number',
              orderDate: 'o.order_date',
              status: 'o.status',
              total: 'o.total_minor',
            },
            id: 'o.id',
            search: ['o.number', 'o.customer_party_id', 'o.tracking_number', 'o.invoice_number'],
          },
          toOrder,
          {
            filename: 'orders',
            title: { en: 'Sales orders', cs: 'Objednávky' },
            columns: [
              { header: { en: 'Number', cs: 'Číslo' }, value: (o) => o.number },
              { header: { en: 'Date', cs: 'Datum' }, value: (o) => o.orderDate },
              { header: { en: 'Customer', cs: 'Zákazník' }, value: (o) => o.customer.name },
              { header: { en: 'Status', cs: 'Stav' }, value: (o) => o.status },
              { header: { en: 'Total', cs: 'Celkem' }, value: (o) => o.total, amount: true },
              { header: { en: 'Currency', cs: 'Měna' }, value: (o) => o.currency },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/orders',
        tags,
        summary: 'Create a draft sales order; prices from the price list valid on the order date',
        permission: 'orders.sell',
        request: { body: jsonBody(OrderInput) },
        responses: { 201: json(OrderDetail, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const id = await createOrder(ctx, c.req.valid('json'));
        await ctx.workflow(orderWorkflow).start(id);
        await ctx.audit({ action: 'orders.order.created', entityType: 'orders.order', entityId: id });
        return c.json(await orderDetail(ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders/{id}',
        tags,
        summary: 'One order with its lines (reserved, picked, shipped), packages and its invoice as accounting sees it',
        permission: 'orders.read',
        request: { params: IdParam },
        responses: {
          200: json(OrderDetail.extend({ invoiceStatus: Invoice })),
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const detail = await orderDetail(c.var.ctx, c.req.valid('param').id);
        return c.json({ ...detail, invoiceStatus: await invoiceStatus(c.var.ctx, detail.invoice.documentId) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/orders/{id}/picks',
        tags,
        summary:
          'Record picked goods by scanned code (GTIN or SKU) and quantity, or all that is reserved; wrong item is 400 wrong_item',
        permission: 'orders.fulfil',
        request: { params: IdParam, body: jsonBody(PickInput) },
        responses: { 200: json(PickResult), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json({ items: await pick(c.var.ctx, c.req.valid('param').id, c.req.valid('json')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/orders/{id}/packages',
        tags,
        summary: 'Add a package with its weight to an order being picked',
        permission: 'orders.fulfil',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ weightGrams: z.number().int().positive().max(1_000_000) })),
        },
        responses: { 201: json(OrderDetail, 'Added'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const ctx = c.var.ctx;
        const order = await orderRow(ctx, id, true);
        if (order.status !== 'picking') throw new Problem(409, 'not_picking', m.not_picking);
        await addPackage(ctx, id, c.req.valid('json').weightGrams);
        return c.json(await orderDetail(ctx, id), 201);
      },
    );

/** Order routes and the workflow's: `GET /orders/{id}/workflow`, `POST /orders/{id}/confirm|backorder|pick|pack|ship|deliver|cancel`. */
export const salesRoutes = (router: PluginRouter) =>
  workflowRoutes(orderRoutes(router), orderWorkflow, { path: '/orders' });
