import { Async, EmptyState, PageHeader, useTenant } from '@bureau/core/ui';
import { createResource, For, Show } from 'solid-js';
import { useDeliveryT } from '../delivery-messages.ts';
import type { RunDetail } from '../types.ts';
import { DriverStop } from './driver-stop.tsx';

/**
 * The driver's page, phone first: the signed-in driver's runs of today (the API gives only their
 * own), each with its stops in order to deliver or fail one by one.
 */
export default function Driver() {
  const d = useDeliveryT();
  const { api } = useTenant();
  const [runs, { mutate, refetch }] = createResource(
    async () => (await api<{ items: RunDetail[] }>('/orders/driver/runs')).items,
  );
  const replace = (run: RunDetail) => mutate((list) => list?.map((r) => (r.id === run.id ? run : r)));
  return (
    <div class="page">
      <PageHeader title={d('myRuns')} description={d('myRunsText')} />
      <Async
        resource={runs}
        refetch={refetch}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState title={d('noMyRuns')} description={d('noMyRunsText')} />}
      >
        {(list) => (
          <For each={list}>
            {(run) => (
              <section class="stack" aria-label={run.number}>
                <h2 class="section-title">
                  {run.number} · {d('stopCount', { count: run.stops.length })}
                </h2>
                <Show when={run.status === 'planned'}>
                  <p class="muted">{d('runNotOut')}</p>
                </Show>
                <For each={run.stops}>{(stop) => <DriverStop run={run} stop={stop} onChange={replace} />}</For>
              </section>
            )}
          </For>
        )}
      </Async>
    </div>
  );
}
