import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { fm } from '../../field-messages.ts';
import { dateOf, monthEnd, monthStart } from '../services/dates.ts';
import { createVatRate, listVatRates, vatSummary } from '../services/vat.ts';
import { Country, DateString } from './schemas.ts';

const VatRate = z
  .object({
    id: z.string(),
    country: z.string(),
    code: z.string(),
    rate: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('AccountingVatRate');

const Side = z.object({
  rows: z.array(
    z.object({
      regime: z.string(),
      selfAssessed: z.boolean(),
      code: z.string(),
      rate: z.string(),
      base: z.string(),
      vat: z.string(),
    }),
  ),
  base: z.string(),
  vat: z.string(),
});

const tags = ['accounting: vat'];

export const vatRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/vat-rates',
        tags,
        summary: 'VAT rates per country with validity (`on` filters to the rates valid that day)',
        permission: 'accounting.read',
        request: { query: z.object({ country: Country.optional(), on: DateString.optional() }) },
        responses: { 200: json(z.object({ rates: z.array(VatRate) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ rates: await listVatRates(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/vat-rates',
        tags,
        summary: 'Add a rate; the open rate of the same country and code ends the day before',
        permission: 'accounting.admin',
        request: {
          body: jsonBody(
            z.object({
              country: Country,
              code: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/),
              rate: z.string().regex(/^\d{1,2}(\.\d{1,4})?$/, fm.vat_rate.ref),
              validFrom: DateString,
              validTo: DateString.nullable().optional(),
            }),
          ),
        },
        responses: { 201: json(VatRate, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createVatRate(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/vat/summary',
        tags,
        summary: 'Output VAT (invoices) against input VAT (bills) by tax date; defaults to the current month',
        permission: 'accounting.read',
        request: { query: z.object({ from: DateString.optional(), to: DateString.optional() }) },
        responses: {
          200: json(
            z.object({
              currency: z.string(),
              from: z.string(),
              to: z.string(),
              output: Side,
              input: Side,
              payable: z.string(),
            }),
          ),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const from = q.from ?? monthStart(dateOf(c.var.ctx.now()));
        return c.json(await vatSummary(c.var.ctx, from, q.to ?? monthEnd(from)), 200);
      },
    );
