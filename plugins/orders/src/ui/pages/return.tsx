import {
  ApiError,
  Async,
  Button,
  ConfirmDialog,
  DataTable,
  DateText,
  DetailPage,
  Field,
  FormError,
  Money,
  notify,
  StatusBadge,
  useTenant,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useT } from '../messages.ts';
import { RETURN_STATUSES } from '../statuses.ts';
import type { ReturnDetail } from '../types.ts';

type Line = ReturnDetail['lines'][number];

/**
 * One return: what was authorised per line and what came back to stock or scrap, the credit and its
 * credit note; while authorised, the receipt form (back to stock, to scrap, per line) and cancel.
 */
export default function ReturnPage() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [ret, { refetch }] = createResource(
    () => params.id,
    (id) => api<ReturnDetail>(`/orders/returns/${id}`),
  );
  const [amounts, setAmounts] = createSignal<Record<string, { restock: string; scrap: string }>>({});
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [cancelling, setCancelling] = createSignal(false);
  const base = () => `/t/${tenant().slug}/orders`;
  const amount = (l: Line) => amounts()[l.id] ?? { restock: String(l.quantity), scrap: '0' };
  const set = (l: Line, key: 'restock' | 'scrap', value: string) =>
    setAmounts({ ...amounts(), [l.id]: { ...amount(l), [key]: value } });
  const fieldError = (i: number, key: string) =>
    error()?.fieldErrors.find((e) => e.path === `lines.${i}.${key}`)?.message;

  const receive = async (e: Event, lines: Line[]) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/orders/returns/${params.id}/receive`, {
        method: 'POST',
        body: {
          lines: lines.map((l) => ({
            lineId: l.id,
            restock: amount(l).restock.replace(',', '.') || '0',
            scrap: amount(l).scrap.replace(',', '.') || '0',
          })),
        },
      });
      notify(t('returnReceived'));
      void refetch();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Async resource={ret} refetch={refetch}>
      {(r) => (
        <DetailPage
          title={r.number}
          subtitle={r.customer}
          status={<StatusBadge status={r.status} statuses={RETURN_STATUSES} />}
          back={{ href: `${base()}/returns`, label: t('returns') }}
          entity={{ type: 'orders.return', id: r.id }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <div class="figure">
                      <dt>{t('order')}</dt>
                      <dd>
                        <A class="mono" href={`${base()}/${r.orderId}`}>
                          {r.orderNumber}
                        </A>
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('date')}</dt>
                      <dd>
                        <DateText value={r.createdAt} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('reason')}</dt>
                      <dd>{r.reason}</dd>
                    </div>
                    <div class="figure">
                      <dt>{t('credit')}</dt>
                      <dd data-testid="return-credit">
                        <Money amount={r.credit} currency={r.currency} />
                      </dd>
                    </div>
                    <Show when={r.creditNote.number}>
                      <div class="figure">
                        <dt>{t('creditNote')}</dt>
                        <dd class="mono" data-testid="credit-note">
                          {r.creditNote.number}
                        </dd>
                      </div>
                    </Show>
                  </dl>
                  <DataTable<Line>
                    caption={t('lines')}
                    rows={r.lines}
                    rowKey={(l) => l.id}
                    columns={[
                      { header: t('sku'), cell: (l) => <span class="mono">{l.sku}</span> },
                      { header: t('product'), cell: (l) => l.description, hideOnMobile: true },
                      { header: t('authorised'), cell: (l) => l.quantity },
                      { header: t('restocked'), cell: (l) => l.restocked },
                      { header: t('scrapped'), cell: (l) => l.scrapped, hideOnMobile: true },
                    ]}
                  />
                  <Show when={r.status === 'authorised' && can('orders.fulfil')}>
                    <form class="card card-padded stack" onSubmit={(e) => void receive(e, r.lines)}>
                      <h2 class="card-title">{t('receiveReturn')}</h2>
                      <p class="text-muted">{t('receiveReturnText')}</p>
                      <FormError error={error()} />
                      <For each={r.lines}>
                        {(l, i) => (
                          <fieldset class="stack">
                            <legend class="mono">{l.sku}</legend>
                            <div class="row">
                              <Field
                                name={`restock-${l.sku}`}
                                label={t('restocked')}
                                value={amount(l).restock}
                                onChange={(v) => set(l, 'restock', v)}
                                inputmode="decimal"
                                error={fieldError(i(), 'restock')}
                              />
                              <Field
                                name={`scrap-${l.sku}`}
                                label={t('scrapped')}
                                value={amount(l).scrap}
                                onChange={(v) => set(l, 'scrap', v)}
                                inputmode="decimal"
                                error={fieldError(i(), 'scrap')}
                              />
                            </div>
                          </fieldset>
                        )}
                      </For>
                      <div class="row">
                        <Button type="submit" loading={busy()}>
                          {t('receive')}
                        </Button>
                        <Show when={can('orders.sell')}>
                          <Button variant="danger" onClick={() => setCancelling(true)}>
                            {t('cancelReturn')}
                          </Button>
                        </Show>
                      </div>
                    </form>
                  </Show>
                  <ConfirmDialog
                    open={cancelling()}
                    onOpenChange={setCancelling}
                    title={t('cancelReturn')}
                    description={t('cancelReturnText')}
                    confirmLabel={t('cancelReturn')}
                    danger
                    onConfirm={async () => {
                      await api(`/orders/returns/${params.id}/cancel`, { method: 'POST', body: {} });
                      void refetch();
                    }}
                  />
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
