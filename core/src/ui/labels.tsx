import { createResource, createSignal, For, type JSX, Show } from 'solid-js';
import { ApiError, apiFetch } from './api.ts';
import { Button, FormError, SelectField } from './components.tsx';
import { useI18n } from './i18n.tsx';
import { NumberInput } from './inputs.tsx';
import { useKit } from './kit-messages.ts';
import { Modal } from './modal.tsx';
import { useTenant } from './tenant.tsx';
import type { LocalizedText } from './types.ts';

/** What one label shows: the encoded code, and up to two lines of text. */
export interface LabelItem {
  code: string;
  title?: string;
  subtitle?: string;
}

interface Layout {
  id: string;
  name: LocalizedText;
  perPage: number;
}

const SYMBOLOGIES = [
  { value: 'code128', label: 'Code 128' },
  { value: 'qrcode', label: 'QR' },
  { value: 'datamatrix', label: 'DataMatrix' },
] as const;

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A button that prints barcode labels for `items`: choose Code 128, QR or DataMatrix, a sheet or
 * roll layout, copies and the used positions of a started sheet; core renders the PDF
 * (POST /labels), which is downloaded for printing. A code that cannot be printed is named.
 */
export function PrintLabels(props: {
  items: LabelItem[];
  symbology?: 'code128' | 'qrcode' | 'datamatrix';
  children?: JSX.Element;
  size?: 'sm' | 'md';
  variant?: 'primary' | 'secondary' | 'ghost';
}) {
  const t = useKit();
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const [open, setOpen] = createSignal(false);
  const [symbology, setSymbology] = createSignal<string>(props.symbology ?? 'code128');
  const [layout, setLayout] = createSignal('a4-3x8');
  const [copies, setCopies] = createSignal('1');
  const [skip, setSkip] = createSignal('0');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError | null>(null);
  const base = () => `/api/t/${encodeURIComponent(tenant().slug)}/labels`;
  const [layouts] = createResource(
    () => open() && base(),
    async (b) => (await apiFetch<{ layouts: Layout[] }>(`${b}/layouts`)).layouts,
  );
  const perPage = () => layouts()?.find((l) => l.id === layout())?.perPage ?? 1;
  const count = () => props.items.length * Math.max(1, Number(copies()) || 1);

  const print = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(base(), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/pdf, application/json' },
        body: JSON.stringify({
          symbology: symbology(),
          layout: layout(),
          skip: perPage() > 1 ? Number(skip()) || 0 : 0,
          labels: props.items.map((l) => ({ ...l, copies: Math.max(1, Number(copies()) || 1) })),
        }),
      });
      if (!res.ok) {
        const body = await res
          .json()
          .catch(() => ({ title: res.statusText, status: res.status, code: `http_${res.status}` }));
        throw new ApiError(body);
      }
      download(await res.blob(), 'labels.pdf');
      setOpen(false);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ title: String(e), status: 0, code: 'network' }));
    } finally {
      setBusy(false);
    }
  };

  /** Field errors name labels by index (`labels.3.code`): show which code and why. */
  const codeErrors = () =>
    (error()?.fieldErrors ?? [])
      .map((fe) => {
        const m = /^labels\.(\d+)\.code$/.exec(fe.path);
        const item = m ? props.items[Number(m[1])] : undefined;
        return item ? `${item.code}: ${fe.message}` : `${fe.path}: ${fe.message}`;
      })
      .filter(Boolean);

  return (
    <Show when={can('tenant.labels.print')}>
      <Button
        size={props.size ?? 'sm'}
        variant={props.variant ?? 'secondary'}
        disabled={props.items.length === 0}
        onClick={() => setOpen(true)}
      >
        {props.children ?? t('printLabels')}
      </Button>
      <Modal
        open={open()}
        onOpenChange={setOpen}
        title={t('printLabelsTitle', { count: count() })}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t('cancel')}</Button>
            <Button variant="primary" loading={busy()} onClick={() => void print()}>
              {t('print')}
            </Button>
          </>
        }
      >
        <div class="form">
          <SelectField
            label={t('symbology')}
            name="symbology"
            value={symbology()}
            onChange={setSymbology}
            options={[...SYMBOLOGIES]}
          />
          <SelectField
            label={t('layout')}
            name="layout"
            value={layout()}
            onChange={setLayout}
            options={(layouts() ?? [{ id: 'a4-3x8', name: { en: 'A4 3 × 8', cs: 'A4 3 × 8' }, perPage: 24 }]).map(
              (l) => ({
                value: l.id,
                label: i18n.text(l.name),
              }),
            )}
          />
          <div class="form-grid">
            <NumberInput label={t('copies')} name="copies" value={copies()} onChange={setCopies} decimals={0} />
            <Show when={perPage() > 1}>
              <NumberInput label={t('skip')} name="skip" value={skip()} onChange={setSkip} decimals={0} />
            </Show>
          </div>
          <Show when={codeErrors().length > 0} fallback={<FormError error={error()} />}>
            <div class="alert alert-danger" role="alert">
              <ul class="plain-list">
                <For each={codeErrors()}>{(m) => <li>{m}</li>}</For>
              </ul>
            </div>
          </Show>
        </div>
      </Modal>
    </Show>
  );
}
