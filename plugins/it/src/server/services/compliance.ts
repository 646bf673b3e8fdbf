import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import type { PatchState } from '../../schema.ts';
import { tenantCalendar, ymd } from './maintenance.ts';
import { addDays, daysBetween } from './maintenance-periods.ts';

export interface NotUpdatedDevice {
  assetId: string;
  tag: string;
  name: string;
  os: string;
  osVersion: string | null;
  lastUpdateOn: string | null;
  /** Days since the last update; null when the device never said. */
  daysSinceUpdate: number | null;
  patchState: PatchState;
  lastSeenAt: string | null;
}

export interface WarrantyEnding {
  assetId: string;
  tag: string;
  name: string;
  warrantyUntil: string;
  daysLeft: number;
}

export interface ComplianceReport {
  asOf: string;
  updatedWithinDays: number;
  warrantyWithinDays: number;
  notUpdated: NotUpdatedDevice[];
  warrantyEnding: WarrantyEnding[];
}

/**
 * The compliance report as of today in the tenant's time zone, over assets not retired: devices whose
 * newest health reading says they last took updates more than `updatedWithinDays` days ago (or does
 * not say when), longest first; and assets whose warranty ends today or within `warrantyWithinDays`
 * days, soonest first. Assets that never reported health are not devices the report can judge.
 */
export async function complianceReport(
  ctx: PluginContext,
  updatedWithinDays: number,
  warrantyWithinDays: number,
): Promise<ComplianceReport> {
  const { today } = await tenantCalendar(ctx);
  const t = ctx.tenant.id;
  const latest = await ctx.db
    .selectFrom('it.health_readings as r')
    .innerJoin('it.assets as a', (j) => j.onRef('a.tenant_id', '=', 'r.tenant_id').onRef('a.id', '=', 'r.asset_id'))
    .distinctOn('r.asset_id')
    .select([
      'r.asset_id',
      'a.tag',
      'a.name',
      'r.os',
      'r.os_version',
      'r.last_update_on',
      'r.patch_state',
      'r.last_seen_at',
    ])
    .where('r.tenant_id', '=', t)
    .where('a.status', '<>', 'retired')
    .orderBy('r.asset_id')
    .orderBy('r.reported_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const cutoff = addDays(today, -updatedWithinDays);
  const notUpdated = latest
    .map((r: any) => {
      const lastUpdateOn = r.last_update_on == null ? null : ymd(r.last_update_on);
      return {
        assetId: r.asset_id,
        tag: r.tag,
        name: r.name,
        os: r.os,
        osVersion: r.os_version ?? null,
        lastUpdateOn,
        daysSinceUpdate: lastUpdateOn ? daysBetween(lastUpdateOn, today) : null,
        patchState: r.patch_state,
        lastSeenAt: r.last_seen_at == null ? null : new Date(r.last_seen_at).toISOString(),
      } satisfies NotUpdatedDevice;
    })
    .filter((d) => d.lastUpdateOn === null || d.lastUpdateOn < cutoff)
    .sort(
      (a, b) =>
        (b.daysSinceUpdate ?? Number.MAX_SAFE_INTEGER) - (a.daysSinceUpdate ?? Number.MAX_SAFE_INTEGER) ||
        a.tag.localeCompare(b.tag),
    );
  const warranty = await ctx.db
    .selectFrom('it.assets')
    .select(['id', 'tag', 'name', 'warranty_until'])
    .where('tenant_id', '=', t)
    .where('status', '<>', 'retired')
    .where('warranty_until', '>=', sql<string>`${today}::date`)
    .where('warranty_until', '<=', sql<string>`${addDays(today, warrantyWithinDays)}::date`)
    .orderBy('warranty_until')
    .orderBy('tag')
    .execute();
  return {
    asOf: today,
    updatedWithinDays,
    warrantyWithinDays,
    notUpdated,
    warrantyEnding: warranty.map((a: any) => {
      const warrantyUntil = ymd(a.warranty_until);
      return { assetId: a.id, tag: a.tag, name: a.name, warrantyUntil, daysLeft: daysBetween(today, warrantyUntil) };
    }),
  };
}
