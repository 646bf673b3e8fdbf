import { Async, businessToday, unwrap, useI18n, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { addDaysYmd, monthStartYmd } from '../amounts.ts';
import { useAccounting } from '../api.ts';
import { CashFlowChart } from '../chart.tsx';
import { Amount, useBase, useT } from '../ui.tsx';

/**
 * Dashboard: cash at hand and in the bank today, the change this month, six months of cash flow, and
 * each bank account's balance per the books and per its last imported statement (red when they differ).
 */
export default function CashPosition() {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const { tenant } = useTenant();
  const i18n = useI18n();
  const [data, { refetch }] = createResource(
    () => tenant().slug,
    async () => {
      const today = businessToday();
      const from = monthStartYmd(addDaysYmd(monthStartYmd(today), -150));
      const [flow, month, banks] = await Promise.all([
        unwrap(api().reports['cash-flow'].$get({ query: { from, to: today, compare: 'false' } })),
        unwrap(api().reports['cash-flow'].$get({ query: { from: monthStartYmd(today), to: today, compare: 'false' } })),
        unwrap(api()['bank-accounts'].$get()),
      ]);
      return { flow, month, banks: banks.bankAccounts.filter((b) => b.active) };
    },
  );
  return (
    <Async resource={data} refetch={refetch}>
      {(d) => (
        <div class="widget-body" data-testid="widget-cash">
          <div class="widget-figure">
            <Amount value={d.flow.closing} currency={d.flow.currency} />
          </div>
          <div class="small muted">
            {t('widget.thisMonth')} <Amount value={d.month.net} currency={d.month.currency} signed />
          </div>
          <Show when={d.flow.byMonth.length > 0}>
            <CashFlowChart
              months={d.flow.byMonth}
              currency={d.flow.currency}
              from={d.flow.from}
              to={d.flow.to}
              compact
            />
          </Show>
          <ul class="widget-list">
            <For each={d.banks}>
              {(b) => (
                <li class="bank-tile" data-testid="widget-bank">
                  <span>{b.name}</span>
                  <span class="bank-tile-figures">
                    <span>
                      <Amount value={b.bookBalance} currency={b.currency} />{' '}
                      <span class="muted small">{t('widget.perBooks')}</span>
                    </span>
                    <Show
                      when={b.statementBalance}
                      fallback={<span class="muted small">{t('widget.noStatement')}</span>}
                    >
                      {(closing) => (
                        <span classList={{ 'text-danger': closing() !== b.bookBalance }}>
                          <Amount value={closing()} currency={b.currency} />{' '}
                          <span class="muted small">
                            {t('widget.perStatement', { date: b.statementDate ? i18n.date(b.statementDate) : '' })}
                          </span>
                        </span>
                      )}
                    </Show>
                  </span>
                </li>
              )}
            </For>
          </ul>
          <A class="widget-link" href={`${base()}/reports?report=cash-flow`}>
            {t('widget.cashFlow')}
          </A>
        </div>
      )}
    </Async>
  );
}
