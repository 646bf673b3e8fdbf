import {
  Async,
  DataTable,
  DateText,
  DetailPage,
  EmptyState,
  Money,
  StatusBadge,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import '../hr.css';
import { Figure } from '../figure.tsx';
import { useT } from '../messages.ts';
import { useOT } from '../onboarding-messages.ts';
import { STATUSES } from '../statuses.ts';
import type { Contract, Employee } from '../types.ts';
import { OnboardingTab, TrainingTab } from './employee-tabs.tsx';

/** One employee: overview with the workflow, personal and pay data (when permitted), contracts; attachments and history. */
export default function EmployeePage() {
  const t = useT();
  const ot = useOT();
  const params = useParams<{ id: string }>();
  const { tenant, api } = useTenant();
  const [employee, { refetch }] = createResource(
    () => params.id,
    (id) => api<Employee>(`/hr/employees/${id}`),
  );
  const text = (v: string | null | undefined) => v || t('none');
  return (
    <Async resource={employee} refetch={refetch}>
      {(e) => (
        <DetailPage
          title={e.name}
          subtitle={<span class="mono">{e.number}</span>}
          status={<StatusBadge status={e.status} statuses={STATUSES} />}
          back={{ href: `/t/${tenant().slug}/hr/employees`, label: t('title') }}
          entity={{ type: 'hr.employee', id: e.id, retentionClass: 'hr.personnel-files' }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <Figure label={t('department')}>{text(e.department)}</Figure>
                    <Figure label={t('position')}>{text(e.position)}</Figure>
                    <Figure label={t('startDate')}>
                      <DateText value={e.startDate} />
                    </Figure>
                    <Show when={e.endDate}>
                      <Figure label={t('endDate')}>
                        <DateText value={e.endDate} />
                      </Figure>
                    </Show>
                    <Figure label={t('email')}>{text(e.email)}</Figure>
                    <Figure label={t('phone')}>{text(e.phone)}</Figure>
                    <Figure label={t('address')}>
                      {[e.street, [e.postalCode, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') ||
                        t('none')}
                    </Figure>
                  </dl>
                  <WorkflowPanel path={`/hr/employees/${e.id}`} onChange={() => void refetch()} />
                </div>
              ),
            },
            {
              id: 'personal',
              label: t('personal'),
              content: () => (
                <Show when={e.sensitive} fallback={<EmptyState title={t('personal')} description={t('hidden')} />}>
                  <dl class="figures">
                    <Figure label={t('birthNumber')}>{text(e.birthNumber)}</Figure>
                    <Figure label={t('birthDate')}>
                      <DateText value={e.birthDate} />
                    </Figure>
                    <Figure label={t('bankAccount')}>{text(e.bankAccount)}</Figure>
                    <Figure label={t('healthInsurer')}>{text(e.healthInsurer)}</Figure>
                    <Figure label={t('taxDeclaration')}>{e.taxDeclaration ? t('yes') : t('no')}</Figure>
                    <Figure label={t('children')}>
                      {(e.children ?? []).map((c) => `${c.name ?? ''} ${c.birthDate}`.trim()).join(', ') || t('none')}
                    </Figure>
                  </dl>
                </Show>
              ),
            },
            {
              id: 'contracts',
              label: t('contracts'),
              content: () => (
                <DataTable<Contract>
                  caption={t('contracts')}
                  rows={e.contracts}
                  rowKey={(c) => c.id}
                  columns={[
                    { header: t('contractType'), cell: (c) => t(c.type) },
                    { header: t('startDate'), cell: (c) => <DateText value={c.startDate} /> },
                    { header: t('endDate'), cell: (c) => <DateText value={c.endDate} /> },
                    { header: t('weeklyHours'), align: 'end', cell: (c) => c.weeklyHours },
                    {
                      header: t('salaryType'),
                      align: 'end',
                      cell: (c) => (
                        <Show when={c.monthlySalary ?? c.hourlyRate} fallback={t(c.salaryType)}>
                          {(a) => <Money amount={a()} currency="CZK" />}
                        </Show>
                      ),
                    },
                    {
                      header: t('changes'),
                      hideOnMobile: true,
                      cell: (c) =>
                        c.changes
                          .map((x) => `${x.effectiveFrom}: ${x.monthlySalary ?? x.hourlyRate ?? x.weeklyHours ?? ''}`)
                          .join('; '),
                    },
                  ]}
                />
              ),
            },
            { id: 'onboarding', label: ot('onboarding'), content: () => <OnboardingTab employeeId={e.id} /> },
            { id: 'training', label: ot('training'), content: () => <TrainingTab employeeId={e.id} /> },
          ]}
        />
      )}
    </Async>
  );
}
