import {
  badRequest,
  type FieldError,
  fieldError,
  type PluginContext,
  parseCsvRows,
  problem,
  zodFieldErrors,
} from '@bureau/core';
import type { z } from 'zod';
import { HealthReport, type PatchState } from '../../schema.ts';
import { m } from '../messages.ts';
import { heading, IMPORT_MAX_ROWS, isoDate } from './asset-import.ts';
import { checkReports, recordReadings } from './health.ts';
import { tenantCalendar } from './maintenance.ts';

type Column = keyof HealthReport;

/** Headings (case and spacing ignored): the API's field names, English words and the Czech labels. */
const HEADINGS: Record<string, Column> = {
  tag: 'tag',
  štítek: 'tag',
  serialnumber: 'serialNumber',
  serial: 'serialNumber',
  sériovéčíslo: 'serialNumber',
  os: 'os',
  operatingsystem: 'os',
  operačnísystém: 'os',
  systém: 'os',
  osversion: 'osVersion',
  version: 'osVersion',
  verze: 'osVersion',
  verzeos: 'osVersion',
  lastupdateon: 'lastUpdateOn',
  lastupdate: 'lastUpdateOn',
  posledníaktualizace: 'lastUpdateOn',
  patchstate: 'patchState',
  patch: 'patchState',
  stavaktualizací: 'patchState',
  lastseenat: 'lastSeenAt',
  lastseen: 'lastSeenAt',
  naposledyviděno: 'lastSeenAt',
};

/** The patch states as a spreadsheet may spell them (API values, English and Czech words). */
const PATCH_STATES: Record<string, PatchState> = {
  uptodate: 'up_to_date',
  current: 'up_to_date',
  aktuální: 'up_to_date',
  updatespending: 'updates_pending',
  pending: 'updates_pending',
  čekajíaktualizace: 'updates_pending',
  čekající: 'updates_pending',
  unsupported: 'unsupported',
  nepodporováno: 'unsupported',
  nepodporovaný: 'unsupported',
};

/** A last-seen cell: an ISO instant as it is; a day (ISO or Czech) as its start in UTC. */
function instant(v: string): string {
  const day = isoDate(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : v;
}

export interface HealthImportRow {
  line: number;
  tag: string | null;
  result: 'recorded' | 'invalid';
  assetId: string | null;
  errors: FieldError[];
}

export interface HealthImportReport {
  dryRun: boolean;
  recorded: number;
  invalid: number;
  rows: HealthImportRow[];
}

function readFile(csv: string) {
  const rows = parseCsvRows(csv);
  const head = rows[0];
  if (!head || rows.length < 2) throw badRequest('import_empty', m.import_empty);
  if (rows.length - 1 > IMPORT_MAX_ROWS) throw problem(400, m.import_too_large, { max: IMPORT_MAX_ROWS });
  const columns = head.map((h) => {
    const to = HEADINGS[heading(h)];
    if (!to) throw problem(400, m.import_unknown_column, { column: h });
    return to;
  });
  for (const need of ['os', 'patchState'] as const)
    if (!columns.includes(need)) throw problem(400, m.import_missing_column, { column: need });
  return rows.slice(1).map((fields, i) => {
    const raw: Record<string, string> = {};
    const errors: FieldError[] = [];
    columns.forEach((to, j) => {
      const v = (fields[j] ?? '').trim();
      if (!v) return;
      if (to === 'lastUpdateOn') raw[to] = isoDate(v);
      else if (to === 'lastSeenAt') raw[to] = instant(v);
      else if (to === 'patchState') {
        const state = PATCH_STATES[heading(v)];
        if (state) raw[to] = state;
        else errors.push(fieldError('patchState', m.health_patch_state, { value: v }));
      } else raw[to] = v;
    });
    const parsed = HealthReport.safeParse(raw);
    const fieldErrors = parsed.success ? [] : zodFieldErrors(parsed.error as z.ZodError);
    return {
      line: i + 2,
      tag: raw.tag ?? raw.serialNumber ?? null,
      report: parsed.success && !errors.length ? parsed.data : null,
      errors: [...errors, ...fieldErrors.filter((e) => !errors.some((x) => x.path === e.path))],
    };
  });
}

/**
 * Health readings from a CSV file: each row checked as an agent's report is (the device by tag or
 * serial, no date in the future), each reporting its own errors; a dry run, or a file with any failing
 * row, records nothing.
 */
export async function importHealth(ctx: PluginContext, csv: string, dryRun: boolean): Promise<HealthImportReport> {
  const rows = readFile(csv);
  const { today } = await tenantCalendar(ctx);
  const valid = rows.filter((r) => r.report);
  const checked = await checkReports(
    ctx,
    valid.map((r) => r.report as HealthReport),
    today,
  );
  const out: HealthImportRow[] = rows.map((r) => ({
    line: r.line,
    tag: r.tag,
    result: 'invalid',
    assetId: null,
    errors: r.errors,
  }));
  valid.forEach((r, i) => {
    const c = checked[i];
    const row = out.find((o) => o.line === r.line);
    if (!c || !row) return;
    Object.assign(row, {
      tag: c.tag,
      assetId: c.assetId,
      errors: c.errors,
      result: c.errors.length ? 'invalid' : 'recorded',
    });
  });
  const invalid = out.filter((r) => r.result === 'invalid').length;
  if (!dryRun && !invalid) await recordReadings(ctx, checked, 'csv');
  return { dryRun, recorded: out.length - invalid, invalid, rows: out };
}
