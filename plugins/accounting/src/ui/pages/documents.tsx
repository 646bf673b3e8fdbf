import { AsyncTable, Button, Card, DateText, EmptyState, PageHeader, unwrap, useTenant } from '@bureau/core/ui';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { Amount, DocStatus, Icon, Segmented, useBase, useT } from '../ui.tsx';

type Filter = 'all' | 'draft' | 'issued' | 'overdue' | 'paid' | 'cancelled';

/** Sales invoices or purchase bills, newest first, filtered by status. */
export default function Documents(props: { kind: 'invoice' | 'bill' }) {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const navigate = useNavigate();
  const { tenant, can } = useTenant();
  const [params, setParams] = useSearchParams<{ status?: string }>();
  const filter = (): Filter => (params.status as Filter) ?? 'all';
  const [q, setQ] = createSignal('');
  const [query, setQuery] = createSignal('');
  const path = () => (props.kind === 'invoice' ? 'invoices' : 'bills');

  const [docs, { refetch }] = createResource(
    () => ({ slug: tenant().slug, filter: filter(), q: query(), kind: props.kind }),
    async (f) => {
      const query: Record<string, string> = { limit: '200' };
      if (f.filter === 'overdue') {
        query.status = 'issued';
        query.overdue = 'true';
      } else if (f.filter !== 'all') query.status = f.filter;
      if (f.q) query.q = f.q;
      if (f.kind === 'invoice') return (await unwrap(api().invoices.$get({ query }))).invoices ?? [];
      return (await unwrap(api().bills.$get({ query }))).bills ?? [];
    },
  );
  const k = (inv: Parameters<typeof t>[0], bill: Parameters<typeof t>[0]) => t(props.kind === 'invoice' ? inv : bill);

  return (
    <div class="page acc">
      <PageHeader
        title={k('invoices.title', 'bills.title')}
        description={k('invoices.subtitle', 'bills.subtitle')}
        actions={
          <Show when={can('accounting.post')}>
            <A class="btn btn-primary" href={`${base()}/${path()}/new`}>
              <Icon name="plus" />
              {k('invoices.new', 'bills.new')}
            </A>
          </Show>
        }
      />
      <Card padded={false}>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(q().trim());
          }}
        >
          <Segmented
            label={t('common.status')}
            value={filter()}
            onChange={(s) => setParams({ status: s === 'all' ? undefined : s })}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'draft', label: t('status.drafts') },
              { value: 'issued', label: k('status.open', 'status.open') },
              { value: 'overdue', label: t('status.overdue') },
              { value: 'paid', label: t('status.paid') },
              { value: 'cancelled', label: t('status.cancelled') },
            ]}
          />
          <input
            class="input grow"
            type="search"
            placeholder={k('invoices.search', 'bills.search')}
            aria-label={k('invoices.search', 'bills.search')}
            value={q()}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
          <Button type="submit">{t('common.filter')}</Button>
        </form>
        <AsyncTable
          resource={docs}
          refetch={refetch}
          empty={
            <EmptyState
              title={k('invoices.emptyTitle', 'bills.emptyTitle')}
              description={
                filter() === 'all' && !query() ? k('invoices.emptyText', 'bills.emptyText') : t('common.noMatch')
              }
              action={
                <Show when={filter() === 'all' && !query() && can('accounting.post')}>
                  <A class="btn btn-primary" href={`${base()}/${path()}/new`}>
                    <Icon name="plus" />
                    {k('invoices.new', 'bills.new')}
                  </A>
                </Show>
              }
            />
          }
          caption={k('invoices.title', 'bills.title')}
          rowKey={(d) => d.id}
          onRowClick={(d) => navigate(`${base()}/${path()}/${d.id}`)}
          columns={[
            {
              header: t('doc.number'),
              cell: (d) => (
                <A class="cell-primary mono link-plain" href={`${base()}/${path()}/${d.id}`}>
                  {d.number ?? t('doc.draft')}
                </A>
              ),
            },
            { header: k('doc.customer', 'doc.vendor'), cell: (d) => d.partner.name },
            { header: t('doc.issueDate'), hideOnMobile: true, cell: (d) => <DateText value={d.issueDate} /> },
            {
              header: t('doc.dueDate'),
              hideOnMobile: true,
              cell: (d) => (
                <span classList={{ 'text-danger': d.overdue }}>
                  <DateText value={d.dueDate} />
                </span>
              ),
            },
            { header: t('doc.total'), align: 'end', cell: (d) => <Amount value={d.total} currency={d.currency} /> },
            {
              header: t('doc.remaining'),
              align: 'end',
              hideOnMobile: true,
              cell: (d) =>
                d.status === 'issued' ? (
                  <Amount value={d.remaining} currency={d.currency} />
                ) : (
                  <span class="muted">—</span>
                ),
            },
            {
              header: t('common.status'),
              cell: (d) => <DocStatus status={d.status} overdue={d.overdue} kind={props.kind} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
