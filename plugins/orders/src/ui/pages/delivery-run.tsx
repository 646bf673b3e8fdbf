import {
  ApiError,
  Async,
  Button,
  Card,
  DateText,
  DetailPage,
  FormError,
  Money,
  notify,
  StatusBadge,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { useDeliveryT } from '../delivery-messages.ts';
import { useT } from '../messages.ts';
import { RUN_STATUSES } from '../statuses.ts';
import type { Driver, RunDetail } from '../types.ts';
import { AddStops } from './delivery-add-stops.tsx';
import { RunHandover } from './delivery-handover.tsx';
import { RunStops } from './delivery-stops.tsx';

/**
 * One delivery run for dispatch: its date, driver and stops in order (reordered, taken off or added
 * while planned), sent out for delivery, the cash due / collected / handed over and the closing handover,
 * and the run sheet PDF for a driver without a phone.
 */
export default function DeliveryRun() {
  const t = useT();
  const d = useDeliveryT();
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const { tenant, api } = useTenant();
  const [run, { mutate, refetch }] = createResource(
    () => params.id,
    (id) => api<RunDetail>(`/orders/delivery/runs/${id}`),
  );
  const [drivers] = createResource(async () => (await api<{ items: Driver[] }>('/orders/delivery/drivers')).items);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const onError = (e: unknown) => {
    if (e instanceof ApiError) setError(e);
    else throw e;
  };
  const update = (next: RunDetail) => {
    setError(null);
    mutate(next);
  };
  const start = async () => {
    setBusy(true);
    try {
      update(await api<RunDetail>(`/orders/delivery/runs/${params.id}/start`, { method: 'POST' }));
      notify(d('runStarted'));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const driverName = (r: RunDetail) => drivers()?.find((x) => x.userId === r.driverUserId)?.name ?? '';
  const sheetHref = (r: RunDetail) =>
    `/api/t/${tenant().slug}/orders/delivery/runs/${r.id}/sheet?lang=${i18n.locale() === 'en' ? 'en' : 'cs'}`;

  return (
    <Async resource={run} refetch={refetch}>
      {(r) => (
        <DetailPage
          title={r.number}
          subtitle={driverName(r)}
          status={<StatusBadge status={r.status} statuses={RUN_STATUSES} />}
          back={{ href: `/t/${tenant().slug}/orders/delivery`, label: d('runs') }}
          actions={
            <a class="btn btn-secondary" href={sheetHref(r)} target="_blank" rel="noopener">
              {d('runSheet')}
            </a>
          }
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <div class="figure">
                      <dt>{t('date')}</dt>
                      <dd>
                        <DateText value={r.date} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{d('driver')}</dt>
                      <dd>{driverName(r)}</dd>
                    </div>
                    <div class="figure">
                      <dt>{d('cashDue')}</dt>
                      <dd data-testid="cash-due">
                        <Money amount={r.cash.due} currency={r.currency} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{d('cashCollected')}</dt>
                      <dd>
                        <Money amount={r.cash.collected} currency={r.currency} />
                      </dd>
                    </div>
                    <Show when={r.cash.handedOver}>
                      {(h) => (
                        <div class="figure">
                          <dt>{d('cashHandedOver')}</dt>
                          <dd>
                            <Money amount={h()} currency={r.currency} />
                          </dd>
                        </div>
                      )}
                    </Show>
                    <Show when={r.cash.difference}>
                      {(diff) => (
                        <div class="figure">
                          <dt>{d('cashDifference')}</dt>
                          <dd>
                            <Money amount={diff()} currency={r.currency} />
                          </dd>
                        </div>
                      )}
                    </Show>
                  </dl>
                  <FormError error={error()} />
                  <Card padded={false}>
                    <RunStops run={r} onChange={update} onError={onError} />
                  </Card>
                  <Show when={r.status === 'planned' && r.stops.length > 0}>
                    <div>
                      <Button variant="primary" loading={busy()} onClick={() => void start()}>
                        {d('startRun')}
                      </Button>
                    </div>
                  </Show>
                  <Show when={r.status === 'planned'}>
                    <AddStops run={r} onChange={update} />
                  </Show>
                  <Show when={r.status === 'out'}>
                    <RunHandover run={r} onDone={update} />
                  </Show>
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
