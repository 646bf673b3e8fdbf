import {
  Async,
  AsyncTable,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  createForm,
  DateText,
  EmptyState,
  Field,
  FormError,
  notify,
  type OkBody,
  problemMessage,
  StackedCell,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Show } from 'solid-js';
import { client } from '../../api/client.ts';

type BillingApi = (typeof client.api.t)[':tenant']['billing'];
type PayerLink = OkBody<Awaited<ReturnType<BillingApi['clients']['$get']>>>['clients'][number];

const TONE: Record<PayerLink['status'], 'warning' | 'success' | 'neutral'> = {
  offered: 'warning',
  active: 'success',
  ended: 'neutral',
};

/** The client's side of "provider pays": a provider's offer to accept or decline, or the provider paying now. */
export function PayerCard(props: { onChanged: () => void }) {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const manage = () => can('tenant.billing.manage');
  const [payer, { refetch }] = createResource(
    () => ({ tenant: tenant().slug }),
    async (p) => (await unwrap(client.api.t[':tenant'].billing.payer.$get({ param: p }))).payer,
  );
  const [busy, setBusy] = createSignal(false);
  const [ending, setEnding] = createSignal(false);
  const accept = async () => {
    setBusy(true);
    try {
      const res = await unwrap(
        client.api.t[':tenant'].billing.payer.accept.$post({ param: { tenant: tenant().slug } }),
      );
      notify(i18n.t('payer.accepted', { provider: res.payer.payerName }));
      refetch();
      props.onChanged();
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={payer.error || (payer.latest && payer.latest.status !== 'ended')}>
      <Card title={i18n.t('payer.title')}>
        <Async resource={payer} refetch={refetch}>
          {(p) => (
            <Show when={p}>
              {(l) => (
                <div class="stack" data-testid="payer">
                  <p>
                    {i18n.t(l().status === 'offered' ? 'payer.offerText' : 'payer.activeText', {
                      provider: l().payerName,
                    })}{' '}
                    <Badge tone={TONE[l().status]}>{i18n.t(`payer.status.${l().status}`)}</Badge>
                  </p>
                  <Show when={manage()}>
                    <div class="row">
                      <Show when={l().status === 'offered'}>
                        <Button variant="primary" loading={busy()} onClick={accept}>
                          {i18n.t('payer.accept')}
                        </Button>
                      </Show>
                      <Button variant="ghost" onClick={() => setEnding(true)}>
                        {i18n.t(l().status === 'offered' ? 'payer.decline' : 'payer.end')}
                      </Button>
                    </div>
                  </Show>
                  <ConfirmDialog
                    open={ending()}
                    onOpenChange={setEnding}
                    title={i18n.t(l().status === 'offered' ? 'payer.declineTitle' : 'payer.endTitle', {
                      provider: l().payerName,
                    })}
                    description={i18n.t('payer.endText')}
                    confirmLabel={i18n.t(l().status === 'offered' ? 'payer.decline' : 'payer.end')}
                    danger
                    onConfirm={async () => {
                      await unwrap(client.api.t[':tenant'].billing.payer.$delete({ param: { tenant: tenant().slug } }));
                      notify(i18n.t('payer.ended'));
                      refetch();
                      props.onChanged();
                    }}
                  />
                </div>
              )}
            </Show>
          )}
        </Async>
      </Card>
    </Show>
  );
}

/** The provider's side of "provider pays": clients it pays for, an offer to pay another, and stopping. */
export function PaidClientsCard() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const manage = () => can('tenant.billing.manage');
  const [clients, { refetch }] = createResource(
    () => ({ tenant: tenant().slug }),
    async (p) => (await unwrap(client.api.t[':tenant'].billing.clients.$get({ param: p }))).clients,
  );
  const [stopping, setStopping] = createSignal<PayerLink | null>(null);
  const form = createForm({
    initial: { client: '' },
    validate: (v) => ({ client: v.client.trim() ? undefined : i18n.t('engagements.required') }),
    onSubmit: async (v) => {
      const link = await unwrap(
        client.api.t[':tenant'].billing.clients.$post({
          param: { tenant: tenant().slug },
          json: { client: v.client.trim() },
        }),
      );
      form.set('client', '');
      notify(i18n.t('payer.offered', { client: link.clientName }));
      refetch();
    },
  });
  return (
    <Card title={i18n.t('payer.clientsTitle')} padded={false}>
      <Show when={manage()}>
        <div class="card-body">
          <p class="muted small">{i18n.t('payer.clientsIntro')}</p>
          <form class="invite-form" onSubmit={form.submit} noValidate>
            <Field
              class="grow"
              label={i18n.t('engagements.clientSlug')}
              name="client"
              value={form.values.client}
              onChange={(v) => form.set('client', v)}
              error={form.error('client')}
              placeholder="acme"
              required
            />
            <Button type="submit" variant="primary" loading={form.submitting()}>
              {i18n.t('payer.offer')}
            </Button>
          </form>
          <FormError error={form.failure()} />
        </div>
      </Show>
      <AsyncTable
        resource={clients}
        refetch={refetch}
        empty={<EmptyState title={i18n.t('payer.noneTitle')} description={i18n.t('payer.noneText')} />}
        caption={i18n.t('payer.clientsTitle')}
        rowKey={(l) => l.id}
        columns={[
          {
            header: i18n.t('clients.client'),
            cell: (l) => <StackedCell primary={l.clientName} secondary={l.clientSlug} />,
          },
          {
            header: i18n.t('engagements.status'),
            cell: (l) => <Badge tone={TONE[l.status]}>{i18n.t(`payer.status.${l.status}`)}</Badge>,
          },
          {
            header: i18n.t('payer.since'),
            hideOnMobile: true,
            cell: (l) => <DateText value={l.acceptedAt ?? l.offeredAt} />,
          },
          {
            header: <span class="sr-only">{i18n.t('common.actions')}</span>,
            align: 'end',
            cell: (l) => (
              <Show when={manage() && l.status !== 'ended'}>
                <Button size="sm" variant="ghost" onClick={() => setStopping(l)}>
                  {i18n.t(l.status === 'offered' ? 'payer.withdraw' : 'payer.stop')}
                </Button>
              </Show>
            ),
          },
        ]}
      />
      <ConfirmDialog
        open={stopping() !== null}
        onOpenChange={(o) => !o && setStopping(null)}
        title={i18n.t('payer.stopTitle', { client: stopping()?.clientName ?? '' })}
        description={i18n.t('payer.stopText')}
        confirmLabel={i18n.t('payer.stop')}
        danger
        onConfirm={async () => {
          const l = stopping();
          if (!l) return;
          await unwrap(
            client.api.t[':tenant'].billing.clients[':id'].$delete({
              param: { tenant: tenant().slug, id: l.clientTenantId },
            }),
          );
          notify(i18n.t('payer.stopped', { client: l.clientName }));
          refetch();
        }}
      />
    </Card>
  );
}
