import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { dateOf } from '../services/dates.ts';
import type { PartnerKind } from '../services/db.ts';
import {
  createPartner,
  deletePartner,
  getPartner,
  listPartners,
  partnerStatement,
  updatePartner,
} from '../services/partners.ts';
import { Bool, DateString, IdParam, Ok, Paging, PartnerInputSchema, PartnerSchema, Text } from './schemas.ts';

const Statement = z
  .object({
    partner: z.object({ id: z.string(), name: z.string(), kind: z.enum(['customer', 'vendor']) }),
    currency: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    opening: z.string(),
    rows: z.array(
      z.object({
        date: z.string(),
        entryId: z.string(),
        number: z.string(),
        memo: z.string(),
        debit: z.string().nullable(),
        credit: z.string().nullable(),
        balance: z.string(),
      }),
    ),
    closing: z.string(),
  })
  .openapi('AccountingPartnerStatement');

/** Customers (`/customers`) or vendors (`/vendors`): the same API for both. */
function partnerRoutes<const P extends '/customers' | '/vendors'>(r: PluginRouter, path: P, kind: PartnerKind) {
  const tags = [`accounting: ${kind}s`];
  const label = kind === 'customer' ? 'customer' : 'vendor';
  return r
    .openapi(
      defineRoute({
        method: 'get',
        path,
        tags,
        summary: `${label}s by name, with what is outstanding and their credit`,
        permission: 'accounting.read',
        request: { query: z.object({ q: Text(100).optional(), active: Bool.optional(), ...Paging }) },
        responses: {
          200: json(z.object({ [`${kind}s`]: z.array(PartnerSchema) })),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => c.json({ [`${kind}s`]: await listPartners(c.var.ctx, kind, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path,
        tags,
        summary: `Add a ${label} (IČO, DIČ and IBAN are validated)`,
        permission: 'accounting.post',
        request: { body: jsonBody(PartnerInputSchema) },
        responses: { 201: json(PartnerSchema, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createPartner(c.var.ctx, kind, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: `${path}/{id}`,
        tags,
        summary: `One ${label}`,
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(PartnerSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getPartner(c.var.ctx, kind, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: `${path}/{id}`,
        tags,
        summary: `Change a ${label}`,
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(PartnerInputSchema.partial()) },
        responses: { 200: json(PartnerSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await updatePartner(c.var.ctx, kind, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: `${path}/{id}`,
        tags,
        summary: `Delete a ${label} without documents or postings (otherwise deactivate)`,
        permission: 'accounting.post',
        request: { params: IdParam },
        responses: { 200: json(Ok), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        await deletePartner(c.var.ctx, kind, c.req.valid('param').id);
        return c.json({ ok: true as const }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: `${path}/{id}/statement`,
        tags,
        summary: `Statement of account: postings on the ${kind === 'customer' ? 'receivable' : 'payable'} account with running balance`,
        permission: 'accounting.read',
        request: { params: IdParam, query: z.object({ from: DateString.optional(), to: DateString.optional() }) },
        responses: { 200: json(Statement), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { from, to } = c.req.valid('query');
        return c.json(
          await partnerStatement(c.var.ctx, kind, c.req.valid('param').id, from, to ?? dateOf(c.var.ctx.now())),
          200,
        );
      },
    );
}

export const customerRoutes = (r: PluginRouter) => partnerRoutes(r, '/customers', 'customer');
export const vendorRoutes = (r: PluginRouter) => partnerRoutes(r, '/vendors', 'vendor');
