import { AsyncTable, Card, DateText, PageHeader, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { ReturnChecklist } from '../../server/routes/people.ts';
import { useST } from '../stock-messages.ts';

/** Leavers' return checklists (from HR), open ones first: who leaves when and how much is still out. */
export default function Returns() {
  const t = useST();
  const { tenant, api } = useTenant();
  const [lists, { refetch }] = createResource(
    async () => (await api<{ items: ReturnChecklist[] }>('/it/returns')).items,
  );
  return (
    <div class="page">
      <PageHeader title={t('returns')} description={t('returnsText')} />
      <Card padded={false}>
        <AsyncTable<ReturnChecklist>
          resource={lists}
          refetch={refetch}
          caption={t('returns')}
          empty={<p class="muted">{t('noReturns')}</p>}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('name'),
              cell: (r) => (
                <A class="cell-primary" href={`/t/${tenant().slug}/it/returns/${r.id}`}>
                  {r.name}
                </A>
              ),
            },
            { header: t('leaves'), cell: (r) => <DateText value={r.endDate} /> },
            {
              header: t('items'),
              cell: (r) =>
                r.closedAt ? t('closed') : r.items.length ? t('itemsCount', { count: r.items.length }) : t('allBack'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
