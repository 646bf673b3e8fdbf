import { defineRoute, isUuid, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { fm } from '../../field-messages.ts';
import { packetaExport, packetaTracking } from '../services/carrier.ts';
import { waveList } from '../services/wave.ts';

const tags = ['orders: shipping'];

const ExportQuery = z.object({
  homeDeliveryCarrierId: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional()
    .openapi({ description: "Packeta's id of its home-delivery carrier, for orders without a pickup point" }),
  senderLabel: z.string().trim().min(1).max(64).optional().openapi({ description: 'Your sender label at Packeta' }),
});

/** Parcel carrier files: the Packeta bulk-import CSV and reading its answer (tracking numbers) back. */
export const shippingRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/pick-list',
        tags,
        summary:
          'A pick list for one or many orders (a wave): what is left to pick per bin, product and lot in pick-walk order, with the orders taking it',
        permission: 'orders.read',
        request: {
          query: z.object({
            orderIds: z
              .string()
              .max(200 * 37)
              .refine((v) => v.split(',').every((id) => isUuid(id)), fm.order_ids.ref)
              .optional()
              .openapi({ description: 'Comma-separated order ids; default every confirmed or picking order' }),
          }),
        },
        responses: {
          200: json(
            z.object({
              orders: z.array(z.object({ id: z.string(), number: z.string() })),
              lines: z.array(
                z.object({
                  location: z.string(),
                  pickPath: z.number(),
                  productId: z.string(),
                  sku: z.string(),
                  gtin: z.string().nullable(),
                  name: z.string(),
                  lot: z.string(),
                  quantity: z.number(),
                  orders: z.array(z.object({ orderId: z.string(), number: z.string(), quantity: z.number() })),
                }),
              ),
            }),
          ),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => {
        const ids = c.req.valid('query').orderIds?.split(',');
        return c.json(await waveList(c.var.ctx, ids), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/shipping/packeta/export',
        tags,
        summary:
          'Packeta bulk-import CSV (version 6) of every package of a packed or shipped Packeta order still without a tracking number',
        permission: 'orders.fulfil',
        request: { query: ExportQuery },
        responses: {
          200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const { csv } = await packetaExport(c.var.ctx, q);
        return new Response(csv, {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="packeta-import.csv"',
          },
        }) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/shipping/packeta/tracking',
        tags,
        summary: "Read tracking numbers back from Packeta's list of submitted packets (all lines or nothing)",
        permission: 'orders.fulfil',
        request: { body: jsonBody(z.object({ content: z.string().min(1).max(2_000_000) })) },
        responses: {
          200: json(
            z.object({
              updated: z.array(
                z.object({
                  packageId: z.string(),
                  orderId: z.string(),
                  number: z.string(),
                  packetNumber: z.string(),
                  packageNo: z.number(),
                }),
              ),
            }),
          ),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => c.json(await packetaTracking(c.var.ctx, c.req.valid('json').content), 200),
    );
