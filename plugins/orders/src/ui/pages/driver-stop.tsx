import {
  ApiError,
  Button,
  Field,
  FormError,
  Money,
  MoneyInput,
  notify,
  SelectField,
  StatusBadge,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { addressText, mapHref, phoneOf } from '../address.ts';
import { type DeliveryKey, useDeliveryT } from '../delivery-messages.ts';
import { STOP_STATUSES } from '../statuses.ts';
import type { RunDetail } from '../types.ts';
import { photoDataUrl, SignaturePad } from './signature-pad.tsx';

type Stop = RunDetail['stops'][number];
const REASONS = ['nobody_home', 'refused', 'wrong_address', 'damaged', 'other'] as const;

/**
 * One stop on the driver's phone: who, where (opens the map), the phone to call and the cash to
 * collect; Delivered asks the recipient's name and a drawn signature or a photo, Failed a reason
 * from the fixed list and a note. The server's field errors show at the fields.
 */
export function DriverStop(props: { run: RunDetail; stop: Stop; onChange: (run: RunDetail) => void }) {
  const d = useDeliveryT();
  const { api } = useTenant();
  const [mode, setMode] = createSignal<'view' | 'delivered' | 'failed'>('view');
  const [name, setName] = createSignal('');
  const [cod, setCod] = createSignal(props.stop.codDue);
  const [accept, setAccept] = createSignal(false);
  const [signature, setSignature] = createSignal<string | null>(null);
  const [photo, setPhoto] = createSignal<string | null>(null);
  const [reason, setReason] = createSignal('');
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const fieldError = (path: string) => error()?.fieldErrors.find((e) => e.path === path)?.message;
  const address = () => addressText(props.stop.shipTo);
  const hasCod = () => Number(props.stop.codDue) > 0;
  const label = () => `${props.stop.seq}. ${(props.stop.shipTo?.name as string | undefined) ?? props.stop.customer}`;

  const send = async (path: 'delivered' | 'failed', body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const run = await api<RunDetail>(`/orders/driver/runs/${props.run.id}/stops/${props.stop.id}/${path}`, {
        method: 'POST',
        body,
      });
      notify(done);
      setMode('view');
      props.onChange(run);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const delivered = (e: Event) => {
    e.preventDefault();
    const proofUrl = photo() ?? signature();
    void send(
      'delivered',
      {
        recipientName: name(),
        ...(hasCod() ? { codCollected: cod(), acceptDifference: accept() } : {}),
        ...(proofUrl ? { proof: { kind: photo() ? 'photo' : 'signature', dataUrl: proofUrl } } : {}),
      },
      d('stopDelivered', { number: props.stop.orderNumber }),
    );
  };
  const failed = (e: Event) => {
    e.preventDefault();
    void send(
      'failed',
      { reason: reason(), note: note().trim() || null },
      d('stopFailed', { number: props.stop.orderNumber }),
    );
  };
  const readPhoto = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    setPhoto(file ? await photoDataUrl(file) : null);
  };

  return (
    <article class="card card-padded stack driver-stop" aria-label={label()} data-stop={props.stop.orderNumber}>
      <header class="row">
        <h2 class="section-title">{label()}</h2>
        <span class="spacer" />
        <StatusBadge status={props.stop.status} statuses={STOP_STATUSES} />
      </header>
      <p class="muted mono">{props.stop.orderNumber}</p>
      <Show when={address()}>
        <a href={mapHref(address())} target="_blank" rel="noopener" aria-label={d('openMap', { address: address() })}>
          {address()}
        </a>
      </Show>
      <Show when={phoneOf(props.stop.shipTo)}>
        {(p) => (
          <a href={`tel:${p().replace(/\s/g, '')}`}>
            {d('phone')}: {p()}
          </a>
        )}
      </Show>
      <p>
        {d('codToCollect')}:{' '}
        <strong data-testid="cod-due">
          <Money amount={props.stop.codDue} currency={props.run.currency} />
        </strong>
      </p>
      <Show when={props.stop.status === 'pending' && props.run.status === 'out'}>
        <Switch>
          <Match when={mode() === 'view'}>
            <div class="row">
              <Button variant="primary" onClick={() => setMode('delivered')}>
                {d('delivered')}
              </Button>
              <Button variant="danger" onClick={() => setMode('failed')}>
                {d('failed')}
              </Button>
            </div>
          </Match>
          <Match when={mode() === 'delivered'}>
            <form class="stack" onSubmit={delivered}>
              <FormError error={error()} />
              <Field
                name="recipientName"
                label={d('recipientName')}
                value={name()}
                onChange={setName}
                error={fieldError('recipientName')}
                autocomplete="off"
                required
              />
              <Show when={hasCod()}>
                <MoneyInput
                  name="codCollected"
                  label={d('collected')}
                  currency={props.run.currency}
                  value={cod()}
                  onChange={setCod}
                  error={fieldError('codCollected')}
                />
                <Show when={error()?.code === 'cod_mismatch' || accept()}>
                  <Toggle label={d('acceptDifference')} checked={accept()} onChange={setAccept} />
                </Show>
              </Show>
              <SignaturePad
                label={d('signature')}
                hint={d('signatureHint')}
                clearLabel={d('clearSignature')}
                onChange={setSignature}
              />
              <label class="field">
                <span class="field-label">{d('photo')}</span>
                <input type="file" accept="image/*" capture="environment" onChange={(e) => void readPhoto(e)} />
              </label>
              <Show when={fieldError('proof')}>
                <p class="field-error" role="alert">
                  {fieldError('proof')}
                </p>
              </Show>
              <div class="row">
                <Button type="submit" variant="primary" loading={busy()}>
                  {d('confirmDelivered')}
                </Button>
                <Button variant="ghost" onClick={() => setMode('view')}>
                  {d('cancel')}
                </Button>
              </div>
            </form>
          </Match>
          <Match when={mode() === 'failed'}>
            <form class="stack" onSubmit={failed}>
              <FormError error={error()} />
              <SelectField
                name="reason"
                label={d('failureReason')}
                value={reason()}
                onChange={setReason}
                error={fieldError('reason')}
                options={[
                  { value: '', label: '—' },
                  ...REASONS.map((r) => ({ value: r, label: d(`reason_${r}` as DeliveryKey) })),
                ]}
              />
              <Field
                name="note"
                label={d('note')}
                value={note()}
                onChange={setNote}
                error={fieldError('note')}
                multiline
              />
              <div class="row">
                <Button type="submit" variant="danger" loading={busy()}>
                  {d('confirmFailed')}
                </Button>
                <Button variant="ghost" onClick={() => setMode('view')}>
                  {d('cancel')}
                </Button>
              </div>
            </form>
          </Match>
        </Switch>
      </Show>
      <Show when={props.stop.recipientName}>{(n) => <p>{d('deliveredTo', { name: n() })}</p>}</Show>
      <Show when={props.stop.failureReason}>
        {(r) => <p>{d('notDelivered', { reason: d(`reason_${r()}` as DeliveryKey) })}</p>}
      </Show>
    </article>
  );
}
