import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { SelectQueryBuilder } from 'kysely';
import type { TenantEnv } from '../http/env.ts';
import type { LocalizedText } from '../plugins/define-plugin.ts';
import { type ListSpec, listAll, listPage } from './page.ts';
import type { ListFormat, ListInput, ListPage } from './query.ts';
import { type Table, toCsv, toXlsx } from './table.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of an export: its header in both languages and the cell of an item. */
export interface ExportColumn<T> {
  header: LocalizedText | string;
  value: (item: T) => string | number | boolean | null | undefined;
  /** A decimal-string amount: a number cell in XLSX when it is exact there. */
  amount?: boolean;
}

export interface ListExport<T> {
  /** The file name without date and extension (`vehicles`). */
  filename: string;
  title?: LocalizedText | string;
  /** Defaults to every scalar field of the first item, keyed by name. */
  columns?: ExportColumn<T>[];
}

type Lang = 'en' | 'cs';
const text = (v: LocalizedText | string, lang: Lang) => (typeof v === 'string' ? v : v[lang]);

/** The language of an export: the `lang` asked for, else the user's, else the tenant's. */
export function exportLang(c: Context<TenantEnv>, asked?: Lang): Lang {
  const pick = asked ?? c.var.user?.locale ?? c.var.tenant.locale;
  return pick?.toLowerCase().startsWith('cs') ? 'cs' : 'en';
}

function defaultColumns<T>(items: T[]): ExportColumn<T>[] {
  const first = items[0] as Record<string, unknown> | undefined;
  if (!first) return [];
  return Object.keys(first)
    .filter((k) => {
      const v = first[k];
      return v === null || ['string', 'number', 'boolean'].includes(typeof v);
    })
    .map((k) => ({ header: k, value: (item: T) => (item as Record<string, never>)[k] }));
}

/** Items as a table with headers in `lang`. */
export function exportTable<T>(items: T[], spec: ListExport<T>, lang: Lang): Table {
  const columns = spec.columns ?? defaultColumns(items);
  return {
    title: text(spec.title ?? spec.filename, lang),
    columns: columns.map((c) => ({ header: text(c.header, lang), ...(c.amount ? { amount: true } : {}) })),
    rows: items.map((item) =>
      columns.map((c) => {
        const v = c.value(item);
        return v === undefined || v === null ? null : typeof v === 'boolean' ? String(v) : v;
      }),
    ),
  };
}

const asciiName = (s: string) => s.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'export';

/** A table as a CSV or XLSX download. */
export async function tableFile(table: Table, format: Exclude<ListFormat, 'json'>, name: string): Promise<Response> {
  const filename = `${asciiName(name)}.${format}`;
  const disposition = `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
  if (format === 'xlsx') {
    return new Response(new Uint8Array(await toXlsx(table)), {
      status: 200,
      headers: { 'content-type': XLSX_TYPE, 'content-disposition': disposition },
    });
  }
  return new Response(toCsv(table), {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition },
  });
}

/**
 * Answers a list request in one call: `format=json` gives one page (`{ items, nextCursor }`), `csv` or
 * `xlsx` the whole filtered, sorted list as a file. The handler builds the tenant- and filter-scoped
 * query; this adds search, sort, keyset paging and the export:
 *
 *   async (c) => sendList(c, c.req.valid('query'), db.selectFrom('fleet.vehicles as v')
 *       .selectAll('v').where('v.tenant_id', '=', c.var.tenant.id),
 *     { sort: { plate: 'v.plate', createdAt: 'v.created_at' }, id: 'v.id', search: ['v.plate'] },
 *     toVehicle, { filename: 'vehicles', columns: [...] })
 */
export async function sendList<S extends string, O, T>(
  c: Context<TenantEnv>,
  input: ListInput<S>,
  query: SelectQueryBuilder<any, any, O>,
  spec: ListSpec<S>,
  map: (row: O) => T | Promise<T>,
  exported: ListExport<T> = { filename: 'export' },
): Promise<TypedResponse<JSONParsed<ListPage<T>>, 200, 'json'>> {
  if (input.format === 'json') return c.json(await listPage(query, input, spec, map), 200);
  const items = await listAll(query, input, spec, map);
  const table = exportTable(items, exported, exportLang(c, input.lang));
  const today = c.var.ctx.now().toISOString().slice(0, 10);
  return (await tableFile(table, input.format, `${exported.filename}-${today}`)) as never;
}
