import {
  defineRoute,
  exportTable,
  json,
  jsonBody,
  type PluginRouter,
  Problem,
  problemResponses,
  requestLocale,
  tableFile,
  z,
} from '@bureau/core';
import { AssetImportInput, ComplianceQuery, HealthPost, PatchState } from '../../schema.ts';
import { m } from '../messages.ts';
import { type ComplianceReport, complianceReport } from '../services/compliance.ts';
import { checkReports, readingsOf, recordReadings } from '../services/health.ts';
import { importHealth } from '../services/health-import.ts';
import { tenantCalendar } from '../services/maintenance.ts';
import { importAnswer } from './import-answer.ts';

const tags = ['it'];

const Reading = z
  .object({
    id: z.uuid(),
    assetId: z.uuid(),
    os: z.string(),
    osVersion: z.string().nullable(),
    lastUpdateOn: z.string().nullable(),
    patchState: PatchState,
    lastSeenAt: z.string().nullable(),
    source: z.enum(['agent', 'csv']),
    reportedAt: z.string(),
    reportedBy: z.string(),
  })
  .openapi('ItHealthReading');

const FieldErrors = z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }));

const ImportReport = z
  .object({
    dryRun: z.boolean(),
    recorded: z.number().int(),
    invalid: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int(),
        tag: z.string().nullable(),
        result: z.enum(['recorded', 'invalid']),
        assetId: z.uuid().nullable(),
        errors: FieldErrors,
      }),
    ),
  })
  .openapi('ItHealthImport');

export const Compliance = z
  .object({
    asOf: z.string(),
    updatedWithinDays: z.number().int(),
    warrantyWithinDays: z.number().int(),
    notUpdated: z.array(
      z.object({
        assetId: z.uuid(),
        tag: z.string(),
        name: z.string(),
        os: z.string(),
        osVersion: z.string().nullable(),
        lastUpdateOn: z.string().nullable(),
        daysSinceUpdate: z.number().int().nullable(),
        patchState: PatchState,
        lastSeenAt: z.string().nullable(),
      }),
    ),
    warrantyEnding: z.array(
      z.object({
        assetId: z.uuid(),
        tag: z.string(),
        name: z.string(),
        warrantyUntil: z.string(),
        daysLeft: z.number().int(),
      }),
    ),
  })
  .openapi('ItCompliance');
export type Compliance = z.infer<typeof Compliance>;

const PATCH_LABELS = {
  up_to_date: { en: 'Up to date', cs: 'Aktuální' },
  updates_pending: { en: 'Updates pending', cs: 'Čekají aktualizace' },
  unsupported: { en: 'Unsupported', cs: 'Nepodporováno' },
};

/** The report as one table: a row per finding, the kind of finding first. */
function complianceRows(r: ComplianceReport, lang: 'en' | 'cs') {
  const notUpdated =
    lang === 'cs' ? `Neaktualizováno ${r.updatedWithinDays} dní` : `Not updated in ${r.updatedWithinDays} days`;
  const warranty =
    lang === 'cs' ? `Záruka končí do ${r.warrantyWithinDays} dní` : `Warranty ends within ${r.warrantyWithinDays} days`;
  return [
    ...r.notUpdated.map((d) => ({
      finding: notUpdated,
      ...d,
      patch: PATCH_LABELS[d.patchState][lang],
      warrantyUntil: null,
      daysLeft: null,
    })),
    ...r.warrantyEnding.map((a) => ({
      finding: warranty,
      ...a,
      os: null,
      osVersion: null,
      lastUpdateOn: null,
      daysSinceUpdate: null,
      patch: null,
      lastSeenAt: null,
    })),
  ];
}
type ComplianceRow = ReturnType<typeof complianceRows>[number];

/** Updates and health of devices (agents and CSV files report it) and the compliance report. */
export const healthRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'post',
        path: '/assets/health',
        tags,
        summary:
          "Report devices' health (a script or agent with an API token holding it.health.report): each reading finds its asset by tag or serial number and is kept as history; an unknown device (health_asset_unknown) or a date in the future (health_date_in_future) refuses the whole post (400 health_rejected, errors at readings.<n>.<field>), nothing written",
        permission: 'it.health.report',
        request: { body: jsonBody(HealthPost) },
        responses: {
          201: json(z.object({ recorded: z.number().int(), readings: z.array(Reading) }), 'Created'),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const { today } = await tenantCalendar(ctx);
        const checked = await checkReports(ctx, c.req.valid('json').readings, today);
        const failing = checked.filter((r) => r.errors.length).length;
        if (failing)
          throw new Problem(400, 'health_rejected', m.health_rejected, {
            params: { count: failing },
            errors: checked.flatMap((r, i) => r.errors.map((e) => ({ ...e, path: `readings.${i}.${e.path}` }))),
          });
        const readings = await recordReadings(ctx, checked, 'agent');
        return c.json({ recorded: readings.length, readings }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/assets/health/import',
        tags,
        summary:
          'Import health readings from CSV (tag or serial, os, version, last update, patch state, last seen): dryRun reports each row and writes nothing; a real run writes nothing when any row fails (400 import_rejected, errors at line.<n>.<field>)',
        permission: 'it.assets.manage',
        request: { body: jsonBody(AssetImportInput) },
        responses: { 200: json(ImportReport), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { csv, dryRun } = c.req.valid('json');
        return c.json(
          importAnswer(await importHealth(c.var.ctx, csv, dryRun), m.health_rejected, requestLocale(c)),
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assets/{id}/health',
        tags,
        summary: "A device's health readings, newest first (at most 100)",
        permission: 'it.read',
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 200: json(z.object({ items: z.array(Reading) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json({ items: await readingsOf(c.var.ctx, c.req.valid('param').id) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/compliance',
        tags,
        summary:
          'Compliance: devices not updated in updatedWithinDays (default 30) and warranties ending within warrantyWithinDays (default 60); format=csv downloads it',
        permission: 'it.read',
        request: { query: ComplianceQuery },
        responses: { 200: json(Compliance), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const report = await complianceReport(c.var.ctx, q.updatedWithinDays, q.warrantyWithinDays);
        if (q.format === 'json') return c.json(report, 200);
        const lang = q.lang ?? (requestLocale(c).startsWith('cs') ? 'cs' : 'en');
        const table = exportTable<ComplianceRow>(
          complianceRows(report, lang),
          {
            filename: 'compliance',
            title: { en: 'Compliance', cs: 'Soulad' },
            columns: [
              { header: { en: 'Finding', cs: 'Zjištění' }, value: (r) => r.finding },
              { header: { en: 'Tag', cs: 'Štítek' }, value: (r) => r.tag },
              { header: { en: 'Name', cs: 'Název' }, value: (r) => r.name },
              { header: { en: 'OS', cs: 'Operační systém' }, value: (r) => r.os },
              { header: { en: 'Version', cs: 'Verze' }, value: (r) => r.osVersion },
              { header: { en: 'Last update', cs: 'Poslední aktualizace' }, value: (r) => r.lastUpdateOn },
              { header: { en: 'Days since update', cs: 'Dní od aktualizace' }, value: (r) => r.daysSinceUpdate },
              { header: { en: 'Patch state', cs: 'Stav aktualizací' }, value: (r) => r.patch },
              { header: { en: 'Last seen', cs: 'Naposledy viděno' }, value: (r) => r.lastSeenAt },
              { header: { en: 'Warranty until', cs: 'Záruka do' }, value: (r) => r.warrantyUntil },
              { header: { en: 'Days left', cs: 'Zbývá dní' }, value: (r) => r.daysLeft },
            ],
          },
          lang,
        );
        return (await tableFile(table, 'csv', `compliance-${report.asOf}`)) as never;
      },
    );
