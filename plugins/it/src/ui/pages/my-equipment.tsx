import { AsyncTable, Button, Card, DateText, notify, PageHeader, problemMessage, useTenant } from '@bureau/core/ui';
import { createResource, Show } from 'solid-js';
import type { Assignment } from '../../server/routes/assets.ts';
import { useT } from '../messages.ts';

/** The requester's own equipment: what is checked out to them, with "confirm receipt". */
export default function MyEquipment() {
  const t = useT();
  const { api } = useTenant();
  const [items, { refetch }] = createResource(async () =>
    (await api<{ items: Assignment[] }>('/it/my/assets')).items.filter((g) => !g.checkedInAt),
  );
  const acknowledge = async (g: Assignment) => {
    try {
      await api(`/it/assets/${g.assetId}/acknowledge`, { method: 'POST', body: {} });
      notify(t('acknowledged'));
      void refetch();
    } catch (e) {
      notify(problemMessage(e, t as never), 'danger');
    }
  };
  return (
    <div class="page">
      <PageHeader title={t('myEquipment')} description={t('myEquipmentText')} />
      <Card padded={false}>
        <AsyncTable<Assignment>
          resource={items}
          refetch={refetch}
          caption={t('myEquipment')}
          empty={<p class="muted">{t('myEmpty')}</p>}
          rowKey={(g) => g.id}
          columns={[
            { header: t('tag'), cell: (g) => <span class="mono">{g.assetTag}</span> },
            { header: t('name'), cell: (g) => g.assetName },
            { header: t('checkedOut'), cell: (g) => <DateText value={g.checkedOutAt} time /> },
            {
              header: t('acknowledged'),
              cell: (g) => (
                <Show
                  when={g.acknowledgedAt}
                  fallback={
                    <Button size="sm" onClick={() => void acknowledge(g)}>
                      {t('acknowledge')}
                    </Button>
                  }
                >
                  <DateText value={g.acknowledgedAt} time />
                </Show>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
