import { type FieldError, fieldError, newId, notFound, type PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import type { HealthReport, PatchState } from '../../schema.ts';
import { m } from '../messages.ts';
import { ymd } from './maintenance.ts';

/** An agent's clock may run a little ahead of ours; a "last seen" further ahead than this is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Where a reading came from. */
export type HealthSource = 'agent' | 'csv';

/** A report checked against the tenant's assets: the asset it is about, or what is wrong with it. */
export interface CheckedReport {
  report: HealthReport;
  assetId: string | null;
  tag: string | null;
  errors: FieldError[];
}

export interface HealthReading {
  id: string;
  assetId: string;
  os: string;
  osVersion: string | null;
  lastUpdateOn: string | null;
  patchState: PatchState;
  lastSeenAt: string | null;
  source: HealthSource;
  reportedAt: string;
  reportedBy: string;
}

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

export const toReading = (r: Record<string, any>): HealthReading => ({
  id: r.id,
  assetId: r.asset_id,
  os: r.os,
  osVersion: r.os_version ?? null,
  lastUpdateOn: r.last_update_on == null ? null : ymd(r.last_update_on),
  patchState: r.patch_state,
  lastSeenAt: iso(r.last_seen_at),
  source: r.source,
  reportedAt: iso(r.reported_at) as string,
  reportedBy: r.reported_by,
});

/** The asset a report names: by tag (case-insensitively), else by serial number. */
async function deviceOf(ctx: PluginContext, r: HealthReport) {
  const q = ctx.db.selectFrom('it.assets').select(['id', 'tag']).where('tenant_id', '=', ctx.tenant.id);
  if (r.tag) return q.where(sql`lower(tag)`, '=', r.tag.toLowerCase()).executeTakeFirst();
  return q.where('serial_number', '=', r.serialNumber as string).executeTakeFirst();
}

/**
 * Checks each report: it names a device the tenant has, and neither its last update (a day in the
 * tenant's time zone, `today`) nor its last-seen instant lies in the future. Writes nothing.
 */
export async function checkReports(ctx: PluginContext, reports: HealthReport[], today: string) {
  const latest = ctx.now().getTime() + CLOCK_SKEW_MS;
  const checked: CheckedReport[] = [];
  for (const report of reports) {
    const errors: FieldError[] = [];
    let device: { id: unknown; tag: unknown } | undefined;
    if (!report.tag && !report.serialNumber) errors.push(fieldError('tag', m.health_device_missing));
    else {
      device = await deviceOf(ctx, report);
      if (!device)
        errors.push(
          fieldError(report.tag ? 'tag' : 'serialNumber', m.health_asset_unknown, {
            device: (report.tag ?? report.serialNumber) as string,
          }),
        );
    }
    if (report.lastUpdateOn && report.lastUpdateOn > today)
      errors.push(fieldError('lastUpdateOn', m.health_date_in_future, { date: report.lastUpdateOn }));
    if (report.lastSeenAt && new Date(report.lastSeenAt).getTime() > latest)
      errors.push(fieldError('lastSeenAt', m.health_date_in_future, { date: report.lastSeenAt }));
    checked.push({
      report,
      assetId: (device?.id as string | undefined) ?? null,
      tag: (device?.tag as string | undefined) ?? report.tag ?? null,
      errors,
    });
  }
  return checked;
}

/** Records one reading per checked report (all of them valid): the device's history grows by one each. */
export async function recordReadings(
  ctx: PluginContext,
  checked: CheckedReport[],
  source: HealthSource,
): Promise<HealthReading[]> {
  if (!checked.length) return [];
  const now = ctx.now();
  const rows = checked.map(({ report: r, assetId }) => ({
    tenant_id: ctx.tenant.id,
    id: newId(),
    asset_id: assetId as string,
    os: r.os,
    os_version: r.osVersion ?? null,
    last_update_on: r.lastUpdateOn ?? null,
    patch_state: r.patchState,
    last_seen_at: r.lastSeenAt ? new Date(r.lastSeenAt) : null,
    source,
    reported_at: now,
    reported_by: ctx.actor?.label ?? 'API',
  }));
  const inserted = await ctx.db.insertInto('it.health_readings').values(rows).returningAll().execute();
  return inserted.map(toReading);
}

/** A device's readings, newest first; 404 for an asset the tenant does not have. */
export async function readingsOf(ctx: PluginContext, assetId: string, limit = 100): Promise<HealthReading[]> {
  const asset = await ctx.db
    .selectFrom('it.assets')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', assetId)
    .executeTakeFirst();
  if (!asset) throw notFound(m.asset_not_found);
  const rows = await ctx.db
    .selectFrom('it.health_readings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('asset_id', '=', assetId)
    .orderBy('reported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toReading);
}
