import {
  Async,
  Badge,
  Card,
  DataTable,
  PageHeader,
  PrintLabels,
  StatusBadge,
  useI18n,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { OrderView, ResultView } from '../types.ts';
import { FlagBadge, RESULT_STATUSES, useBase, useT } from '../ui.tsx';

/** One order: the patient, each specimen with its workflow (receive, reject…), and the results. */
export default function Order() {
  const t = useT();
  const i18n = useI18n();
  const params = useParams();
  const { api, tenant } = useTenant();
  const base = useBase();
  const report = (id: string, lang: 'cs' | 'en') =>
    `/api/t/${encodeURIComponent(tenant().slug)}/medical/orders/${id}/report?lang=${lang}`;
  const [order, { refetch }] = createResource(
    () => params.id,
    (id) => api<OrderView>(`/medical/orders/${id}`),
  );
  const current = (o: OrderView) => o.results.filter((r) => r.status !== 'superseded' && r.status !== 'withdrawn');
  return (
    <div class="page">
      <Async resource={order} refetch={refetch}>
        {(o) => (
          <>
            <PageHeader
              title={`${t('orders.number')} ${o.number}`}
              description={`${o.patient.lastName} ${o.patient.firstName} · ${i18n.date(o.patient.birthDate)} · ${t(`sex.${o.patient.sex}`)}`}
              actions={
                <>
                  <a class="btn btn-secondary" href={report(o.id, 'cs')} target="_blank" rel="noopener">
                    {t('order.reportCs')}
                  </a>
                  <a class="btn btn-secondary" href={report(o.id, 'en')} target="_blank" rel="noopener">
                    {t('order.reportEn')}
                  </a>
                  <A class="btn btn-ghost" href={`${base()}/patients/${o.patient.id}`}>
                    {t('order.cumulative')}
                  </A>
                  <PrintLabels
                    items={o.specimens.map((s) => ({
                      code: s.barcode,
                      title: `${o.patient.lastName} ${o.patient.firstName}`,
                      subtitle: `${s.container ?? s.specimenType} · ${s.tests.join(' ')}`.slice(0, 80),
                    }))}
                  >
                    {t('order.labels')}
                  </PrintLabels>
                </>
              }
            />
            <Show when={o.clinicName || o.clinician}>
              <p class="muted">
                {t('order.clinicName')}: {[o.clinicName, o.clinician].filter(Boolean).join(' · ')}
              </p>
            </Show>
            <Show when={o.clinicNotices.length > 0}>
              <Card title={t('order.notices')}>
                <ul class="med-notices">
                  <For each={o.clinicNotices}>
                    {(n) => (
                      <li>
                        <strong>
                          {n.kind === 'rejected'
                            ? t('order.noticeRejected', { barcode: n.barcode })
                            : t('order.noticeCritical', { barcode: n.barcode, test: n.test ?? '' })}
                        </strong>{' '}
                        ·{' '}
                        {n.channel === 'email' ? (
                          t('order.noticeEmailed', { to: n.sentTo ?? '' })
                        ) : (
                          <Badge tone="warning">{t('order.noticeCall')}</Badge>
                        )}{' '}
                        · <span class="muted">{i18n.dateTime(n.at)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Card>
            </Show>
            <div class="med-grid">
              <For each={o.specimens}>
                {(s) => (
                  <Card
                    title={
                      <span>
                        <span class="mono">{s.barcode}</span> · {s.container ?? s.specimenType}
                      </span>
                    }
                  >
                    <p class="muted">{s.tests.join(', ')}</p>
                    <WorkflowPanel path={`/medical/specimens/${s.id}`} onChange={() => refetch()} />
                  </Card>
                )}
              </For>
            </div>
            <Card title={t('order.results')} padded={false}>
              <Show when={current(o).length > 0} fallback={<p class="card-body muted">{t('order.noResults')}</p>}>
                <DataTable<ResultView>
                  rows={current(o)}
                  rowKey={(r) => r.id}
                  caption={t('order.results')}
                  columns={[
                    { header: t('catalogue.code'), cell: (r) => <span class="mono">{r.test}</span> },
                    {
                      header: t('nav.results'),
                      align: 'end',
                      cell: (r) => (
                        <span class="med-value">
                          {r.value === null ? (r.valueText ?? '') : i18n.number(r.value)} {r.unit}
                        </span>
                      ),
                    },
                    { header: '', cell: (r) => <FlagBadge flag={r.flag} /> },
                    {
                      header: t('catalogue.ranges'),
                      hideOnMobile: true,
                      cell: (r) =>
                        `${r.refLow === null ? '' : i18n.number(r.refLow)}–${r.refHigh === null ? '' : i18n.number(r.refHigh)}`,
                    },
                    {
                      header: t('common.status'),
                      cell: (r) => <StatusBadge status={r.status} statuses={RESULT_STATUSES} />,
                    },
                  ]}
                />
              </Show>
            </Card>
          </>
        )}
      </Async>
    </div>
  );
}
