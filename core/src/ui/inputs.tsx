/**
 * Locale-aware inputs: people type `10,5` and `5. 3. 2026` in Czech, `10.5` and `05/03/2026` in
 * English; the form gets the API's canonical `"10.5"` and `"2026-03-05"`. A text input (not the
 * browser's date or number input, whose format follows the browser, not the user's language), with a
 * calendar button that opens the native picker for dates.
 */
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { currencyDigits } from './format.ts';
import { useI18n } from './i18n.tsx';
import { useKit } from './kit-messages.ts';
import { formatDateInput, formatDecimalInput, parseDateInput, parseDecimal } from './locale-input.ts';

let seq = 0;
export const uid = (prefix: string) => `${prefix}-${(++seq).toString(36)}`;

interface BaseProps {
  label: JSX.Element;
  name: string;
  /** The canonical value (`"1234.5"`, `"2026-03-05"`, or `''`). */
  value: string;
  /** Called with the canonical value, or with the raw text when it cannot be read (so validation flags it). */
  onChange: (value: string) => void;
  error?: string | undefined;
  description?: JSX.Element;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  class?: string;
  /** Shows the label to screen readers only (e.g. inside a table row). */
  hideLabel?: boolean;
}

/** The label, input slot, description and error of one field, wired for screen readers (`id` is the input's). */
export function FieldFrame(props: {
  id: string;
  label: JSX.Element;
  hideLabel?: boolean | undefined;
  error?: string | undefined;
  description?: JSX.Element;
  class?: string | undefined;
  children: JSX.Element;
}) {
  return (
    <div class={`field ${props.class ?? ''}`} data-invalid={props.error ? '' : undefined}>
      <label class={props.hideLabel ? 'sr-only' : 'field-label'} for={props.id}>
        {props.label}
      </label>
      {props.children}
      <Show when={props.description && !props.error}>
        <div class="field-description" id={`${props.id}-desc`}>
          {props.description}
        </div>
      </Show>
      <Show when={props.error}>
        <div class="field-error" id={`${props.id}-err`}>
          {props.error}
        </div>
      </Show>
    </div>
  );
}

export const describedBy = (id: string, error: string | undefined, description: unknown) =>
  error ? `${id}-err` : description ? `${id}-desc` : undefined;

/**
 * The text, its sync with the canonical value and the local error of a parsed field. The text is
 * re-formatted from the value when the value changes from outside or the field loses focus.
 */
function createParsedText(
  props: BaseProps,
  parse: (text: string) => { value: string } | { error: string },
  format: (value: string) => string,
) {
  const [text, setText] = createSignal(props.value ? format(props.value) : '');
  const [localError, setLocalError] = createSignal<string | undefined>();
  let emitted = props.value;
  createEffect(
    on(
      () => props.value,
      (v) => {
        if (v !== emitted) {
          emitted = v;
          setText(v ? format(v) : '');
          setLocalError(undefined);
        }
      },
      { defer: true },
    ),
  );
  const input = (t: string) => {
    setText(t);
    const r = t.trim() === '' ? { value: '' } : parse(t);
    emitted = 'value' in r ? r.value : t;
    if ('value' in r) setLocalError(undefined);
    props.onChange(emitted);
  };
  const blur = () => {
    if (text().trim() === '') return;
    const r = parse(text());
    if ('value' in r) setText(format(r.value));
    else setLocalError(r.error);
  };
  return { text, input, blur, error: () => props.error ?? localError() };
}

/** A decimal number (quantities, rates): `10,5` in Czech. */
export function NumberInput(props: BaseProps & { decimals?: number; suffix?: JSX.Element }) {
  const i18n = useI18n();
  const t = useKit();
  const id = uid('num');
  const field = createParsedText(
    props,
    (text) => {
      const r = parseDecimal(text, i18n.locale(), props.decimals);
      if (r.ok) return { value: r.value };
      return {
        error: r.reason === 'decimals' ? t('tooManyDecimals', { count: props.decimals ?? 0 }) : t('invalidNumber'),
      };
    },
    (v) => formatDecimalInput(v, i18n.locale()),
  );
  return (
    <FieldFrame
      id={id}
      label={props.label}
      hideLabel={props.hideLabel}
      error={field.error()}
      description={props.description}
      class={props.class}
    >
      <div class="input-affix">
        <input
          id={id}
          class="input num end-input"
          name={props.name}
          inputmode="decimal"
          autocomplete="off"
          value={field.text()}
          placeholder={props.placeholder}
          required={props.required}
          disabled={props.disabled}
          aria-invalid={field.error() ? 'true' : undefined}
          aria-describedby={describedBy(id, field.error(), props.description)}
          onInput={(e) => field.input(e.currentTarget.value)}
          onBlur={field.blur}
        />
        <Show when={props.suffix}>
          <span class="input-suffix" aria-hidden="true">
            {props.suffix}
          </span>
        </Show>
      </div>
    </FieldFrame>
  );
}

/** An amount of money in `currency`: at most its minor digits, shown with grouping (`1 234,50`). */
export function MoneyInput(props: BaseProps & { currency: string }) {
  const i18n = useI18n();
  const t = useKit();
  const id = uid('money');
  const digits = () => currencyDigits(props.currency);
  const field = createParsedText(
    props,
    (text) => {
      const r = parseDecimal(text, i18n.locale(), digits());
      if (r.ok) return { value: r.value };
      return { error: r.reason === 'decimals' ? t('tooManyDecimals', { count: digits() }) : t('invalidNumber') };
    },
    (v) => formatDecimalInput(v, i18n.locale(), digits()),
  );
  return (
    <FieldFrame
      id={id}
      label={props.label}
      hideLabel={props.hideLabel}
      error={field.error()}
      description={props.description}
      class={props.class}
    >
      <div class="input-affix">
        <input
          id={id}
          class="input num end-input"
          name={props.name}
          inputmode="decimal"
          autocomplete="off"
          value={field.text()}
          placeholder={props.placeholder}
          required={props.required}
          disabled={props.disabled}
          aria-invalid={field.error() ? 'true' : undefined}
          aria-describedby={describedBy(id, field.error(), props.description)}
          onInput={(e) => field.input(e.currentTarget.value)}
          onBlur={field.blur}
        />
        <span class="input-suffix">{props.currency}</span>
      </div>
    </FieldFrame>
  );
}

/** A business date typed as `dd.mm.rrrr` (Czech) or `dd/mm/yyyy` (English), with a calendar button. */
export function DateInput(props: BaseProps & { min?: string; max?: string }) {
  const i18n = useI18n();
  const t = useKit();
  const id = uid('date');
  let picker: HTMLInputElement | undefined;
  const field = createParsedText(
    props,
    (text) => {
      const v = parseDateInput(text, i18n.locale());
      return v ? { value: v } : { error: t('invalidDate') };
    },
    (v) => formatDateInput(v, i18n.locale()),
  );
  const open = () => {
    if (!picker) return;
    picker.value = /^\d{4}-\d{2}-\d{2}$/.test(props.value) ? props.value : '';
    try {
      picker.showPicker();
    } catch {
      picker.focus();
    }
  };
  const labelText = () => (typeof props.label === 'string' ? props.label : props.name);
  return (
    <FieldFrame
      id={id}
      label={props.label}
      hideLabel={props.hideLabel}
      error={field.error()}
      description={props.description}
      class={props.class}
    >
      <div class="input-affix date-input">
        <input
          id={id}
          class="input"
          name={props.name}
          inputmode="numeric"
          autocomplete="off"
          value={field.text()}
          placeholder={props.placeholder ?? t('datePlaceholder')}
          required={props.required}
          disabled={props.disabled}
          aria-invalid={field.error() ? 'true' : undefined}
          aria-describedby={describedBy(id, field.error(), props.description)}
          onInput={(e) => field.input(e.currentTarget.value)}
          onBlur={field.blur}
        />
        <button
          type="button"
          class="input-button"
          disabled={props.disabled}
          aria-label={t('chooseDate', { label: labelText() })}
          onClick={open}
        >
          <svg
            width="16"
            height="16"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="1.75"
            aria-hidden="true"
          >
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
        </button>
        <span class="date-picker-holder" aria-hidden="true">
          <input
            ref={picker}
            type="date"
            class="date-picker-native"
            tabindex="-1"
            min={props.min}
            max={props.max}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (v) field.input(formatDateInput(v, i18n.locale()));
            }}
          />
        </span>
      </div>
    </FieldFrame>
  );
}
