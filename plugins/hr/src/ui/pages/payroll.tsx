import {
  Card,
  createForm,
  Field,
  Form,
  PageHeader,
  ResourceList,
  StatusBadge,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { useT } from '../messages.ts';
import { usePT } from '../payments-messages.ts';
import { RUN_STATUSES } from '../statuses.ts';

interface Run {
  id: string;
  period: string;
  status: string;
  fourEyes: boolean;
}

const nextPeriod = () => new Date().toISOString().slice(0, 7);

/** Pay runs, newest first, and opening the next one. */
export default function Payroll() {
  const t = useT();
  const pt = usePT();
  const navigate = useNavigate();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/hr/payroll`;
  const form = createForm({
    initial: { period: nextPeriod(), fourEyes: false },
    onSubmit: async (v) => {
      const run = await api<Run>('/hr/payroll/runs', { method: 'POST', body: v });
      navigate(`${base()}/${run.id}`);
    },
  });
  return (
    <div class="page">
      <PageHeader
        title={t('payroll')}
        description={t('payrollSubtitle')}
        actions={
          <A class="btn btn-secondary" href={`${base()}/settings`}>
            {pt('paymentSettings')}
          </A>
        }
      />
      <Show when={can('hr.payroll.manage')}>
        <Card>
          <Form form={form} submitLabel={t('newRun')}>
            <div class="form-grid">
              <Field label={t('period')} {...form.bind('period')} placeholder="2026-03" required />
              <Toggle label={t('fourEyes')} checked={form.values.fourEyes} onChange={(v) => form.set('fourEyes', v)} />
            </div>
          </Form>
        </Card>
      </Show>
      <Card padded={false}>
        <ResourceList<Run>
          path="/hr/payroll/runs"
          caption={t('payroll')}
          defaultSort={{ key: 'period', dir: 'desc' }}
          empty={{ title: t('runsEmpty'), description: t('runsEmptyText') }}
          rowKey={(r) => r.id}
          rowLabel={(r) => r.period}
          rowHref={(r) => `${base()}/${r.id}`}
          columns={[
            {
              header: t('period'),
              sort: 'period',
              cell: (r) => (
                <A class="cell-primary mono" href={`${base()}/${r.id}`}>
                  {r.period}
                </A>
              ),
            },
            { header: t('status'), cell: (r) => <StatusBadge status={r.status} statuses={RUN_STATUSES} /> },
          ]}
        />
      </Card>
    </div>
  );
}
