import {
  Async,
  Badge,
  Button,
  Card,
  DataTable,
  DateText,
  EmptyState,
  PageHeader,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { Amount, Icon, useBase, useT } from '../ui.tsx';

const PAGE = 50;

/** The journal: posted entries newest first, with search, a date range and (once the firm has any) a cost centre. */
export default function Journal() {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const navigate = useNavigate();
  const { tenant, can } = useTenant();
  const [q, setQ] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [centre, setCentre] = createSignal('');
  const [filter, setFilter] = createSignal({ q: '', from: '', to: '', costCenter: '' });
  const [centres] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['cost-centers'].$get({ query: {} }))).costCenters,
  );
  const [limit, setLimit] = createSignal(PAGE);

  const [entries, { refetch }] = createResource(
    () => ({ slug: tenant().slug, ...filter(), limit: limit() }),
    async (f) => {
      const query: Record<string, string> = { limit: String(f.limit + 1) };
      if (f.q) query.q = f.q;
      if (f.from) query.from = f.from;
      if (f.to) query.to = f.to;
      if (f.costCenter) query.costCenter = f.costCenter;
      return (await unwrap(api().journal.$get({ query }))).entries;
    },
  );
  const rows = () => (entries.latest ?? []).slice(0, limit());
  const more = () => (entries.latest?.length ?? 0) > limit();
  const filtered = () => !!(filter().q || filter().from || filter().to || filter().costCenter);

  return (
    <div class="page acc">
      <PageHeader
        title={t('journal.title')}
        description={t('journal.subtitle')}
        actions={
          <Show when={can('accounting.post')}>
            <A class="btn btn-primary" href={`${base()}/journal/new`} data-testid="new-entry">
              <Icon name="plus" />
              {t('journal.new')}
            </A>
          </Show>
        }
      />
      <Card padded={false}>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setLimit(PAGE);
            setFilter({ q: q().trim(), from: from(), to: to(), costCenter: centre() });
          }}
        >
          <input
            class="input grow"
            type="search"
            placeholder={t('journal.search')}
            aria-label={t('journal.search')}
            value={q()}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
          <label class="inline-field">
            <span>{t('common.from')}</span>
            <input class="input auto" type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label class="inline-field">
            <span>{t('common.to')}</span>
            <input class="input auto" type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
          <Show when={centres()?.length}>
            <label class="inline-field">
              <span>{t('cc.filter')}</span>
              <select
                class="input auto"
                name="costCenter"
                value={centre()}
                onChange={(e) => setCentre(e.currentTarget.value)}
              >
                <option value="">{t('common.all')}</option>
                <For each={centres()}>{(c) => <option value={c.code}>{c.code}</option>}</For>
                <option value="none">{t('cc.noCentre')}</option>
              </select>
            </label>
          </Show>
          <Button type="submit">{t('common.filter')}</Button>
        </form>
        <Async
          resource={entries}
          refetch={refetch}
          isEmpty={(l) => l.length === 0}
          empty={
            <EmptyState
              title={filtered() ? t('journal.noMatch') : t('journal.emptyTitle')}
              description={filtered() ? t('journal.noMatchText') : t('journal.emptyText')}
              action={
                <Show when={!filtered() && can('accounting.post')}>
                  <A class="btn btn-primary" href={`${base()}/journal/new`}>
                    <Icon name="plus" />
                    {t('journal.new')}
                  </A>
                </Show>
              }
            />
          }
        >
          {() => (
            <>
              <DataTable
                caption={t('journal.title')}
                rows={rows()}
                rowKey={(e) => e.id}
                onRowClick={(e) => navigate(`${base()}/journal/${e.id}`)}
                columns={[
                  {
                    header: t('journal.number'),
                    cell: (e) => (
                      <A class="cell-primary mono link-plain" href={`${base()}/journal/${e.id}`}>
                        {e.number}
                      </A>
                    ),
                  },
                  { header: t('common.date'), cell: (e) => <DateText value={e.date} /> },
                  {
                    header: t('journal.memo'),
                    cell: (e) => (
                      <div class="memo-cell">
                        <span>{e.memo || <span class="muted">{t('journal.noMemo')}</span>}</span>
                        <Show when={e.reversesId}>
                          <Badge tone="warning">{t('journal.reversal')}</Badge>
                        </Show>
                        <Show when={e.reversedById}>
                          <Badge>{t('journal.reversed')}</Badge>
                        </Show>
                        <Show when={e.source}>
                          {(s) => <span class="cell-secondary">{sourceLabel(s().type, t)}</span>}
                        </Show>
                      </div>
                    ),
                  },
                  {
                    header: t('journal.total'),
                    align: 'end',
                    cell: (e) => <Amount value={e.total} currency={e.currency} />,
                  },
                ]}
              />
              <Show when={more()}>
                <div class="load-more">
                  <Button loading={entries.loading} onClick={() => setLimit((l) => l + PAGE)}>
                    {t('common.loadMore')}
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

/** "accounting.invoice" → "Invoice"; other modules' sources show their type. */
export function sourceLabel(type: string, t: ReturnType<typeof useT>): string {
  const known: Record<string, Parameters<typeof t>[0]> = {
    'accounting.invoice': 'source.invoice',
    'accounting.bill': 'source.bill',
    'accounting.payment': 'source.payment',
    'accounting.bank': 'source.bank',
    'accounting.fx': 'source.fx',
  };
  const key = known[type] ?? (type.startsWith('accounting.') ? 'source.accounting' : undefined);
  return key ? t(key) : type;
}
