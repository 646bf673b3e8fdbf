import {
  AsyncTable,
  Badge,
  Button,
  Card,
  DateText,
  EmptyState,
  notify,
  type OkBody,
  problemMessage,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';

type EventsApi = (typeof client.api.t)[':tenant']['events']['dead-letters'];
type DeadLetter = OkBody<Awaited<ReturnType<EventsApi['$get']>>>['deadLetters'][number];
type Filter = 'open' | 'retried' | 'resolved' | 'all';
const FILTERS: readonly Filter[] = ['open', 'retried', 'resolved', 'all'];
const TONE: Record<DeadLetter['status'], 'danger' | 'info' | 'success'> = {
  open: 'danger',
  retried: 'info',
  resolved: 'success',
};

/** Settings → Events: events a module's handler kept failing on, with a retry for each. */
export default function Events() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [status, setStatus] = createSignal<Filter>('open');
  const [retrying, setRetrying] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const [letters, { refetch }] = createResource(
    () => ({ tenant: tenant().slug, status: status() }),
    async (p) =>
      (
        await unwrap(
          client.api.t[':tenant'].events['dead-letters'].$get({
            param: { tenant: p.tenant },
            query: { status: p.status },
          }),
        )
      ).deadLetters,
  );

  const retry = async (d: DeadLetter) => {
    setRetrying(d.id);
    try {
      await unwrap(
        client.api.t[':tenant'].events['dead-letters'][':id'].retry.$post({
          param: { tenant: tenant().slug, id: d.id },
        }),
      );
      notify(i18n.t('events.retried', { type: d.type }));
      refetch();
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    } finally {
      setRetrying(null);
    }
  };

  return (
    <div class="stack">
      <p class="muted">{i18n.t('events.intro')}</p>
      <Card
        title={i18n.t('events.title')}
        padded={false}
        actions={
          <select
            class="input select input-sm auto"
            aria-label={i18n.t('events.filter')}
            value={status()}
            onChange={(e) => setStatus(e.currentTarget.value as Filter)}
          >
            <For each={FILTERS}>{(f) => <option value={f}>{i18n.t(`events.filter.${f}`)}</option>}</For>
          </select>
        }
      >
        <AsyncTable
          resource={letters}
          refetch={refetch}
          empty={<EmptyState title={i18n.t('events.noneTitle')} description={i18n.t('events.noneText')} />}
          caption={i18n.t('events.title')}
          rowKey={(d) => d.id}
          columns={[
            {
              header: i18n.t('events.event'),
              cell: (d) => (
                <div>
                  <div class="cell-primary mono">{d.type}</div>
                  <div class="cell-secondary">
                    <DateText value={d.occurredAt} time />
                  </div>
                </div>
              ),
            },
            {
              header: i18n.t('events.error'),
              cell: (d) => (
                <div>
                  <div class="small">{d.error}</div>
                  <Show when={open() === d.id}>
                    <pre class="mono small payload">{JSON.stringify(d.payload, null, 2)}</pre>
                  </Show>
                </div>
              ),
            },
            {
              header: i18n.t('events.failedAt'),
              hideOnMobile: true,
              cell: (d) => (
                <div>
                  <DateText value={d.failedAt} time />
                  <div class="cell-secondary">{i18n.t('events.attempts', { count: d.attempts })}</div>
                </div>
              ),
            },
            {
              header: i18n.t('events.status'),
              cell: (d) => <Badge tone={TONE[d.status]}>{i18n.t(`events.status.${d.status}`)}</Badge>,
            },
            {
              header: <span class="sr-only">{i18n.t('common.actions')}</span>,
              align: 'end',
              cell: (d) => (
                <div class="row end-row">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-expanded={open() === d.id}
                    onClick={() => setOpen(open() === d.id ? null : d.id)}
                  >
                    {i18n.t(open() === d.id ? 'events.hidePayload' : 'events.showPayload')}
                  </Button>
                  <Show when={d.status === 'open'}>
                    <Button
                      size="sm"
                      variant="primary"
                      loading={retrying() === d.id}
                      onClick={() => retry(d)}
                      aria-label={i18n.t('events.retryX', { type: d.type })}
                    >
                      {i18n.t('events.retry')}
                    </Button>
                  </Show>
                </div>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
