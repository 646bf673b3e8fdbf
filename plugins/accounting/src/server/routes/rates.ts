import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { dateOf } from '../services/dates.ts';
import { importRates, listRates, rateOn, revalue } from '../services/rates.ts';
import { Currency, DateString } from './schemas.ts';

const RateSchema = z.object({ currency: z.string(), date: z.string(), rate: z.string() }).openapi('AccountingRate');
const tags = ['accounting: rates'];

/** ČNB exchange rates (imported from its daily or yearly file) and the year-end revaluation. */
export const rateRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/exchange-rates',
        tags,
        summary: 'Imported rates, newest first',
        permission: 'accounting.read',
        request: {
          query: z.object({
            currency: Currency.optional(),
            from: DateString.optional(),
            to: DateString.optional(),
            limit: z.coerce.number().int().min(1).max(5000).default(500),
          }),
        },
        responses: {
          200: json(z.object({ rates: z.array(RateSchema.extend({ source: z.string() })) })),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => c.json({ rates: await listRates(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/exchange-rates/import',
        tags,
        summary: 'Import a ČNB rate file: the daily denni_kurz.txt or the yearly rok.txt (text as published)',
        permission: 'accounting.post',
        request: { body: jsonBody(z.object({ content: z.string().min(1).max(5_000_000) })) },
        responses: {
          200: json(z.object({ imported: z.number(), from: z.string(), to: z.string(), days: z.number() })),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => c.json(await importRates(c.var.ctx, c.req.valid('json').content), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/exchange-rates/rate',
        tags,
        summary: 'The rate valid on a day: the last one declared on or before it (null when none was imported)',
        permission: 'accounting.read',
        request: { query: z.object({ currency: Currency, date: DateString.optional() }) },
        responses: { 200: json(z.object({ rate: RateSchema.nullable() })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        return c.json({ rate: await rateOn(c.var.ctx, q.currency, q.date ?? dateOf(c.var.ctx.now())) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/revaluation',
        tags,
        summary: 'Revalue open foreign-currency invoices, bills and bank accounts at the ČNB rate of a day (year end)',
        permission: 'accounting.post',
        request: { body: jsonBody(z.object({ date: DateString })) },
        responses: {
          200: json(
            z.object({
              date: z.string(),
              entryId: z.string().nullable(),
              documents: z.number(),
              gain: z.string(),
              loss: z.string(),
              net: z.string().optional(),
            }),
          ),
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => c.json(await revalue(c.var.ctx, c.req.valid('json').date), 200),
    );
