import {
  Card,
  createForm,
  DateInput,
  DateText,
  Form,
  PageHeader,
  ResourceList,
  SelectField,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { hoursDays } from '../hours.ts';
import { useT } from '../messages.ts';
import { LEAVE_STATUSES } from '../statuses.ts';
import type { Person } from '../types.ts';

interface Leave {
  id: string;
  employeeId: string;
  employeeName: string;
  kind: 'holiday' | 'sick' | 'other' | 'unpaid';
  startDate: string;
  endDate: string;
  days: string;
  hours: string;
  status: string;
}

/** Leave: requests in hours (days derived) with their status, and a new request. Approval is on the request's page. */
export default function LeavePage() {
  const t = useT();
  const i18n = useI18n();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/hr/leave`;
  const [people] = createResource(() => api<{ items: Person[] }>('/hr/employees?status=active&limit=200'));
  const [version, setVersion] = createSignal(0);
  const form = createForm({
    initial: { employeeId: '', kind: 'holiday', startDate: '', endDate: '' },
    onSubmit: async (v) => {
      await api('/hr/leave', { method: 'POST', body: v });
      form.set({ employeeId: v.employeeId, kind: 'holiday', startDate: '', endDate: '' });
      setVersion(version() + 1);
    },
  });
  const kinds = ['holiday', 'sick', 'other', 'unpaid'] as const;
  return (
    <div class="page">
      <PageHeader title={t('leave')} description={t('leaveSubtitle')} />
      <Show when={can('hr.people.manage')}>
        <Card>
          <Form form={form} submitLabel={t('requestLeave')}>
            <div class="form-grid">
              <SelectField
                label={t('employee')}
                {...form.bind('employeeId')}
                options={[
                  { value: '', label: '—' },
                  ...(people()?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
                ]}
              />
              <SelectField
                label={t('leaveKind')}
                {...form.bind('kind')}
                options={kinds.map((k) => ({ value: k, label: t(k) }))}
              />
              <DateInput label={t('from')} {...form.bind('startDate')} required />
              <DateInput label={t('to')} {...form.bind('endDate')} required />
            </div>
          </Form>
        </Card>
      </Show>
      <Card padded={false}>
        <Show when={version() + 1} keyed>
          <ResourceList<Leave>
            path="/hr/leave"
            caption={t('leave')}
            search={t('search')}
            defaultSort={{ key: 'startDate', dir: 'desc' }}
            filters={[
              {
                name: 'status',
                label: t('status'),
                type: 'segmented',
                options: statusOptions(LEAVE_STATUSES, i18n.text),
              },
            ]}
            empty={{ title: t('leaveEmpty'), description: t('leaveEmptyText') }}
            rowKey={(l) => l.id}
            rowLabel={(l) => l.employeeName}
            rowHref={(l) => `${base()}/${l.id}`}
            columns={[
              {
                header: t('employee'),
                cell: (l) => (
                  <A class="cell-primary" href={`${base()}/${l.id}`}>
                    {l.employeeName}
                  </A>
                ),
              },
              { header: t('leaveKind'), cell: (l) => t(l.kind) },
              { header: t('from'), sort: 'startDate', cell: (l) => <DateText value={l.startDate} /> },
              { header: t('to'), cell: (l) => <DateText value={l.endDate} /> },
              { header: t('length'), align: 'end', cell: (l) => hoursDays(t, i18n, l.hours, l.days) },
              { header: t('status'), cell: (l) => <StatusBadge status={l.status} statuses={LEAVE_STATUSES} /> },
            ]}
          />
        </Show>
      </Card>
    </div>
  );
}
