import { createSignal, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { uid } from './inputs.tsx';
import { useKit } from './kit-messages.ts';
import { createScanDetector, type ScanOptions } from './scan.ts';

/**
 * A text input that also takes a keyboard-wedge barcode scanner: a burst of keystrokes ended by
 * Enter calls `onScan(code)` (and does not submit the surrounding form); Enter after typing calls
 * `onSubmit(text)`. The last scan is announced to screen readers.
 */
export function ScanInput(
  props: ScanOptions & {
    label?: string;
    hideLabel?: boolean;
    value?: string;
    onInput?: (text: string) => void;
    onScan: (code: string) => void;
    onSubmit?: (text: string) => void;
    /** Empties the field after a scan (default), ready for the next one. */
    clearOnScan?: boolean;
    placeholder?: string;
    type?: 'text' | 'search';
    autofocus?: boolean;
    name?: string;
    class?: string;
    inputClass?: string;
    icon?: JSX.Element;
  },
) {
  const t = useKit();
  const id = uid('scan');
  const detector = createScanDetector(props);
  const [own, setOwn] = createSignal('');
  const [announce, setAnnounce] = createSignal('');
  const text = () => props.value ?? own();
  const setText = (v: string) => {
    setOwn(v);
    props.onInput?.(v);
  };
  const keydown = (e: KeyboardEvent & { currentTarget: HTMLInputElement }) => {
    const code = detector.key(e.key, e.timeStamp || performance.now());
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (code !== null) {
      setText(props.clearOnScan === false ? code : '');
      e.currentTarget.value = props.clearOnScan === false ? code : '';
      setAnnounce(t('scanned', { code }));
      props.onScan(code);
    } else props.onSubmit?.(e.currentTarget.value);
  };
  return (
    <div class={`field scan-field ${props.class ?? ''}`}>
      <label class={props.hideLabel ? 'sr-only' : 'field-label'} for={id}>
        {props.label ?? t('scanLabel')}
      </label>
      <div class="input-affix">
        <Show when={props.icon !== null}>
          <span class="input-prefix" aria-hidden="true">
            {props.icon ?? (
              <svg
                width="16"
                height="16"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                stroke-width="1.75"
                aria-hidden="true"
              >
                <path d="M3 7V4h3M21 7V4h-3M3 17v3h3M21 17v3h-3M7 8v8M10 8v8M13 8v8M17 8v8" />
              </svg>
            )}
          </span>
        </Show>
        <input
          id={id}
          class={`input ${props.inputClass ?? ''}`}
          type={props.type ?? 'text'}
          name={props.name}
          autocomplete="off"
          autofocus={props.autofocus}
          placeholder={props.placeholder}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={keydown}
        />
      </div>
      <span class="sr-only" role="status">
        {announce()}
      </span>
    </div>
  );
}

const editable = (el: Element | null) =>
  !!el &&
  (el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el as HTMLElement).isContentEditable);

/**
 * Scans anywhere on the page: while focus is not in a field, a scanner's burst calls `onScan` (e.g.
 * a picking screen that opens whatever is scanned). Typing in fields is left alone.
 */
export function useGlobalScan(onScan: (code: string) => void, options: ScanOptions = {}) {
  const detector = createScanDetector(options);
  const handler = (e: KeyboardEvent) => {
    if (editable(document.activeElement)) return;
    const code = detector.key(e.key, e.timeStamp || performance.now());
    if (code !== null) {
      e.preventDefault();
      onScan(code);
    }
  };
  onMount(() => document.addEventListener('keydown', handler));
  onCleanup(() => document.removeEventListener('keydown', handler));
}
