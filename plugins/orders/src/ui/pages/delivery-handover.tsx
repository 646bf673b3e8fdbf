import { ApiError, Button, Card, Field, FormError, MoneyInput, notify, Toggle, useTenant } from '@bureau/core/ui';
import { createSignal, Show } from 'solid-js';
import { useDeliveryT } from '../delivery-messages.ts';
import type { RunDetail } from '../types.ts';

/**
 * Closes a run with the cash the driver hands over (prefilled with what the stops collected); a
 * difference is sent only confirmed with a note, and the server's field errors show at the fields.
 */
export function RunHandover(props: { run: RunDetail; onDone: (run: RunDetail) => void }) {
  const d = useDeliveryT();
  const { api } = useTenant();
  const [cash, setCash] = createSignal(props.run.cash.collected);
  const [accept, setAccept] = createSignal(false);
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const fieldError = (path: string) => error()?.fieldErrors.find((e) => e.path === path)?.message;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const run = await api<RunDetail>(`/orders/delivery/runs/${props.run.id}/complete`, {
        method: 'POST',
        body: { cashHandedOver: cash(), acceptDifference: accept(), note: note().trim() || null },
      });
      notify(d('runCompleted'));
      props.onDone(run);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={d('completeRun')}>
      <form class="stack" onSubmit={submit}>
        <p class="muted">{d('completeRunText')}</p>
        <FormError error={error()} />
        <div class="form-grid">
          <MoneyInput
            name="cashHandedOver"
            label={d('cashHandedOver')}
            currency={props.run.currency}
            value={cash()}
            onChange={setCash}
            error={fieldError('cashHandedOver')}
            required
          />
          <Field name="note" label={d('note')} value={note()} onChange={setNote} error={fieldError('note')} />
        </div>
        <Show when={error()?.code === 'cash_difference' || accept()}>
          <Toggle label={d('acceptDifference')} checked={accept()} onChange={setAccept} />
        </Show>
        <div>
          <Button type="submit" variant="primary" loading={busy()}>
            {d('completeRun')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
