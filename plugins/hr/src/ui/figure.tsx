import type { JSX } from 'solid-js';

/** A labelled figure of a record's overview (inside `<dl class="figures">`). */
export function Figure(props: { label: string; children: JSX.Element }) {
  return (
    <div class="figure">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
