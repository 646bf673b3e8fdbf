import {
  Async,
  Badge,
  Button,
  businessToday,
  Card,
  createForm,
  DataTable,
  DateInput,
  DateText,
  Form,
  Money,
  notify,
  PageHeader,
  SelectField,
  StatusBadge,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, Show } from 'solid-js';
import { hoursDays } from '../hours.ts';
import { useT } from '../messages.ts';
import { useOT } from '../onboarding-messages.ts';
import { LEAVE_STATUSES, TRAINING_TONES } from '../statuses.ts';
import type { Training } from '../types.ts';

interface MyLeave {
  id: string;
  kind: 'holiday' | 'sick' | 'other' | 'unpaid';
  startDate: string;
  endDate: string;
  days: string;
  hours: string;
  status: string;
}
interface Me {
  employee: { id: string; number: string; name: string; position: string | null; department: string | null };
  balance: { entitlementHours: number; entitlement: number; remainingHours: number; remaining: number };
  leave: MyLeave[];
  trainings: Training[];
  payslips: { runId: string; period: string; gross: string; net: string }[];
}
interface MyTaxYear {
  year: number;
  income: string;
  taxAdvances: string;
  taxBonuses: string;
  settlement: { result: string; updatedAt: string } | null;
}

/** A request the employee may still withdraw: waiting, or approved and not yet begun (the server decides). */
const withdrawable = (l: MyLeave, today: string) =>
  l.status === 'requested' || (l.status === 'approved' && l.startDate > today);

/**
 * My HR: a member linked to an employee sees their own holiday, leave, certificates, payslips and tax
 * documents (the statement of taxable income of finished years, the settlement's result), asks for
 * leave and withdraws a request that waits or has not begun.
 */
export default function MyHr() {
  const t = useT();
  const ot = useOT();
  const i18n = useI18n();
  const { tenant, api } = useTenant();
  const [me, { refetch }] = createResource(() => api<Me>('/hr/me'));
  const [taxYears] = createResource(() => api<{ items: MyTaxYear[] }>('/hr/me/tax-years'));
  const today = businessToday();
  const withdraw = async (id: string) => {
    await api(`/hr/me/leave/${id}/cancel`, { method: 'POST' });
    notify(t('leaveWithdrawn'));
    void refetch();
  };
  const form = createForm({
    initial: { kind: 'holiday', startDate: '', endDate: '' },
    onSubmit: async (v) => {
      await api('/hr/me/leave', { method: 'POST', body: v });
      form.set({ kind: 'holiday', startDate: '', endDate: '' });
      void refetch();
    },
  });
  const pdf = (runId: string) =>
    `/api/t/${encodeURIComponent(tenant().slug)}/hr/me/payslips/${runId}/pdf?lang=${i18n.locale()}`;
  const statementPdf = (year: number) =>
    `/api/t/${encodeURIComponent(tenant().slug)}/hr/me/tax-years/${year}/statement/pdf?lang=${i18n.locale()}`;
  return (
    <div class="page">
      <PageHeader title={t('myHr')} description={t('myHrSubtitle')} />
      <Async resource={me} refetch={refetch}>
        {(m) => (
          <div class="stack">
            <Card title={m.employee.name}>
              <dl class="figures">
                <div class="figure">
                  <dt>{t('entitlement')}</dt>
                  <dd>{hoursDays(t, i18n, m.balance.entitlementHours, m.balance.entitlement)}</dd>
                </div>
                <div class="figure">
                  <dt>{t('remaining')}</dt>
                  <dd>{hoursDays(t, i18n, m.balance.remainingHours, m.balance.remaining)}</dd>
                </div>
              </dl>
            </Card>
            <Card title={t('myLeave')}>
              <div class="stack">
                <Form form={form} submitLabel={t('requestLeave')}>
                  <div class="form-grid">
                    <SelectField
                      label={t('leaveKind')}
                      {...form.bind('kind')}
                      options={(['holiday', 'sick', 'other', 'unpaid'] as const).map((k) => ({
                        value: k,
                        label: t(k),
                      }))}
                    />
                    <DateInput label={t('from')} {...form.bind('startDate')} required />
                    <DateInput label={t('to')} {...form.bind('endDate')} required />
                  </div>
                </Form>
                <Show when={m.leave.length} fallback={<p class="muted">{t('leaveEmpty')}</p>}>
                  <DataTable<MyLeave>
                    caption={t('myLeave')}
                    rows={m.leave}
                    rowKey={(l) => l.id}
                    columns={[
                      { header: t('leaveKind'), cell: (l) => t(l.kind) },
                      { header: t('from'), hideOnMobile: true, cell: (l) => <DateText value={l.startDate} /> },
                      { header: t('to'), hideOnMobile: true, cell: (l) => <DateText value={l.endDate} /> },
                      { header: t('length'), align: 'end', cell: (l) => hoursDays(t, i18n, l.hours, l.days) },
                      {
                        header: t('status'),
                        cell: (l) => <StatusBadge status={l.status} statuses={LEAVE_STATUSES} />,
                      },
                      {
                        header: t('actions'),
                        cell: (l) => (
                          <Show when={withdrawable(l, today)}>
                            <Button variant="secondary" onClick={() => void withdraw(l.id)}>
                              {t('withdraw')}
                            </Button>
                          </Show>
                        ),
                      },
                    ]}
                  />
                </Show>
              </div>
            </Card>
            <Card title={ot('records')} padded={false}>
              <Show when={m.trainings.length} fallback={<p class="muted card-body">{ot('recordsEmpty')}</p>}>
                <DataTable<Training>
                  caption={ot('records')}
                  rows={m.trainings}
                  rowKey={(x) => x.id}
                  columns={[
                    { header: ot('courseName'), cell: (x) => x.courseName },
                    { header: ot('certificate'), hideOnMobile: true, cell: (x) => x.certificate ?? '—' },
                    {
                      header: ot('expiresOn'),
                      cell: (x) => (x.expiresOn ? <DateText value={x.expiresOn} /> : ot('noExpiry')),
                    },
                    {
                      header: ot('status'),
                      cell: (x) => <Badge tone={TRAINING_TONES[x.status]}>{ot(x.status)}</Badge>,
                    },
                  ]}
                />
              </Show>
            </Card>
            <Card title={t('payslips')} padded={false}>
              <Show when={m.payslips.length} fallback={<p class="muted card-body">{t('noPayslips')}</p>}>
                <DataTable<Me['payslips'][number]>
                  caption={t('payslips')}
                  rows={m.payslips}
                  rowKey={(p) => p.runId}
                  columns={[
                    { header: t('period'), cell: (p) => p.period },
                    {
                      header: t('gross'),
                      align: 'end',
                      hideOnMobile: true,
                      cell: (p) => <Money amount={p.gross} currency="CZK" />,
                    },
                    { header: t('net'), align: 'end', cell: (p) => <Money amount={p.net} currency="CZK" /> },
                    {
                      header: t('pdf'),
                      cell: (p) => (
                        <a href={pdf(p.runId)} target="_blank" rel="noopener">
                          {t('pdf')}
                        </a>
                      ),
                    },
                  ]}
                />
              </Show>
            </Card>
            <Card title={t('taxDocuments')} padded={false}>
              <Show when={taxYears()?.items.length} fallback={<p class="muted card-body">{t('taxDocumentsEmpty')}</p>}>
                <DataTable<MyTaxYear>
                  caption={t('taxDocuments')}
                  rows={taxYears()?.items ?? []}
                  rowKey={(y) => String(y.year)}
                  columns={[
                    { header: t('taxYear'), cell: (y) => String(y.year) },
                    {
                      header: t('taxableIncome'),
                      align: 'end',
                      hideOnMobile: true,
                      cell: (y) => <Money amount={y.income} currency="CZK" />,
                    },
                    {
                      header: t('settlementResult'),
                      align: 'end',
                      cell: (y) =>
                        y.settlement ? <Money amount={y.settlement.result} currency="CZK" /> : t('noSettlement'),
                    },
                    {
                      header: t('statement'),
                      cell: (y) => (
                        <a href={statementPdf(y.year)} target="_blank" rel="noopener">
                          {t('statementPdf')}
                        </a>
                      ),
                    },
                  ]}
                />
              </Show>
            </Card>
          </div>
        )}
      </Async>
    </div>
  );
}
