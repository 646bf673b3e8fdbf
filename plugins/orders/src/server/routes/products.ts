import {
  defineRoute,
  fieldError,
  json,
  jsonBody,
  listQuery,
  listResponse,
  type PluginRouter,
  Problem,
  problemResponses,
  requestLocale,
  sendList,
  z,
} from '@bureau/core';
import { ProductInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { createProduct, getProduct, moneyMinor, Product, toProduct } from '../services/products.ts';
import { milli, qtyText } from '../services/quantity.ts';

const tags = ['orders: products'];
const IdParam = z.object({ id: z.uuid() });

const ProductQuery = listQuery({
  sort: ['sku', 'name', 'createdAt'],
  defaultSort: 'sku',
  defaultDir: 'asc',
  filters: {
    active: z.enum(['true', 'false']).optional(),
    kit: z.enum(['true', 'false']).optional(),
  },
});

const ProductPatch = z.object({
  active: z.boolean().optional(),
  unitPrice: z.union([z.number().nonnegative(), z.string().regex(/^\d{1,12}([.,]\d{1,2})?$/)]).optional(),
  reorderPoint: z
    .union([z.number().nonnegative(), z.string().regex(/^\d{1,11}([.,]\d{1,3})?$/)])
    .nullable()
    .optional(),
  weightGrams: z.number().int().nonnegative().max(10_000_000).nullable().optional(),
  imageUrl: z.url().max(500).nullable().optional(),
});

export const productRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/products',
        tags,
        summary: 'Products: search by SKU, GTIN or name; format=csv|xlsx exports',
        permission: 'orders.read',
        request: { query: ProductQuery },
        responses: { 200: listResponse(Product), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const locale = requestLocale(c);
        let query = c.var.db
          .selectFrom('orders.products as p')
          .selectAll('p')
          .where('p.tenant_id', '=', c.var.tenant.id);
        if (q.active) query = query.where('p.active', '=', q.active === 'true');
        if (q.kit) query = query.where('p.is_kit', '=', q.kit === 'true');
        return sendList(
          c,
          q,
          query,
          {
            sort: { sku: 'p.sku', name: locale === 'cs' ? 'p.name_cs' : 'p.name_en', createdAt: 'p.created_at' },
            id: 'p.id',
            search: ['p.sku', 'p.gtin', 'p.name_cs', 'p.name_en'],
          },
          (r) => toProduct(r, locale),
          {
            filename: 'products',
            title: { en: 'Products', cs: 'Zboží' },
            columns: [
              { header: { en: 'SKU', cs: 'Kód' }, value: (p) => p.sku },
              { header: { en: 'GTIN', cs: 'GTIN' }, value: (p) => p.gtin },
              { header: { en: 'Name', cs: 'Název' }, value: (p) => p.name },
              { header: { en: 'Unit price', cs: 'Cena' }, value: (p) => p.unitPrice, amount: true },
              { header: { en: 'Currency', cs: 'Měna' }, value: (p) => p.currency },
              { header: { en: 'VAT', cs: 'DPH' }, value: (p) => p.vatRate },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/products',
        tags,
        summary: 'Create a product (GTIN check digit, Czech VAT class or rate, kits, variants, price list)',
        permission: 'orders.catalogue',
        request: { body: jsonBody(ProductInput) },
        responses: { 201: json(Product, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const id = await createProduct(c.var.ctx, input);
        await c.var.ctx.audit({
          action: 'orders.product.created',
          entityType: 'orders.product',
          entityId: id,
          after: { sku: input.sku },
        });
        return c.json(await getProduct(c.var.ctx, id, requestLocale(c)), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/products/{id}',
        tags,
        summary: 'One product with its kit components and price list',
        permission: 'orders.read',
        request: { params: IdParam },
        responses: { 200: json(Product), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getProduct(c.var.ctx, c.req.valid('param').id, requestLocale(c)), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/products/{id}',
        tags,
        summary: 'Change a product: deactivate, price, reorder point, weight, image',
        permission: 'orders.catalogue',
        request: { params: IdParam, body: jsonBody(ProductPatch) },
        responses: { 200: json(Product), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const p = c.req.valid('json');
        const ctx = c.var.ctx;
        await getProduct(ctx, id, 'en');
        const set: Record<string, unknown> = {};
        if (p.active !== undefined) set.active = p.active;
        if (p.unitPrice !== undefined) {
          const minor = moneyMinor(p.unitPrice);
          if (minor === null)
            throw new Problem(400, 'invalid_input', m.unknown_product, {
              errors: [fieldError('unitPrice', m.invalid_quantity)],
            });
          set.unit_price_minor = String(minor);
        }
        if (p.reorderPoint !== undefined)
          set.reorder_point = p.reorderPoint === null ? null : qtyText(milli(p.reorderPoint));
        if (p.weightGrams !== undefined) set.weight_g = p.weightGrams;
        if (p.imageUrl !== undefined) set.image_url = p.imageUrl;
        if (Object.keys(set).length)
          await ctx.db
            .updateTable('orders.products')
            .set(set)
            .where('tenant_id', '=', ctx.tenant.id)
            .where('id', '=', id)
            .execute();
        await ctx.audit({
          action: 'orders.product.changed',
          entityType: 'orders.product',
          entityId: id,
          after: Object.keys(set),
        });
        return c.json(await getProduct(ctx, id, requestLocale(c)), 200);
      },
    );
