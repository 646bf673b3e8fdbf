import { createSignal, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { uid } from './inputs.tsx';
import { useKit } from './kit-messages.ts';
import { createScanDetector, createSerialQueue, type ScanOptions } from './scan.ts';

/**
 * A text input that also takes a keyboard-wedge barcode scanner: a burst of keystrokes ended by
 * Enter calls `onScan(code)` (and does not submit the surrounding form); Enter after typing calls
 * `onSubmit(text)`. The last scan is announced to screen readers.
 *
 * Every Enter takes the field's own value at that moment, then (with `clearOnScan`, the default)
 * empties the field for the next code, so a scan is handled once and with its own value. When the
 * handlers return a promise the scans are served one after another: the next handler starts after
 * the previous one settled (a scanner is faster than the server), and the field is `aria-busy`
 * meanwhile. An empty Enter on a clearing field is not a scan and calls nothing.
 */
export function ScanInput(
  props: ScanOptions & {
    label?: string;
    hideLabel?: boolean;
    value?: string;
    onInput?: (text: string) => void;
    onScan: (code: string) => unknown;
    onSubmit?: (text: string) => unknown;
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
  const [pending, setPending] = createSignal(0);
  const serve = createSerialQueue();
  const keydown = (e: KeyboardEvent & { currentTarget: HTMLInputElement }) => {
    const code = detector.key(e.key, e.timeStamp || performance.now());
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const clears = props.clearOnScan !== false;
    const typed = e.currentTarget.value;
    if (code === null && clears && !typed.trim()) return;
    const shown = clears ? '' : (code ?? typed);
    setText(shown);
    e.currentTarget.value = shown;
    if (code !== null) setAnnounce(t('scanned', { code }));
    setPending((n) => n + 1);
    void serve(() => (code !== null ? props.onScan(code) : props.onSubmit?.(typed))).finally(() =>
      setPending((n) => n - 1),
    );
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
          aria-busy={pending() > 0 ? 'true' : undefined}
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
