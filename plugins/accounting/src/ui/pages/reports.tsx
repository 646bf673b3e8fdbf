import {
  Async,
  Badge,
  businessToday,
  Card,
  DateText,
  EmptyState,
  PageHeader,
  Segmented,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, type JSX, Match, Show, Switch } from 'solid-js';
import { AgingBar, BUCKETS } from '../aging-bar.tsx';
import { isZero } from '../amounts.ts';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { CashFlowChart } from '../chart.tsx';
import { Amount, Icon, useSettings, useT } from '../ui.tsx';

type Report = 'trial-balance' | 'profit-and-loss' | 'balance-sheet' | 'cash-flow' | 'aging';
const REPORTS: readonly Report[] = ['profit-and-loss', 'balance-sheet', 'cash-flow', 'trial-balance', 'aging'];
type Preset = 'month' | 'lastMonth' | 'quarter' | 'year' | 'lastYear' | 'custom';

const ymd = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The range of a preset as of today; the year follows the fiscal year start month. */
function presetRange(p: Exclude<Preset, 'custom'>, fyStart: number): { from: string; to: string } {
  const today = businessToday();
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (p) {
    case 'month':
      return { from: ymd(y, m, 1), to: ymd(y, m + 1, 0) };
    case 'lastMonth':
      return { from: ymd(y, m - 1, 1), to: ymd(y, m, 0) };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: ymd(y, q, 1), to: ymd(y, q + 3, 0) };
    }
    case 'year':
    case 'lastYear': {
      const startYear = m >= fyStart ? y : y - 1;
      const sy = p === 'year' ? startYear : startYear - 1;
      return { from: ymd(sy, fyStart, 1), to: ymd(sy + 1, fyStart, 0) };
    }
  }
}

/**
 * Financial reports for any date range, compared with the previous period: profit and loss, balance
 * sheet, cash flow (with a monthly chart), trial balance and aging; each exports to CSV and XLSX.
 */
export default function Reports() {
  const t = useT();
  const api = useAccounting();
  const url = useAccountingUrl();
  const { tenant } = useTenant();
  const settings = useSettings();
  const [params, setParams] = useSearchParams<{
    report?: string;
    preset?: string;
    from?: string;
    to?: string;
    compare?: string;
    kind?: string;
    asOf?: string;
  }>();
  const report = (): Report =>
    REPORTS.includes(params.report as Report) ? (params.report as Report) : 'profit-and-loss';
  const preset = (): Preset => (params.preset as Preset) ?? (params.from || params.to ? 'custom' : 'year');
  const fyStart = () => settings.latest?.fiscalYearStartMonth ?? 1;
  const range = () => {
    const p = preset();
    if (p === 'custom') {
      const d = presetRange('year', fyStart());
      return { from: params.from || d.from, to: params.to || d.to };
    }
    return presetRange(p, fyStart());
  };
  const compare = () => (params.compare === undefined ? report() !== 'trial-balance' : params.compare === 'true');
  const kind = () => (params.kind === 'payable' ? 'payable' : 'receivable');
  const asOf = () => params.asOf || businessToday();

  const query = createMemo(
    (): Q =>
      report() === 'aging'
        ? { kind: kind(), asOf: asOf() }
        : { from: range().from, to: range().to, compare: compare() ? 'true' : 'false' },
  );
  const exportUrl = (format: 'csv' | 'xlsx') => url(`/reports/${report()}/export`, { format, ...query() });

  const labels: Record<Report, Parameters<typeof t>[0]> = {
    'profit-and-loss': 'reports.pl',
    'balance-sheet': 'reports.bs',
    'cash-flow': 'reports.cf',
    'trial-balance': 'reports.tb',
    aging: 'reports.aging',
  };

  return (
    <div class="page acc">
      <PageHeader
        title={t('reports.title')}
        description={t('reports.subtitle')}
        actions={
          <div class="row">
            <a class="btn btn-secondary" href={exportUrl('csv')} download="" data-testid="export-csv">
              <Icon name="download" />
              CSV
            </a>
            <a class="btn btn-secondary" href={exportUrl('xlsx')} download="" data-testid="export-xlsx">
              <Icon name="download" />
              XLSX
            </a>
          </div>
        }
      />
      <nav class="tabs" aria-label={t('reports.title')}>
        <For each={REPORTS}>
          {(r) => (
            <button
              type="button"
              class="tab"
              classList={{ active: report() === r }}
              aria-current={report() === r ? 'page' : undefined}
              onClick={() => setParams({ report: r })}
            >
              {t(labels[r])}
            </button>
          )}
        </For>
      </nav>
      <div class="report-controls">
        <Show
          when={report() !== 'aging'}
          fallback={
            <>
              <Segmented
                label={t('reports.agingKind')}
                value={kind()}
                onChange={(k) => setParams({ kind: k })}
                options={[
                  { value: 'receivable', label: t('reports.receivables') },
                  { value: 'payable', label: t('reports.payables') },
                ]}
              />
              <label class="inline-field">
                <span>{t('reports.asOf')}</span>
                <input
                  class="input auto"
                  type="date"
                  value={asOf()}
                  onChange={(e) => setParams({ asOf: e.currentTarget.value })}
                />
              </label>
            </>
          }
        >
          <label class="inline-field">
            <span>{t('reports.period')}</span>
            <select
              class="input select auto"
              value={preset()}
              onChange={(e) => {
                const p = e.currentTarget.value as Preset;
                if (p === 'custom') setParams({ preset: 'custom', from: range().from, to: range().to });
                else setParams({ preset: p, from: undefined, to: undefined });
              }}
            >
              <option value="month">{t('preset.month')}</option>
              <option value="lastMonth">{t('preset.lastMonth')}</option>
              <option value="quarter">{t('preset.quarter')}</option>
              <option value="year">{t('preset.year')}</option>
              <option value="lastYear">{t('preset.lastYear')}</option>
              <option value="custom">{t('preset.custom')}</option>
            </select>
          </label>
          <label class="inline-field">
            <span>{t('common.from')}</span>
            <input
              class="input auto"
              type="date"
              value={range().from}
              onChange={(e) => setParams({ preset: 'custom', from: e.currentTarget.value, to: range().to })}
            />
          </label>
          <label class="inline-field">
            <span>{t('common.to')}</span>
            <input
              class="input auto"
              type="date"
              value={range().to}
              onChange={(e) => setParams({ preset: 'custom', from: range().from, to: e.currentTarget.value })}
            />
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={compare()}
              onChange={(e) => setParams({ compare: String(e.currentTarget.checked) })}
            />
            <span>{t('reports.compare')}</span>
          </label>
        </Show>
      </div>
      <Switch>
        <Match when={report() === 'profit-and-loss'}>
          <ProfitAndLoss api={api} slug={tenant().slug} query={query()} compare={compare()} />
        </Match>
        <Match when={report() === 'balance-sheet'}>
          <BalanceSheet api={api} slug={tenant().slug} query={query()} compare={compare()} />
        </Match>
        <Match when={report() === 'cash-flow'}>
          <CashFlow api={api} slug={tenant().slug} query={query()} compare={compare()} />
        </Match>
        <Match when={report() === 'trial-balance'}>
          <TrialBalance api={api} slug={tenant().slug} query={query()} compare={compare()} />
        </Match>
        <Match when={report() === 'aging'}>
          <Aging api={api} slug={tenant().slug} query={query()} />
        </Match>
      </Switch>
    </div>
  );
}

type Api = ReturnType<typeof useAccounting>;
type Q = Record<string, string>;

/** Previous-period column header: "1 Jan – 31 Mar 2025". */
function PeriodLabel(props: { from: string | null | undefined; to: string | null | undefined }) {
  return (
    <span class="period-label">
      <DateText value={props.from} /> – <DateText value={props.to} />
    </span>
  );
}

/** Change against the previous period, as an amount with sign. */
function Change(props: { now: string; before: string | undefined; currency: string }) {
  const delta = createMemo(() => {
    if (props.before === undefined) return null;
    const scale = (s: string) => {
      const [w, f = ''] = s.replace('-', '').split('.');
      return { neg: s.startsWith('-'), w: w ?? '0', f };
    };
    const a = scale(props.now);
    const b = scale(props.before);
    const digits = Math.max(a.f.length, b.f.length);
    const big = (x: { neg: boolean; w: string; f: string }) =>
      (x.neg ? -1n : 1n) * BigInt(x.w + x.f.padEnd(digits, '0'));
    const d = big(a) - big(b);
    const abs = (d < 0n ? -d : d).toString().padStart(digits + 1, '0');
    return `${d < 0n ? '-' : ''}${digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs}`;
  });
  return (
    <Show when={delta()} fallback={<span class="muted">—</span>}>
      {(d) => (
        <span class="change">
          <Amount value={d()} currency={props.currency} signed />
        </span>
      )}
    </Show>
  );
}

function Section(props: {
  title: string;
  rows: { account: string; name: string; amount: string; previous?: string | undefined }[];
  total: string;
  previousTotal?: string | undefined;
  currency: string;
  compare: boolean;
  totalLabel: string;
}) {
  const t = useT();
  return (
    <>
      <tr class="section-row">
        <th scope="rowgroup" colspan={props.compare ? 5 : 3}>
          {props.title}
        </th>
      </tr>
      <Show
        when={props.rows.length > 0}
        fallback={
          <tr>
            <td colspan={props.compare ? 5 : 3} class="muted">
              {t('reports.nothing')}
            </td>
          </tr>
        }
      >
        <For each={props.rows}>
          {(r) => (
            <tr>
              <td class="mono muted">{r.account}</td>
              <td>{r.name}</td>
              <CompareCells
                value={r.amount}
                previous={r.previous}
                currency={props.currency}
                compare={props.compare}
                muted0
              />
            </tr>
          )}
        </For>
      </Show>
      <TotalRow
        class="subtotal-row"
        label={props.totalLabel}
        value={props.total}
        previous={props.previousTotal}
        currency={props.currency}
        compare={props.compare}
      />
    </>
  );
}

function ReportTable(props: {
  caption: string;
  compare: boolean;
  current: JSX.Element;
  previous?: JSX.Element;
  children: JSX.Element;
}) {
  const t = useT();
  return (
    <div class="table-wrap">
      <table class="table report-table">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="col-code">
              {t('reports.account')}
            </th>
            <th scope="col">{t('reports.name')}</th>
            <th scope="col" class="end">
              {props.current}
            </th>
            <Show when={props.compare}>
              <th scope="col" class="end hide-mobile">
                {props.previous}
              </th>
              <th scope="col" class="end hide-mobile">
                {t('reports.change')}
              </th>
            </Show>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

function ProfitAndLoss(props: { api: Api; slug: string; query: Q; compare: boolean }) {
  const t = useT();
  const [data, { refetch }] = createResource(
    () => ({ slug: props.slug, ...props.query }),
    ({ slug: _, ...q }) => unwrap(props.api().reports['profit-and-loss'].$get({ query: q })),
  );
  return (
    <Async resource={data} refetch={refetch}>
      {(r) => (
        <>
          <div class="stat-grid">
            <Stat
              label={t('reports.income')}
              value={r.income.total}
              previous={r.income.previousTotal}
              currency={r.currency}
            />
            <Stat
              label={t('reports.expenses')}
              value={r.expense.total}
              previous={r.expense.previousTotal}
              currency={r.currency}
            />
            <Stat
              label={t('reports.netProfit')}
              value={r.netProfit}
              previous={r.previousNetProfit}
              currency={r.currency}
              strong
            />
            <div class="stat">
              <span class="stat-label">{t('reports.period')}</span>
              <span class="stat-value small-value">
                <PeriodLabel from={r.from} to={r.to} />
              </span>
              <Show when={r.previous}>
                {(p) => (
                  <span class="muted small">
                    {t('reports.vs')} <PeriodLabel from={p().from} to={p().to} />
                  </span>
                )}
              </Show>
            </div>
          </div>
          <Card padded={false}>
            <ReportTable
              caption={t('reports.pl')}
              compare={props.compare && !!r.previous}
              current={<PeriodLabel from={r.from} to={r.to} />}
              previous={<PeriodLabel from={r.previous?.from} to={r.previous?.to} />}
            >
              <Section
                title={t('reports.income')}
                rows={r.income.rows}
                total={r.income.total}
                previousTotal={r.income.previousTotal}
                currency={r.currency}
                compare={props.compare && !!r.previous}
                totalLabel={t('reports.totalIncome')}
              />
              <Section
                title={t('reports.expenses')}
                rows={r.expense.rows}
                total={r.expense.total}
                previousTotal={r.expense.previousTotal}
                currency={r.currency}
                compare={props.compare && !!r.previous}
                totalLabel={t('reports.totalExpenses')}
              />
              <TotalRow
                class="grand-row"
                label={t('reports.netProfit')}
                value={r.netProfit}
                previous={r.previousNetProfit}
                currency={r.currency}
                compare={props.compare && !!r.previous}
              />
            </ReportTable>
          </Card>
        </>
      )}
    </Async>
  );
}

interface CompareProps {
  value: string;
  previous: string | undefined;
  currency: string;
  compare: boolean;
  muted0?: boolean;
}

/** A row's amount cell, followed when comparing by the previous amount and the change. */
function CompareCells(props: CompareProps) {
  return (
    <>
      <td class="end">
        <Amount value={props.value} currency={props.currency} />
      </td>
      <Show when={props.compare}>
        <td class="end hide-mobile">
          <Amount value={props.previous ?? '0'} currency={props.currency} muted0={props.muted0} />
        </td>
        <td class="end hide-mobile">
          <Change now={props.value} before={props.previous ?? '0'} currency={props.currency} />
        </td>
      </Show>
    </>
  );
}

/** A (sub)total row of a statement: an empty account cell, the label, then the compare cells. */
function TotalRow(props: CompareProps & { class: string; label: string }) {
  return (
    <tr class={props.class}>
      <td />
      <th scope="row">{props.label}</th>
      <CompareCells
        value={props.value}
        previous={props.previous}
        currency={props.currency}
        compare={props.compare}
        muted0={props.muted0}
      />
    </tr>
  );
}

function Stat(props: {
  label: string;
  value: string;
  previous?: string | undefined;
  currency: string;
  strong?: boolean;
}) {
  const t = useT();
  return (
    <div class="stat" classList={{ 'stat-strong': !!props.strong }}>
      <span class="stat-label">{props.label}</span>
      <span class="stat-value">
        <Amount value={props.value} currency={props.currency} />
      </span>
      <Show when={props.previous !== undefined}>
        <span class="small muted">
          {t('reports.previousShort')} <Amount value={props.previous as string} currency={props.currency} />
        </span>
      </Show>
    </div>
  );
}

function BalanceSheet(props: { api: Api; slug: string; query: Q; compare: boolean }) {
  const t = useT();
  const [data, { refetch }] = createResource(
    () => ({ slug: props.slug, ...props.query }),
    ({ slug: _, ...q }) => unwrap(props.api().reports['balance-sheet'].$get({ query: q })),
  );
  return (
    <Async resource={data} refetch={refetch}>
      {(r) => {
        const cmp = () => props.compare && !!r.compareAsOf;
        return (
          <>
            <div class="stat-grid">
              <Stat
                label={t('reports.assets')}
                value={r.assets.total}
                previous={r.assets.previousTotal}
                currency={r.currency}
              />
              <Stat
                label={t('reports.liabilities')}
                value={r.liabilities.total}
                previous={r.liabilities.previousTotal}
                currency={r.currency}
              />
              <Stat
                label={t('reports.equity')}
                value={r.equity.total}
                previous={r.equity.previousTotal}
                currency={r.currency}
              />
              <div class="stat">
                <span class="stat-label">{t('reports.check')}</span>
                <span class="stat-value small-value">
                  <Show when={r.balanced} fallback={<Badge tone="danger">{t('reports.notBalanced')}</Badge>}>
                    <Badge tone="success">{t('reports.balanced')}</Badge>
                  </Show>
                </span>
                <span class="muted small">{t('reports.bsRule')}</span>
              </div>
            </div>
            <Card padded={false}>
              <ReportTable
                caption={t('reports.bs')}
                compare={cmp()}
                current={
                  <>
                    {t('reports.asOfShort')} <DateText value={r.asOf} />
                  </>
                }
                previous={
                  <>
                    {t('reports.asOfShort')} <DateText value={r.compareAsOf} />
                  </>
                }
              >
                <Section
                  title={t('reports.assets')}
                  rows={r.assets.rows}
                  total={r.assets.total}
                  previousTotal={r.assets.previousTotal}
                  currency={r.currency}
                  compare={cmp()}
                  totalLabel={t('reports.totalAssets')}
                />
                <Section
                  title={t('reports.liabilities')}
                  rows={r.liabilities.rows}
                  total={r.liabilities.total}
                  previousTotal={r.liabilities.previousTotal}
                  currency={r.currency}
                  compare={cmp()}
                  totalLabel={t('reports.totalLiabilities')}
                />
                <Section
                  title={t('reports.equity')}
                  rows={[
                    ...r.equity.rows,
                    { account: '', name: t('reports.result'), amount: r.result, previous: r.previousResult },
                  ]}
                  total={addDecimal(r.equity.total, r.result)}
                  previousTotal={
                    r.previousResult !== undefined
                      ? addDecimal(r.equity.previousTotal ?? '0', r.previousResult)
                      : undefined
                  }
                  currency={r.currency}
                  compare={cmp()}
                  totalLabel={t('reports.totalEquity')}
                />
                <TotalRow
                  class="grand-row"
                  label={t('reports.totalLE')}
                  value={r.totalLiabilitiesAndEquity}
                  previous={r.previousTotalLiabilitiesAndEquity}
                  currency={r.currency}
                  compare={cmp()}
                />
              </ReportTable>
            </Card>
          </>
        );
      }}
    </Async>
  );
}

/** a + b for decimal strings (exact). */
function addDecimal(a: string, b: string): string {
  const parts = (s: string) => {
    const neg = s.startsWith('-');
    const [w, f = ''] = s.replace('-', '').split('.');
    return { neg, w: w ?? '0', f };
  };
  const x = parts(a);
  const y = parts(b);
  const digits = Math.max(x.f.length, y.f.length);
  const big = (p: { neg: boolean; w: string; f: string }) => (p.neg ? -1n : 1n) * BigInt(p.w + p.f.padEnd(digits, '0'));
  const s = big(x) + big(y);
  const abs = (s < 0n ? -s : s).toString().padStart(digits + 1, '0');
  return `${s < 0n ? '-' : ''}${digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs}`;
}

function CashFlow(props: { api: Api; slug: string; query: Q; compare: boolean }) {
  const t = useT();
  const [data, { refetch }] = createResource(
    () => ({ slug: props.slug, ...props.query }),
    ({ slug: _, ...q }) => unwrap(props.api().reports['cash-flow'].$get({ query: q })),
  );
  const cats = ['operating', 'investing', 'financing'] as const;
  return (
    <Async resource={data} refetch={refetch}>
      {(r) => (
        <>
          <div class="stat-grid">
            <Stat
              label={t('reports.opening')}
              value={r.opening}
              previous={r.previousFigures?.opening}
              currency={r.currency}
            />
            <Stat
              label={t('reports.netChange')}
              value={r.net}
              previous={r.previousFigures?.net}
              currency={r.currency}
            />
            <Stat
              label={t('reports.closing')}
              value={r.closing}
              previous={r.previousFigures?.closing}
              currency={r.currency}
              strong
            />
            <div class="stat">
              <span class="stat-label">{t('reports.period')}</span>
              <span class="stat-value small-value">
                <PeriodLabel from={r.from} to={r.to} />
              </span>
            </div>
          </div>
          <Card title={t('reports.byMonth')}>
            <Show when={r.byMonth.length > 0} fallback={<EmptyState title={t('reports.noCash')} />}>
              <CashFlowChart months={r.byMonth} currency={r.currency} from={r.from} to={r.to} />
            </Show>
          </Card>
          <Card padded={false}>
            <div class="table-wrap">
              <table class="table report-table">
                <caption class="sr-only">{t('reports.cf')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.activity')}</th>
                    <th scope="col" class="end">
                      {t('reports.inflow')}
                    </th>
                    <th scope="col" class="end">
                      {t('reports.outflow')}
                    </th>
                    <th scope="col" class="end">
                      {t('reports.net')}
                    </th>
                    <Show when={props.compare && r.previousFigures}>
                      <th scope="col" class="end hide-mobile">
                        {t('reports.previousNet')}
                      </th>
                    </Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={cats}>
                    {(c) => (
                      <tr>
                        <th scope="row" class="normal">
                          {t(`cf.${c}`)}
                        </th>
                        <td class="end">
                          <Amount value={r.categories[c].inflow} currency={r.currency} muted0 />
                        </td>
                        <td class="end">
                          <Amount value={r.categories[c].outflow} currency={r.currency} muted0 />
                        </td>
                        <td class="end">
                          <Amount value={r.categories[c].net} currency={r.currency} signed />
                        </td>
                        <Show when={props.compare && r.previousFigures}>
                          {(p) => (
                            <td class="end hide-mobile">
                              <Amount value={p().categories[c].net} currency={r.currency} signed />
                            </td>
                          )}
                        </Show>
                      </tr>
                    )}
                  </For>
                  <tr class="grand-row">
                    <th scope="row">{t('reports.netChange')}</th>
                    <td />
                    <td />
                    <td class="end">
                      <Amount value={r.net} currency={r.currency} signed />
                    </td>
                    <Show when={props.compare && r.previousFigures}>
                      {(p) => (
                        <td class="end hide-mobile">
                          <Amount value={p().net} currency={r.currency} signed />
                        </td>
                      )}
                    </Show>
                  </tr>
                </tbody>
              </table>
            </div>
          </Card>
        </>
      )}
    </Async>
  );
}

function TrialBalance(props: { api: Api; slug: string; query: Q; compare: boolean }) {
  const t = useT();
  const [data, { refetch }] = createResource(
    () => ({ slug: props.slug, ...props.query }),
    ({ slug: _, ...q }) => unwrap(props.api().reports['trial-balance'].$get({ query: q })),
  );
  return (
    <Async
      resource={data}
      refetch={refetch}
      isEmpty={(r) => r.rows.length === 0}
      empty={
        <Card>
          <EmptyState title={t('reports.tbEmpty')} description={t('reports.tbEmptyText')} />
        </Card>
      }
    >
      {(r) => (
        <Card padded={false}>
          <div class="table-wrap">
            <table class="table report-table">
              <caption class="sr-only">{t('reports.tb')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="col-code">
                    {t('reports.account')}
                  </th>
                  <th scope="col">{t('reports.name')}</th>
                  <th scope="col" class="end hide-mobile">
                    {t('reports.openingBalance')}
                  </th>
                  <th scope="col" class="end">
                    {t('entry.debit')}
                  </th>
                  <th scope="col" class="end">
                    {t('entry.credit')}
                  </th>
                  <th scope="col" class="end">
                    {t('reports.closingBalance')}
                  </th>
                  <Show when={props.compare && r.previous}>
                    <th scope="col" class="end hide-mobile">
                      {t('reports.previousMovement')}
                    </th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={r.rows}>
                  {(row) => (
                    <tr>
                      <td class="mono">{row.account}</td>
                      <td>{row.name}</td>
                      <td class="end hide-mobile">
                        <Amount value={row.opening} currency={r.currency} muted0 />
                      </td>
                      <td class="end">
                        <Amount value={row.debit} currency={r.currency} muted0 />
                      </td>
                      <td class="end">
                        <Amount value={row.credit} currency={r.currency} muted0 />
                      </td>
                      <td class="end strong">
                        <Amount value={row.balance} currency={r.currency} />
                      </td>
                      <Show when={props.compare && r.previous}>
                        <td class="end hide-mobile">
                          <Amount value={row.previous?.movement ?? '0'} currency={r.currency} muted0 />
                        </td>
                      </Show>
                    </tr>
                  )}
                </For>
                <tr class="grand-row">
                  <td />
                  <th scope="row">{t('reports.totals')}</th>
                  <td class="end hide-mobile">
                    <Amount value={r.totals.opening} currency={r.currency} />
                  </td>
                  <td class="end">
                    <Amount value={r.totals.debit} currency={r.currency} />
                  </td>
                  <td class="end">
                    <Amount value={r.totals.credit} currency={r.currency} />
                  </td>
                  <td class="end">
                    <Amount value={r.totals.balance} currency={r.currency} />
                  </td>
                  <Show when={props.compare && r.previous}>
                    <td class="hide-mobile" />
                  </Show>
                </tr>
              </tbody>
            </table>
          </div>
          <div
            class="balance-bar"
            classList={{ 'is-balanced': isZero(r.totals.balance), 'is-off': !isZero(r.totals.balance) }}
          >
            <span class="balance-state">
              <Show when={isZero(r.totals.balance)} fallback={t('reports.tbOff')}>
                <Icon name="check" />
                {t('reports.tbZero')}
              </Show>
            </span>
          </div>
        </Card>
      )}
    </Async>
  );
}

function Aging(props: { api: Api; slug: string; query: Q }) {
  const t = useT();
  const i18n = useI18n();
  const [data, { refetch }] = createResource(
    () => ({ slug: props.slug, ...props.query }),
    ({ slug: _, ...q }) =>
      unwrap(props.api().reports.aging.$get({ query: q as { kind?: 'receivable' | 'payable'; asOf?: string } })),
  );
  return (
    <Async
      resource={data}
      refetch={refetch}
      isEmpty={(r) => r.rows.length === 0}
      empty={
        <Card>
          <EmptyState title={t('reports.agingEmpty')} description={t('reports.agingEmptyText')} />
        </Card>
      }
    >
      {(r) => (
        <>
          <AgingBar totals={r.totals} currency={r.currency} />
          <Card padded={false}>
            <div class="table-wrap">
              <table class="table report-table">
                <caption class="sr-only">{t('reports.aging')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{r.kind === 'receivable' ? t('doc.customer') : t('doc.vendor')}</th>
                    <For each={BUCKETS}>
                      {(b) => (
                        <th scope="col" class="end" classList={{ 'hide-mobile': b !== 'current' && b !== 'over90' }}>
                          {t(`bucket.${b}`)}
                        </th>
                      )}
                    </For>
                    <th scope="col" class="end">
                      {t('reports.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r.rows}>
                    {(row) => (
                      <tr>
                        <td>
                          <div class="cell-primary">{row.partner.name}</div>
                          <div class="cell-secondary">{t('reports.documents', { count: row.documents })}</div>
                        </td>
                        <For each={BUCKETS}>
                          {(b) => (
                            <td class="end" classList={{ 'hide-mobile': b !== 'current' && b !== 'over90' }}>
                              <Amount value={row[b]} currency={r.currency} muted0 />
                            </td>
                          )}
                        </For>
                        <td class="end strong">
                          <Amount value={row.total} currency={r.currency} />
                        </td>
                      </tr>
                    )}
                  </For>
                  <tr class="grand-row">
                    <th scope="row">{t('reports.totals')}</th>
                    <For each={BUCKETS}>
                      {(b) => (
                        <td class="end" classList={{ 'hide-mobile': b !== 'current' && b !== 'over90' }}>
                          <Amount value={r.totals[b]} currency={r.currency} />
                        </td>
                      )}
                    </For>
                    <td class="end">
                      <Amount value={r.totals.total} currency={r.currency} />
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          </Card>
          <p class="muted small">{t('reports.agingAsOf', { date: i18n.date(r.asOf) })}</p>
        </>
      )}
    </Async>
  );
}
