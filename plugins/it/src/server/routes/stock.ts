import {
  defineRoute,
  json,
  jsonBody,
  listQuery,
  listResponse,
  notFound,
  type PluginRouter,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import { CountInput, ReceiveInput, StockItemInput, StockOutInput } from '../../schema.ts';
import { m } from '../messages.ts';
import {
  checkInLoan,
  count,
  createStockItem,
  getStockItem,
  giveOut,
  loanQuery,
  receive,
  stockQuery,
  toLoan,
  toMove,
  toStockItem,
} from '../services/stock.ts';

const tags = ['it'];

export const StockItem = z
  .object({
    id: z.uuid(),
    kind: z.enum(['accessory', 'consumable']),
    name: z.string(),
    model: z.string().nullable(),
    unit: z.string(),
    onHand: z.number(),
    onLoan: z.number(),
    available: z.number(),
    minQuantity: z.number().nullable(),
    low: z.boolean(),
    locationId: z.string().nullable(),
    location: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ItStockItem');
export type StockItem = z.infer<typeof StockItem>;

export const StockLoan = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    itemName: z.string().nullable(),
    unit: z.string().nullable(),
    quantity: z.number(),
    holderType: z.enum(['user', 'employee', 'location']),
    holderId: z.string(),
    holder: z.string(),
    checkedOutAt: z.string(),
    checkedOutBy: z.string().nullable(),
    checkedInAt: z.string().nullable(),
    checkedInBy: z.string().nullable(),
  })
  .openapi('ItStockLoan');
export type StockLoan = z.infer<typeof StockLoan>;

export const StockMove = z
  .object({
    id: z.uuid(),
    kind: z.enum(['receive', 'issue', 'checkout', 'checkin', 'count']),
    quantity: z.number(),
    onHandAfter: z.number(),
    holder: z.string().nullable(),
    note: z.string().nullable(),
    at: z.string(),
    by: z.string().nullable(),
  })
  .openapi('ItStockMove');
export type StockMove = z.infer<typeof StockMove>;

const StockDetail = StockItem.extend({ loans: z.array(StockLoan), moves: z.array(StockMove) }).openapi('ItStockDetail');
export type StockDetail = z.infer<typeof StockDetail>;

const StockListQuery = listQuery({
  sort: ['name', 'createdAt'],
  defaultSort: 'name',
  defaultDir: 'asc',
  filters: {
    kind: z.enum(['accessory', 'consumable']).optional(),
    /** Only items at or below their minimum. */
    low: z.enum(['true', 'false']).optional(),
  },
});

const IdParam = z.object({ id: z.uuid() });
const LoanParam = z.object({ id: z.uuid(), loanId: z.uuid() });

async function detail(ctx: Parameters<typeof getStockItem>[0], id: string) {
  const item = await getStockItem(ctx, id);
  if (!item) throw notFound(m.stock_item_not_found);
  const [loans, moves] = await Promise.all([
    loanQuery(ctx).where('o.item_id', '=', id).limit(500).execute(),
    ctx.db
      .selectFrom('it.stock_moves')
      .selectAll()
      .where('tenant_id', '=', ctx.tenant.id)
      .where('item_id', '=', id)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute(),
  ]);
  return { ...item, loans: loans.map(toLoan), moves: moves.map(toMove) };
}

/**
 * Accessories (lent and returned) and consumables (issued), counted in units with a minimum that
 * raises a low-stock alert; each item's loans and history of moves.
 */
export const stockRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/stock',
        tags,
        summary: 'Accessories and consumables: kind, low=true for those at or below their minimum; csv|xlsx',
        permission: 'it.read',
        request: { query: StockListQuery },
        responses: { 200: listResponse(StockItem), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = stockQuery(c.var.ctx);
        if (q.kind) query = query.where('s.kind', '=', q.kind);
        if (q.low === 'true')
          query = query.where(sql<boolean>`s.min_quantity is not null and s.on_hand - s.on_loan <= s.min_quantity`);
        return sendList(
          c,
          q,
          query,
          {
            sort: { name: 's.name', createdAt: 's.created_at' },
            id: 's.id',
            search: ['s.name', 's.model'],
          },
          toStockItem,
          {
            filename: 'stock',
            title: { en: 'Accessories and consumables', cs: 'Příslušenství a spotřební materiál' },
            columns: [
              { header: { en: 'Name', cs: 'Název' }, value: (s) => s.name },
              { header: { en: 'Kind', cs: 'Druh' }, value: (s) => s.kind },
              { header: { en: 'On hand', cs: 'Skladem' }, value: (s) => s.onHand },
              { header: { en: 'On loan', cs: 'Vypůjčeno' }, value: (s) => s.onLoan },
              { header: { en: 'Available', cs: 'K dispozici' }, value: (s) => s.available },
              { header: { en: 'Minimum', cs: 'Minimum' }, value: (s) => s.minQuantity },
              { header: { en: 'Unit', cs: 'Jednotka' }, value: (s) => s.unit },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/stock',
        tags,
        summary: 'Register an accessory or a consumable with its quantity and minimum; 409 stock_item_taken',
        permission: 'it.assets.manage',
        request: { body: jsonBody(StockItemInput) },
        responses: { 201: json(StockDetail, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const id = await createStockItem(c.var.ctx, c.req.valid('json'));
        return c.json(await detail(c.var.ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/stock/{id}',
        tags,
        summary: 'One item with its loans and its history of moves',
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(StockDetail), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await detail(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/stock/{id}/receive',
        tags,
        summary: 'Units arrive',
        permission: 'it.assets.manage',
        request: { params: IdParam, body: jsonBody(ReceiveInput) },
        responses: { 200: json(StockDetail), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const input = c.req.valid('json');
        await receive(c.var.ctx, id, input.quantity, input.note);
        return c.json(await detail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/stock/{id}/count',
        tags,
        summary: 'A stock count sets what is on hand; 409 below_on_loan',
        permission: 'it.assets.manage',
        request: { params: IdParam, body: jsonBody(CountInput) },
        responses: { 200: json(StockDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const input = c.req.valid('json');
        await count(c.var.ctx, id, input.onHand, input.note);
        return c.json(await detail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/stock/{id}/out',
        tags,
        summary:
          'Lend accessories to a member, employee or location, or issue consumables (optionally to one); 409 insufficient_stock',
        permission: 'it.assets.assign',
        request: { params: IdParam, body: jsonBody(StockOutInput) },
        responses: { 200: json(StockDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await giveOut(c.var.ctx, id, c.req.valid('json'));
        return c.json(await detail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/stock/{id}/loans/{loanId}/checkin',
        tags,
        summary: 'An accessory loan comes back; 409 loan_returned',
        permission: 'it.assets.assign',
        request: { params: LoanParam },
        responses: { 200: json(StockDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id, loanId } = c.req.valid('param');
        await checkInLoan(c.var.ctx, id, loanId);
        return c.json(await detail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/stock-loans',
        tags,
        summary: "A holder's accessory loans (open=true for what they have now)",
        permission: 'it.read',
        request: {
          query: z.object({
            holderType: z.enum(['user', 'employee', 'location']),
            holderId: z.string().min(1).max(100),
            open: z.enum(['true', 'false']).optional(),
          }),
        },
        responses: { 200: json(z.object({ items: z.array(StockLoan) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = loanQuery(c.var.ctx)
          .where('o.holder_type', '=', q.holderType)
          .where('o.holder_id', '=', q.holderId);
        if (q.open === 'true') query = query.where('o.checked_in_at', 'is', null);
        return c.json({ items: (await query.limit(500).execute()).map(toLoan) }, 200);
      },
    );
