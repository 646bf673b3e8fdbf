import { Card, DataTable, DateText, EmptyState, Field, PageHeader, StatusBadge, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import type { Compliance as Report } from '../../server/routes/health.ts';
import { PATCH_STATES, useHT } from '../health-messages.ts';

type Device = Report['notUpdated'][number];
type Warranty = Report['warrantyEnding'][number];

/** A whole number of days typed in a field, or the default while it is not one. */
const days = (v: string, fallback: number, min: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= 3650 ? n : fallback;
};

/** Compliance report: devices not updated in N days (default 30), warranties ending within N days (default 60), as CSV too. */
export default function Compliance() {
  const t = useHT();
  const { tenant, api, can } = useTenant();
  const [stale, setStale] = createSignal('30');
  const [warranty, setWarranty] = createSignal('60');
  const query = () => `updatedWithinDays=${days(stale(), 30, 1)}&warrantyWithinDays=${days(warranty(), 60, 0)}`;
  const [report] = createResource(query, async (q) => api<Report>(`/it/compliance?${q}`));
  const assetLink = (a: { assetId: string; tag: string; name: string }) => (
    <A class="cell-primary" href={`/t/${tenant().slug}/it/assets/${a.assetId}`}>
      <span class="mono">{a.tag}</span> {a.name}
    </A>
  );
  const actions = (
    <>
      <Show when={can('it.assets.manage')}>
        <A class="btn btn-secondary" href={`/t/${tenant().slug}/it/assets/health/import`}>
          {t('healthImport')}
        </A>
      </Show>
      <a class="btn btn-secondary" href={`/api/t/${tenant().slug}/it/compliance?format=csv&${query()}`} download="">
        {t('downloadCsv')}
      </a>
    </>
  );
  return (
    <div class="page">
      <PageHeader title={t('compliance')} description={t('complianceText')} actions={actions} />
      <Card>
        <div class="row">
          <Field
            label={t('updatedWithinDays')}
            name="updatedWithinDays"
            value={stale()}
            onChange={setStale}
            inputmode="numeric"
          />
          <Field
            label={t('warrantyWithinDays')}
            name="warrantyWithinDays"
            value={warranty()}
            onChange={setWarranty}
            inputmode="numeric"
          />
        </div>
      </Card>
      <Show when={report()}>
        {(r) => (
          <>
            <Card title={t('notUpdated', { count: r().updatedWithinDays })} padded={false}>
              <Show
                when={r().notUpdated.length}
                fallback={<EmptyState title={t('noneNotUpdated')} description={t('noneNotUpdatedText')} />}
              >
                <DataTable<Device>
                  caption={t('notUpdated', { count: r().updatedWithinDays })}
                  rows={r().notUpdated}
                  rowKey={(d) => d.assetId}
                  columns={[
                    { header: t('asset'), cell: assetLink },
                    { header: t('os'), hideOnMobile: true, cell: (d) => [d.os, d.osVersion].filter(Boolean).join(' ') },
                    {
                      header: t('lastUpdate'),
                      cell: (d) => (d.lastUpdateOn ? <DateText value={d.lastUpdateOn} /> : t('unknown')),
                    },
                    { header: t('daysSince'), hideOnMobile: true, cell: (d) => d.daysSinceUpdate ?? '' },
                    {
                      header: t('patchState'),
                      cell: (d) => <StatusBadge status={d.patchState} statuses={PATCH_STATES} />,
                    },
                    {
                      header: t('lastSeen'),
                      hideOnMobile: true,
                      cell: (d) => (d.lastSeenAt ? <DateText value={d.lastSeenAt} time /> : ''),
                    },
                  ]}
                />
              </Show>
            </Card>
            <Card title={t('warrantyEnding', { count: r().warrantyWithinDays })} padded={false}>
              <Show
                when={r().warrantyEnding.length}
                fallback={<EmptyState title={t('noneWarranty')} description={t('noneWarrantyText')} />}
              >
                <DataTable<Warranty>
                  caption={t('warrantyEnding', { count: r().warrantyWithinDays })}
                  rows={r().warrantyEnding}
                  rowKey={(a) => a.assetId}
                  columns={[
                    { header: t('asset'), cell: assetLink },
                    { header: t('warrantyUntil'), cell: (a) => <DateText value={a.warrantyUntil} /> },
                    { header: t('daysLeft'), cell: (a) => a.daysLeft },
                  ]}
                />
              </Show>
            </Card>
          </>
        )}
      </Show>
    </div>
  );
}
