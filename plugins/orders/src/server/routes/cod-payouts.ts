import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import {
  confirmPayout,
  listPayouts,
  OpenParcel,
  openParcels,
  Payout,
  PayoutDetail,
  PayoutPreview,
  payoutDetail,
  previewPayout,
} from '../services/cod-payouts.ts';

const tags = ['orders: cash on delivery'];
const Content = z.string().min(1).max(2_000_000).openapi({ description: "The text of Packeta's payout report (CSV)" });

/** Packeta's cash-on-delivery payouts: the dry run of a payout report, its confirmation, the payouts kept and the parcels still waiting for theirs. */
export const codPayoutRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'post',
        path: '/shipping/packeta/payouts/preview',
        tags,
        summary:
          "Dry run of Packeta's COD payout report: per line the order found, due vs paid, and matched, short, over, unknown or settled before. Writes nothing",
        permission: 'orders.fulfil',
        request: { body: jsonBody(z.object({ content: Content })) },
        responses: { 200: json(PayoutPreview), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await previewPayout(c.var.ctx, c.req.valid('json').content), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/shipping/packeta/payouts',
        tags,
        summary:
          'Confirm a payout report: the batch is kept and the orders found are settled (their invoices paid with accounting); lines that differ need acceptDifference and a note',
        permission: 'orders.fulfil',
        request: {
          body: jsonBody(
            z.object({
              content: Content,
              acceptDifference: z.boolean().optional(),
              note: z.string().trim().max(500).nullable().optional(),
            }),
          ),
        },
        responses: { 201: json(PayoutDetail), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const id = await confirmPayout(c.var.ctx, c.req.valid('json'));
        return c.json(await payoutDetail(c.var.ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cod/payouts',
        tags,
        summary: 'Carrier COD payouts confirmed, newest first',
        permission: 'orders.fulfil',
        responses: { 200: json(z.object({ items: z.array(Payout) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await listPayouts(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cod/payouts/{id}',
        tags,
        summary: 'One payout with its rows',
        permission: 'orders.fulfil',
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 200: json(PayoutDetail), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await payoutDetail(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cod/open',
        tags,
        summary: 'Shipped Packeta parcels on cash on delivery not paid out yet, oldest first, with their age in days',
        permission: 'orders.fulfil',
        responses: { 200: json(z.object({ items: z.array(OpenParcel) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await openParcels(c.var.ctx) }, 200),
    );
