import {
  Card,
  DateText,
  PageHeader,
  PrintLabels,
  ResourceList,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { Employee } from '../../server/routes.ts';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';

/** The employees: search (a scanned code opens its employee), status filter, sort, export, labels. */
export default function List() {
  const t = useT();
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const base = () => `/t/${tenant().slug}/hr`;
  const newButton = () => (
    <Show when={can('hr.manage')}>
      <A class="btn btn-primary" href={`${base()}/new`}>
        {t('new')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('title')} description={t('subtitle')} actions={newButton()} />
      <Card padded={false}>
        <ResourceList<Employee>
          path="/hr/employees"
          caption={t('title')}
          search={t('search')}
          scan
          defaultSort={{ key: 'createdAt', dir: 'desc' }}
          filters={[
            { name: 'status', label: t('status'), type: 'segmented', options: statusOptions(STATUSES, i18n.text) },
          ]}
          empty={{ title: t('emptyTitle'), description: t('emptyText'), action: newButton() }}
          rowKey={(i) => i.id}
          rowLabel={(i) => i.code}
          rowHref={(i) => `${base()}/${i.id}`}
          bulkActions={(selected) => <PrintLabels items={selected.map((i) => ({ code: i.code, title: i.name }))} />}
          columns={[
            {
              header: t('code'),
              sort: 'code',
              cell: (i) => (
                <A class="cell-primary mono" href={`${base()}/${i.id}`}>
                  {i.code}
                </A>
              ),
            },
            { header: t('name'), sort: 'name', cell: (i) => i.name },
            { header: t('dueDate'), sort: 'dueDate', hideOnMobile: true, cell: (i) => <DateText value={i.dueDate} /> },
            { header: t('status'), sort: 'status', cell: (i) => <StatusBadge status={i.status} statuses={STATUSES} /> },
          ]}
        />
      </Card>
    </div>
  );
}
