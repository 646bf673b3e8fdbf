import { For, Show } from 'solid-js';

export interface ChartPoint {
  /** Position along the x axis (index or time). */
  x: number;
  y: number;
  label: string;
  tone?: 'normal' | 'warning' | 'danger';
}

/**
 * A small SVG line chart: horizontal guide lines (e.g. mean ± 1–3 SD, or a reference range), an
 * optional shaded band, and the points joined in order. Plain SVG, no chart library.
 */
export function LineChart(props: {
  points: ChartPoint[];
  guides?: { y: number; label: string; strong?: boolean }[];
  band?: { low: number | null; high: number | null };
  title: string;
  height?: number;
}) {
  const W = 640;
  const H = () => props.height ?? 220;
  const padL = 56;
  const padR = 12;
  const padY = 14;
  const ys = () => [
    ...props.points.map((p) => p.y),
    ...(props.guides ?? []).map((g) => g.y),
    ...(props.band?.low != null ? [props.band.low] : []),
    ...(props.band?.high != null ? [props.band.high] : []),
  ];
  const min = () => Math.min(...ys());
  const max = () => (Math.max(...ys()) === min() ? min() + 1 : Math.max(...ys()));
  const sy = (v: number) => padY + (1 - (v - min()) / (max() - min())) * (H() - 2 * padY);
  const xs = () => props.points.map((p) => p.x);
  const sx = (v: number) => {
    const lo = Math.min(...xs());
    const hi = Math.max(...xs());
    return hi === lo ? (padL + W - padR) / 2 : padL + ((v - lo) / (hi - lo)) * (W - padL - padR);
  };
  const path = () => props.points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('');
  return (
    <svg class="med-chart" viewBox={`0 0 ${W} ${H()}`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      <Show when={props.band && (props.band.low != null || props.band.high != null)}>
        <rect
          x={padL}
          width={W - padL - padR}
          y={sy(props.band?.high ?? max())}
          height={Math.max(0, sy(props.band?.low ?? min()) - sy(props.band?.high ?? max()))}
          class="med-chart-band"
        />
      </Show>
      <For each={props.guides ?? []}>
        {(g) => (
          <g>
            <line
              x1={padL}
              x2={W - padR}
              y1={sy(g.y)}
              y2={sy(g.y)}
              class={g.strong ? 'med-chart-guide strong' : 'med-chart-guide'}
            />
            <text x={padL - 4} y={sy(g.y) + 3} text-anchor="end">
              {g.label}
            </text>
          </g>
        )}
      </For>
      <path d={path()} class="med-chart-line" />
      <For each={props.points}>
        {(p) => (
          <circle cx={sx(p.x)} cy={sy(p.y)} r="4" class={`med-chart-point ${p.tone ?? 'normal'}`}>
            <title>{p.label}</title>
          </circle>
        )}
      </For>
    </svg>
  );
}
