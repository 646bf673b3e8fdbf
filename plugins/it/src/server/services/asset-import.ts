import {
  badRequest,
  type FieldError,
  fieldError,
  newId,
  type PluginContext,
  Problem,
  parseCsvRows,
  problem,
  zodFieldErrors,
} from '@bureau/core';
import { sql } from 'kysely';
import type { z } from 'zod';
import { AssetInput, LocationInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { registerAsset } from './assets.ts';

/** The most rows one file may bring. */
export const IMPORT_MAX_ROWS = 5000;

type Column = keyof AssetInput | 'location';

/**
 * Column headings the import understands (case and spacing ignored): the API's field names, the
 * headings of the asset list's own export (so an export imports back) and the Czech labels.
 * `Status` and `Holder` of the export describe what happened to an asset, not the asset: ignored.
 */
const HEADINGS: Record<string, Column | null> = {
  tag: 'tag',
  štítek: 'tag',
  name: 'name',
  název: 'name',
  category: 'category',
  kategorie: 'category',
  serialnumber: 'serialNumber',
  serial: 'serialNumber',
  'serialnumber/imei': 'serialNumber',
  imei: 'serialNumber',
  sériovéčíslo: 'serialNumber',
  'sériovéčíslo/imei': 'serialNumber',
  model: 'model',
  vendor: 'vendor',
  dodavatel: 'vendor',
  purchasedate: 'purchaseDate',
  purchased: 'purchaseDate',
  pořízeno: 'purchaseDate',
  datumpořízení: 'purchaseDate',
  purchaseprice: 'purchasePrice',
  price: 'purchasePrice',
  cena: 'purchasePrice',
  invoiceref: 'invoiceRef',
  invoice: 'invoiceRef',
  faktura: 'invoiceRef',
  warrantyuntil: 'warrantyUntil',
  zárukado: 'warrantyUntil',
  location: 'location',
  umístění: 'location',
  note: 'note',
  poznámka: 'note',
  status: null,
  stav: null,
  holder: null,
  držitel: null,
};

export const heading = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');

/** What happened to one row of the file (its line number counts the heading as line 1). */
export interface ImportRow {
  line: number;
  tag: string | null;
  name: string;
  result: 'created' | 'exists' | 'invalid';
  /** The asset it created or found. */
  assetId: string | null;
  errors: FieldError[];
}

export interface ImportReport {
  dryRun: boolean;
  rows: ImportRow[];
  created: number;
  existing: number;
  invalid: number;
}

/** `1. 3. 2026` or `1.3.2026` (as Czech spreadsheets write dates) to ISO; anything else as it is. */
export function isoDate(v: string): string {
  const cz = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$/.exec(v);
  return cz ? `${cz[3]}-${cz[2]?.padStart(2, '0')}-${cz[1]?.padStart(2, '0')}` : v;
}

/** `21 990,50 Kč` → `21990.50`: spaces and the currency go, a decimal comma becomes a point. */
function plainAmount(v: string): string {
  const s = v.replace(/[\s\u00a0]/g, '').replace(/(Kč|CZK|EUR|€)$/i, '');
  return s.includes('.') ? s : s.replace(',', '.');
}

/** The file's rows as asset inputs, each with what is wrong with it; 400 for a file that is not one. */
function readFile(csv: string) {
  const rows = parseCsvRows(csv);
  const head = rows[0];
  if (!head || rows.length < 2) throw badRequest('import_empty', m.import_empty);
  if (rows.length - 1 > IMPORT_MAX_ROWS) throw problem(400, m.import_too_large, { max: IMPORT_MAX_ROWS });
  const columns: Array<{ to: Column | null; custom?: string }> = head.map((h) => {
    const custom = /^custom\.([a-z][a-z0-9_]{0,39})$/i.exec(h.trim());
    if (custom) return { to: null, custom: custom[1]?.toLowerCase() as string };
    const key = heading(h);
    if (!(key in HEADINGS)) throw problem(400, m.import_unknown_column, { column: h });
    return { to: HEADINGS[key] ?? null };
  });
  for (const need of ['name', 'category'] as const)
    if (!columns.some((c) => c.to === need)) throw problem(400, m.import_missing_column, { column: need });
  return rows.slice(1).map((fields, i) => {
    const raw: Record<string, unknown> = {};
    const custom: Record<string, string> = {};
    columns.forEach((c, j) => {
      const v = (fields[j] ?? '').trim();
      if (!v) return;
      if (c.custom) custom[c.custom] = v;
      else if (c.to === 'purchaseDate' || c.to === 'warrantyUntil') raw[c.to] = isoDate(v);
      else if (c.to === 'purchasePrice') raw[c.to] = plainAmount(v);
      else if (c.to) raw[c.to] = v;
    });
    if (Object.keys(custom).length) raw.custom = custom;
    const location = typeof raw.location === 'string' ? raw.location : null;
    delete raw.location;
    // The location is a name here (found or added), checked as the location form checks one.
    const parsed = AssetInput.extend({ location: LocationInput.shape.name.optional() }).safeParse({
      ...raw,
      ...(location ? { location } : {}),
    });
    return {
      line: i + 2,
      raw,
      location,
      input: parsed.success ? (({ location: _, ...input }) => input)(parsed.data) : null,
      errors: parsed.success ? [] : zodFieldErrors(parsed.error as z.ZodError),
    };
  });
}

/** The asset a row means when the tenant has it already: by tag, else (a row without a tag) by serial number. */
async function existing(ctx: PluginContext, input: AssetInput): Promise<string | null> {
  const q = ctx.db.selectFrom('it.assets').select('id').where('tenant_id', '=', ctx.tenant.id);
  const row = input.tag
    ? await q.where(sql`lower(tag)`, '=', input.tag.toLowerCase()).executeTakeFirst()
    : input.serialNumber
      ? await q.where('serial_number', '=', input.serialNumber).executeTakeFirst()
      : undefined;
  return (row?.id as string | undefined) ?? null;
}

/** A location by name (case-insensitively), added when the tenant has none of that name. */
async function locationByName(ctx: PluginContext, name: string): Promise<string> {
  const t = ctx.tenant.id;
  const found = await ctx.db
    .selectFrom('it.locations')
    .select('id')
    .where('tenant_id', '=', t)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  if (found) return found.id as string;
  const id = newId();
  await ctx.db.insertInto('it.locations').values({ tenant_id: t, id, name, created_at: ctx.now() }).execute();
  await ctx.audit({ action: 'it.location.created', entityType: 'it.location', entityId: id, after: { name } });
  return id;
}

const savepoint = (
  ctx: PluginContext,
  what: 'savepoint' | 'release savepoint' | 'rollback to savepoint',
  name: string,
) => sql`${sql.raw(what)} ${sql.raw(name)}`.execute(ctx.db);

/**
 * Imports assets from a CSV file, each row registered exactly as the API registers one (categories
 * and locations found by name or added, the vendor found or added in the address book, tags generated
 * when absent). A row whose tag the tenant has (or, without a tag, whose serial number) is the asset
 * already there: reported, not duplicated, so the same file twice adds nothing. Each row runs in a
 * savepoint, so a failing row reports its own errors and the others go on; then, on a dry run or when
 * any row failed, everything the file did is rolled back: nothing is written.
 */
export async function importAssets(ctx: PluginContext, csv: string, dryRun: boolean): Promise<ImportReport> {
  const rows = readFile(csv);
  // One import at a time per tenant: a second waits, then finds what the first added as existing.
  await sql`select pg_advisory_xact_lock(hashtext(${`it.import:${ctx.tenant.id}`}))`.execute(ctx.db);
  const report: ImportReport = { dryRun, rows: [], created: 0, existing: 0, invalid: 0 };
  await savepoint(ctx, 'savepoint', 'it_import');
  for (const row of rows) {
    const out: ImportRow = {
      line: row.line,
      tag: typeof row.raw.tag === 'string' ? row.raw.tag : null,
      name: typeof row.raw.name === 'string' ? row.raw.name : '',
      result: 'invalid',
      assetId: null,
      errors: row.errors,
    };
    report.rows.push(out);
    if (!row.input) continue;
    const found = await existing(ctx, row.input);
    const earlier = found ? report.rows.find((r) => r.assetId === found && r.result === 'created') : undefined;
    if (earlier) {
      // Not an asset the tenant had: one an earlier line of this file brought.
      const path = row.input.tag ? 'tag' : 'serialNumber';
      out.errors = [fieldError(path, m.import_duplicate, { line: earlier.line })];
      continue;
    }
    if (found) {
      Object.assign(out, { result: 'exists', assetId: found });
      continue;
    }
    await savepoint(ctx, 'savepoint', 'it_import_row');
    try {
      const locationId = row.location ? await locationByName(ctx, row.location) : undefined;
      const asset = await registerAsset(ctx, { ...row.input, ...(locationId ? { locationId } : {}) });
      await savepoint(ctx, 'release savepoint', 'it_import_row');
      Object.assign(out, { result: 'created', assetId: asset.id, tag: asset.tag });
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      await savepoint(ctx, 'rollback to savepoint', 'it_import_row');
      out.errors = err.errors?.length
        ? err.errors
        : [{ path: '', message: err.text, ...(err.params ? { params: err.params } : {}), code: err.code }];
    }
  }
  for (const r of report.rows)
    report[r.result === 'invalid' ? 'invalid' : r.result === 'created' ? 'created' : 'existing']++;
  if (dryRun || report.invalid) await savepoint(ctx, 'rollback to savepoint', 'it_import');
  else await savepoint(ctx, 'release savepoint', 'it_import');
  return report;
}
