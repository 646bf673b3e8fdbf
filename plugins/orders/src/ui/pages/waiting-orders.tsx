import { Money } from '@bureau/core/ui';
import { For, Show } from 'solid-js';
import { type DeliveryKey, useDeliveryT } from '../delivery-messages.ts';
import type { PlannableOrder } from '../types.ts';

/**
 * The own-courier orders waiting for a run, as checkboxes in the order ticked: packed ones, and
 * those back from a failed stop (from which run, and why). The server's error for the n-th chosen
 * order (`orderIds.n`) shows at its row.
 */
export function WaitingOrders(props: {
  orders: PlannableOrder[] | undefined;
  chosen: string[];
  onChange: (chosen: string[]) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const d = useDeliveryT();
  const toggle = (id: string, on: boolean) =>
    props.onChange(on ? [...props.chosen, id] : props.chosen.filter((x) => x !== id));
  const errorOf = (id: string) =>
    props.chosen.includes(id) ? props.fieldError(`orderIds.${props.chosen.indexOf(id)}`) : undefined;
  return (
    <fieldset class="stack">
      <legend class="field-label">{d('packedOrders')}</legend>
      <Show when={(props.orders ?? []).length > 0} fallback={<p class="muted">{d('noPackedOrders')}</p>}>
        <For each={props.orders}>
          {(o) => (
            <label class="row" data-order={o.number}>
              <input
                type="checkbox"
                name="orderIds"
                value={o.id}
                checked={props.chosen.includes(o.id)}
                onChange={(e) => toggle(o.id, e.currentTarget.checked)}
              />
              <span class="mono">{o.number}</span>
              <span>{o.name}</span>
              <Show when={Number(o.codDue) > 0}>
                <span class="muted">
                  <Money amount={o.codDue} currency={o.currency} />
                </span>
              </Show>
              <Show when={o.lastFailure}>
                {(f) => (
                  <span class="muted">
                    {d('cameBack', { run: f().runNumber, reason: d(`reason_${f().reason}` as DeliveryKey) })}
                  </span>
                )}
              </Show>
              <Show when={errorOf(o.id)}>{(msg) => <span class="field-error">{msg()}</span>}</Show>
            </label>
          )}
        </For>
      </Show>
    </fieldset>
  );
}
