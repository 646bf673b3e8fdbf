import { Card, DataTable, DateText, Money, useTenant } from '@bureau/core/ui';
import { createResource, For, Show } from 'solid-js';
import { usePT } from './payments-messages.ts';

interface Payment {
  kind: 'net' | 'social' | 'health' | 'tax_advances' | 'tax_withholding';
  recipient: string;
  account: string | null;
  variableSymbol: string | null;
  amount: string;
  dueBy: string;
}
interface Payments {
  payDate: string;
  total: string;
  groups: {
    debitAccount: { account: string } | null;
    departments: string[];
    total: string;
    payments: Payment[];
  }[];
  withoutAccount: { employeeId: string; number: string; name: string; net: string }[];
  missing: { path: string; message: string }[];
}

const CZK = (a: string) => <Money amount={a} currency="CZK" />;

/**
 * An approved run's payments: a table per debit account (recipient with the kind of payment, account
 * and variable symbol; amount; due date), the employees without an account, what the settings lack, and the pain.001 and ABO files.
 */
export function RunPayments(props: { runId: string; approved: boolean }) {
  const t = usePT();
  const { tenant, api, can } = useTenant();
  const [payments] = createResource(
    () => (props.approved ? props.runId : false),
    (id) => api<Payments>(`/hr/payroll/runs/${id}/payments`),
  );
  const file = (kind: 'pain001' | 'abo') =>
    `/api/t/${encodeURIComponent(tenant().slug)}/hr/payroll/runs/${props.runId}/payments/${kind}`;
  const settings = () => `/t/${tenant().slug}/hr/payroll/settings`;
  return (
    <Show when={props.approved} fallback={<p>{t('afterApproval')}</p>}>
      <Show when={payments()}>
        {(p) => (
          <div class="stack">
            <Show when={p().missing.length}>
              <div class="alert alert-danger" role="alert">
                <strong>{t('missingTitle')}</strong>
                <ul>
                  <For each={p().missing}>{(m) => <li>{m.message}</li>}</For>
                </ul>
                <a href={settings()}>{t('openSettings')}</a>
              </div>
            </Show>
            <dl class="figures">
              <div class="figure">
                <dt>{t('payDate')}</dt>
                <dd>
                  <DateText value={p().payDate} />
                </dd>
              </div>
              <div class="figure">
                <dt>{t('total')}</dt>
                <dd>{CZK(p().total)}</dd>
              </div>
            </dl>
            <For each={p().groups}>
              {(g) => {
                const title = `${g.debitAccount ? t('fromAccount', { account: g.debitAccount.account }) : t('fromAccountUnknown')}${
                  g.departments.length ? ` (${t('forDepartments', { departments: g.departments.join(', ') })})` : ''
                }`;
                return (
                  <Card title={title} padded={false}>
                    <DataTable<Payment>
                      caption={title}
                      rows={g.payments}
                      rowKey={(x) => `${x.kind}-${x.recipient}-${x.variableSymbol}`}
                      columns={[
                        {
                          header: t('recipient'),
                          cell: (x) => (
                            <span class="stack">
                              <span class="cell-primary">{x.recipient}</span>
                              <span class="muted">
                                {[
                                  t(`kind_${x.kind}`),
                                  x.account ?? '—',
                                  x.variableSymbol ? `${t('vs')} ${x.variableSymbol}` : null,
                                ]
                                  .filter(Boolean)
                                  .join(' · ')}
                              </span>
                            </span>
                          ),
                        },
                        { header: t('amount'), align: 'end', cell: (x) => CZK(x.amount) },
                        { header: t('dueBy'), hideOnMobile: true, cell: (x) => <DateText value={x.dueBy} /> },
                      ]}
                    />
                  </Card>
                );
              }}
            </For>
            <Show when={p().withoutAccount.length}>
              <Card title={t('withoutAccount')}>
                <ul>
                  <For each={p().withoutAccount}>
                    {(w) => (
                      <li>
                        {w.name} ({w.number}) {CZK(w.net)}
                      </li>
                    )}
                  </For>
                </ul>
              </Card>
            </Show>
            <Show when={can('hr.payroll.approve') && !p().missing.length}>
              <div class="form-actions">
                <a class="btn btn-primary" href={file('pain001')} download="">
                  {t('downloadPain001')}
                </a>
                <a class="btn btn-secondary" href={file('abo')} download="">
                  {t('downloadAbo')}
                </a>
              </div>
            </Show>
          </div>
        )}
      </Show>
    </Show>
  );
}
