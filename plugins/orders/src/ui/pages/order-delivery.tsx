import { Card, DateText, StatusBadge, useTenant } from '@bureau/core/ui';
import { createResource, For, Show } from 'solid-js';
import { type DeliveryKey, useDeliveryT } from '../delivery-messages.ts';
import { STOP_STATUSES } from '../statuses.ts';
import type { OrderDelivery } from '../types.ts';

/**
 * An own-courier order's delivery: each stop of a run with who took the parcel and when, the
 * signature or photo kept as the order's attachment (shown when the reader may see attachments),
 * or why it failed. Nothing shows for an order that has not been on a run.
 */
export function OrderDeliveryProof(props: { orderId: string; version: string }) {
  const d = useDeliveryT();
  const { tenant, api, can } = useTenant();
  const [stops] = createResource(
    () => ({ id: props.orderId, v: props.version }),
    async ({ id }) => (await api<{ items: OrderDelivery[] }>(`/orders/orders/${id}/deliveries`)).items,
  );
  const proofSrc = (recordId: string) => `/api/t/${encodeURIComponent(tenant().slug)}/records/${recordId}/content`;
  return (
    <Show when={(stops.latest ?? []).length > 0}>
      <Card title={d('proofOfDelivery')}>
        <ul class="plain-list stack">
          <For each={stops.latest}>
            {(s) => (
              <li class="stack" data-testid="delivery-proof">
                <div class="row">
                  <span class="mono">{s.runNumber}</span>
                  <DateText value={s.doneAt ?? s.runDate} time={Boolean(s.doneAt)} />
                  <StatusBadge status={s.status} statuses={STOP_STATUSES} />
                </div>
                <Show when={s.recipientName}>{(n) => <p>{d('deliveredTo', { name: n() })}</p>}</Show>
                <Show when={s.failureReason}>
                  {(r) => (
                    <p>
                      {d('notDelivered', { reason: d(`reason_${r()}` as DeliveryKey) })}
                      {s.failureNote ? ` · ${s.failureNote}` : ''}
                    </p>
                  )}
                </Show>
                <Show when={s.proofRecordId && can('tenant.records.read') ? s.proofRecordId : null}>
                  {(id) => (
                    <img
                      src={proofSrc(id())}
                      alt={d('signatureOf', { name: s.recipientName ?? '' })}
                      style={{ 'max-width': '300px', width: '100%', border: '1px solid #ccc', background: '#fff' }}
                    />
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Card>
    </Show>
  );
}
