import {
  AsyncTable,
  createForm,
  DateText,
  Field,
  Form,
  formatNumber,
  notify,
  SelectField,
  StatusBadge,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Plan, Reading, WorkOrder } from '../../server/routes/maintenance.ts';
import { intervalText } from '../maintenance-format.ts';
import { useMT, WORK_ORDER_STATUSES } from '../maintenance-messages.ts';

/** An asset card's maintenance tab: plans covering it with its next due, its work orders, meter readings (record one). */
export default function AssetMaintenance(props: { assetId: string; tag: string }) {
  const t = useMT();
  const i18n = useI18n();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/it/maintenance`;
  const [plans, { refetch: refetchPlans }] = createResource(
    () => props.assetId,
    async (id) => (await api<{ items: Plan[] }>(`/it/maintenance/plans?assetId=${id}`)).items,
  );
  const [orders, { refetch: refetchOrders }] = createResource(
    () => props.assetId,
    async (id) => (await api<{ items: WorkOrder[] }>(`/it/maintenance/work-orders?assetId=${id}&limit=50`)).items,
  );
  const [readings, { refetch: refetchReadings }] = createResource(
    () => props.assetId,
    async (id) => (await api<{ items: Reading[] }>(`/it/assets/${id}/meters`)).items,
  );
  const form = createForm({
    initial: { meter: 'km', value: '' },
    onSubmit: async (v) => {
      const res = await api<{ opened: string[] }>(`/it/assets/${props.assetId}/meters`, {
        method: 'POST',
        body: { meter: v.meter, value: Number(v.value.replace(/\s/g, '')) },
      });
      notify(res.opened.length ? t('opened', { numbers: res.opened.join(', ') }) : t('readingSaved'));
      form.set('value', '');
      void refetchReadings();
      void refetchOrders();
      void refetchPlans();
    },
  });
  const mine = (p: Plan) => p.schedule.find((s) => s.assetId === props.assetId);
  return (
    <div class="stack">
      <Show when={can('it.maintenance.manage')}>
        <div>
          <A class="btn btn-secondary" href={`${base()}/plans/new?asset=${props.assetId}`}>
            {t('newPlan')}
          </A>
        </div>
      </Show>
      <AsyncTable<Plan>
        resource={plans}
        refetch={refetchPlans}
        caption={t('plans')}
        empty={<p class="muted">{t('noPlans')}</p>}
        rowKey={(p) => p.id}
        columns={[
          {
            header: t('plans'),
            cell: (p) => (
              <A class="cell-primary" href={`${base()}/plans/${p.id}`}>
                {p.title}
              </A>
            ),
          },
          { header: t('interval'), hideOnMobile: true, cell: (p) => intervalText(t, p) },
          {
            header: t('nextDue'),
            cell: (p) => {
              const s = mine(p);
              return s?.nextMeter != null ? (
                `${formatNumber(s.nextMeter, i18n.locale())} ${t(p.meter ?? 'km')}`
              ) : (
                <DateText value={s?.nextDueOn ?? null} />
              );
            },
          },
        ]}
      />
      <AsyncTable<WorkOrder>
        resource={orders}
        refetch={refetchOrders}
        caption={t('workOrders')}
        empty={<p class="muted">{t('noWorkOrders')}</p>}
        rowKey={(w) => w.id}
        columns={[
          {
            header: t('number'),
            cell: (w) => (
              <A class="cell-primary mono" href={`${base()}/work-orders/${w.id}`}>
                {w.number}
              </A>
            ),
          },
          { header: t('title'), hideOnMobile: true, cell: (w) => w.title },
          { header: t('due'), cell: (w) => <DateText value={w.dueOn} /> },
          {
            header: t('status'),
            cell: (w) => <StatusBadge status={w.overdue ? 'overdue' : w.status} statuses={WORK_ORDER_STATUSES} />,
          },
        ]}
      />
      <h3>{t('readings')}</h3>
      <Show when={can('it.maintenance')}>
        <Form form={form} submitLabel={t('addReading')}>
          <div class="form-grid">
            <SelectField
              label={t('meter')}
              {...form.bind('meter')}
              options={(['km', 'hours', 'pages', 'cycles'] as const).map((m) => ({ value: m, label: t(m) }))}
            />
            <Field label={t('value')} {...form.bind('value')} inputmode="numeric" required />
          </div>
        </Form>
      </Show>
      <AsyncTable<Reading>
        resource={readings}
        refetch={refetchReadings}
        caption={t('readings')}
        empty={<p class="muted">{t('noReadings')}</p>}
        rowKey={(r) => r.id}
        columns={[
          { header: t('meter'), cell: (r) => t(r.meter) },
          { header: t('value'), cell: (r) => formatNumber(r.value, i18n.locale()) },
          { header: t('readAt'), cell: (r) => <DateText value={r.readAt} time /> },
          { header: t('recordedBy'), hideOnMobile: true, cell: (r) => r.recordedBy },
        ]}
      />
    </div>
  );
}
