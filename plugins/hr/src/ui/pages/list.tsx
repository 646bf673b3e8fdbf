import {
  Card,
  DateText,
  PageHeader,
  ResourceList,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';
import type { Person } from '../types.ts';

/** The employees: search, status filter, sort, export. */
export default function List() {
  const t = useT();
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const base = () => `/t/${tenant().slug}/hr`;
  const newButton = () => (
    <Show when={can('hr.people.manage')}>
      <A class="btn btn-primary" href={`${base()}/employees/new`}>
        {t('new')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('title')} description={t('subtitle')} actions={newButton()} />
      <Card padded={false}>
        <ResourceList<Person>
          path="/hr/employees"
          caption={t('title')}
          search={t('search')}
          defaultSort={{ key: 'name', dir: 'asc' }}
          filters={[
            { name: 'status', label: t('status'), type: 'segmented', options: statusOptions(STATUSES, i18n.text) },
          ]}
          empty={{ title: t('emptyTitle'), description: t('emptyText'), action: newButton() }}
          rowKey={(p) => p.id}
          rowLabel={(p) => p.name}
          rowHref={(p) => `${base()}/employees/${p.id}`}
          columns={[
            { header: t('number'), sort: 'number', cell: (p) => <span class="mono">{p.number}</span> },
            {
              header: t('name'),
              sort: 'name',
              cell: (p) => (
                <A class="cell-primary" href={`${base()}/employees/${p.id}`}>
                  {p.lastName} {p.firstName}
                </A>
              ),
            },
            { header: t('department'), sort: 'department', hideOnMobile: true, cell: (p) => p.department ?? '' },
            { header: t('position'), hideOnMobile: true, cell: (p) => p.position ?? '' },
            { header: t('startDate'), sort: 'startDate', cell: (p) => <DateText value={p.startDate} /> },
            { header: t('status'), cell: (p) => <StatusBadge status={p.status} statuses={STATUSES} /> },
          ]}
        />
      </Card>
    </div>
  );
}
