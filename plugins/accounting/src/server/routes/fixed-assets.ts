import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import {
  assetDetail,
  disposeAsset,
  recordTaxYear,
  runDepreciation,
  taxDepreciationYear,
} from '../services/asset-depreciation.ts';
import { createAsset, listAssets } from '../services/fixed-assets.ts';
import { AccountCode, Amount, DateString, IdParam, Paging, Period, Text } from './schemas.ts';

const AssetSchema = z
  .object({
    id: z.string(),
    inventoryNumber: z.string(),
    name: z.string(),
    category: z.enum(['tangible', 'intangible']),
    account: z.string(),
    acquisitionDate: z.string(),
    inUseDate: z.string(),
    cost: z.string(),
    currency: z.string(),
    usefulLifeMonths: z.number().int(),
    taxGroup: z.number().int().nullable(),
    taxMethod: z.enum(['straight', 'accelerated']),
    status: z.enum(['active', 'disposed']),
    accumulated: z.string(),
    bookValue: z.string(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
  })
  .openapi('AccountingFixedAsset');

const AssetDetailSchema = AssetSchema.extend({
  serialNumber: z.string().nullable(),
  location: z.string().nullable(),
  costCenter: z.string().nullable(),
  note: z.string().nullable(),
  disposedOn: z.string().nullable(),
  disposalKind: z.string().nullable(),
  accountingPlan: z.array(z.object({ year: z.number().int(), planned: z.string(), posted: z.string() })),
  taxPlan: z.array(
    z.object({
      year: z.number().int(),
      amount: z.string(),
      residual: z.string(),
      suspended: z.boolean(),
      disposal: z.boolean(),
      claimed: z.boolean(),
    }),
  ),
}).openapi('AccountingFixedAssetDetail');

const AssetInput = z
  .object({
    name: Text(200).min(1),
    inventoryNumber: Text(40).min(1).optional(),
    category: z.enum(['tangible', 'intangible']).optional(),
    account: AccountCode.optional(),
    acquisitionDate: DateString,
    inUseDate: DateString.optional(),
    cost: Amount,
    usefulLifeMonths: z.number().int().min(1).max(1200),
    taxGroup: z.number().int().min(1).max(6).nullable().optional(),
    taxMethod: z.enum(['straight', 'accelerated']).optional(),
    serialNumber: Text(100).nullable().optional(),
    location: Text(200).nullable().optional(),
    costCenter: Text(50).nullable().optional(),
    note: Text(1000).nullable().optional(),
    post: z.object({ from: AccountCode.optional() }).optional(),
  })
  .openapi('AccountingFixedAssetInput');

const TaxYearSchema = z.object({
  year: z.number().int(),
  currency: z.string(),
  rows: z.array(
    z.object({
      assetId: z.string(),
      inventoryNumber: z.string(),
      name: z.string(),
      group: z.number().int(),
      method: z.string(),
      amount: z.string(),
      residual: z.string(),
      suspended: z.boolean(),
      claimed: z.boolean(),
    }),
  ),
  total: z.string(),
});

const Year = z.coerce.number().int().min(1990).max(2200);
const tags = ['accounting: fixed assets'];

/** Fixed-asset cards, monthly accounting depreciation, disposal and the tax depreciation of each year. */
export const fixedAssetRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/fixed-assets',
        tags,
        summary: 'Asset cards by inventory number',
        permission: 'accounting.read',
        request: { query: z.object({ status: z.enum(['active', 'disposed']).optional(), ...Paging }) },
        responses: { 200: json(z.object({ assets: z.array(AssetSchema) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ assets: await listAssets(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/fixed-assets',
        tags,
        summary: 'Create an asset card; `post` also posts it into use (Dr 022 / Cr 042)',
        permission: 'accounting.post',
        request: { body: jsonBody(AssetInput) },
        responses: { 201: json(AssetDetailSchema, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const { asset } = await createAsset(c.var.ctx, c.req.valid('json'));
        return c.json(await assetDetail(c.var.ctx, asset.id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/fixed-assets/depreciation',
        tags,
        summary: 'Post the monthly accounting depreciation due up to a month (idempotent)',
        permission: 'accounting.post',
        request: { body: jsonBody(z.object({ period: Period })) },
        responses: {
          200: json(
            z.object({ period: z.string(), entryId: z.string().nullable(), assets: z.number(), total: z.string() }),
          ),
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => c.json(await runDepreciation(c.var.ctx, c.req.valid('json').period), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/fixed-assets/tax-depreciation',
        tags,
        summary: "Each asset's tax depreciation for a year (ZDP § 31 straight-line, § 32 accelerated)",
        permission: 'accounting.read',
        request: { query: z.object({ year: Year }) },
        responses: { 200: json(TaxYearSchema), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await taxDepreciationYear(c.var.ctx, c.req.valid('query').year), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/fixed-assets/tax-depreciation',
        tags,
        summary: 'Record a year’s tax depreciation as claimed; `suspend` lists assets whose depreciation is suspended',
        permission: 'accounting.post',
        request: { body: jsonBody(z.object({ year: Year, suspend: z.array(z.uuid()).max(10_000).optional() })) },
        responses: { 200: json(TaxYearSchema), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const body = c.req.valid('json');
        return c.json(await recordTaxYear(c.var.ctx, body.year, body.suspend ?? []), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/fixed-assets/{id}',
        tags,
        summary: 'One asset with its accounting plan by year and its tax depreciation plan',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(AssetDetailSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await assetDetail(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/fixed-assets/{id}/dispose',
        tags,
        summary: 'Take the asset out of use: accumulated depreciation and net book value (541) leave the asset account',
        permission: 'accounting.post',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ date: DateString, kind: z.enum(['sale', 'scrap', 'other']) })),
        },
        responses: { 200: json(AssetDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await disposeAsset(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    );
