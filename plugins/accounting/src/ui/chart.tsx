/**
 * The cash-flow chart: money in (up) and out (down) per month as bars, the net change as a line.
 * Hand-rolled SVG (no chart library: a few hundred bytes, themable with CSS variables). Bar heights
 * come from exact minor units scaled with BigInt; only the pixel geometry is a float.
 */
import { businessToday, useI18n } from '@bureau/core/ui';
import { createMemo, For, Show } from 'solid-js';
import { currencyDigits, toMinor } from './amounts.ts';
import { useT } from './ui.tsx';

export interface MonthFlow {
  month: string;
  inflow: string;
  outflow: string;
  net: string;
}

const W = 720;
const H = 240;
const PAD = { top: 16, right: 12, bottom: 28, left: 76 };

/** Every month from `from` to `to` (YYYY-MM-DD), so quiet months show as gaps rather than vanish. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 60) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function CashFlowChart(props: {
  months: readonly MonthFlow[];
  currency: string;
  compact?: boolean;
  /** The report's range: months without movements are filled in (up to the current month). */
  from?: string;
  to?: string;
}) {
  const i18n = useI18n();
  const t = useT();
  const digits = () => currencyDigits(props.currency);
  const filled = createMemo((): readonly MonthFlow[] => {
    if (!props.from || !props.to) return props.months;
    const now = businessToday();
    const end = [props.to, now].sort()[0] as string;
    const byMonth = new Map(props.months.map((m) => [m.month.slice(0, 7), m]));
    const all = monthsBetween(props.from, [end, props.from].sort()[1] as string);
    for (const m of props.months) if (!all.includes(m.month.slice(0, 7))) all.push(m.month.slice(0, 7));
    return all.sort().map((m) => byMonth.get(m) ?? { month: m, inflow: '0', outflow: '0', net: '0' });
  });
  const data = createMemo(() =>
    filled().map((m) => ({
      month: m.month,
      inflow: abs(toMinor(m.inflow, Math.max(digits(), frac(m.inflow))) ?? 0n),
      outflow: abs(toMinor(m.outflow, Math.max(digits(), frac(m.outflow))) ?? 0n),
      net: toMinor(m.net, Math.max(digits(), frac(m.net))) ?? 0n,
      raw: m,
    })),
  );
  const max = createMemo(() => {
    let m = 1n;
    for (const d of data()) {
      if (d.inflow > m) m = d.inflow;
      if (d.outflow > m) m = d.outflow;
      const n = abs(d.net);
      if (n > m) m = n;
    }
    return niceCeil(m);
  });
  const height = () => (props.compact ? 160 : H);
  const padL = () => (props.compact ? 8 : PAD.left);
  const plotH = () => height() - PAD.top - PAD.bottom;
  const zeroY = () => PAD.top + plotH() / 2;
  /** Pixels for an amount: half the plot height is `max`. */
  const px = (v: bigint) => (Number((v * 100000n) / max()) / 100000) * (plotH() / 2);
  const band = () => (W - padL() - PAD.right) / Math.max(1, data().length);
  const barW = () => Math.max(4, Math.min(28, band() / 3));
  const x = (i: number) => padL() + band() * i + band() / 2;
  const monthLabel = (ym: string) => {
    const [y, m] = ym.split('-').map(Number) as [number, number];
    return new Intl.DateTimeFormat(i18n.locale() === 'cs' ? 'cs-CZ' : 'en-GB', {
      month: 'short',
      ...(data().length > 12 ? { year: '2-digit' } : {}),
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, 1)));
  };
  /** Axis labels only (a rounded scale, not an amount): compact, "200K" / "200 tis.". */
  const axisMoney = (minor: bigint) => {
    const whole = minor / 10n ** BigInt(digits());
    return new Intl.NumberFormat(i18n.locale() === 'cs' ? 'cs-CZ' : 'en-GB', {
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(whole);
  };
  const netPath = () =>
    data()
      .map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${(zeroY() - px(d.net)).toFixed(1)}`)
      .join(' ');
  const summary = () =>
    data()
      .map(
        (d) =>
          `${monthLabel(d.month)}: +${i18n.money(d.raw.inflow.replace('-', ''), props.currency)} −${i18n.money(d.raw.outflow.replace('-', ''), props.currency)}`,
      )
      .join('; ');

  return (
    <figure class="chart" classList={{ 'chart-compact': !!props.compact }}>
      <svg viewBox={`0 0 ${W} ${height()}`} role="img" aria-label={`${t('chart.title')}. ${summary()}`}>
        <Show when={!props.compact}>
          <For each={[1, 0.5, 0, -0.5, -1]}>
            {(f) => (
              <>
                <line
                  class={f === 0 ? 'chart-zero' : 'chart-grid'}
                  x1={padL()}
                  x2={W - PAD.right}
                  y1={zeroY() - (f * plotH()) / 2}
                  y2={zeroY() - (f * plotH()) / 2}
                />
                <text class="chart-axis" x={padL() - 8} y={zeroY() - (f * plotH()) / 2 + 4} text-anchor="end">
                  {f === 0 ? '0' : `${f < 0 ? '−' : ''}${axisMoney((max() * BigInt(Math.abs(f * 2))) / 2n)}`}
                </text>
              </>
            )}
          </For>
        </Show>
        <Show when={props.compact}>
          <line class="chart-zero" x1={padL()} x2={W - PAD.right} y1={zeroY()} y2={zeroY()} />
        </Show>
        <For each={data()}>
          {(d, i) => (
            <g>
              <rect
                class="chart-in"
                x={x(i()) - barW() - 1}
                y={zeroY() - px(d.inflow)}
                width={barW()}
                height={Math.max(0, px(d.inflow))}
                rx="2"
              >
                <title>{`${monthLabel(d.month)} · ${t('reports.inflow')} ${i18n.money(d.raw.inflow.replace('-', ''), props.currency)}`}</title>
              </rect>
              <rect
                class="chart-out"
                x={x(i()) + 1}
                y={zeroY()}
                width={barW()}
                height={Math.max(0, px(d.outflow))}
                rx="2"
              >
                <title>{`${monthLabel(d.month)} · ${t('reports.outflow')} ${i18n.money(d.raw.outflow.replace('-', ''), props.currency)}`}</title>
              </rect>
              <text class="chart-axis" x={x(i())} y={height() - 8} text-anchor="middle">
                {monthLabel(d.month)}
              </text>
            </g>
          )}
        </For>
        <path class="chart-net" d={netPath()} fill="none" />
        <For each={data()}>
          {(d, i) => (
            <circle class="chart-net-dot" cx={x(i())} cy={zeroY() - px(d.net)} r="3.5">
              <title>{`${monthLabel(d.month)} · ${t('reports.net')} ${i18n.money(d.raw.net, props.currency)}`}</title>
            </circle>
          )}
        </For>
      </svg>
      <Show when={!props.compact}>
        <figcaption class="chart-legend">
          <span class="muted">{props.currency}</span>
          <span>
            <span class="dot chart-in-dot" aria-hidden="true" />
            {t('reports.inflow')}
          </span>
          <span>
            <span class="dot chart-out-dot" aria-hidden="true" />
            {t('reports.outflow')}
          </span>
          <span>
            <span class="dot chart-net-legend" aria-hidden="true" />
            {t('reports.net')}
          </span>
        </figcaption>
      </Show>
    </figure>
  );
}

const abs = (v: bigint) => (v < 0n ? -v : v);
const frac = (s: string) => (s.split('.')[1] ?? '').length;

/** Rounds a positive bigint up to 1, 2 or 5 × a power of ten (tidy axis maxima). */
function niceCeil(v: bigint): bigint {
  let p = 1n;
  while (p * 10n <= v) p *= 10n;
  for (const m of [1n, 2n, 5n, 10n]) if (m * p >= v) return m * p;
  return 10n * p;
}
