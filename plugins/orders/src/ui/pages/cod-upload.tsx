import {
  ApiError,
  Button,
  Card,
  DataTable,
  Field,
  FormError,
  Money,
  notify,
  StatusBadge,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { createSignal, Show } from 'solid-js';
import { useCodT } from '../cod-messages.ts';
import { PAYOUT_ROW_STATUSES } from '../statuses.ts';
import type { PayoutPreviewView, PayoutRow, PayoutView } from '../types.ts';

/**
 * Reads Packeta's payout report (opened or pasted), shows the dry run line by line and confirms it;
 * lines that differ are sent only with the differences accepted and a note.
 */
export function PayoutUpload(props: { onConfirmed: () => void }) {
  const c = useCodT();
  const { api } = useTenant();
  const [content, setContent] = createSignal('');
  const [preview, setPreview] = createSignal<PayoutPreviewView | null>(null);
  const [accept, setAccept] = createSignal(false);
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const fieldError = (path: string) =>
    error()
      ?.fieldErrors.filter((e) => e.path === path)
      .map((e) => e.message)
      .join(' · ') || undefined;
  const odd = () => {
    const p = preview();
    return p ? p.rows.length - p.counts.matched : 0;
  };
  const call = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const readFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) {
      setContent(await file.text());
      setPreview(null);
    }
  };
  const check = (e: Event) => {
    e.preventDefault();
    void call(async () => {
      setPreview(
        await api<PayoutPreviewView>('/orders/shipping/packeta/payouts/preview', {
          method: 'POST',
          body: { content: content() },
        }),
      );
    });
  };
  const confirm = () =>
    call(async () => {
      const payout = await api<PayoutView>('/orders/shipping/packeta/payouts', {
        method: 'POST',
        body: { content: content(), acceptDifference: accept(), note: note().trim() || null },
      });
      notify(c('payoutConfirmed', { number: payout.number }));
      setPreview(null);
      setContent('');
      setNote('');
      setAccept(false);
      props.onConfirmed();
    });
  return (
    <Card title={c('payoutFile')}>
      <form class="stack" onSubmit={check}>
        <p class="muted">{c('payoutFileText')}</p>
        <FormError error={error()} />
        <input type="file" accept=".csv,text/csv" aria-label={c('openFile')} onChange={(e) => void readFile(e)} />
        <Field
          name="content"
          label={c('payoutFile')}
          value={content()}
          onChange={(v) => {
            setContent(v);
            setPreview(null);
          }}
          multiline
          required
          error={fieldError('content')}
        />
        <div>
          <Button type="submit" loading={busy() && !preview()}>
            {c('checkPayout')}
          </Button>
        </div>
      </form>
      <Show when={preview()}>
        {(p) => (
          <div class="stack">
            <p>
              {c('rows', { count: p().rows.length })} · {c('cashOnDelivery')}{' '}
              <Money amount={p().cod} currency={p().currency} /> · {c('fees')}{' '}
              <Money amount={p().fees} currency={p().currency} /> · {c('transfer')}{' '}
              <strong>
                <Money amount={p().total} currency={p().currency} />
              </strong>
            </p>
            <DataTable<PayoutRow>
              caption={c('payoutFile')}
              rows={p().rows}
              rowKey={(r) => String(r.line)}
              columns={[
                { header: c('parcel'), cell: (r) => <span class="mono">{r.tracking || r.reference}</span> },
                { header: c('order'), cell: (r) => <span class="mono">{r.orderNumber ?? '—'}</span> },
                {
                  header: c('due'),
                  align: 'end',
                  hideOnMobile: true,
                  cell: (r) => (r.due === null ? '—' : <Money amount={r.due} currency={p().currency} />),
                },
                { header: c('paid'), align: 'end', cell: (r) => <Money amount={r.paid} currency={p().currency} /> },
                {
                  header: c('difference'),
                  align: 'end',
                  hideOnMobile: true,
                  cell: (r) => (r.difference === null ? '—' : <Money amount={r.difference} currency={p().currency} />),
                },
                {
                  header: c('status'),
                  cell: (r) => <StatusBadge status={r.status} statuses={PAYOUT_ROW_STATUSES} />,
                },
              ]}
            />
            <Show when={odd() > 0}>
              <p class="muted">{c('differencesText')}</p>
              <Field name="note" label={c('note')} value={note()} onChange={setNote} error={fieldError('note')} />
              <Toggle label={c('acceptDifferences')} checked={accept()} onChange={setAccept} />
            </Show>
            <div>
              <Button variant="primary" loading={busy()} onClick={() => void confirm()}>
                {c('confirmPayout')}
              </Button>
            </div>
          </div>
        )}
      </Show>
    </Card>
  );
}
