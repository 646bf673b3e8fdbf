import {
  Async,
  AsyncTable,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  DateText,
  EmptyState,
  Money,
  notify,
  type OkBody,
  problemMessage,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { Icon } from '../../icons.tsx';
import { PaidClientsCard, PayerCard } from './billing-payer.tsx';

type BillingApi = (typeof client.api.t)[':tenant']['billing'];
type Summary = OkBody<Awaited<ReturnType<BillingApi['$get']>>>;
type Plan = OkBody<Awaited<ReturnType<BillingApi['plans']['$get']>>>['plans'][number];
type Item = Summary['subscription']['items'][number];
type Period = 'month' | 'year';

const STATUS_TONE: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'neutral'> = {
  trial: 'info',
  active: 'success',
  past_due: 'warning',
  suspended: 'danger',
  canceled: 'neutral',
  paid: 'success',
  issued: 'info',
  overdue: 'warning',
  credit: 'neutral',
};

/**
 * Settings → Billing: the subscription (plan, status, trial, seats), what the next invoice will
 * hold, the plans on offer with what a move would cost or lose, invoices with PDF and ISDOC
 * downloads, and cancelling or reactivating. Typed from the billing routes (core/src/billing/routes.ts).
 */
export default function BillingPage() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const param = () => ({ tenant: tenant().slug });
  const manage = () => can('tenant.billing.manage');
  /** Where a leaving firm takes its whole data set (Settings → Records → Exports). */
  const exportLink = () => (
    <Show when={can('tenant.records.export')}>
      <A class="btn btn-secondary btn-sm" href={`/t/${tenant().slug}/settings/records/exports`}>
        {i18n.t('billing.exportData')}
      </A>
    </Show>
  );
  const [billing, { refetch, mutate }] = createResource(param, (p) =>
    unwrap(client.api.t[':tenant'].billing.$get({ param: p })),
  );
  const [plans, { refetch: refetchPlans }] = createResource(
    param,
    async (p) => (await unwrap(client.api.t[':tenant'].billing.plans.$get({ param: p }))).plans,
  );
  const [invoices, { refetch: refetchInvoices }] = createResource(
    param,
    async (p) => (await unwrap(client.api.t[':tenant'].billing.invoices.$get({ param: p }))).invoices,
  );
  const [modules] = createResource(
    param,
    async (p) => (await unwrap(client.api.t[':tenant'].modules.$get({ param: p }))).modules,
  );
  const moduleTitle = (id: string) => i18n.text(modules.latest?.find((m) => m.id === id)?.title) || id;
  const [period, setPeriod] = createSignal<Period | null>(null);
  const shownPeriod = (): Period => period() ?? billing.latest?.subscription.period ?? 'month';
  const [changing, setChanging] = createSignal<{ plan: Plan } | null>(null);
  const [lifecycle, setLifecycle] = createSignal<'cancel' | null>(null);

  const itemLabel = (item: Item, b: Summary) => {
    if (item.kind === 'plan') return i18n.t('billing.item.plan', { plan: b.subscription.plan.name });
    if (item.kind === 'seats') return i18n.t('billing.item.seats');
    if (item.kind === 'addon' && item.module) return i18n.t('billing.item.addon', { module: moduleTitle(item.module) });
    return item.description;
  };
  const reload = () => {
    refetch();
    refetchPlans();
    refetchInvoices();
  };
  const changePlan = async (plan: Plan, confirm: boolean) => {
    const summary = await unwrap(
      client.api.t[':tenant'].billing.plan.$post({
        param: param(),
        json: { plan: plan.code, period: shownPeriod(), ...(confirm ? { confirm: true } : {}) },
      }),
    );
    mutate(summary);
    notify(i18n.t('billing.changed', { plan: plan.name }));
    refetchPlans();
    refetchInvoices();
  };

  return (
    <div class="stack">
      <Async resource={billing} refetch={refetch}>
        {(b) => (
          <>
            <div class="stat-grid">
              <div class="stat" data-testid="billing-plan">
                <span class="stat-label">{i18n.t('billing.plan')}</span>
                <span class="stat-value">{b.subscription.plan.name}</span>
                <div class="row">
                  <Badge tone={STATUS_TONE[b.subscription.status] ?? 'neutral'}>
                    {i18n.t(`billing.status.${b.subscription.status}`)}
                  </Badge>
                  <span class="muted small">{i18n.t(`billing.billed.${b.subscription.period}`)}</span>
                </div>
              </div>
              <div class="stat">
                <span class="stat-label">{i18n.t('billing.seats')}</span>
                <span class="stat-value num">
                  {b.subscription.seats.used} / {b.subscription.seats.included + b.subscription.seats.extra}
                </span>
                {/* biome-ignore lint/a11y/useSemanticElements: a styled bar; native meter renders inconsistently */}
                <div
                  class="meter"
                  role="meter"
                  aria-valuemin={0}
                  aria-valuemax={b.subscription.seats.included + b.subscription.seats.extra}
                  aria-valuenow={b.subscription.seats.used}
                  aria-label={i18n.t('billing.seats')}
                >
                  <div
                    class="meter-fill"
                    style={{
                      width: `${Math.min(100, (100 * b.subscription.seats.used) / Math.max(1, b.subscription.seats.included + b.subscription.seats.extra))}%`,
                    }}
                  />
                </div>
                <span class="muted small">
                  {i18n.t('billing.seatsDetail', {
                    members: b.subscription.seats.members,
                    pending: b.subscription.seats.pending,
                    extra: b.subscription.seats.extra,
                  })}
                </span>
              </div>
              <div class="stat">
                <span class="stat-label">
                  {b.subscription.trialEndsAt
                    ? i18n.t('billing.trialEnds')
                    : b.subscription.cancelAtPeriodEnd
                      ? i18n.t('billing.endsOn')
                      : i18n.t('billing.renews')}
                </span>
                <span class="stat-value">
                  <Show
                    when={b.subscription.trialEndsAt}
                    fallback={<DateText value={b.subscription.currentPeriodEnd} />}
                  >
                    {(at) => i18n.dateTime(at())}
                  </Show>
                </span>
                <span class="muted small">
                  {i18n.relative(b.subscription.trialEndsAt ?? `${b.subscription.currentPeriodEnd}T00:00:00Z`)}
                </span>
              </div>
              <div class="stat">
                <span class="stat-label">{i18n.t('billing.nextInvoice')}</span>
                <span class="stat-value">
                  <Show when={b.nextInvoice} fallback="—">
                    {(n) => <Money amount={n().total} currency={n().currency} />}
                  </Show>
                </span>
                <Show when={b.nextInvoice}>
                  {(n) => (
                    <span class="muted small">
                      {i18n.t('billing.inclVat', { rate: i18n.number(n().vatRate) })} · <DateText value={n().date} />
                    </span>
                  )}
                </Show>
              </div>
            </div>
            <Show when={b.subscription.paidBy}>
              {(p) => <div class="alert alert-info">{i18n.t('billing.paidBy', { provider: p().name })}</div>}
            </Show>
            <Show when={b.subscription.status === 'trial'}>
              <div class="alert alert-info">
                {i18n.t('billing.trialText', { date: i18n.dateTime(b.subscription.trialEndsAt ?? '') })}
              </div>
            </Show>
            <Show when={b.subscription.cancelAtPeriodEnd}>
              <div class="alert alert-warning row">
                <span class="grow">
                  {i18n.t('billing.cancelScheduled', { date: i18n.date(b.subscription.currentPeriodEnd) })}
                </span>
                {exportLink()}
                <Show when={manage()}>
                  <Button
                    size="sm"
                    onClick={async () => {
                      try {
                        mutate(await unwrap(client.api.t[':tenant'].billing.reactivate.$post({ param: param() })));
                        notify(i18n.t('billing.reactivated'));
                      } catch (e) {
                        notify(problemMessage(e, i18n.t), 'danger');
                      }
                    }}
                  >
                    {i18n.t('billing.keep')}
                  </Button>
                </Show>
              </div>
            </Show>
            <Show when={b.subscription.status === 'suspended' || b.subscription.status === 'canceled'}>
              <div class="alert alert-danger row">
                <span class="grow">{i18n.t(`billing.${b.subscription.status}Text`)}</span>
                {exportLink()}
              </div>
            </Show>

            <Card title={i18n.t('billing.subscription')} padded={false}>
              <DataTable
                caption={i18n.t('billing.subscription')}
                rows={b.subscription.items}
                columns={[
                  { header: i18n.t('billing.item'), cell: (l) => <span class="cell-primary">{itemLabel(l, b)}</span> },
                  {
                    header: i18n.t('billing.quantity'),
                    align: 'end',
                    cell: (l) => i18n.number(l.quantity),
                  },
                  {
                    header: i18n.t('billing.unitPrice'),
                    align: 'end',
                    hideOnMobile: true,
                    cell: (l) => <Money amount={l.unitPrice} currency={b.subscription.currency} />,
                  },
                  {
                    header: i18n.t('billing.perPeriod', { period: i18n.t(`billing.period.${b.subscription.period}`) }),
                    align: 'end',
                    cell: (l) => <Money amount={l.amount} currency={b.subscription.currency} />,
                  },
                ]}
              />
              <div class="invoice-summary">
                <dl>
                  <dt class="total">{i18n.t('billing.recurring')}</dt>
                  <dd class="total">
                    <Money amount={b.subscription.recurringTotal} currency={b.subscription.currency} />
                  </dd>
                </dl>
              </div>
            </Card>

            <Show when={b.nextInvoice}>
              {(n) => (
                <Card
                  title={i18n.t('billing.upcoming')}
                  actions={
                    <span class="muted small">
                      {i18n.t(n().paidBy === 'provider' ? 'billing.upcomingProvider' : 'billing.upcomingOn')}{' '}
                      <DateText value={n().date} />
                    </span>
                  }
                  padded={false}
                >
                  <NextInvoiceLines invoice={n()} />
                </Card>
              )}
            </Show>

            <Card
              title={i18n.t('billing.plans')}
              actions={
                <fieldset class="segmented" aria-label={i18n.t('billing.periodLabel')}>
                  <For each={['month', 'year'] as const}>
                    {(p) => (
                      <button
                        type="button"
                        class="segmented-item"
                        aria-pressed={shownPeriod() === p}
                        onClick={() => setPeriod(p)}
                      >
                        {i18n.t(`billing.billed.${p}`)}
                      </button>
                    )}
                  </For>
                </fieldset>
              }
            >
              <Async
                resource={plans}
                isEmpty={(l) => l.length === 0}
                empty={<p class="muted">{i18n.t('billing.noPlans')}</p>}
              >
                {(list) => (
                  <div class="plan-grid">
                    <For each={list}>
                      {(p) => {
                        const price = () => p.prices[shownPeriod()];
                        const isCurrent = () => p.current && shownPeriod() === b.subscription.period;
                        return (
                          <div class="plan" data-current={isCurrent() ? '' : undefined} data-plan={p.code}>
                            <div class="plan-name">{p.name}</div>
                            <div class="plan-desc">{p.description}</div>
                            <div class="plan-price">
                              <Show when={price()} fallback={<span class="muted">{i18n.t('billing.notOffered')}</span>}>
                                {(pp) => (
                                  <>
                                    <Money amount={pp().price} currency={b.subscription.currency} />
                                    <span class="muted small"> / {i18n.t(`billing.period.${shownPeriod()}`)}</span>
                                  </>
                                )}
                              </Show>
                            </div>
                            <div class="plan-meta">
                              {i18n.t('billing.includedSeats', { count: p.includedSeats })}
                              <Show when={p.extraSeatsAllowed && price()}>
                                {' · '}
                                {i18n.t('billing.extraSeat', {
                                  price: i18n.money(price()?.seat ?? '0', b.subscription.currency),
                                })}
                              </Show>
                            </div>
                            <div class="row">
                              <For each={p.includedModules}>{(m) => <Badge>{moduleTitle(m)}</Badge>}</For>
                            </div>
                            <Show when={!p.current && p.change.addons.length > 0}>
                              <div class="plan-meta">
                                {i18n.t('billing.wouldAdd', {
                                  modules: p.change.addons.map((a) => moduleTitle(a.module)).join(', '),
                                })}
                              </div>
                            </Show>
                            <Show when={!p.change.allowed}>
                              <div class="plan-lose">
                                {i18n.t('billing.wouldLose', {
                                  what: [
                                    ...p.change.wouldLose.modules.map(moduleTitle),
                                    ...(p.change.wouldLose.seats
                                      ? [i18n.t('billing.loseSeats', { count: p.change.wouldLose.seats })]
                                      : []),
                                  ].join(', '),
                                })}
                              </div>
                            </Show>
                            <Show
                              when={isCurrent()}
                              fallback={
                                <Show when={manage() && price()}>
                                  <Button
                                    size="sm"
                                    disabled={!p.change.allowed}
                                    onClick={() => setChanging({ plan: p })}
                                  >
                                    {p.current ? i18n.t('billing.switchPeriod') : i18n.t('billing.choose')}
                                  </Button>
                                </Show>
                              }
                            >
                              <Badge tone="accent">{i18n.t('billing.current')}</Badge>
                            </Show>
                          </div>
                        );
                      }}
                    </For>
                  </div>
                )}
              </Async>
            </Card>
            <ConfirmDialog
              open={changing() !== null}
              onOpenChange={(o) => !o && setChanging(null)}
              title={i18n.t('billing.changeTitle', { plan: changing()?.plan.name ?? '' })}
              description={
                b.subscription.status === 'trial' ? i18n.t('billing.changeTrialText') : i18n.t('billing.changeText')
              }
              confirmLabel={i18n.t('billing.changeConfirm')}
              onConfirm={async () => {
                const c = changing();
                // The dialog shows every price the change brings (add-ons, seats): confirming accepts them.
                if (c) await changePlan(c.plan, true);
              }}
            >
              <Show when={changing()}>{(c) => <PlanChangePreview plan={c().plan} period={shownPeriod()} />}</Show>
            </ConfirmDialog>
          </>
        )}
      </Async>

      <PayerCard onChanged={refetch} />
      <Show when={tenant().kind === 'provider'}>
        <PaidClientsCard />
      </Show>

      <Card title={i18n.t('billing.invoices')} padded={false}>
        <AsyncTable
          resource={invoices}
          refetch={refetchInvoices}
          empty={<EmptyState title={i18n.t('billing.noInvoices')} description={i18n.t('billing.noInvoicesText')} />}
          caption={i18n.t('billing.invoices')}
          rowKey={(i) => i.id}
          columns={[
            {
              header: i18n.t('billing.number'),
              cell: (i) => (
                <div>
                  <div class="cell-primary mono">{i.number}</div>
                  <Show when={i.kind === 'credit_note'}>
                    <div class="cell-secondary">{i18n.t('billing.creditNote')}</div>
                  </Show>
                </div>
              ),
            },
            { header: i18n.t('billing.issued'), hideOnMobile: true, cell: (i) => <DateText value={i.issuedOn} /> },
            { header: i18n.t('billing.due'), hideOnMobile: true, cell: (i) => <DateText value={i.dueOn} /> },
            {
              header: i18n.t('billing.status.label'),
              cell: (i) => (
                <Badge tone={STATUS_TONE[i.status] ?? 'neutral'}>{i18n.t(`billing.status.${i.status}`)}</Badge>
              ),
            },
            {
              header: i18n.t('billing.total'),
              align: 'end',
              cell: (i) => <Money amount={i.total} currency={i.currency} />,
            },
            {
              header: i18n.t('billing.balance'),
              align: 'end',
              hideOnMobile: true,
              cell: (i) => <Money amount={i.balance} currency={i.currency} />,
            },
            {
              header: <span class="sr-only">{i18n.t('billing.download')}</span>,
              align: 'end',
              cell: (i) => (
                <div class="row end-row">
                  <a class="btn btn-ghost btn-sm" href={i.downloads.pdf} download="">
                    <Icon name="download" />
                    PDF
                  </a>
                  <a class="btn btn-ghost btn-sm" href={i.downloads.isdoc} download="">
                    <Icon name="download" />
                    ISDOC
                  </a>
                </div>
              ),
            },
          ]}
        />
      </Card>

      <Show when={manage() && billing.latest && !billing.latest.subscription.cancelAtPeriodEnd}>
        <Show when={billing.latest?.subscription.status !== 'canceled'}>
          <div class="row end-row">
            <Button variant="ghost" onClick={() => setLifecycle('cancel')}>
              {i18n.t('billing.cancel')}
            </Button>
          </div>
        </Show>
      </Show>
      <Show when={manage() && billing.latest?.subscription.status === 'canceled'}>
        <div class="row end-row">
          <Button
            variant="primary"
            onClick={async () => {
              try {
                mutate(await unwrap(client.api.t[':tenant'].billing.reactivate.$post({ param: param() })));
                notify(i18n.t('billing.reactivated'));
                reload();
              } catch (e) {
                notify(problemMessage(e, i18n.t), 'danger');
              }
            }}
          >
            {i18n.t('billing.reactivate')}
          </Button>
        </div>
      </Show>
      <ConfirmDialog
        open={lifecycle() === 'cancel'}
        onOpenChange={(o) => !o && setLifecycle(null)}
        title={i18n.t('billing.cancelTitle')}
        description={i18n.t('billing.cancelText', {
          date: i18n.date(billing.latest?.subscription.currentPeriodEnd ?? ''),
        })}
        confirmLabel={i18n.t('billing.cancel')}
        danger
        onConfirm={async () => {
          mutate(await unwrap(client.api.t[':tenant'].billing.cancel.$post({ param: param() })));
          notify(i18n.t('billing.cancelled'));
        }}
      />
    </div>
  );
}

type NextInvoice = NonNullable<Summary['nextInvoice']>;

/** The lines of a next invoice with its net, VAT and total (the upcoming card and the plan-change preview). */
function NextInvoiceLines(props: { invoice: NextInvoice }) {
  const i18n = useI18n();
  const n = () => props.invoice;
  return (
    <>
      <Show when={n().lines.length > 0} fallback={<p class="card-body muted">{i18n.t('billing.upcomingEmpty')}</p>}>
        <DataTable
          caption={i18n.t('billing.upcoming')}
          rows={n().lines}
          columns={[
            {
              header: i18n.t('billing.item'),
              cell: (l) => (
                <span>
                  {l.description}
                  <span class="item-kind">
                    <Badge tone={l.kind === 'proration' ? 'warning' : 'neutral'}>
                      {i18n.t(`billing.kind.${l.kind}`)}
                    </Badge>
                  </span>
                </span>
              ),
            },
            {
              header: i18n.t('billing.quantity'),
              align: 'end',
              hideOnMobile: true,
              cell: (l) => i18n.number(l.quantity),
            },
            {
              header: i18n.t('billing.amount'),
              align: 'end',
              cell: (l) => <Money amount={l.amount} currency={n().currency} />,
            },
          ]}
        />
      </Show>
      <div class="invoice-summary">
        <dl>
          <dt>{i18n.t('billing.subtotal')}</dt>
          <dd>
            <Money amount={n().subtotal} currency={n().currency} />
          </dd>
          <dt>{i18n.t('billing.vat', { rate: i18n.number(n().vatRate) })}</dt>
          <dd>
            <Money amount={n().vat} currency={n().currency} />
          </dd>
          <dt class="total">{i18n.t('billing.total')}</dt>
          <dd class="total">
            <Money amount={n().total} currency={n().currency} />
          </dd>
        </dl>
      </div>
    </>
  );
}

/**
 * What a plan change will invoice, from POST /billing/plan/preview: the server makes the change and
 * rolls it back, so these are the figures of the invoice the change leads to.
 */
function PlanChangePreview(props: { plan: Plan; period: Period }) {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [preview, { refetch }] = createResource(
    () => ({ tenant: tenant().slug, plan: props.plan.code, period: props.period }),
    (p) =>
      unwrap(
        client.api.t[':tenant'].billing.plan.preview.$post({
          param: { tenant: p.tenant },
          json: { plan: p.plan, period: p.period },
        }),
      ),
  );
  return (
    <div data-testid="plan-preview">
      <Async resource={preview} refetch={refetch}>
        {(s) => (
          <div class="stack">
            <div class="price-box" data-testid="plan-preview-recurring">
              <Money amount={s.subscription.recurringTotal} currency={s.subscription.currency} />
              <span class="muted small">
                {' '}
                / {i18n.t(`billing.period.${s.subscription.pendingPeriod ?? s.subscription.period}`)}
                {' · '}
                {i18n.t('billing.netOfVat')}
              </span>
            </div>
            <Show when={s.subscription.items.some((i) => i.kind !== 'plan')}>
              <p class="muted small">{i18n.t('billing.confirmAddons')}</p>
            </Show>
            <Show when={s.nextInvoice}>
              {(n) => (
                <div class="stack" data-testid="plan-preview-invoice">
                  <p class="muted small">
                    {i18n.t(n().paidBy === 'provider' ? 'billing.previewProvider' : 'billing.previewOn')}{' '}
                    <DateText value={n().date} />
                  </p>
                  <NextInvoiceLines invoice={n()} />
                </div>
              )}
            </Show>
          </div>
        )}
      </Async>
    </div>
  );
}
