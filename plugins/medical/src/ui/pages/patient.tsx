import { Async, Card, DataTable, DateText, PageHeader, useI18n, useTenant } from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { LineChart } from '../chart.tsx';
import type { CumulativeSeries, OrderSummary, Patient } from '../types.ts';
import { FlagBadge, pick, useBase, useT } from '../ui.tsx';

type Point = CumulativeSeries['points'][number];

/** A patient's cumulative view: each test's released results over time, charted against its range. */
export default function PatientPage() {
  const t = useT();
  const i18n = useI18n();
  const base = useBase();
  const params = useParams();
  const { api, tenant } = useTenant();
  const [data, { refetch }] = createResource(
    () => params.id,
    async (id) => {
      const [cum, orders] = await Promise.all([
        api<{ patient: Patient; series: CumulativeSeries[] }>(`/medical/patients/${id}/cumulative`),
        api<{ orders: OrderSummary[] }>('/medical/orders', { query: { patientId: id } }),
      ]);
      return { ...cum, orders: orders.orders };
    },
  );
  const pdf = (id: string) =>
    `/api/t/${encodeURIComponent(tenant().slug)}/medical/patients/${id}/cumulative/pdf?lang=${i18n.locale()}`;
  const value = (p: Point) => (p.value === null ? (p.valueText ?? '') : i18n.number(p.value));
  return (
    <div class="page">
      <Async resource={data} refetch={refetch}>
        {(d) => (
          <>
            <PageHeader
              title={`${d.patient.lastName} ${d.patient.firstName}`}
              description={`${i18n.date(d.patient.birthDate)} · ${t(`sex.${d.patient.sex}`)}${d.patient.birthNumber ? ` · ${d.patient.birthNumber}` : ''}`}
              actions={
                <a class="btn btn-secondary" href={pdf(d.patient.id)} target="_blank" rel="noopener">
                  {t('patient.cumulativePdf')}
                </a>
              }
            />
            <Card title={t('patient.orders')} padded={false}>
              <DataTable<OrderSummary>
                rows={d.orders}
                rowKey={(o) => o.id}
                caption={t('patient.orders')}
                columns={[
                  {
                    header: t('orders.number'),
                    cell: (o) => (
                      <A class="mono" href={`${base()}/orders/${o.id}`}>
                        {o.number}
                      </A>
                    ),
                  },
                  { header: t('orders.orderedAt'), cell: (o) => <DateText value={o.orderedAt} time /> },
                  { header: t('orders.clinic'), hideOnMobile: true, cell: (o) => o.clinicName ?? t('common.none') },
                ]}
              />
            </Card>
            <Show when={d.series.length > 0} fallback={<p class="muted">{t('patient.noResults')}</p>}>
              <h2 class="section-title">{t('patient.cumulative')}</h2>
              <div class="med-grid">
                <For each={d.series}>
                  {(s) => {
                    const numeric = s.points.filter((p) => p.value !== null);
                    const last = s.points[s.points.length - 1];
                    return (
                      <Card title={`${pick(s.name, i18n.locale())} (${s.unit})`}>
                        <Show when={numeric.length > 0}>
                          <LineChart
                            title={`${pick(s.name, i18n.locale())} ${s.unit}`}
                            height={160}
                            points={numeric.map((p) => ({
                              x: new Date(p.at).getTime(),
                              y: Number(p.value),
                              label: `${i18n.dateTime(p.at)}: ${value(p)} ${s.unit} ${p.flag ?? ''}`,
                              tone: p.flag === 'HH' || p.flag === 'LL' ? 'danger' : p.flag ? 'warning' : 'normal',
                            }))}
                            band={{
                              low: last?.refLow == null ? null : Number(last.refLow),
                              high: last?.refHigh == null ? null : Number(last.refHigh),
                            }}
                          />
                        </Show>
                        <DataTable<Point>
                          rows={[...s.points].reverse()}
                          rowKey={(p) => p.resultId}
                          caption={s.test}
                          columns={[
                            { header: t('patient.when'), cell: (p) => <DateText value={p.at} time /> },
                            {
                              header: t('nav.results'),
                              align: 'end',
                              cell: (p) => (
                                <span class="med-value">
                                  {value(p)} <FlagBadge flag={p.flag} />
                                </span>
                              ),
                            },
                            {
                              header: t('catalogue.ranges'),
                              hideOnMobile: true,
                              cell: (p) =>
                                `${p.refLow === null ? '' : i18n.number(p.refLow)}–${p.refHigh === null ? '' : i18n.number(p.refHigh)}`,
                            },
                          ]}
                        />
                      </Card>
                    );
                  }}
                </For>
              </div>
            </Show>
          </>
        )}
      </Async>
    </div>
  );
}
