import { Async, Button, DataTable, DateText, DetailPage, notify, useTenant } from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { ReturnChecklist } from '../../server/routes/people.ts';
import { useST } from '../stock-messages.ts';

type Item = ReturnChecklist['items'][number];

/** One leaver's return checklist: each asset, accessory loan and licence seat taken back here; then close it. */
export default function ReturnPage() {
  const t = useST();
  const params = useParams<{ id: string }>();
  const { tenant, api } = useTenant();
  const [list, { refetch, mutate }] = createResource(
    () => params.id,
    (id) => api<ReturnChecklist>(`/it/returns/${id}`),
  );
  const base = () => `/t/${tenant().slug}/it`;
  const href = (i: Item) =>
    `${base()}/${i.kind === 'asset' ? 'assets' : i.kind === 'accessory' ? 'stock' : 'licences'}/${i.targetId}`;
  const takeBack = async (i: Item) => {
    if (i.kind === 'asset') await api(`/it/assets/${i.targetId}/checkin`, { method: 'POST', body: {} });
    if (i.kind === 'accessory') await api(`/it/stock/${i.targetId}/loans/${i.id}/checkin`, { method: 'POST' });
    if (i.kind === 'licence') await api(`/it/licences/${i.targetId}/seats/${i.id}/release`, { method: 'POST' });
    notify(t('takenBack'));
    void refetch();
  };
  const close = async () => {
    mutate(await api<ReturnChecklist>(`/it/returns/${params.id}/close`, { method: 'POST' }));
    notify(t('closed'));
  };
  return (
    <Async resource={list} refetch={refetch}>
      {(r) => (
        <DetailPage
          title={r.name}
          subtitle={
            <>
              {t('leaves')} <DateText value={r.endDate} />
            </>
          }
          back={{ href: `${base()}/returns`, label: t('returns') }}
          actions={
            <Show when={!r.closedAt}>
              <Button variant="primary" onClick={close} disabled={r.items.length > 0}>
                {t('closeList')}
              </Button>
            </Show>
          }
          tabs={[
            {
              id: 'items',
              label: t('items'),
              content: () => (
                <div class="stack">
                  <Show when={r.closedAt}>
                    <p class="muted">
                      {t('closed')} <DateText value={r.closedAt} time /> {r.closedBy ?? ''}
                    </p>
                  </Show>
                  <Show when={!r.closedAt}>
                    <Show when={r.items.length} fallback={<p>{t('allBack')}</p>}>
                      <p>{t('itemsCount', { count: r.items.length })}</p>
                      <DataTable<Item>
                        rows={r.items}
                        caption={t('items')}
                        rowKey={(i) => i.id}
                        columns={[
                          { header: t('what'), hideOnMobile: true, cell: (i) => t(`item_${i.kind}`) },
                          {
                            header: t('name'),
                            cell: (i) => (
                              <A class="cell-primary" href={href(i)}>
                                {i.quantity > 1 ? `${i.label} × ${i.quantity}` : i.label}
                              </A>
                            ),
                          },
                          { header: t('holder'), hideOnMobile: true, cell: (i) => i.holder },
                          {
                            header: '',
                            cell: (i) => (
                              <button type="button" class="btn btn-secondary btn-sm" onClick={() => takeBack(i)}>
                                {i.kind === 'licence' ? t('release') : t('takeBack')}
                              </button>
                            ),
                          },
                        ]}
                      />
                    </Show>
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
