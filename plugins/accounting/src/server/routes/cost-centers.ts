import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { fm } from '../../field-messages.ts';
import { createCostCenter, listCostCenters, updateCostCenter } from '../services/cost-centers.ts';
import { Bool, IdParam, Text } from './schemas.ts';

const tags = ['accounting: cost centres'];

const CostCenter = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.object({ cs: z.string(), en: z.string() }),
    active: z.boolean(),
  })
  .openapi('AccountingCostCenter');

const Name = z.object({ cs: Text(100).min(1), en: Text(100).min(1) });

/** Cost centres (střediska): the codes lines may carry; checked on posting once the tenant has any. */
export const costCenterRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/cost-centers',
        tags,
        summary: 'The cost centres, by code',
        permission: 'accounting.read',
        request: { query: z.object({ active: Bool.optional() }) },
        responses: { 200: json(z.object({ costCenters: z.array(CostCenter) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ costCenters: await listCostCenters(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/cost-centers',
        tags,
        summary: 'Add a cost centre (code in capitals, digits, `.`, `_`, `-`); 409 `duplicate_code`',
        permission: 'accounting.admin',
        request: {
          body: jsonBody(
            z.object({
              code: z
                .string()
                .trim()
                .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, fm.cost_center_code.ref),
              name: Name,
              active: z.boolean().optional(),
            }),
          ),
        },
        responses: { 201: json(CostCenter, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createCostCenter(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/cost-centers/{id}',
        tags,
        summary: 'Rename a cost centre or (de)activate it; its code stays',
        permission: 'accounting.admin',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ name: Name.optional(), active: z.boolean().optional() }).strict()),
        },
        responses: { 200: json(CostCenter), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await updateCostCenter(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    );
