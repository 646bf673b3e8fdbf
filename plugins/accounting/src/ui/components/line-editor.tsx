/**
 * Pieces shared by the line editors of the entry and document forms (one table row per line).
 */
import { Show } from 'solid-js';
import { Icon } from '../ui.tsx';

/** A field error under an input inside a table cell (nothing when there is no error). */
export function CellError(props: { error: string | null | undefined }) {
  return (
    <Show when={props.error}>
      <div class="field-error">{props.error}</div>
    </Show>
  );
}

/** A right-aligned decimal input of a line (quantity, price, debit, credit). */
export function DecimalInput(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  invalid: boolean;
  autocomplete?: string;
}) {
  return (
    <input
      class="input num end-input"
      inputmode="decimal"
      autocomplete={props.autocomplete}
      aria-label={props.label}
      aria-invalid={props.invalid ? 'true' : undefined}
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  );
}

/** The last cell of a line: a trash button removing the line. */
export function RemoveLineCell(props: { label: string; disabled: boolean; onRemove: () => void }) {
  return (
    <td class="col-remove">
      <button
        type="button"
        class="btn btn-ghost btn-sm icon-only"
        aria-label={props.label}
        disabled={props.disabled}
        onClick={() => props.onRemove()}
      >
        <Icon name="trash" />
      </button>
    </td>
  );
}
