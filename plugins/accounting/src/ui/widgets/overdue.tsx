import { Async, businessToday, EmptyState, unwrap, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { AgingBar } from '../aging-bar.tsx';
import { useAccounting } from '../api.ts';
import { Amount, daysBetween, useBase, useT } from '../ui.tsx';

/** Dashboard: receivables past due, by age, and the oldest overdue invoices. */
export default function Overdue() {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const { tenant } = useTenant();
  const [data, { refetch }] = createResource(
    () => tenant().slug,
    async () => {
      const [aging, invoices] = await Promise.all([
        unwrap(api().reports.aging.$get({ query: { kind: 'receivable', asOf: businessToday() } })),
        unwrap(
          api().invoices.$get({
            query: { status: 'issued', overdue: 'true', sort: 'dueDate', dir: 'asc', limit: '100' },
          }),
        ),
      ]);
      const list = invoices.items;
      return { aging, list };
    },
  );
  const overdueTotal = (a: { days1to30: string; days31to60: string; days61to90: string; over90: string }) => {
    const parts = [a.days1to30, a.days31to60, a.days61to90, a.over90];
    const digits = Math.max(...parts.map((p) => (p.split('.')[1] ?? '').length));
    const sum = parts.reduce((s, p) => {
      const [w, f = ''] = p.replace('-', '').split('.');
      const v = BigInt((w ?? '0') + f.padEnd(digits, '0'));
      return s + (p.startsWith('-') ? -v : v);
    }, 0n);
    const str = sum.toString().padStart(digits + 1, '0');
    return digits ? `${str.slice(0, -digits)}.${str.slice(-digits)}` : str;
  };
  return (
    <Async resource={data} refetch={refetch}>
      {(d) => (
        <div class="widget-body" data-testid="widget-overdue">
          <Show
            when={d.list.length > 0}
            fallback={<EmptyState title={t('widget.noOverdue')} description={t('widget.noOverdueText')} />}
          >
            <div class="widget-figure text-danger">
              <Amount value={overdueTotal(d.aging.totals)} currency={d.aging.currency} />
            </div>
            <div class="small muted">{t('widget.overdueCount', { count: d.list.length })}</div>
            <AgingBar totals={d.aging.totals} currency={d.aging.currency} compact />
            <ul class="widget-list">
              <For each={d.list.slice(0, 5)}>
                {(inv) => (
                  <li>
                    <A href={`${base()}/invoices/${inv.id}`}>
                      <span class="mono">{inv.number}</span> · {inv.partner.name}
                    </A>
                    <span class="widget-list-end">
                      <span class="small text-danger">
                        {t('widget.daysLate', { count: daysBetween(inv.dueDate, businessToday()) })}
                      </span>
                      <Amount value={inv.remaining} currency={inv.currency} />
                    </span>
                  </li>
                )}
              </For>
            </ul>
            <A class="widget-link" href={`${base()}/invoices?status=overdue`}>
              {t('widget.allOverdue')}
            </A>
          </Show>
        </div>
      )}
    </Async>
  );
}
