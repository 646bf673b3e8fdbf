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
import { ReturnInput } from '../../schema.ts';
import { returnWorkflow } from '../returns-workflow.ts';
import { orderRow } from '../services/orders.ts';
import { fromMilli } from '../services/quantity.ts';
import {
  authoriseReturn,
  Return,
  ReturnDetail,
  returnable,
  returnDetail,
  returnsQuery,
  toReturn,
} from '../services/returns.ts';

const tags = ['orders: returns'];
const IdParam = z.object({ id: z.uuid() });

const ReturnQuery = listQuery({
  sort: ['createdAt', 'number'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: {
    status: z.enum(['authorised', 'received', 'cancelled']).optional(),
    orderId: z.uuid().optional(),
  },
});

const returnRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders/{id}/returnable',
        tags,
        summary: 'What of each line of an order can still be returned',
        permission: 'orders.read',
        request: { params: IdParam },
        responses: {
          200: json(
            z.object({
              items: z.array(
                z.object({ lineId: z.string(), lineNo: z.number(), sku: z.string(), returnable: z.number() }),
              ),
            }),
          ),
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await orderRow(c.var.ctx, id);
        const lines = await returnable(c.var.ctx, id);
        return c.json(
          {
            items: lines.map((l) => ({
              lineId: l.lineId,
              lineNo: l.lineNo,
              sku: l.sku,
              returnable: fromMilli(Math.max(0, l.returnable)),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/orders/{id}/returns',
        tags,
        summary:
          'Authorise a return (RMA) of a shipped or delivered order: lines and quantities, by default all that is returnable',
        permission: 'orders.sell',
        request: { params: IdParam, body: jsonBody(ReturnInput) },
        responses: { 201: json(ReturnDetail, 'Authorised'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const id = await authoriseReturn(ctx, c.req.valid('param').id, c.req.valid('json'));
        await ctx.workflow(returnWorkflow).start(id);
        await ctx.audit({ action: 'orders.return.authorised', entityType: 'orders.return', entityId: id });
        return c.json(await returnDetail(ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/returns',
        tags,
        summary: 'Returns: search by number, order or reason, filter by status or order',
        permission: 'orders.read',
        request: { query: ReturnQuery },
        responses: { 200: listResponse(Return), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = returnsQuery(c.var.ctx);
        if (q.status) query = query.where('r.status', '=', q.status);
        if (q.orderId) query = query.where('r.order_id', '=', q.orderId);
        return sendList(
          c,
          q,
          query,
          {
            sort: { createdAt: 'r.created_at', number: 'r.number' },
            id: 'r.id',
            search: ['r.number', 'o.number', 'r.reason'],
          },
          toReturn,
          {
            filename: 'returns',
            title: { en: 'Returns', cs: 'Vratky' },
            columns: [
              { header: { en: 'Number', cs: 'Číslo' }, value: (r) => r.number },
              { header: { en: 'Order', cs: 'Objednávka' }, value: (r) => r.orderNumber },
              { header: { en: 'Customer', cs: 'Zákazník' }, value: (r) => r.customer },
              { header: { en: 'Status', cs: 'Stav' }, value: (r) => r.status },
              { header: { en: 'Reason', cs: 'Důvod' }, value: (r) => r.reason },
              { header: { en: 'Credit', cs: 'Dobropis' }, value: (r) => r.credit, amount: true },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/returns/{id}',
        tags,
        summary: 'One return with its lines: authorised, back in stock, scrapped',
        permission: 'orders.read',
        request: { params: IdParam },
        responses: { 200: json(ReturnDetail), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await returnDetail(c.var.ctx, c.req.valid('param').id), 200),
    );

/** Return routes and the workflow's: `GET /returns/{id}/workflow`, `POST /returns/{id}/receive|cancel`. */
export const returnsRoutes = (router: PluginRouter) =>
  workflowRoutes(returnRoutes(router), returnWorkflow, { path: '/returns' });
