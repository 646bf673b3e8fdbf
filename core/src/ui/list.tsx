/**
 * ResourceList: the list page of any entity in one block. Server-side search, filters and sort kept in
 * the URL (reload and back keep them), cursor paging with "Load more", a loading skeleton, an empty
 * state (and a "nothing matches" one with a way out), an error with retry, CSV/XLSX export of the
 * current filter, row selection with bulk actions, and a search box that takes a barcode scanner.
 * Talks to a standard list endpoint (core's `listQuery` + `sendList`) by `path`, or to anything
 * through `load`.
 */
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, type JSX, on, onCleanup, Show } from 'solid-js';
import { Button, type Column, DataTable, EmptyState, ErrorState, LoadingState, SelectField } from './components.tsx';
import { useI18n } from './i18n.tsx';
import { DateInput } from './inputs.tsx';
import { useKit } from './kit-messages.ts';
import { ScanInput } from './scan-input.tsx';
import { useTenant } from './tenant.tsx';

/** One page from a list endpoint: `{ items, nextCursor }`. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A column of a list; `sort` names the endpoint's sort key for it. */
export type ListColumn<T> = Column<T>;

export type ListFilter =
  | { name: string; label: string; type: 'select' | 'segmented'; options: readonly { value: string; label: string }[] }
  | { name: string; label: string; type: 'date' };

export type ListQuery = Record<string, string>;

export interface ResourceListProps<T> {
  /** The tenant API path of a standard list endpoint (`/fleet/vehicles`). */
  path?: string;
  /** Or a loader of one page for a query (`q`, `sort`, `dir`, `cursor`, `limit`, filters). */
  load?: (query: ListQuery) => Promise<ListPage<T>>;
  columns: ListColumn<T>[];
  rowKey: (row: T) => string;
  /** How a row is named to screen readers (its checkbox); defaults to its key. */
  rowLabel?: (row: T) => string;
  /** The accessible name of the table (usually the page title). */
  caption: string;
  /** Opens a row (click or Enter on its first link). */
  rowHref?: (row: T) => string;
  filters?: ListFilter[];
  /** Placeholder and accessible name of the search box; `false` hides it. */
  search?: string | false;
  /** A scanned code searches at once, and opens the record when exactly one matches. */
  scan?: boolean;
  defaultSort?: { key: string; dir: 'asc' | 'desc' };
  pageSize?: number;
  /** What to show when there is nothing at all (not when a filter matches nothing). */
  empty: { title: JSX.Element; description?: JSX.Element; action?: JSX.Element };
  /** CSV/XLSX export of the current filter (standard endpoints only); on by default with `path`. */
  exportable?: boolean;
  /** Checkboxes per row and actions for the chosen rows. */
  bulkActions?: (selected: T[], clear: () => void) => JSX.Element;
  /** Extra toolbar content (right side). */
  toolbar?: JSX.Element;
  /** Keeps the query in the URL (default); turn off when two lists share a page. */
  urlState?: boolean;
  /** Receives `refetch` so the page can reload the list after a change. */
  ref?: (api: { refetch: () => void }) => void;
}

const RESERVED = new Set(['q', 'sort', 'dir', 'cursor', 'limit', 'format', 'lang']);

/** The query state of a list, in the URL or local. */
function useQueryState(urlState: boolean) {
  if (urlState) {
    const [params, setParams] = useSearchParams<Record<string, string>>();
    return {
      get: (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : ''),
      set: (patch: Record<string, string | undefined>) =>
        setParams(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v || undefined])), { replace: true }),
    };
  }
  const [local, setLocal] = createSignal<Record<string, string>>({});
  return {
    get: (k: string) => local()[k] ?? '',
    set: (patch: Record<string, string | undefined>) =>
      setLocal((l) => {
        const next = { ...l };
        for (const [k, v] of Object.entries(patch)) {
          if (v) next[k] = v;
          else delete next[k];
        }
        return next;
      }),
  };
}

export function ResourceList<T>(props: ResourceListProps<T>) {
  const t = useKit();
  const i18n = useI18n();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const state = useQueryState(props.urlState !== false);
  const filterNames = () => (props.filters ?? []).map((f) => f.name).filter((n) => !RESERVED.has(n));

  const query = createMemo<ListQuery>(() => {
    const q: ListQuery = {};
    const search = state.get('q').trim();
    if (search) q.q = search;
    const sort = state.get('sort') || props.defaultSort?.key;
    const dir = state.get('dir') || props.defaultSort?.dir;
    if (sort) q.sort = sort;
    if (dir) q.dir = dir;
    for (const n of filterNames()) if (state.get(n)) q[n] = state.get(n);
    return q;
  });
  const filtered = () => Boolean(query().q) || filterNames().some((n) => state.get(n));

  const loadPage = (q: ListQuery, cursor?: string): Promise<ListPage<T>> => {
    const full = { ...q, limit: String(props.pageSize ?? 50), ...(cursor ? { cursor } : {}) };
    if (props.load) return props.load(full);
    if (!props.path) throw new Error('ResourceList needs `path` or `load`');
    return api<ListPage<T>>(props.path, { query: full });
  };

  const [extra, setExtra] = createSignal<T[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<unknown>(null);
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [openSingle, setOpenSingle] = createSignal(false);

  const [first, { refetch }] = createResource(
    () => ({ slug: tenant().slug, q: query() }),
    async (k) => {
      const page = await loadPage(k.q);
      setExtra([]);
      setNext(page.nextCursor);
      setMoreError(null);
      return page.items;
    },
  );
  props.ref?.({ refetch: () => void refetch() });

  const rows = () => [...(first.latest ?? []), ...extra()];

  // A scan that matches exactly one record opens it.
  createEffect(
    on(
      () => first.state === 'ready' && first(),
      (items) => {
        if (!openSingle() || !items) return;
        setOpenSingle(false);
        const only = items.length === 1 && !next() ? items[0] : undefined;
        if (only !== undefined && props.rowHref) navigate(props.rowHref(only));
      },
    ),
  );

  const more = async () => {
    const cursor = next();
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadPage(query(), cursor);
      setExtra((l) => [...l, ...page.items]);
      setNext(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  // Search: typed text applies after a short pause, Enter or a scan at once.
  const [draft, setDraft] = createSignal(state.get('q'));
  createEffect(
    on(
      () => state.get('q'),
      (q) => setDraft(q),
      { defer: true },
    ),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const applySearch = (text: string, delay = 0) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (text.trim() !== state.get('q')) state.set({ q: text.trim() });
    }, delay);
  };

  const sortBy = (key: string) => {
    const current = query().sort;
    const dir = current === key && query().dir === 'asc' ? 'desc' : 'asc';
    state.set({ sort: key, dir });
  };

  const exportHref = (format: 'csv' | 'xlsx') => {
    const qs = new URLSearchParams({ ...query(), format, lang: i18n.locale() });
    return `/api/t/${encodeURIComponent(tenant().slug)}${props.path}?${qs}`;
  };

  const selectedRows = () => rows().filter((r) => selected().has(props.rowKey(r)));
  const toggle = (key: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(key);
      else n.delete(key);
      return n;
    });
  const allShown = () => rows().length > 0 && rows().every((r) => selected().has(props.rowKey(r)));

  const columns = createMemo<ListColumn<T>[]>(() => {
    if (!props.bulkActions) return props.columns;
    const check: ListColumn<T> = {
      header: (
        <input
          type="checkbox"
          class="row-check"
          aria-label={t('selectAll')}
          checked={allShown()}
          onChange={(e) =>
            setSelected(e.currentTarget.checked ? new Set(rows().map((r) => props.rowKey(r))) : new Set<string>())
          }
        />
      ),
      class: 'col-check',
      cell: (row) => (
        <input
          type="checkbox"
          class="row-check"
          aria-label={t('selectRow', { name: (props.rowLabel ?? props.rowKey)(row) })}
          checked={selected().has(props.rowKey(row))}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => toggle(props.rowKey(row), e.currentTarget.checked)}
        />
      ),
    };
    return [check, ...props.columns];
  });

  return (
    <div class="resource-list">
      <div class="list-toolbar">
        <div class="list-toolbar-row">
          <Show when={props.search !== false}>
            <Show
              when={props.scan}
              fallback={
                <div class="field grow">
                  <label class="sr-only" for={`${props.caption}-search`}>
                    {props.search || t('search')}
                  </label>
                  <input
                    id={`${props.caption}-search`}
                    class="input"
                    type="search"
                    placeholder={props.search || t('search')}
                    value={draft()}
                    onInput={(e) => {
                      setDraft(e.currentTarget.value);
                      applySearch(e.currentTarget.value, 300);
                    }}
                    onKeyDown={(e) => e.key === 'Enter' && applySearch(e.currentTarget.value)}
                  />
                </div>
              }
            >
              <ScanInput
                class="grow"
                hideLabel
                type="search"
                label={props.search || t('scanLabel')}
                placeholder={props.search || t('scanLabel')}
                value={draft()}
                clearOnScan={false}
                onInput={(v) => {
                  setDraft(v);
                  applySearch(v, 300);
                }}
                onSubmit={(v) => applySearch(v)}
                onScan={(code) => {
                  setDraft(code);
                  setOpenSingle(true);
                  applySearch(code);
                }}
              />
            </Show>
          </Show>
          <Show when={props.toolbar || (props.exportable ?? Boolean(props.path))}>
            <div class="list-tools">
              {props.toolbar}
              <Show when={props.exportable ?? Boolean(props.path)}>
                <a class="btn btn-secondary btn-sm" href={exportHref('csv')} download="">
                  {t('exportCsv')}
                </a>
                <a class="btn btn-secondary btn-sm" href={exportHref('xlsx')} download="">
                  {t('exportXlsx')}
                </a>
              </Show>
            </div>
          </Show>
        </div>
        <Show when={(props.filters ?? []).length > 0}>
          <div class="list-filters">
            <For each={props.filters ?? []}>
              {(f) => (
                <Show
                  when={f.type === 'date'}
                  fallback={
                    <Show
                      when={f.type === 'segmented'}
                      fallback={
                        <SelectField
                          class="list-filter field-inline"
                          label={f.label}
                          name={f.name}
                          value={state.get(f.name)}
                          onChange={(v) => state.set({ [f.name]: v })}
                          options={[{ value: '', label: t('any') }, ...('options' in f ? f.options : [])]}
                        />
                      }
                    >
                      <Segmented
                        label={f.label}
                        value={state.get(f.name)}
                        onChange={(v) => state.set({ [f.name]: v })}
                        options={[{ value: '', label: t('any') }, ...('options' in f ? f.options : [])]}
                      />
                    </Show>
                  }
                >
                  <DateInput
                    class="list-filter list-filter-date field-inline"
                    label={f.label}
                    name={f.name}
                    value={state.get(f.name)}
                    onChange={(v) => {
                      if (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v)) state.set({ [f.name]: v });
                    }}
                  />
                </Show>
              )}
            </For>
          </div>
        </Show>
      </div>
      <Show when={props.bulkActions && selected().size > 0}>
        <section class="bulk-bar" aria-label={t('selected', { count: selected().size })}>
          <span class="bulk-count">{t('selected', { count: selected().size })}</span>
          {props.bulkActions?.(selectedRows(), () => setSelected(new Set<string>()))}
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set<string>())}>
            {t('clearSelection')}
          </Button>
        </section>
      </Show>
      <Show when={!first.error} fallback={<ErrorState error={first.error} onRetry={() => void refetch()} />}>
        <Show when={first.state !== 'pending' && first.state !== 'unresolved'} fallback={<LoadingState rows={5} />}>
          <Show
            when={rows().length > 0}
            fallback={
              <Show
                when={filtered()}
                fallback={
                  <EmptyState
                    title={props.empty.title}
                    description={props.empty.description}
                    action={props.empty.action}
                  />
                }
              >
                <EmptyState
                  title={t('noMatchTitle')}
                  description={t('noMatchText')}
                  action={
                    <Button
                      size="sm"
                      onClick={() => {
                        setDraft('');
                        state.set(Object.fromEntries(['q', ...filterNames()].map((n) => [n, undefined])));
                      }}
                    >
                      {t('clearFilters')}
                    </Button>
                  }
                />
              </Show>
            }
          >
            <DataTable
              caption={props.caption}
              rows={rows()}
              columns={columns()}
              rowKey={props.rowKey}
              onRowClick={props.rowHref ? (row) => navigate(props.rowHref?.(row) ?? '') : undefined}
              sorted={
                query().sort ? { key: query().sort as string, dir: query().dir === 'desc' ? 'desc' : 'asc' } : undefined
              }
              onSort={sortBy}
              busy={first.loading}
            />
            <Show when={moreError()}>
              <ErrorState error={moreError()} onRetry={() => void more()} />
            </Show>
            <Show when={next()}>
              <div class="load-more">
                <Button loading={loadingMore()} onClick={() => void more()}>
                  {t('loadMore')}
                </Button>
              </div>
            </Show>
          </Show>
        </Show>
      </Show>
    </div>
  );
}

/** A row of toggle buttons (one pressed): status filters, report switches. */
export function Segmented<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  class?: string;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset
    <div class={`segmented ${props.class ?? ''}`} role="group" aria-label={props.label}>
      <For each={props.options}>
        {(o) => (
          <button
            type="button"
            class="segmented-item"
            aria-pressed={o.value === props.value}
            onClick={() => props.onChange(o.value)}
          >
            {o.label}
          </button>
        )}
      </For>
    </div>
  );
}
