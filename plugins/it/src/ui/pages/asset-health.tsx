import { AsyncTable, DateText, EmptyState, StatusBadge, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { HealthReading } from '../../server/services/health.ts';
import { PATCH_STATES, useHT } from '../health-messages.ts';

/** An asset card's health tab: its readings from agents and CSV imports, newest first (`GET /it/assets/{id}/health`). */
export default function AssetHealth(props: { assetId: string }) {
  const t = useHT();
  const { tenant, api, can } = useTenant();
  const [readings, { refetch }] = createResource(
    () => props.assetId,
    async (id) => (await api<{ items: HealthReading[] }>(`/it/assets/${id}/health`)).items,
  );
  return (
    <AsyncTable<HealthReading>
      resource={readings}
      refetch={refetch}
      caption={t('health')}
      empty={
        <EmptyState
          title={t('noHealth')}
          description={t('noHealthText')}
          action={
            <Show when={can('it.assets.manage')}>
              <A class="btn btn-secondary" href={`/t/${tenant().slug}/it/assets/health/import`}>
                {t('healthImport')}
              </A>
            </Show>
          }
        />
      }
      rowKey={(r) => r.id}
      columns={[
        { header: t('reportedAt'), cell: (r) => <DateText value={r.reportedAt} time /> },
        { header: t('os'), cell: (r) => [r.os, r.osVersion].filter(Boolean).join(' ') },
        {
          header: t('lastUpdate'),
          cell: (r) => (r.lastUpdateOn ? <DateText value={r.lastUpdateOn} /> : t('unknown')),
        },
        { header: t('patchState'), cell: (r) => <StatusBadge status={r.patchState} statuses={PATCH_STATES} /> },
        {
          header: t('lastSeen'),
          hideOnMobile: true,
          cell: (r) => (r.lastSeenAt ? <DateText value={r.lastSeenAt} time /> : ''),
        },
        {
          header: t('source'),
          hideOnMobile: true,
          cell: (r) => `${r.source === 'agent' ? t('sourceAgent') : t('sourceCsv')} (${r.reportedBy})`,
        },
      ]}
    />
  );
}
