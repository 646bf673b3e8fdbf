import { ApiError, Button, DataTable, Field, FormError, Money, StatusBadge, useTenant } from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useT } from '../messages.ts';
import { RETURN_STATUSES } from '../statuses.ts';
import type { Return, ReturnDetail } from '../types.ts';

interface Returnable {
  lineId: string;
  lineNo: number;
  sku: string;
  returnable: number;
}

/**
 * The returns of a shipped or delivered order, and (for who may sell) the form authorising a new one:
 * the reason and, per line, how much comes back (at most what is returnable).
 */
export function OrderReturns(props: { orderId: string }) {
  const t = useT();
  const { tenant, api, can } = useTenant();
  const navigate = useNavigate();
  const [existing] = createResource(
    () => props.orderId,
    async (orderId) => (await api<{ items: Return[] }>('/orders/returns', { query: { orderId, limit: 50 } })).items,
  );
  const [returnable] = createResource(
    () => props.orderId,
    async (id) => (await api<{ items: Returnable[] }>(`/orders/orders/${id}/returnable`)).items,
  );
  const [reason, setReason] = createSignal('');
  const [quantities, setQuantities] = createSignal<Record<string, string>>({});
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  /** The line ids in the order they were sent, to put a field error (`lines.N.quantity`) at its line. */
  const [sent, setSent] = createSignal<string[]>([]);
  const base = () => `/t/${tenant().slug}/orders`;
  const qty = (l: Returnable) => quantities()[l.lineId] ?? String(l.returnable);
  const open = () => (returnable() ?? []).filter((l) => l.returnable > 0);

  const authorise = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const lines = open()
        .map((l) => ({ lineId: l.lineId, quantity: qty(l).replace(',', '.') }))
        .filter((l) => l.quantity !== '' && Number(l.quantity) !== 0);
      setSent(lines.map((l) => l.lineId));
      const created = await api<ReturnDetail>(`/orders/orders/${props.orderId}/returns`, {
        method: 'POST',
        body: { reason: reason(), ...(lines.length ? { lines } : {}) },
      });
      navigate(`${base()}/returns/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack">
      <Show when={(existing() ?? []).length > 0}>
        <DataTable<Return>
          caption={t('returnsOfOrder')}
          rows={existing() ?? []}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('number'),
              cell: (r) => (
                <A class="mono" href={`${base()}/returns/${r.id}`}>
                  {r.number}
                </A>
              ),
            },
            { header: t('status'), cell: (r) => <StatusBadge status={r.status} statuses={RETURN_STATUSES} /> },
            { header: t('credit'), cell: (r) => <Money amount={r.credit} currency={r.currency} /> },
          ]}
        />
      </Show>
      <Show when={can('orders.sell') && open().length > 0}>
        <form class="card card-padded stack" onSubmit={authorise}>
          <h2 class="card-title">{t('authoriseReturn')}</h2>
          <p class="text-muted">{t('authoriseReturnText')}</p>
          <FormError error={error()} />
          <Field
            name="returnReason"
            label={t('returnReason')}
            value={reason()}
            onChange={setReason}
            error={error()?.fieldErrors.find((x) => x.path === 'reason')?.message}
            required
          />
          <For each={open()}>
            {(l) => (
              <Field
                name={`return-${l.sku}`}
                label={`${l.sku} · ${t('toReturn')} (${t('returnable')} ${l.returnable})`}
                value={qty(l)}
                onChange={(v) => setQuantities({ ...quantities(), [l.lineId]: v })}
                inputmode="decimal"
                error={
                  error()?.fieldErrors.find((x) => x.path === `lines.${sent().indexOf(l.lineId)}.quantity`)?.message
                }
              />
            )}
          </For>
          <div>
            <Button type="submit" variant="secondary" loading={busy()}>
              {t('authorise')}
            </Button>
          </div>
        </form>
      </Show>
    </div>
  );
}
