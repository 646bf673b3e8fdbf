import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { badRequest, fieldError, problem } from '../http/problem.ts';
import { lm } from './messages.ts';
import type { ListInput, ListPage } from './query.ts';

/** How a list endpoint's query maps onto SQL: sortable columns, the unique tie-breaker, searched columns. */
export interface ListSpec<S extends string> {
  /** Sort key → column reference (`'v.plate'`, `'created_at'`). */
  sort: Record<S, string>;
  /** A unique column that breaks ties and anchors the cursor (`'v.id'`). */
  id: string;
  /** Columns `q` searches (case-insensitive, every word must occur in one of them). */
  search?: readonly string[];
}

/** The largest export; a wider filter is refused with 400 `export_too_large`. */
export const EXPORT_MAX_ROWS = 20_000;

type AnyQuery = SelectQueryBuilder<any, any, any>;
type Cursor = [sort: string, dir: 'asc' | 'desc', value: unknown, id: string];

const SORT = '__list_sort';
const ID = '__list_id';

/** Ids are UUIDs or integers; anything else in a cursor was not made by us. */
const ID_PATTERN = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|-?[0-9]{1,19})$/i;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function encodeValue(v: unknown): unknown {
  if (v instanceof Date) return { d: v.toISOString() };
  if (typeof v === 'bigint') return String(v);
  return v ?? null;
}

function decodeValue(v: unknown): unknown {
  if (v && typeof v === 'object' && 'd' in v && typeof (v as { d: unknown }).d === 'string') {
    const d = new Date((v as { d: string }).d);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return v;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c[0], c[1], encodeValue(c[2]), c[3]])).toString('base64url');
}

function invalidCursor() {
  return problem(400, lm.invalid_cursor, undefined, { errors: [fieldError('cursor', lm.start_again)] });
}

export function decodeCursor(raw: string, sort: string, dir: 'asc' | 'desc'): { value: unknown; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalidCursor();
  const [s, d, value, id] = parsed as unknown[];
  if (s !== sort || d !== dir || typeof id !== 'string' || !ID_PATTERN.test(id)) throw invalidCursor();
  if (value !== null && !['string', 'number', 'boolean', 'object'].includes(typeof value)) throw invalidCursor();
  if (typeof value === 'string' && value.length > 500) throw invalidCursor();
  return { value: decodeValue(value), id };
}

/** Every word of `q` must occur (ILIKE) in at least one of the columns. */
export function searchFilter(q: string | undefined, columns: readonly string[]) {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.and(
      words.map((w) => eb.or(columns.map((c) => eb(sql`cast(${sql.ref(c)} as text)`, 'ilike', `%${escapeLike(w)}%`)))),
    );
}

/** Rows after the cursor in (sort column, id) order; nulls sort last in both directions. */
function afterCursor(col: string, idCol: string, dir: 'asc' | 'desc', value: unknown, id: string) {
  const op = dir === 'asc' ? '>' : '<';
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const c = eb.ref(col);
    const i = eb.ref(idCol);
    if (value === null) return eb.and([eb(c, 'is', null), eb(i, op, id)]);
    return eb.or([eb(c, op, value), eb.and([eb(c, '=', value), eb(i, op, id)]), eb(c, 'is', null)]);
  };
}

function ordered(query: AnyQuery, spec: ListSpec<string>, input: ListInput) {
  const col = spec.sort[input.sort];
  if (!col) throw badRequest('invalid_input', lm.unknown_sort, [fieldError('sort', lm.unknown_sort)]);
  let q = query.select([sql.ref(col).as(SORT), sql.ref(spec.id).as(ID)]);
  if (input.q && spec.search?.length) q = q.where(searchFilter(input.q, spec.search));
  const nulls = sql.raw(input.dir === 'asc' ? 'asc nulls last' : 'desc nulls last');
  return {
    col,
    query: q.orderBy(sql`${sql.ref(col)} ${nulls}`).orderBy(sql`${sql.ref(spec.id)} ${sql.raw(input.dir)}`),
  };
}

function strip<R extends Record<string, unknown>>(row: R): R {
  const { [SORT]: _s, [ID]: _i, ...rest } = row;
  return rest as R;
}

/**
 * One page of a list query: applies `q` to the searched columns, sorts by the requested key with
 * the id as tie-breaker, continues after `cursor` (keyset paging, stable under inserts) and returns
 * `limit` items plus the cursor of the next page. The query must already filter by tenant and by
 * the endpoint's own filters; `map` turns a row into the item the API returns.
 */
export async function listPage<S extends string, O, T>(
  query: SelectQueryBuilder<any, any, O>,
  input: ListInput<S>,
  spec: ListSpec<S>,
  map: (row: O) => T | Promise<T>,
): Promise<ListPage<T>> {
  const { col, query: sorted } = ordered(query as AnyQuery, spec, input);
  let q = sorted;
  if (input.cursor) {
    const c = decodeCursor(input.cursor, input.sort, input.dir);
    q = q.where(afterCursor(col, spec.id, input.dir, c.value, c.id));
  }
  let rows: Record<string, unknown>[];
  try {
    rows = (await q.limit(input.limit + 1).execute()) as Record<string, unknown>[];
  } catch (e) {
    // A hand-made cursor whose value does not fit the column (SQLSTATE class 22, data exception).
    if (input.cursor && /^22/.test(String((e as { code?: unknown }).code ?? ''))) throw invalidCursor();
    throw e;
  }
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > input.limit && last ? encodeCursor([input.sort, input.dir, last[SORT], String(last[ID])]) : null;
  return { items: await Promise.all(page.map((r) => map(strip(r) as O))), nextCursor };
}

/** Every row the same filter and sort match, for an export; refuses more than EXPORT_MAX_ROWS. */
export async function listAll<S extends string, O, T>(
  query: SelectQueryBuilder<any, any, O>,
  input: ListInput<S>,
  spec: ListSpec<S>,
  map: (row: O) => T | Promise<T>,
): Promise<T[]> {
  const { query: sorted } = ordered(query as AnyQuery, spec, input);
  const rows = (await sorted.limit(EXPORT_MAX_ROWS + 1).execute()) as Record<string, unknown>[];
  if (rows.length > EXPORT_MAX_ROWS) {
    throw problem(400, lm.export_too_large, { max: EXPORT_MAX_ROWS });
  }
  return Promise.all(rows.map((r) => map(strip(r) as O)));
}
