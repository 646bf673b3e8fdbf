import {
  Async,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  DateText,
  EmptyState,
  type LocalizedText,
  Money,
  notify,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { pendingClient as client } from '../../api/client.ts';
import type { Billing, BillingItem, Invoice, Plan } from '../../api/types.ts';
import { Icon } from '../../icons.tsx';

const STATUS_TONE: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'neutral'> = {
  trial: 'info',
  trialing: 'info',
  active: 'success',
  past_due: 'warning',
  suspended: 'danger',
  canceled: 'neutral',
  paid: 'success',
  issued: 'info',
  open: 'info',
  overdue: 'warning',
};

export default function BillingPage() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const param = () => ({ tenant: tenant().slug });
  const [billing, { refetch }] = createResource(
    param,
    async (p): Promise<Billing> => unwrap(client.api.t[':tenant'].billing.$get({ param: p })),
  );
  const [invoices, { refetch: refetchInvoices }] = createResource(param, async (p): Promise<Invoice[]> => {
    const res: { invoices: Invoice[] } = await unwrap(client.api.t[':tenant'].billing.invoices.$get({ param: p }));
    return res.invoices;
  });
  const [plans] = createResource(param, async (p): Promise<Plan[]> => {
    const res: { plans: Plan[] } = await unwrap(client.api.t[':tenant'].billing.plans.$get({ param: p }));
    return res.plans;
  });
  const [changing, setChanging] = createSignal<Plan | null>(null);

  const text = (v: string | LocalizedText | undefined) => (typeof v === 'string' ? v : i18n.text(v));
  const planName = (b: Billing) =>
    typeof b.subscription.plan === 'string' ? b.subscription.plan : text(b.subscription.plan.name);
  const planCode = (b: Billing) =>
    typeof b.subscription.plan === 'string' ? b.subscription.plan : b.subscription.plan.code;
  const base = `/api/t/${encodeURIComponent(tenant().slug)}/billing/invoices`;

  return (
    <div class="stack">
      <Async resource={billing} refetch={refetch}>
        {(b) => (
          <>
            <div class="stat-grid">
              <div class="stat">
                <span class="stat-label">{i18n.t('billing.plan')}</span>
                <span class="stat-value">{planName(b)}</span>
                <Badge tone={STATUS_TONE[b.subscription.status] ?? 'neutral'}>
                  {i18n.t(`billing.status.${b.subscription.status}`)}
                </Badge>
              </div>
              <div class="stat">
                <span class="stat-label">{i18n.t('billing.seats')}</span>
                <span class="stat-value num">
                  {b.subscription.seats.used} / {b.subscription.seats.included}
                </span>
                {/* biome-ignore lint/a11y/useSemanticElements: a styled bar; native meter renders inconsistently */}
                <div
                  class="meter"
                  role="meter"
                  aria-valuemin={0}
                  aria-valuemax={b.subscription.seats.included}
                  aria-valuenow={b.subscription.seats.used}
                  aria-label={i18n.t('billing.seats')}
                >
                  <div
                    class="meter-fill"
                    style={{
                      width: `${Math.min(100, (100 * b.subscription.seats.used) / Math.max(1, b.subscription.seats.included))}%`,
                    }}
                  />
                </div>
              </div>
              <div class="stat">
                <span class="stat-label">
                  {b.subscription.trialEndsAt ? i18n.t('billing.trialEnds') : i18n.t('billing.periodEnds')}
                </span>
                <span class="stat-value">
                  <DateText value={b.subscription.trialEndsAt ?? b.subscription.currentPeriodEnd} />
                </span>
                <Show when={b.subscription.trialEndsAt}>
                  <span class="muted small">{i18n.relative(b.subscription.trialEndsAt as string)}</span>
                </Show>
              </div>
              <div class="stat">
                <span class="stat-label">{i18n.t('billing.nextInvoice')}</span>
                <span class="stat-value">
                  <Show when={b.nextInvoice} fallback="—">
                    {(n) => (
                      <Money amount={n().total} currency={n().currency ?? b.nextInvoice?.lines[0]?.currency ?? 'CZK'} />
                    )}
                  </Show>
                </span>
              </div>
            </div>
            <Show when={b.subscription.paidBy}>
              {(p) => <div class="alert alert-info">{i18n.t('billing.paidBy', { provider: p().name })}</div>}
            </Show>
            <Show when={b.nextInvoice && b.nextInvoice.lines.length > 0}>
              <Card title={i18n.t('billing.upcoming')} padded={false}>
                <DataTable
                  rows={b.nextInvoice?.lines ?? []}
                  columns={[
                    { header: i18n.t('billing.item'), cell: (l: BillingItem) => text(l.label) || l.code || l.kind },
                    {
                      header: i18n.t('billing.quantity'),
                      align: 'end',
                      cell: (l: BillingItem) => (l.quantity !== undefined ? i18n.number(l.quantity) : ''),
                    },
                    {
                      header: i18n.t('billing.amount'),
                      align: 'end',
                      cell: (l: BillingItem) =>
                        l.amount ? (
                          <Money amount={l.amount} currency={l.currency ?? b.nextInvoice?.currency ?? 'CZK'} />
                        ) : (
                          ''
                        ),
                    },
                  ]}
                />
              </Card>
            </Show>
            <Card title={i18n.t('billing.plans')}>
              <Async
                resource={plans}
                isEmpty={(l) => l.length === 0}
                empty={<p class="muted">{i18n.t('billing.noPlans')}</p>}
              >
                {(list) => (
                  <div class="plan-grid">
                    <For each={list}>
                      {(p) => (
                        <div class="plan" data-current={p.code === planCode(b) ? '' : undefined}>
                          <div class="plan-name">{text(p.name)}</div>
                          <div class="plan-price">
                            <Money amount={p.price} currency={p.currency} />
                            <Show when={p.period}>
                              <span class="muted"> / {i18n.t(`billing.period.${p.period}`)}</span>
                            </Show>
                          </div>
                          <Show when={p.includedSeats !== undefined}>
                            <div class="muted small">
                              {i18n.t('billing.includedSeats', { count: p.includedSeats ?? 0 })}
                            </div>
                          </Show>
                          <Show
                            when={p.code === planCode(b)}
                            fallback={
                              <Button size="sm" onClick={() => setChanging(p)}>
                                {i18n.t('billing.choose')}
                              </Button>
                            }
                          >
                            <Badge tone="accent">{i18n.t('billing.current')}</Badge>
                          </Show>
                        </div>
                      )}
                    </For>
                  </div>
                )}
              </Async>
            </Card>
          </>
        )}
      </Async>
      <Card title={i18n.t('billing.invoices')} padded={false}>
        <Async
          resource={invoices}
          refetch={refetchInvoices}
          isEmpty={(l) => l.length === 0}
          empty={<EmptyState title={i18n.t('billing.noInvoices')} description={i18n.t('billing.noInvoicesText')} />}
        >
          {(list) => (
            <DataTable
              caption={i18n.t('billing.invoices')}
              rows={list}
              rowKey={(i) => i.id}
              columns={[
                { header: i18n.t('billing.number'), cell: (i) => <span class="cell-primary mono">{i.number}</span> },
                {
                  header: i18n.t('billing.issued'),
                  hideOnMobile: true,
                  cell: (i) => <DateText value={i.issueDate ?? i.issuedAt} />,
                },
                { header: i18n.t('billing.due'), hideOnMobile: true, cell: (i) => <DateText value={i.dueDate} /> },
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
                  header: <span class="sr-only">{i18n.t('billing.download')}</span>,
                  align: 'end',
                  cell: (i) => (
                    <div class="row end-row">
                      <a class="btn btn-ghost btn-sm" href={`${base}/${i.id}/pdf`} download="">
                        <Icon name="download" />
                        PDF
                      </a>
                      <a class="btn btn-ghost btn-sm" href={`${base}/${i.id}/isdoc`} download="">
                        <Icon name="download" />
                        ISDOC
                      </a>
                    </div>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </Card>
      <ConfirmDialog
        open={changing() !== null}
        onOpenChange={(o) => !o && setChanging(null)}
        title={i18n.t('billing.changeTitle', { plan: text(changing()?.name) })}
        description={i18n.t('billing.changeText')}
        confirmLabel={i18n.t('billing.changeConfirm')}
        onConfirm={async () => {
          const p = changing();
          if (!p) return;
          await unwrap(
            client.api.t[':tenant'].billing.plan.$post({
              param: param(),
              json: { plan: p.code, ...(p.period ? { period: p.period } : {}) },
            }),
          );
          notify(i18n.t('billing.changed', { plan: text(p.name) }));
          refetch();
          refetchInvoices();
        }}
      />
    </div>
  );
}
