import {
  defineRoute,
  fieldError,
  json,
  jsonBody,
  listQuery,
  listResponse,
  newId,
  type PluginRouter,
  Problem,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { fm } from '../../field-messages.ts';
import { AdjustmentInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { changeStock, quantityErrors, stockProduct } from '../services/adjustments.ts';
import { nextNumber } from '../services/numbers.ts';
import { today } from '../services/products.ts';
import { fromMilli, milli, qtyText } from '../services/quantity.ts';
import { lowStock } from '../services/reorder.ts';
import { lockLevels, postMoves, stockOf } from '../services/stock.ts';
import { createWarehouse, locationOf, settingsOf } from '../services/warehouses.ts';

const tags = ['orders: stock'];

const Figures = { onHand: z.number(), reserved: z.number(), available: z.number() };
const Stock = z
  .object({
    productId: z.string(),
    ...Figures,
    scrapped: z.number(),
    locations: z.array(z.object({ locationId: z.string(), code: z.string(), lot: z.string(), ...Figures })),
  })
  .openapi('OrdersStock');

const Move = z
  .object({
    id: z.string(),
    productId: z.string(),
    sku: z.string(),
    location: z.string(),
    lot: z.string(),
    kind: z.string(),
    onHand: z.number(),
    reserved: z.number(),
    document: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('OrdersStockMove');

const MoveQuery = listQuery({
  sort: ['createdAt'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { productId: z.uuid().optional(), orderId: z.uuid().optional() },
});

const Location = z.object({ id: z.string(), code: z.string(), kind: z.string(), pickPath: z.number() });
const Warehouse = z
  .object({ id: z.string(), code: z.string(), name: z.string(), isDefault: z.boolean(), locations: z.array(Location) })
  .openapi('OrdersWarehouse');

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/, fm.code.ref);

const CountInput = z.object({
  note: z.string().trim().max(500).optional(),
  lines: z
    .array(
      z.object({
        productId: z.uuid(),
        locationId: z.uuid(),
        lot: z.string().trim().max(60).optional(),
        counted: z.union([z.number().nonnegative(), z.string().regex(/^\d{1,11}([.,]\d{1,3})?$/)]),
      }),
    )
    .min(1)
    .max(1000),
});

async function warehouses(ctx: Parameters<typeof settingsOf>[0]) {
  const { warehouseId } = await settingsOf(ctx);
  const ws = await ctx.db
    .selectFrom('orders.warehouses')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .orderBy('code')
    .execute();
  const locs = await ctx.db
    .selectFrom('orders.locations')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .orderBy('pick_path')
    .orderBy('code')
    .execute();
  return ws.map((w) => ({
    id: w.id,
    code: w.code,
    name: w.name,
    isDefault: w.id === warehouseId,
    locations: locs
      .filter((l) => l.warehouse_id === w.id)
      .map((l) => ({ id: l.id, code: l.code, kind: l.kind, pickPath: l.pick_path })),
  }));
}

export const stockRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/stock',
        tags,
        summary: 'On hand, reserved and available of a product, in total and per bin and lot',
        permission: 'orders.read',
        request: { query: z.object({ productId: z.uuid(), warehouseId: z.uuid().optional() }) },
        responses: { 200: json(Stock), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { productId, warehouseId } = c.req.valid('query');
        const exists = await c.var.db
          .selectFrom('orders.products')
          .select('id')
          .where('tenant_id', '=', c.var.tenant.id)
          .where('id', '=', productId)
          .executeTakeFirst();
        if (!exists) throw new Problem(404, 'not_found', m.product_not_found);
        return c.json({ productId, ...(await stockOf(c.var.ctx, productId, { warehouseId })) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/stock/adjustments',
        tags,
        summary:
          'Adjust stock up or down at a bin (a move of kind adjustment); 409 insufficient_stock below what is available',
        permission: 'orders.stock',
        request: { body: jsonBody(AdjustmentInput) },
        responses: { 201: json(Stock, 'Adjusted'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        await changeStock(c.var.ctx, { ...input, kind: 'adjustment' });
        return c.json({ productId: input.productId, ...(await stockOf(c.var.ctx, input.productId)) }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/stock/receipts',
        tags,
        summary: 'Receive goods into a bin (a move of kind receipt)',
        permission: 'orders.stock',
        request: { body: jsonBody(AdjustmentInput.extend({ reason: z.string().trim().max(200).default('') })) },
        responses: { 201: json(Stock, 'Received'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        if (milli(input.quantity) < 0)
          throw new Problem(400, 'invalid_quantity', m.invalid_quantity, {
            errors: [fieldError('quantity', m.invalid_quantity)],
          });
        await changeStock(c.var.ctx, { ...input, kind: 'receipt' });
        return c.json({ productId: input.productId, ...(await stockOf(c.var.ctx, input.productId)) }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/stock/moves',
        tags,
        summary: 'The stock ledger: every move, newest first',
        permission: 'orders.read',
        request: { query: MoveQuery },
        responses: { 200: listResponse(Move), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = c.var.db
          .selectFrom('orders.stock_moves as s')
          .innerJoin('orders.products as p', (j) =>
            j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.product_id'),
          )
          .innerJoin('orders.locations as l', (j) =>
            j.onRef('l.tenant_id', '=', 's.tenant_id').onRef('l.id', '=', 's.location_id'),
          )
          .selectAll('s')
          .select(['p.sku', 'l.code as location'])
          .where('s.tenant_id', '=', c.var.tenant.id);
        if (q.productId) query = query.where('s.product_id', '=', q.productId);
        if (q.orderId) query = query.where('s.order_id', '=', q.orderId);
        return sendList(
          c,
          q,
          query,
          { sort: { createdAt: 's.created_at' }, id: 's.id', search: ['p.sku', 's.document', 's.reason'] },
          (r: Record<string, any>) => ({
            id: r.id,
            productId: r.product_id,
            sku: r.sku,
            location: r.location,
            lot: r.lot,
            kind: r.kind,
            onHand: Number(r.on_hand_delta),
            reserved: Number(r.reserved_delta),
            document: r.document ?? null,
            reason: r.reason ?? null,
            createdAt: new Date(r.created_at).toISOString(),
          }),
          {
            filename: 'stock-moves',
            title: { en: 'Stock moves', cs: 'Skladové pohyby' },
            columns: [
              { header: { en: 'Time', cs: 'Čas' }, value: (r) => r.createdAt },
              { header: { en: 'SKU', cs: 'Kód' }, value: (r) => r.sku },
              { header: { en: 'Location', cs: 'Místo' }, value: (r) => r.location },
              { header: { en: 'Kind', cs: 'Druh' }, value: (r) => r.kind },
              { header: { en: 'On hand', cs: 'Skladem' }, value: (r) => r.onHand },
              { header: { en: 'Reserved', cs: 'Rezervováno' }, value: (r) => r.reserved },
              { header: { en: 'Document', cs: 'Doklad' }, value: (r) => r.document },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/stock/reorder',
        tags,
        summary: 'Products whose available stock is at or below their reorder point',
        permission: 'orders.read',
        responses: {
          200: json(
            z.object({
              items: z.array(
                z.object({
                  productId: z.string(),
                  sku: z.string(),
                  name: z.string(),
                  available: z.number(),
                  reorderPoint: z.number(),
                }),
              ),
            }),
          ),
          ...problemResponses(401, 403),
        },
      }),
      async (c) => {
        return c.json({ items: await lowStock(c.var.ctx) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/warehouses',
        tags,
        summary: 'Warehouses with their locations in pick-path order',
        permission: 'orders.read',
        responses: { 200: json(z.object({ items: z.array(Warehouse) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await warehouses(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/warehouses',
        tags,
        summary: 'A new warehouse, with its dispatch and scrap locations and a first bin',
        permission: 'orders.stock',
        request: { body: jsonBody(z.object({ code: Code, name: z.string().trim().min(1).max(100) })) },
        responses: { 201: json(Warehouse, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const taken = await c.var.db
          .selectFrom('orders.warehouses')
          .select('id')
          .where('tenant_id', '=', c.var.tenant.id)
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (taken)
          throw new Problem(409, 'code_taken', m.code_taken, {
            params: { code: input.code },
            errors: [fieldError('code', m.code_taken, { code: input.code })],
          });
        const w = await createWarehouse(c.var.ctx, input);
        const all = await warehouses(c.var.ctx);
        return c.json(all.find((x) => x.id === w.warehouseId) as z.infer<typeof Warehouse>, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/warehouses/{id}/locations',
        tags,
        summary: 'A new bin; pickPath orders the pick walk (lower first)',
        permission: 'orders.stock',
        request: {
          params: z.object({ id: z.uuid() }),
          body: jsonBody(z.object({ code: Code, pickPath: z.number().int().min(0).max(1_000_000).optional() })),
        },
        responses: { 201: json(Location, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const input = c.req.valid('json');
        const ctx = c.var.ctx;
        const w = await ctx.db
          .selectFrom('orders.warehouses')
          .select('id')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!w) throw new Problem(404, 'not_found', m.warehouse_not_found);
        const taken = await ctx.db
          .selectFrom('orders.locations')
          .select('id')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('warehouse_id', '=', id)
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (taken)
          throw new Problem(409, 'code_taken', m.code_taken, {
            params: { code: input.code },
            errors: [fieldError('code', m.code_taken, { code: input.code })],
          });
        const row = {
          tenant_id: ctx.tenant.id,
          id: newId(),
          warehouse_id: id,
          code: input.code,
          kind: 'bin',
          pick_path: input.pickPath ?? 100,
          created_at: ctx.now(),
        };
        await ctx.db.insertInto('orders.locations').values(row).execute();
        return c.json({ id: row.id, code: row.code, kind: row.kind, pickPath: row.pick_path }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/counts',
        tags,
        summary: 'Post an inventory count: each difference from the ledger becomes a move of kind count',
        permission: 'orders.stock',
        request: { body: jsonBody(CountInput) },
        responses: {
          201: json(
            z.object({
              id: z.string(),
              number: z.string(),
              differences: z.array(
                z.object({
                  productId: z.string(),
                  locationId: z.string(),
                  lot: z.string(),
                  expected: z.number(),
                  counted: z.number(),
                  difference: z.number(),
                }),
              ),
            }),
            'Posted',
          ),
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const ctx = c.var.ctx;
        const errors = [];
        let warehouseId: string | null = null;
        for (const [i, l] of input.lines.entries()) {
          const product = await stockProduct(ctx, l.productId, `lines.${i}.productId`);
          const loc = await locationOf(ctx, l.locationId, `lines.${i}.locationId`);
          warehouseId ??= loc.warehouse_id;
          const counted = milli(l.counted);
          if (product.whole_units && counted % 1000 !== 0)
            errors.push(...quantityErrors(product, counted || 1, `lines.${i}.counted`));
        }
        if (errors.length) throw new Problem(400, 'whole_units', m.whole_units, { errors });
        const levels = await lockLevels(
          ctx,
          input.lines.map((l) => l.productId),
        );
        const id = newId();
        const number = await nextNumber(ctx, 'INV', today(ctx));
        await ctx.db
          .insertInto('orders.counts')
          .values({
            tenant_id: ctx.tenant.id,
            id,
            number,
            warehouse_id: warehouseId as string,
            status: 'posted',
            note: input.note ?? null,
            created_at: ctx.now(),
            posted_at: ctx.now(),
          })
          .execute();
        const differences = [];
        const moves = [];
        for (const l of input.lines) {
          const lot = l.lot ?? '';
          const level = levels.find(
            (x) => x.productId === l.productId && x.locationId === l.locationId && x.lot === lot,
          );
          const expected = level?.onHand ?? 0;
          const counted = milli(l.counted);
          const reserved = level?.reserved ?? 0;
          if (counted < reserved)
            throw new Problem(409, 'insufficient_stock', m.stock_short, {
              params: { available: fromMilli(counted - reserved) },
              extra: { productId: l.productId, reserved: fromMilli(reserved) },
            });
          await ctx.db
            .insertInto('orders.count_lines')
            .values({
              tenant_id: ctx.tenant.id,
              count_id: id,
              product_id: l.productId,
              location_id: l.locationId,
              lot,
              counted: qtyText(counted),
              expected: qtyText(expected),
            })
            .execute();
          differences.push({
            productId: l.productId,
            locationId: l.locationId,
            lot,
            expected: fromMilli(expected),
            counted: fromMilli(counted),
            difference: fromMilli(counted - expected),
          });
          if (counted !== expected)
            moves.push({
              productId: l.productId,
              locationId: l.locationId,
              lot,
              kind: 'count' as const,
              onHand: counted - expected,
              document: number,
              reason: input.note ?? null,
            });
        }
        await postMoves(ctx, moves);
        await ctx.audit({ action: 'orders.count.posted', entityType: 'orders.count', entityId: id, after: { number } });
        return c.json({ id, number, differences }, 201);
      },
    );
