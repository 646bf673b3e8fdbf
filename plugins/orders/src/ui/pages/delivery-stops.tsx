import { Button, DataTable, Money, StackedCell, StatusBadge, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { addressText, mapHref, phoneOf } from '../address.ts';
import { type DeliveryKey, useDeliveryT } from '../delivery-messages.ts';
import { useT } from '../messages.ts';
import { STOP_STATUSES } from '../statuses.ts';
import type { RunDetail } from '../types.ts';

type Stop = RunDetail['stops'][number];

/**
 * A run's stops in order for dispatch: order, address (opens the map), phone, packages, cash and
 * how the stop ended; while the run is planned each stop moves up or down or comes off the run.
 */
export function RunStops(props: { run: RunDetail; onChange: (run: RunDetail) => void; onError: (e: unknown) => void }) {
  const t = useT();
  const d = useDeliveryT();
  const { tenant, api } = useTenant();
  const planned = () => props.run.status === 'planned';
  const call = async (path: string, method: 'PUT' | 'DELETE', body?: unknown) => {
    try {
      props.onChange(await api<RunDetail>(`/orders/delivery/runs/${props.run.id}${path}`, { method, body }));
    } catch (e) {
      props.onError(e);
    }
  };
  const stopOutcome = (s: Stop) =>
    s.recipientName
      ? d('deliveredTo', { name: s.recipientName })
      : s.failureReason
        ? `${d(`reason_${s.failureReason}` as DeliveryKey)}${s.failureNote ? ` · ${s.failureNote}` : ''}`
        : '';
  const index = (s: Stop) => props.run.stops.findIndex((x) => x.id === s.id);
  const move = (i: number, by: -1 | 1) => {
    const ids = props.run.stops.map((s) => s.id);
    const [moved] = ids.splice(i, 1);
    ids.splice(i + by, 0, moved as string);
    void call('/sequence', 'PUT', { stopIds: ids });
  };
  return (
    <DataTable<Stop>
      caption={d('stops')}
      rows={props.run.stops}
      rowKey={(s) => s.id}
      columns={[
        { header: '#', cell: (s) => s.seq },
        {
          header: t('order'),
          cell: (s) => (
            <A class="mono" href={`/t/${tenant().slug}/orders/${s.orderId}`}>
              {s.orderNumber}
            </A>
          ),
        },
        {
          header: d('address'),
          cell: (s) => (
            <StackedCell
              primary={(s.shipTo?.name as string | undefined) ?? s.customer}
              secondary={
                <a href={mapHref(addressText(s.shipTo))} target="_blank" rel="noopener">
                  {addressText(s.shipTo)}
                </a>
              }
            />
          ),
        },
        {
          header: d('phone'),
          hideOnMobile: true,
          cell: (s) => (
            <Show when={phoneOf(s.shipTo)}>{(p) => <a href={`tel:${p().replace(/\s/g, '')}`}>{p()}</a>}</Show>
          ),
        },
        { header: t('packages'), hideOnMobile: true, cell: (s) => s.packages },
        { header: d('codToCollect'), cell: (s) => <Money amount={s.codDue} currency={props.run.currency} /> },
        {
          header: t('status'),
          cell: (s) => (
            <StackedCell
              primary={<StatusBadge status={s.status} statuses={STOP_STATUSES} />}
              secondary={stopOutcome(s)}
            />
          ),
        },
        {
          header: <span class="sr-only">{t('status')}</span>,
          cell: (s) => (
            <Show when={planned()}>
              <span class="row">
                <Button size="sm" variant="ghost" disabled={index(s) === 0} onClick={() => move(index(s), -1)}>
                  <span aria-hidden="true">↑</span>
                  <span class="sr-only">{d('moveUp', { number: s.orderNumber })}</span>
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={index(s) === props.run.stops.length - 1}
                  onClick={() => move(index(s), 1)}
                >
                  <span aria-hidden="true">↓</span>
                  <span class="sr-only">{d('moveDown', { number: s.orderNumber })}</span>
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void call(`/stops/${s.id}`, 'DELETE')}>
                  <span aria-hidden="true">✕</span>
                  <span class="sr-only">{d('removeStop', { number: s.orderNumber })}</span>
                </Button>
              </span>
            </Show>
          ),
        },
      ]}
    />
  );
}
