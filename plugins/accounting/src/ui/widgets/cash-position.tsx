import { Async, unwrap, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { addDaysYmd, monthStartYmd, todayYmd } from '../amounts.ts';
import { useAccounting } from '../api.ts';
import { CashFlowChart } from '../chart.tsx';
import { Amount, useBase, useT } from '../ui.tsx';

/** Dashboard: cash at hand and in the bank today, the change this month, six months of cash flow. */
export default function CashPosition() {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const { tenant } = useTenant();
  const [data, { refetch }] = createResource(
    () => tenant().slug,
    async () => {
      const today = todayYmd();
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
                <li>
                  <span>{b.name}</span>
                  <Amount value={b.balance} currency={b.currency} />
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
