import { For } from 'solid-js';
import { Amount, useT } from './ui.tsx';

export const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;

/** A stacked bar of the aging buckets (widths from exact minor units). */
export function AgingBar(props: {
  totals: Record<(typeof BUCKETS)[number] | 'total', string>;
  currency: string;
  /** Leave empty buckets out of the legend (the dashboard). */
  compact?: boolean;
}) {
  const t = useT();
  const minor = (s: string) => BigInt(s.replace('-', '').replace('.', '') || '0');
  const total = () => BUCKETS.reduce((a, b) => a + minor(props.totals[b]), 0n);
  const pct = (b: (typeof BUCKETS)[number]) =>
    total() === 0n ? 0 : Number((minor(props.totals[b]) * 10000n) / total()) / 100;
  return (
    <div class="aging">
      <div class="aging-bar" aria-hidden="true">
        <For each={BUCKETS}>{(b) => <span class={`aging-seg seg-${b}`} style={{ width: `${pct(b)}%` }} />}</For>
      </div>
      <ul class="aging-legend">
        <For each={props.compact ? BUCKETS.filter((b) => minor(props.totals[b]) !== 0n) : BUCKETS}>
          {(b) => (
            <li>
              <span class={`dot seg-${b}`} aria-hidden="true" />
              <span class="muted">{t(`bucket.${b}`)}</span>
              <Amount value={props.totals[b]} currency={props.currency} />
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
