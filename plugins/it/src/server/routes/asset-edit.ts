import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, requestLocale, z } from '@bureau/core';
import { AssetImportInput, AssetPatch } from '../../schema.ts';
import { m } from '../messages.ts';
import { updateAsset } from '../services/asset-edit.ts';
import { IMPORT_MAX_ROWS, importAssets } from '../services/asset-import.ts';
import { Asset } from './assets.ts';
import { importAnswer } from './import-answer.ts';

const tags = ['it'];

const ImportReport = z
  .object({
    dryRun: z.boolean(),
    created: z.number().int(),
    existing: z.number().int(),
    invalid: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int(),
        tag: z.string().nullable(),
        name: z.string(),
        result: z.enum(['created', 'exists', 'invalid']),
        assetId: z.uuid().nullable(),
        errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })),
      }),
    ),
  })
  .openapi('ItAssetImport');

/** Changing an asset, and bringing many in from a CSV file. */
export const assetEditRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'post',
        path: '/assets/import',
        tags,
        summary: `Import assets from CSV (at most ${IMPORT_MAX_ROWS} rows): dryRun reports each row and writes nothing; a real run writes nothing when any row fails (400 import_rejected with errors at line.<n>.<field>); rows whose tag (or serial) exists are not duplicated`,
        permission: 'it.assets.manage',
        request: { body: jsonBody(AssetImportInput) },
        responses: { 200: json(ImportReport), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { csv, dryRun } = c.req.valid('json');
        return c.json(
          importAnswer(await importAssets(c.var.ctx, csv, dryRun), m.import_rejected, requestLocale(c)),
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/assets/{id}',
        tags,
        summary:
          'Change an asset: the fields sent, null clears one (custom replaced whole); audited with the changed fields; 409 serial_taken',
        permission: 'it.assets.manage',
        request: { params: z.object({ id: z.uuid() }), body: jsonBody(AssetPatch) },
        responses: { 200: json(Asset), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await updateAsset(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    );
