import { ApiError, Button, businessToday, Card, DateInput, FormError, SelectField, useTenant } from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import { useDeliveryT } from '../delivery-messages.ts';
import { useT } from '../messages.ts';
import type { Driver, PlannableOrder, RunDetail } from '../types.ts';
import { WaitingOrders } from './waiting-orders.tsx';

/**
 * Plans a run: the date, a driver chosen from the members who may deliver, and the own-courier
 * orders waiting for a run (packed, or back from a failed stop) ticked as stops, in the order
 * ticked (reordered on the run's page).
 */
export function PlanRun() {
  const t = useT();
  const d = useDeliveryT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [drivers] = createResource(async () => (await api<{ items: Driver[] }>('/orders/delivery/drivers')).items);
  const [waiting] = createResource(
    async () => (await api<{ items: PlannableOrder[] }>('/orders/delivery/plannable')).items,
  );
  const [date, setDate] = createSignal(businessToday());
  const [driver, setDriver] = createSignal('');
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const fieldError = (path: string) => error()?.fieldErrors.find((e) => e.path === path)?.message;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const run = await api<RunDetail>('/orders/delivery/runs', {
        method: 'POST',
        body: { date: date(), driverUserId: driver(), orderIds: chosen() },
      });
      navigate(`/t/${tenant().slug}/orders/delivery/${run.id}`);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={d('planRun')}>
      <form class="stack" onSubmit={submit}>
        <p class="muted">{d('planRunText')}</p>
        <FormError error={error()} />
        <div class="form-grid">
          <DateInput
            name="date"
            label={t('date')}
            value={date()}
            onChange={setDate}
            error={fieldError('date')}
            required
          />
          <SelectField
            name="driverUserId"
            label={d('driver')}
            value={driver()}
            onChange={setDriver}
            error={fieldError('driverUserId')}
            description={drivers()?.length === 0 ? d('noDrivers') : undefined}
            options={[
              { value: '', label: t('choose') },
              ...(drivers() ?? []).map((x) => ({ value: x.userId, label: x.name })),
            ]}
          />
        </div>
        <WaitingOrders orders={waiting()} chosen={chosen()} onChange={setChosen} fieldError={fieldError} />
        <div>
          <Button type="submit" variant="primary" loading={busy()}>
            {d('createRun')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
