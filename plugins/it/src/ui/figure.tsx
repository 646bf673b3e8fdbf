import type { JSX } from 'solid-js';

/** One labelled figure of a card's `<dl class="figures">`. */
export function figure(label: string, value: JSX.Element) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
