import {
  Async,
  AsyncTable,
  DateText,
  DetailPage,
  Money,
  PrintLabels,
  StatusBadge,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { Asset, Assignment } from '../../server/routes/assets.ts';
import { figure } from '../figure.tsx';
import { useHT } from '../health-messages.ts';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';
import AssetHealth from './asset-health.tsx';
import AssetMaintenance from './asset-maintenance.tsx';

/** One asset: its card (figures, custom fields, holder), check-out, workflow buttons, check-out history, maintenance, health, QR label. */
export default function AssetPage() {
  const t = useT();
  const ht = useHT();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [asset, { refetch }] = createResource(
    () => params.id,
    (id) => api<Asset>(`/it/assets/${id}`),
  );
  const [history, { refetch: refetchHistory }] = createResource(
    () => params.id,
    async (id) => (await api<{ items: Assignment[] }>(`/it/assets/${id}/assignments`)).items,
  );
  const base = () => `/t/${tenant().slug}/it`;
  return (
    <Async resource={asset} refetch={refetch}>
      {(a) => (
        <DetailPage
          title={a.name}
          subtitle={<span class="mono">{a.tag}</span>}
          status={<StatusBadge status={a.status} statuses={STATUSES} />}
          back={{ href: `${base()}/assets`, label: t('title') }}
          actions={
            <>
              <Show when={a.status === 'in_stock' && can('it.assets.assign')}>
                <A class="btn btn-primary" href={`${base()}/assets/${a.id}/checkout`}>
                  {t('checkout')}
                </A>
              </Show>
              <Show when={can('it.assets.manage')}>
                <A class="btn btn-secondary" href={`${base()}/assets/${a.id}/edit`}>
                  {t('edit')}
                </A>
              </Show>
              <Show when={can('it.tickets.create')}>
                <A
                  class="btn btn-secondary"
                  href={`${base()}/tickets/new?asset=${a.id}&tag=${encodeURIComponent(a.tag)}`}
                >
                  {t('reportAsset')}
                </A>
              </Show>
              <PrintLabels
                symbology="qrcode"
                items={[{ code: a.tag, title: a.name, subtitle: a.serialNumber ?? undefined }]}
              >
                {t('labels')}
              </PrintLabels>
            </>
          }
          entity={{ type: 'it.asset', id: a.id }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    {figure(t('category'), a.category)}
                    {figure(t('holder'), a.holder ?? '—')}
                    {figure(t('serialNumber'), a.serialNumber ?? '—')}
                    {figure(t('model'), a.model ?? '—')}
                    {figure(
                      t('vendor'),
                      a.vendorId && can('tenant.parties.read') ? (
                        <A href={`/t/${tenant().slug}/settings/parties/${a.vendorId}`}>{a.vendor}</A>
                      ) : (
                        (a.vendor ?? '—')
                      ),
                    )}
                    {figure(t('location'), a.location ?? '—')}
                    {figure(t('purchaseDate'), <DateText value={a.purchaseDate} />)}
                    <Show when={a.purchasePrice}>
                      {(p) => figure(t('purchasePrice'), <Money amount={p()} currency={a.currency ?? 'CZK'} />)}
                    </Show>
                    {figure(t('invoiceRef'), a.invoiceRef ?? '—')}
                    {figure(t('warrantyUntil'), <DateText value={a.warrantyUntil} />)}
                    <Show when={a.retiredReason}>{(r) => figure(t('retiredReason'), r())}</Show>
                    <For each={Object.entries(a.custom)}>{([k, v]) => figure(k, String(v))}</For>
                  </dl>
                  <Show when={a.note}>
                    <p>{a.note}</p>
                  </Show>
                  <WorkflowPanel
                    path={`/it/assets/${a.id}`}
                    onChange={() => {
                      void refetch();
                      void refetchHistory();
                    }}
                  />
                </div>
              ),
            },
            {
              id: 'checkouts',
              label: t('history'),
              content: () => (
                <AsyncTable<Assignment>
                  resource={history}
                  refetch={refetchHistory}
                  caption={t('history')}
                  empty={<p class="muted">{t('noHistory')}</p>}
                  rowKey={(g) => g.id}
                  columns={[
                    { header: t('holder'), cell: (g) => g.holder },
                    { header: t('checkedOut'), cell: (g) => <DateText value={g.checkedOutAt} time /> },
                    { header: t('by'), hideOnMobile: true, cell: (g) => g.checkedOutBy ?? '' },
                    {
                      header: t('acknowledged'),
                      hideOnMobile: true,
                      cell: (g) => <DateText value={g.acknowledgedAt} time />,
                    },
                    { header: t('checkedIn'), cell: (g) => <DateText value={g.checkedInAt} time /> },
                    { header: t('note'), hideOnMobile: true, cell: (g) => g.note ?? '' },
                  ]}
                />
              ),
            },
            {
              id: 'maintenance',
              label: t('maintenance'),
              content: () => <AssetMaintenance assetId={a.id} tag={a.tag} />,
            },
            { id: 'health', label: ht('health'), content: () => <AssetHealth assetId={a.id} /> },
          ]}
        />
      )}
    </Async>
  );
}
