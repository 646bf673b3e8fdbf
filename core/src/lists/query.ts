import { z } from '@hono/zod-openapi';

/** What a list endpoint answers as JSON: one page and the cursor of the next (null on the last page). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

export const LIST_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** The query every list endpoint takes besides its own filters. */
export interface ListInput<S extends string = string> {
  q?: string | undefined;
  sort: S;
  dir: 'asc' | 'desc';
  cursor?: string | undefined;
  limit: number;
  format: ListFormat;
  lang?: 'en' | 'cs' | undefined;
}

export interface ListQueryOptions<S extends string, F extends z.ZodRawShape> {
  /** The keys a client may sort by (each maps to a column in `listPage`'s spec). */
  sort: readonly [S, ...S[]];
  defaultSort?: NoInfer<S>;
  defaultDir?: 'asc' | 'desc';
  /** The endpoint's own filters (`status`, `from`, …), merged into the query schema. */
  filters?: F;
  /** Page size default and cap (50 and 200 unless said otherwise). */
  defaultLimit?: number;
  maxLimit?: number;
}

/**
 * The standard query of a list endpoint, as one zod object: `q` (search), `sort` + `dir`, `cursor`
 * (the `nextCursor` of the previous page), `limit`, `format` (`json`, or `csv` / `xlsx` for an export
 * of everything the same filter matches), `lang` (the export's column headers) and the endpoint's
 * own filters:
 *
 *   const VehicleQuery = listQuery({ sort: ['plate', 'createdAt'], defaultSort: 'createdAt',
 *     defaultDir: 'desc', filters: { status: z.enum(['active', 'sold']).optional() } });
 */
export function listQuery<const S extends string, F extends z.ZodRawShape = Record<never, never>>(
  options: ListQueryOptions<S, F>,
) {
  const maxLimit = options.maxLimit ?? 200;
  const base = z.object({
    q: z.string().trim().max(200).optional().openapi({ description: 'Search text: every word must match' }),
    sort: z
      .enum(options.sort as unknown as [S, ...S[]])
      .default((options.defaultSort ?? options.sort[0]) as never)
      .openapi({ description: 'Sort key' }),
    dir: z.enum(['asc', 'desc']).default(options.defaultDir ?? 'asc'),
    cursor: z.string().max(1000).optional().openapi({ description: 'nextCursor of the previous page' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxLimit)
      .default(Math.min(options.defaultLimit ?? 50, maxLimit)),
    format: z.enum(LIST_FORMATS).default('json').openapi({ description: 'json, or an export: csv or xlsx' }),
    lang: z.enum(['en', 'cs']).optional().openapi({ description: "Language of an export's column headers" }),
  });
  return base.extend((options.filters ?? {}) as F);
}

/** The JSON shape of a list response, for the route's OpenAPI document and the typed client. */
export function listPageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * The 200 response of a list route: a JSON page. With `format=csv` or `format=xlsx` the same route
 * answers the export of the whole filter as a file (text/csv or XLSX); those are named in the
 * description only, so the typed client of the route stays the JSON page.
 */
export function listResponse<T extends z.ZodType>(
  item: T,
  description = 'One page; with format=csv or format=xlsx the whole filter as a CSV or XLSX file',
) {
  return { description, content: { 'application/json': { schema: listPageSchema(item) } } };
}
