import {
  Async,
  Badge,
  Button,
  Card,
  DataTable,
  EmptyState,
  PageHeader,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { pendingClient as client } from '../../api/client.ts';
import type { ProviderClient } from '../../api/types.ts';
import { Icon } from '../../icons.tsx';
import { Monogram } from '../../layout/logo.tsx';

/** Splits "receivablesOverdue" → "Receivables overdue" for figures without a translation. */
const humanize = (key: string) => {
  const s = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]/g, ' ')
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export default function Clients() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const navigate = useNavigate();
  const [search, setSearch] = createSignal('');
  const [query, setQuery] = createSignal('');
  const [sort, setSort] = createSignal('name');
  const [extra, setExtra] = createSignal<ProviderClient[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [moreLoading, setMoreLoading] = createSignal(false);

  const fetchPage = async (cursor?: string) => {
    const q: Record<string, string> = { sort: sort() };
    if (query()) q.q = query();
    if (cursor) q.cursor = cursor;
    const res: { clients: ProviderClient[]; next: string | null } = await unwrap(
      client.api.providers[':provider'].clients.$get({ param: { provider: tenant().slug }, query: q }),
    );
    return res;
  };
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
  const figureText = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number') return i18n.number(v);
    if (typeof v === 'string')
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? i18n.date(v) : /^-?\d+(\.\d+)?$/.test(v) ? i18n.number(v) : v;
    if (typeof v === 'object' && v && 'amount' in v && 'currency' in v) {
      return i18n.money(String((v as { amount: unknown }).amount), String((v as { currency: unknown }).currency));
    }
    return JSON.stringify(v);
  };
  const figures = (c: ProviderClient) =>
    Object.entries(c.summary ?? {}).flatMap(([module, values]) =>
      Object.entries(values ?? {}).map(([k, v]) => ({
        module,
        label: i18n.t(`figure.${k}`) === `figure.${k}` ? humanize(k) : i18n.t(`figure.${k}`),
        value: figureText(v),
      })),
    );
  const open = (c: ProviderClient) => navigate(`/t/${c.tenant.slug}`);

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
            onChange={(e) => setSort(e.currentTarget.value)}
          >
            <option value="name">{i18n.t('clients.sortName')}</option>
            <option value="-attention">{i18n.t('clients.sortAttention')}</option>
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
                          <div class="cell-secondary">{c.tenant.slug}</div>
                        </div>
                      </div>
                    ),
                  },
                  {
                    header: i18n.t('clients.modules'),
                    hideOnMobile: true,
                    cell: (c) => (
                      <div class="row">
                        <For each={c.modules}>{(m) => <Badge>{m}</Badge>}</For>
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
                              <div class="figure">
                                <dt>{f.label}</dt>
                                <dd class="num">{f.value}</dd>
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
