import { Async, createForm, DataTable, DateText, DetailPage, Field, Form, notify, useTenant } from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { StockDetail, StockLoan, StockMove } from '../../server/routes/stock.ts';
import { figure } from '../figure.tsx';
import { HolderPicker, holderBody } from '../holder-picker.tsx';
import { useST } from '../stock-messages.ts';

const whole = (v: string) => Number(v.replace(/\s/g, ''));

/** One accessory or consumable: figures, lend / issue, receive, count; its loans (take back) and history. */
export default function StockItemPage() {
  const t = useST();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [item, { refetch, mutate }] = createResource(
    () => params.id,
    (id) => api<StockDetail>(`/it/stock/${id}`),
  );
  const done = (next: StockDetail) => {
    mutate(next);
    notify(t('saved'));
  };
  const out = createForm({
    initial: { quantity: '1', holderType: 'user', holderId: '' },
    onSubmit: async (v) => {
      const next = await api<StockDetail>(`/it/stock/${params.id}/out`, {
        method: 'POST',
        body: { quantity: whole(v.quantity), ...holderBody(v.holderType, v.holderId) },
      });
      out.set('holderId', '');
      done(next);
    },
  });
  const receive = createForm({
    initial: { quantity: '' },
    onSubmit: async (v) => {
      done(
        await api<StockDetail>(`/it/stock/${params.id}/receive`, {
          method: 'POST',
          body: { quantity: whole(v.quantity) },
        }),
      );
      receive.set('quantity', '');
    },
  });
  const count = createForm({
    initial: { onHand: '' },
    onSubmit: async (v) => {
      done(
        await api<StockDetail>(`/it/stock/${params.id}/count`, { method: 'POST', body: { onHand: whole(v.onHand) } }),
      );
      count.set('onHand', '');
    },
  });
  const takeBack = async (loan: StockLoan) => {
    mutate(await api<StockDetail>(`/it/stock/${params.id}/loans/${loan.id}/checkin`, { method: 'POST' }));
    notify(t('takenBack'));
  };
  return (
    <Async resource={item} refetch={refetch}>
      {(s) => (
        <DetailPage
          title={s.name}
          subtitle={t(s.kind)}
          back={{ href: `/t/${tenant().slug}/it/stock`, label: t('stock') }}
          entity={{ type: 'it.stock_item', id: s.id }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    {figure(t('available'), `${s.available} ${s.unit}`)}
                    {figure(t('onHand'), `${s.onHand} ${s.unit}`)}
                    <Show when={s.kind === 'accessory'}>{figure(t('onLoan'), `${s.onLoan} ${s.unit}`)}</Show>
                    {figure(t('minQuantity'), s.minQuantity ?? '—')}
                    {figure(t('model'), s.model ?? '—')}
                    {figure(t('location'), s.location ?? '—')}
                  </dl>
                  <Show when={s.low}>
                    <p class="muted">{t('low')}</p>
                  </Show>
                  <Show when={s.note}>
                    <p>{s.note}</p>
                  </Show>
                  <Show when={can('it.assets.assign')}>
                    <h3>{s.kind === 'accessory' ? t('giveOut') : t('issue')}</h3>
                    <Form form={out} submitLabel={s.kind === 'accessory' ? t('giveOut') : t('issue')}>
                      <div class="form-grid">
                        <Field label={t('quantity')} {...out.bind('quantity')} inputmode="numeric" required />
                        <HolderPicker
                          kinds={['user', 'employee', 'location']}
                          kind={out.bind('holderType')}
                          holder={out.bind('holderId')}
                          none={s.kind === 'consumable'}
                        />
                      </div>
                    </Form>
                  </Show>
                  <Show when={can('it.assets.manage')}>
                    <div class="form-grid">
                      <Form form={receive} submitLabel={t('receive')}>
                        <Field label={t('receive')} {...receive.bind('quantity')} inputmode="numeric" required />
                      </Form>
                      <Form form={count} submitLabel={t('count')}>
                        <Field label={t('countedOnHand')} {...count.bind('onHand')} inputmode="numeric" required />
                      </Form>
                    </div>
                  </Show>
                </div>
              ),
            },
            {
              id: 'loans',
              label: t('loans'),
              content: () => (
                <Show when={item()?.loans.length} fallback={<p class="muted">{t('noLoans')}</p>}>
                  <DataTable<StockLoan>
                    rows={item()?.loans ?? []}
                    caption={t('loans')}
                    rowKey={(l) => l.id}
                    columns={[
                      { header: t('holder'), cell: (l) => l.holder },
                      { header: t('quantity'), cell: (l) => `${l.quantity} ${s.unit}` },
                      { header: t('since'), hideOnMobile: true, cell: (l) => <DateText value={l.checkedOutAt} time /> },
                      {
                        header: t('returned'),
                        cell: (l) => (
                          <Show
                            when={l.checkedInAt}
                            fallback={
                              <Show when={can('it.assets.assign')}>
                                <button type="button" class="btn btn-secondary btn-sm" onClick={() => takeBack(l)}>
                                  {t('takeBack')}
                                </button>
                              </Show>
                            }
                          >
                            <DateText value={l.checkedInAt} time />
                          </Show>
                        ),
                      },
                    ]}
                  />
                </Show>
              ),
            },
            {
              id: 'moves',
              label: t('moves'),
              content: () => (
                <Show when={item()?.moves.length} fallback={<p class="muted">{t('noMoves')}</p>}>
                  <DataTable<StockMove>
                    rows={item()?.moves ?? []}
                    caption={t('moves')}
                    rowKey={(m) => m.id}
                    columns={[
                      { header: t('at'), cell: (m) => <DateText value={m.at} time /> },
                      { header: t('what'), cell: (m) => t(`move_${m.kind}`) },
                      { header: t('change'), cell: (m) => (m.quantity > 0 ? `+${m.quantity}` : String(m.quantity)) },
                      { header: t('after'), hideOnMobile: true, cell: (m) => m.onHandAfter },
                      { header: t('holder'), hideOnMobile: true, cell: (m) => m.holder ?? '' },
                      { header: t('by'), hideOnMobile: true, cell: (m) => m.by ?? '' },
                    ]}
                  />
                </Show>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
