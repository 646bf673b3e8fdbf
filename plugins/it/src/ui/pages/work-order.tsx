import {
  Async,
  Button,
  Card,
  ConfirmDialog,
  createForm,
  DateText,
  DetailPage,
  Field,
  Form,
  Money,
  MoneyInput,
  notify,
  StatusBadge,
  useTenant,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Index, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { WorkOrder } from '../../server/routes/maintenance.ts';
import { figure } from '../figure.tsx';
import { useMT, WORK_ORDER_STATUSES } from '../maintenance-messages.ts';

const int = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(/\s/g, '')));

/**
 * One work order: its asset, due date, instructions and checklist; IT completes it (a tick per
 * item, notes, minutes, parts with their cost, the meter reading) or skips the period with a reason.
 * A closed one shows who did it, when, and what it took.
 */
export default function WorkOrderPage() {
  const t = useMT();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [wo, { refetch }] = createResource(
    () => params.id,
    (id) => api<WorkOrder>(`/it/maintenance/work-orders/${id}`),
  );
  const base = () => `/t/${tenant().slug}/it`;
  return (
    <Async resource={wo} refetch={refetch}>
      {(w) => {
        const [ticks, setTicks] = createStore<boolean[]>(w.checklist.map((c) => c.done));
        const [parts, setParts] = createStore<Array<{ name: string; quantity: string; cost: string }>>([]);
        const [skipOpen, setSkipOpen] = createSignal(false);
        const [reason, setReason] = createSignal('');
        const form = createForm({
          initial: { notes: '', minutesSpent: '', cost: '', meterReading: '' },
          onSubmit: async (v) => {
            await api(`/it/maintenance/work-orders/${w.id}/complete`, {
              method: 'POST',
              body: {
                checklist: [...ticks],
                notes: v.notes || undefined,
                minutesSpent: int(v.minutesSpent),
                cost: v.cost || undefined,
                meterReading: int(v.meterReading),
                parts: parts
                  .filter((p) => p.name.trim())
                  .map((p) => ({ name: p.name, quantity: p.quantity || '1', cost: p.cost || undefined })),
              },
            });
            notify(t('completed'));
            void refetch();
          },
        });
        const open = () => w.status === 'open' && can('it.maintenance');
        return (
          <DetailPage
            title={`${w.number} ${w.title}`}
            subtitle={
              <A href={`${base()}/assets/${w.assetId}`}>
                <span class="mono">{w.assetTag}</span> {w.assetName}
              </A>
            }
            status={<StatusBadge status={w.overdue ? 'overdue' : w.status} statuses={WORK_ORDER_STATUSES} />}
            back={{ href: `${base()}/maintenance`, label: t('maintenance') }}
            actions={
              <Show when={open()}>
                <Button variant="secondary" onClick={() => setSkipOpen(true)}>
                  {t('skip')}
                </Button>
              </Show>
            }
            entity={{ type: 'it.work_order', id: w.id }}
            tabs={[
              {
                id: 'overview',
                label: t('workOrders'),
                content: () => (
                  <div class="stack">
                    <dl class="figures">
                      {figure(t('due'), <DateText value={w.dueOn} />)}
                      <Show when={w.meterDue !== null}>{figure(t('nextMeter'), String(w.meterDue))}</Show>
                      <Show when={w.completedOn}>{figure(t('completedOn'), <DateText value={w.completedOn} />)}</Show>
                      <Show when={w.completedBy}>{figure(t('completedBy'), w.completedBy)}</Show>
                      <Show when={w.minutesSpent !== null}>{figure(t('minutesSpent'), String(w.minutesSpent))}</Show>
                      <Show when={w.cost}>
                        {(c) => figure(t('cost'), <Money amount={c()} currency={w.currency ?? 'CZK'} />)}
                      </Show>
                      <Show when={w.meterReading !== null}>{figure(t('meterReading'), String(w.meterReading))}</Show>
                    </dl>
                    <Show when={w.instructions}>
                      <p>{w.instructions}</p>
                    </Show>
                    <Show when={w.notes}>
                      <p>
                        <strong>{t('notes')}:</strong> {w.notes}
                      </p>
                    </Show>
                    <Show
                      when={open()}
                      fallback={
                        <Card title={t('checklist')}>
                          <ul class="stack">
                            <For each={w.checklist}>
                              {(c) => (
                                <li>
                                  {c.done ? '☑' : '☐'} {c.text}
                                </li>
                              )}
                            </For>
                          </ul>
                          <Show when={w.parts.length}>
                            <ul>
                              <For each={w.parts}>
                                {(p) => (
                                  <li>
                                    {p.name} × {p.quantity}
                                    <Show when={p.cost}>
                                      {(c) => (
                                        <>
                                          {' '}
                                          — <Money amount={c()} currency={w.currency ?? 'CZK'} />
                                        </>
                                      )}
                                    </Show>
                                  </li>
                                )}
                              </For>
                            </ul>
                          </Show>
                        </Card>
                      }
                    >
                      <Card title={t('completeTitle')}>
                        <Form form={form} submitLabel={t('complete')}>
                          <fieldset class="stack">
                            <legend>{t('checklist')}</legend>
                            <Index each={w.checklist}>
                              {(c, i) => (
                                <label class="checkbox">
                                  <input
                                    type="checkbox"
                                    checked={ticks[i]}
                                    onChange={(e) => setTicks(i, e.currentTarget.checked)}
                                  />{' '}
                                  {c().text}
                                </label>
                              )}
                            </Index>
                          </fieldset>
                          <div class="form-grid">
                            <Field label={t('minutesSpent')} {...form.bind('minutesSpent')} inputmode="numeric" />
                            <MoneyInput label={t('cost')} currency="CZK" {...form.bind('cost')} />
                            <Field label={t('meterReading')} {...form.bind('meterReading')} inputmode="numeric" />
                          </div>
                          <Index each={parts}>
                            {(p, i) => (
                              <div class="form-grid">
                                <Field
                                  label={t('part')}
                                  name={`part-${i}`}
                                  value={p().name}
                                  onChange={(v) => setParts(i, 'name', v)}
                                  error={form.error(`parts.${i}.name`)}
                                />
                                <Field
                                  label={t('quantity')}
                                  name={`qty-${i}`}
                                  value={p().quantity}
                                  onChange={(v) => setParts(i, 'quantity', v)}
                                  inputmode="decimal"
                                />
                                <MoneyInput
                                  label={t('cost')}
                                  currency="CZK"
                                  name={`cost-${i}`}
                                  value={p().cost}
                                  onChange={(v) => setParts(i, 'cost', v)}
                                  error={form.error(`parts.${i}.cost`)}
                                />
                              </div>
                            )}
                          </Index>
                          <div>
                            <Button
                              variant="secondary"
                              onClick={() => setParts(parts.length, { name: '', quantity: '1', cost: '' })}
                            >
                              {t('addPart')}
                            </Button>
                          </div>
                          <Field label={t('notes')} {...form.bind('notes')} multiline />
                        </Form>
                      </Card>
                    </Show>
                    <ConfirmDialog
                      open={skipOpen()}
                      onOpenChange={setSkipOpen}
                      title={t('skip')}
                      confirmLabel={t('skip')}
                      confirmDisabled={!reason().trim()}
                      onConfirm={async () => {
                        await api(`/it/maintenance/work-orders/${w.id}/skip`, {
                          method: 'POST',
                          body: { reason: reason() },
                        });
                        notify(t('skippedDone'));
                        void refetch();
                      }}
                    >
                      <Field label={t('skipReason')} name="reason" value={reason()} onChange={setReason} multiline />
                    </ConfirmDialog>
                  </div>
                ),
              },
            ]}
          />
        );
      }}
    </Async>
  );
}
