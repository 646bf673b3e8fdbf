import {
  Async,
  Button,
  Card,
  DataTable,
  DateText,
  DetailPage,
  Money,
  NumberInput,
  notify,
  SelectField,
  StatusBadge,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useT } from '../messages.ts';
import { RunPayments } from '../run-payments.tsx';
import { RUN_STATUSES } from '../statuses.ts';
import type { Person } from '../types.ts';

interface Slip {
  id: string;
  employeeId: string;
  employeeName: string;
  employeeNumber: string;
  contractType: string;
  gross: string;
  socialEmployee: string;
  healthEmployee: string;
  taxAdvance: string;
  taxBonus: string;
  withholdingTax: string;
  net: string;
  employerCost: string;
}
interface RunDetail {
  id: string;
  period: string;
  status: string;
  payslips: Slip[];
  inputs: ({ employeeId: string } & Record<string, string | number | null>)[];
  totals: Record<string, string>;
  posting: Record<'wages' | 'payment', { id: string; number: string; date: string } | null> | null;
}
interface Summary {
  socialInsurance: { total: string };
  healthInsurance: { insurer: string | null; name: string | null; total: string }[];
  tax: { advancesLessBonuses: string; withholding: string };
}

const CZK = (a: string) => <Money amount={a} currency="CZK" />;

/** One pay run: workflow, inputs per employee, payslips with PDFs, what is paid to whom, the payment order. */
export default function RunPage() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [run, { refetch }] = createResource(
    () => params.id,
    (id) => api<RunDetail>(`/hr/payroll/runs/${id}`),
  );
  const [summary, { refetch: refetchSummary }] = createResource(
    () => params.id,
    (id) => api<Summary>(`/hr/payroll/runs/${id}/summary`),
  );
  const [people] = createResource(() => api<{ items: Person[] }>('/hr/employees?status=active&limit=200'));
  const [who, setWho] = createSignal('');
  const [inputs, setInputs] = createSignal<Record<string, string>>({});
  const fileBase = () => `/api/t/${encodeURIComponent(tenant().slug)}/hr/payroll/runs/${params.id}`;
  const saveInputs = async () => {
    const body = Object.fromEntries(Object.entries(inputs()).filter(([, v]) => v !== ''));
    await api(`/hr/payroll/runs/${params.id}/inputs/${who()}`, { method: 'PUT', body });
    notify(t('saved'));
  };
  const refresh = () => {
    void refetch();
    void refetchSummary();
  };
  const fill = async () => {
    const r = await api<{ filled: number }>(`/hr/payroll/runs/${params.id}/inputs/from-attendance`, { method: 'POST' });
    notify(t('filled', { count: r.filled }));
    refresh();
  };
  const nameOf = (id: string) => people()?.items.find((p) => p.id === id)?.name ?? id;
  return (
    <Async resource={run} refetch={refetch}>
      {(r) => (
        <DetailPage
          title={`${t('payroll')} ${r.period}`}
          status={<StatusBadge status={r.status} statuses={RUN_STATUSES} />}
          back={{ href: `/t/${tenant().slug}/hr/payroll`, label: t('payroll') }}
          entity={{ type: 'hr.pay_run', id: r.id }}
          tabs={[
            {
              id: 'payslips',
              label: t('payslips'),
              content: () => (
                <div class="stack">
                  <WorkflowPanel path={`/hr/payroll/runs/${r.id}`} onChange={refresh} />
                  <Show when={r.payslips.length} fallback={<p>{t('notYet')}</p>}>
                    <DataTable<Slip>
                      caption={t('payslips')}
                      rows={r.payslips}
                      rowKey={(s) => s.id}
                      columns={[
                        { header: t('employee'), cell: (s) => `${s.employeeName} (${s.employeeNumber})` },
                        { header: t('contractType'), hideOnMobile: true, cell: (s) => s.contractType.toUpperCase() },
                        { header: t('gross'), align: 'end', cell: (s) => CZK(s.gross) },
                        {
                          header: t('socialEmployee'),
                          align: 'end',
                          hideOnMobile: true,
                          cell: (s) => CZK(s.socialEmployee),
                        },
                        {
                          header: t('healthEmployee'),
                          align: 'end',
                          hideOnMobile: true,
                          cell: (s) => CZK(s.healthEmployee),
                        },
                        {
                          header: t('taxAdvance'),
                          align: 'end',
                          hideOnMobile: true,
                          cell: (s) => CZK(Number(s.withholdingTax) > 0 ? s.withholdingTax : s.taxAdvance),
                        },
                        { header: t('taxBonus'), align: 'end', hideOnMobile: true, cell: (s) => CZK(s.taxBonus) },
                        { header: t('net'), align: 'end', cell: (s) => CZK(s.net) },
                        {
                          header: t('employerCost'),
                          align: 'end',
                          hideOnMobile: true,
                          cell: (s) => CZK(s.employerCost),
                        },
                        {
                          header: t('pdf'),
                          cell: (s) => (
                            <a href={`${fileBase()}/payslips/${s.employeeId}/pdf`} target="_blank" rel="noopener">
                              {t('pdf')}
                            </a>
                          ),
                        },
                      ]}
                    />
                    <dl class="figures">
                      <div class="figure">
                        <dt>{t('gross')}</dt>
                        <dd>{CZK(r.totals.gross ?? '0')}</dd>
                      </div>
                      <div class="figure">
                        <dt>{t('net')}</dt>
                        <dd>{CZK(r.totals.net ?? '0')}</dd>
                      </div>
                      <div class="figure">
                        <dt>{t('employerCost')}</dt>
                        <dd>{CZK(r.totals.employerCost ?? '0')}</dd>
                      </div>
                    </dl>
                  </Show>
                  <Show when={r.posting}>
                    {(p) => (
                      <dl class="figures" aria-label={t('posting')}>
                        <For each={(['wages', 'payment'] as const).filter((k) => p()[k])}>
                          {(k) => (
                            <div class="figure">
                              <dt>{t(k === 'wages' ? 'postedWages' : 'postedPayment')}</dt>
                              <dd>
                                <a href={`/t/${tenant().slug}/accounting/journal/${p()[k]?.id}`}>{p()[k]?.number}</a> (
                                <DateText value={p()[k]?.date} />)
                              </dd>
                            </div>
                          )}
                        </For>
                      </dl>
                    )}
                  </Show>
                </div>
              ),
            },
            {
              id: 'inputs',
              label: t('inputs'),
              content: () => (
                <div class="stack">
                  <Show when={can('hr.payroll.manage') && ['draft', 'calculated'].includes(r.status)}>
                    <div>
                      <Button variant="secondary" onClick={() => void fill()}>
                        {t('fillFromAttendance')}
                      </Button>
                    </div>
                  </Show>
                  <Show when={r.inputs.length}>
                    <DataTable<RunDetail['inputs'][number]>
                      caption={t('inputsSoFar')}
                      rows={r.inputs}
                      rowKey={(i) => i.employeeId}
                      columns={[
                        { header: t('employee'), cell: (i) => nameOf(i.employeeId) },
                        ...(
                          ['hours', 'holidayHours', 'sickHours', 'sickPayHours', 'unpaidHours', 'bonus'] as const
                        ).map((k) => ({
                          header: t(k),
                          align: 'end' as const,
                          hideOnMobile: k !== 'hours',
                          cell: (i: RunDetail['inputs'][number]) => i[k] ?? '—',
                        })),
                      ]}
                    />
                  </Show>
                  <Card>
                    <div class="form-grid">
                      <SelectField
                        label={t('employee')}
                        name="employee"
                        value={who()}
                        onChange={setWho}
                        options={[
                          { value: '', label: '—' },
                          ...(people()?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
                        ]}
                      />
                      <For
                        each={
                          [
                            'hours',
                            'overtimeHours',
                            'holidayHours',
                            'sickHours',
                            'sickPayHours',
                            'unpaidHours',
                            'bonus',
                          ] as const
                        }
                      >
                        {(k) => (
                          <NumberInput
                            label={t(k)}
                            name={k}
                            decimals={2}
                            value={inputs()[k] ?? ''}
                            onChange={(v: string) => setInputs({ ...inputs(), [k]: v })}
                          />
                        )}
                      </For>
                    </div>
                    <button
                      type="button"
                      class="btn btn-primary"
                      disabled={!who() || !can('hr.payroll.manage')}
                      onClick={() => void saveInputs()}
                    >
                      {t('save')}
                    </button>
                  </Card>
                </div>
              ),
            },
            {
              id: 'payments',
              label: t('payments'),
              content: () => (
                <div class="stack">
                  <Show when={summary()}>
                    {(s) => (
                      <dl class="figures">
                        <div class="figure">
                          <dt>{t('socialTotal')}</dt>
                          <dd>{CZK(s().socialInsurance.total)}</dd>
                        </div>
                        <For each={s().healthInsurance.filter((h) => h.insurer)}>
                          {(h) => (
                            <div class="figure">
                              <dt>
                                {t('healthTotal')} {h.insurer} {h.name}
                              </dt>
                              <dd>{CZK(h.total)}</dd>
                            </div>
                          )}
                        </For>
                        <div class="figure">
                          <dt>{t('taxTotal')}</dt>
                          <dd>{CZK(s().tax.advancesLessBonuses)}</dd>
                        </div>
                        <div class="figure">
                          <dt>{t('withholdingTotal')}</dt>
                          <dd>{CZK(s().tax.withholding)}</dd>
                        </div>
                      </dl>
                    )}
                  </Show>
                  <RunPayments runId={r.id} approved={['approved', 'paid'].includes(r.status)} />
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
