import {
  AsyncTable,
  Badge,
  Button,
  Card,
  DateText,
  EmptyState,
  notify,
  StackedCell,
  type Tone,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { useRecordsT } from './messages.ts';

const TONE: Record<string, Tone> = { queued: 'neutral', running: 'info', done: 'success', failed: 'danger' };

/** The firm's whole data set as one archive: request it, watch it build, download it. */
export default function ArchiveExports() {
  const t = useRecordsT();
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [exports, { refetch }] = createResource(
    () => tenant().slug,
    async (slug) => (await unwrap(client.api.t[':tenant'].records.exports.$get({ param: { tenant: slug } }))).exports,
  );
  const [busy, setBusy] = createSignal(false);
  // While an export builds, its progress is polled.
  const timer = setInterval(() => {
    if (exports()?.some((e) => e.status === 'queued' || e.status === 'running')) refetch();
  }, 2000);
  onCleanup(() => clearInterval(timer));
  const start = async () => {
    setBusy(true);
    try {
      await unwrap(client.api.t[':tenant'].records.exports.$post({ param: { tenant: tenant().slug } }));
      notify(t('exportQueued'));
      refetch();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'danger');
    } finally {
      setBusy(false);
    }
  };
  const href = (id: string) =>
    `/api/t/${encodeURIComponent(tenant().slug)}/records/exports/${encodeURIComponent(id)}/download`;
  return (
    <Card
      title={t('tabExports')}
      actions={
        <Button variant="primary" onClick={start} loading={busy()}>
          {t('exportStart')}
        </Button>
      }
    >
      <p class="muted">{t('exportsIntro')}</p>
      <AsyncTable
        resource={exports}
        refetch={refetch}
        caption={t('tabExports')}
        rowKey={(e) => e.id}
        empty={<EmptyState title={t('noExportsTitle')} description={t('noExportsText')} />}
        columns={[
          {
            header: t('requested'),
            cell: (e) => <StackedCell primary={<DateText value={e.requestedAt} time />} secondary={e.requestedBy} />,
          },
          {
            header: t('runStatus'),
            cell: (e) => (
              <StackedCell
                primary={<Badge tone={TONE[e.status] ?? 'neutral'}>{t(`status_${e.status}` as 'status_done')}</Badge>}
                secondary={e.status === 'running' ? t('progressOf', { done: e.done, total: e.total }) : (e.error ?? '')}
              />
            ),
          },
          {
            header: t('size'),
            align: 'end',
            hideOnMobile: true,
            cell: (e) => (e.size === null ? '' : `${i18n.number((e.size / 1024 / 1024).toFixed(2))} MB`),
          },
          {
            header: <span class="sr-only">{t('download')}</span>,
            align: 'end',
            cell: (e) => (
              <Show when={e.status === 'done'}>
                <a class="btn btn-secondary btn-sm" href={href(e.id)} download="" title={`SHA-256 ${e.sha256 ?? ''}`}>
                  {t('download')}
                </a>
              </Show>
            ),
          },
        ]}
      />
    </Card>
  );
}
