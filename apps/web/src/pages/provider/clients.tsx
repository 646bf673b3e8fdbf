import {
  Async,
  Badge,
  Button,
  Card,
  DataTable,
  DateText,
  EmptyState,
  type OkBody,
  PageHeader,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { Icon } from '../../icons.tsx';
import { Monogram } from '../../layout/logo.tsx';

type ConsoleApi = (typeof client.api.providers)[':provider']['clients'];
type Page = OkBody<Awaited<ReturnType<ConsoleApi['$get']>>>;
type ConsoleClient = Page['clients'][number];
/** The sorts GET /api/providers/:provider/clients offers (core/src/providers/console.ts). */
type Sort = 'name' | '-name' | 'created' | '-created';
const SORTS: readonly Sort[] = ['name', '-name', '-created', 'created'];

/** Splits "receivablesOverdue" → "Receivables overdue" for figures without a translation. */
const humanize = (key: string) => {
  const s = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]/g, ' ')
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

interface Figure {
  module: string;
  key: string;
  label: string;
  value: string;
  attention: boolean;
}

/** The provider console: every client with its modules' figures, one click to open it. */
export default function Clients() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const navigate = useNavigate();
  const [search, setSearch] = createSignal('');
  const [query, setQuery] = createSignal('');
  const [sort, setSort] = createSignal<Sort>('name');
  const [extra, setExtra] = createSignal<ConsoleClient[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [moreLoading, setMoreLoading] = createSignal(false);

  const fetchPage = (cursor?: string): Promise<Page> =>
    unwrap(
      client.api.providers[':provider'].clients.$get({
        param: { provider: tenant().slug },
        query: { sort: sort(), ...(query() ? { q: query() } : {}), ...(cursor ? { cursor } : {}) },
      }),
    );
  const [clients, { refetch }] = createResource(
    () => [tenant().slug, query(), sort()] as const,
    async () => {
      const res = await fetchPage();
      setExtra([]);
      setNext(res.next);
      return res.clients;
    },
  );
  const rows = () => [...(clients.latest ?? []), ...extra()];
  const label = (key: string) => {
    const k = `figure.${key}`;
    const t = i18n.t(k);
    return t === k ? humanize(key) : t;
  };
  const moduleTitle = (id: string) => {
    const k = `module.${id}`;
    const t = i18n.t(k);
    return t === k ? humanize(id) : t;
  };
  /** One module's summary as figures: money with the summary's currency, counts, dates. */
  const figuresOf = (module: string, values: Record<string, unknown>): Figure[] => {
    if ('error' in values)
      return [
        { module, key: 'error', label: moduleTitle(module), value: i18n.t('clients.unavailable'), attention: true },
      ];
    const currency = typeof values.currency === 'string' ? values.currency : undefined;
    const out: Figure[] = [];
    for (const [key, v] of Object.entries(values)) {
      if (key === 'currency' || v === null || v === undefined) continue;
      let value: string;
      let attention = false;
      if (typeof v === 'object' && v && 'amount' in v) {
        const o = v as { amount: unknown; count?: unknown; currency?: unknown };
        const cur = typeof o.currency === 'string' ? o.currency : currency;
        value = cur ? i18n.money(String(o.amount), cur) : i18n.number(String(o.amount));
        if (typeof o.count === 'number') {
          attention = o.count > 0;
          value = `${value} (${i18n.number(o.count)})`;
        }
      } else if (typeof v === 'number') {
        value = i18n.number(v);
        attention = v > 0;
      } else if (typeof v === 'string') {
        // A word a module gives as a value (a status) reads through `figure.<key>.<value>` when there is one.
        const word = `figure.${key}.${v}`;
        value =
          i18n.t(word) !== word
            ? i18n.t(word)
            : /^\d{4}-\d{2}-\d{2}$/.test(v)
              ? i18n.date(v)
              : /^\d{4}-\d{2}$/.test(v)
                ? v
                : /^-?\d+(\.\d+)?$/.test(v)
                  ? currency
                    ? i18n.money(v, currency)
                    : i18n.number(v)
                  : v;
      } else continue;
      out.push({ module, key, label: label(key), value, attention });
    }
    return out;
  };
  const figures = (c: ConsoleClient) =>
    Object.entries(c.summary ?? {}).flatMap(([module, values]) => figuresOf(module, values ?? {}));
  const open = (c: ConsoleClient) => navigate(`/t/${c.tenant.slug}`);

  return (
    <div class="page">
      <PageHeader
        title={i18n.t('clients.title')}
        description={i18n.t('clients.subtitle', { provider: tenant().name })}
      />
      <Card padded={false}>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(search().trim());
          }}
        >
          <input
            class="input grow"
            type="search"
            placeholder={i18n.t('clients.search')}
            aria-label={i18n.t('clients.search')}
            value={search()}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <select
            class="input select auto"
            aria-label={i18n.t('clients.sort')}
            value={sort()}
            onChange={(e) => setSort(e.currentTarget.value as Sort)}
          >
            <For each={SORTS}>{(s) => <option value={s}>{i18n.t(`clients.sort.${s}`)}</option>}</For>
          </select>
          <Button type="submit">{i18n.t('clients.filter')}</Button>
        </form>
        <Async
          resource={clients}
          refetch={refetch}
          isEmpty={() => rows().length === 0}
          empty={<EmptyState title={i18n.t('clients.noneTitle')} description={i18n.t('clients.noneText')} />}
        >
          {() => (
            <>
              <DataTable
                caption={i18n.t('clients.title')}
                rows={rows()}
                rowKey={(c) => c.tenant.id}
                columns={[
                  {
                    header: i18n.t('clients.client'),
                    cell: (c) => (
                      <div class="person">
                        <Monogram name={c.tenant.name} size={30} />
                        <div>
                          <div class="cell-primary">{c.tenant.name}</div>
                          <div class="cell-secondary">
                            {c.tenant.slug} · {i18n.t('clients.since')} <DateText value={c.engagement.since} />
                          </div>
                        </div>
                      </div>
                    ),
                  },
                  {
                    header: i18n.t('clients.modules'),
                    hideOnMobile: true,
                    cell: (c) => (
                      <div class="row">
                        <For each={c.modules} fallback={<span class="muted">—</span>}>
                          {(m) => <Badge>{moduleTitle(m)}</Badge>}
                        </For>
                      </div>
                    ),
                  },
                  {
                    header: i18n.t('clients.figures'),
                    cell: (c) => (
                      <Show when={figures(c).length > 0} fallback={<span class="muted">—</span>}>
                        <dl class="figures">
                          <For each={figures(c)}>
                            {(f) => (
                              <div class="figure" data-figure={f.key}>
                                <dt>{f.label}</dt>
                                <dd class="num" classList={{ 'text-warning': f.attention }}>
                                  {f.value}
                                </dd>
                              </div>
                            )}
                          </For>
                        </dl>
                      </Show>
                    ),
                  },
                  {
                    header: <span class="sr-only">{i18n.t('common.actions')}</span>,
                    align: 'end',
                    cell: (c) => (
                      <Button size="sm" variant="primary" onClick={() => open(c)} data-client={c.tenant.slug}>
                        {i18n.t('clients.open')}
                        <Icon name="arrowRight" />
                      </Button>
                    ),
                  },
                ]}
              />
              <Show when={next()}>
                <div class="load-more">
                  <Button
                    loading={moreLoading()}
                    onClick={async () => {
                      setMoreLoading(true);
                      try {
                        const res = await fetchPage(next() ?? undefined);
                        setExtra((l) => [...l, ...res.clients]);
                        setNext(res.next);
                      } finally {
                        setMoreLoading(false);
                      }
                    }}
                  >
                    {i18n.t('audit.loadMore')}
                  </Button>
                </div>
              </Show>
            </>
          )}
        </Async>
      </Card>
    </div>
  );
}
