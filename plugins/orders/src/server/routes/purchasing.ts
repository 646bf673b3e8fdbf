import {
  defineRoute,
  json,
  jsonBody,
  listQuery,
  listResponse,
  type PluginRouter,
  problemResponses,
  sendList,
  workflowRoutes,
  z,
} from '@bureau/core';
import { PurchaseBillInput, PurchaseOrderInput, PurchaseReceiptInput } from '../../schema.ts';
import { purchaseWorkflow } from '../purchase-workflow.ts';
import {
  billPurchase,
  createPurchaseOrder,
  PurchaseOrder,
  PurchaseOrderDetail,
  purchaseDetail,
  receivePurchase,
  reorderSuggestions,
  Suggestion,
  toPurchaseOrder,
} from '../services/purchasing.ts';

const tags = ['orders: purchasing'];
const IdParam = z.object({ id: z.uuid() });
const STATUSES = ['draft', 'ordered', 'received', 'closed', 'cancelled'] as const;

const PurchaseQuery = listQuery({
  sort: ['createdAt', 'number', 'orderDate', 'total'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { status: z.enum(STATUSES).optional() },
});

const purchaseRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/purchase-orders',
        tags,
        summary: 'Purchase orders: search by number or vendor, filter by status; CSV/XLSX export',
        permission: 'orders.read',
        request: { query: PurchaseQuery },
        responses: { 200: listResponse(PurchaseOrder), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = c.var.db
          .selectFrom('orders.purchase_orders as o')
          .selectAll('o')
          .where('o.tenant_id', '=', c.var.tenant.id);
        if (q.status) query = query.where('o.status', '=', q.status);
        return sendList(
          c,
          q,
          query,
          {
            sort: { createdAt: 'o.created_at', number: 'o.number', orderDate: 'o.order_date', total: 'o.total_minor' },
            id: 'o.id',
            search: ['o.number', 'o.vendor_bill_number', 'o.bill_number'],
          },
          toPurchaseOrder,
          {
            filename: 'purchase-orders',
            title: { en: 'Purchase orders', cs: 'Nákupní objednávky' },
            columns: [
              { header: { en: 'Number', cs: 'Číslo' }, value: (o) => o.number },
              { header: { en: 'Date', cs: 'Datum' }, value: (o) => o.orderDate },
              { header: { en: 'Vendor', cs: 'Dodavatel' }, value: (o) => o.vendor.name },
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
        path: '/purchase-orders',
        tags,
        summary:
          'Create a draft purchase order to a vendor (a party), lines at the unit cost given or the product cost',
        permission: 'orders.purchase',
        request: { body: jsonBody(PurchaseOrderInput) },
        responses: { 201: json(PurchaseOrderDetail, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const id = await createPurchaseOrder(ctx, c.req.valid('json'));
        await ctx.workflow(purchaseWorkflow).start(id);
        await ctx.audit({ action: 'orders.purchase.created', entityType: 'orders.purchase', entityId: id });
        return c.json(await purchaseDetail(ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/purchase-orders/{id}',
        tags,
        summary: 'One purchase order with its lines (ordered, received, billed) and goods receipts',
        permission: 'orders.read',
        request: { params: IdParam },
        responses: { 200: json(PurchaseOrderDetail), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await purchaseDetail(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/purchase-orders/{id}/receipts',
        tags,
        summary:
          'Receive a delivery (partial or the rest) against an ordered purchase order: receipt moves into bins; the last one completes the order',
        permission: 'orders.stock',
        request: { params: IdParam, body: jsonBody(PurchaseReceiptInput) },
        responses: { 201: json(PurchaseOrderDetail, 'Received'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const { id } = c.req.valid('param');
        const { receiptId, complete } = await receivePurchase(ctx, id, c.req.valid('json'));
        await ctx.audit({
          action: 'orders.purchase.received',
          entityType: 'orders.purchase',
          entityId: id,
          after: { receiptId },
        });
        if (complete) await ctx.workflow(purchaseWorkflow).transition(id, 'complete');
        return c.json(await purchaseDetail(ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/purchase-orders/{id}/bill',
        tags,
        summary: "Record the vendor's bill in accounting for what was received and not billed yet",
        permission: 'orders.purchase',
        request: { params: IdParam, body: jsonBody(PurchaseBillInput) },
        responses: {
          201: json(
            z.object({ documentId: z.string(), number: z.string().nullable(), total: z.string(), status: z.string() }),
            'Recorded',
          ),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const { id } = c.req.valid('param');
        const doc = await billPurchase(ctx, id, c.req.valid('json'));
        await ctx.audit({
          action: 'orders.purchase.billed',
          entityType: 'orders.purchase',
          entityId: id,
          after: { documentId: doc.id },
        });
        return c.json({ documentId: doc.id, number: doc.number, total: doc.total, status: doc.status }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/purchasing/suggestions',
        tags,
        summary:
          'Reorder suggestions: products whose available stock plus what is on order is at or below their reorder point',
        permission: 'orders.read',
        responses: { 200: json(z.object({ items: z.array(Suggestion) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await reorderSuggestions(c.var.ctx) }, 200),
    );

/** Purchasing routes and the workflow's: `GET /purchase-orders/{id}/workflow`, `POST /purchase-orders/{id}/order|complete|close|cancel`. */
export const purchasingRoutes = (router: PluginRouter) =>
  workflowRoutes(purchaseRoutes(router), purchaseWorkflow, { path: '/purchase-orders' });
