import { Button, Card, createForm, FormError, notify, useTenant } from '@bureau/core/ui';
import { createResource, Show } from 'solid-js';
import { useDeliveryT } from '../delivery-messages.ts';
import type { PlannableOrder, RunDetail } from '../types.ts';
import { WaitingOrders } from './waiting-orders.tsx';

/**
 * On a planned run: the orders waiting for a run (fetched again whenever the run's stops change,
 * so one taken off shows here), ticked and added at the end of the run.
 */
export function AddStops(props: { run: RunDetail; onChange: (run: RunDetail) => void }) {
  const d = useDeliveryT();
  const { api } = useTenant();
  const [waiting] = createResource(
    () => props.run.stops.map((s) => s.id).join(','),
    async () => (await api<{ items: PlannableOrder[] }>('/orders/delivery/plannable')).items,
  );
  const form = createForm({
    initial: { orderIds: [] as string[] },
    onSubmit: async ({ orderIds }) => {
      const run = await api<RunDetail>(`/orders/delivery/runs/${props.run.id}/stops`, {
        method: 'POST',
        body: { orderIds },
      });
      notify(d('stopsAdded', { count: orderIds.length }));
      form.set('orderIds', []);
      props.onChange(run);
    },
  });

  return (
    <Card title={d('addStops')}>
      <form class="stack" onSubmit={form.submit}>
        <FormError error={form.failure()} />
        <WaitingOrders
          orders={waiting()}
          chosen={form.values.orderIds}
          onChange={(ids) => form.set('orderIds', ids)}
          fieldError={form.error}
        />
        <Show when={(waiting() ?? []).length > 0}>
          <div>
            <Button type="submit" loading={form.submitting()} disabled={form.values.orderIds.length === 0}>
              {d('addToRun')}
            </Button>
          </div>
        </Show>
      </form>
    </Card>
  );
}
