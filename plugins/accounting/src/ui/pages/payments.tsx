import {
  AsyncTable,
  Badge,
  Button,
  businessToday,
  Card,
  ConfirmDialog,
  createForm,
  DateText,
  EmptyState,
  Field,
  notify,
  PageHeader,
  Segmented,
  SelectField,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import { currencyDigits, fromMinor, parseAmount } from '../amounts.ts';
import { useAccounting } from '../api.ts';
import { Amount, Icon, ProblemAlert, useCurrency, useGuard, useSettings, useT } from '../ui.tsx';

type Direction = 'in' | 'out';

/**
 * Payments received from customers and made to vendors: record one (cash or a bank account),
 * allocate it to open invoices or bills (partial payments allowed; the rest stays as the partner's
 * credit), void one.
 */
export default function Payments() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const guard = useGuard();
  const { tenant, can } = useTenant();
  const settings = useSettings();
  const functional = useCurrency(settings);
  const [params, setParams] = useSearchParams<{ partner?: string; document?: string; direction?: string }>();
  const [filter, setFilter] = createSignal<'all' | Direction>('all');
  const [adding, setAdding] = createSignal(!!params.partner);
  const [voiding, setVoiding] = createSignal<{ id: string; label: string } | null>(null);

  const [payments, { refetch }] = createResource(
    () => ({ slug: tenant().slug, filter: filter() }),
    async (f) =>
      (
        await unwrap(
          api().payments.$get({ query: { limit: '200', ...(f.filter === 'all' ? {} : { direction: f.filter }) } }),
        )
      ).payments,
  );
  const [bankAccounts] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['bank-accounts'].$get())).bankAccounts,
  );

  const form = createForm({
    initial: {
      direction: (params.direction === 'out' ? 'out' : 'in') as Direction,
      partnerId: params.partner ?? '',
      date: businessToday(),
      amount: '',
      bankAccountId: '',
      reference: '',
      allocations: {} as Record<string, { on: boolean; amount: string }>,
    },
    validate: (v): Record<string, string | undefined> => ({
      partnerId: v.partnerId ? undefined : t('payments.choosePartner'),
      amount: parseAmount(v.amount, currency())?.ok ? undefined : t('amount.invalid'),
    }),
    onSubmit: async (v) => {
      const amount = parseAmount(v.amount, currency());
      if (!amount?.ok) return;
      const allocations = Object.entries(v.allocations)
        .filter(([, a]) => a.on)
        .map(([documentId, a]) => {
          const p = parseAmount(a.amount, currency());
          return { documentId, ...(p?.ok ? { amount: p.value } : {}) };
        });
      const created = await unwrap(
        api().payments.$post({
          json: {
            partnerId: v.partnerId,
            date: v.date,
            amount: amount.value,
            ...(v.bankAccountId ? { bankAccountId: v.bankAccountId } : {}),
            ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
            ...(allocations.length ? { allocations } : {}),
          },
        }),
      );
      notify(t('payments.recorded', { amount: i18n.money(created.amount, created.currency) }));
      setAdding(false);
      setParams({ partner: undefined, document: undefined, direction: undefined });
      form.set({ partnerId: '', amount: '', reference: '', allocations: {} });
      refetch();
    },
  });

  const [partners] = createResource(
    () => ({ slug: tenant().slug, direction: form.values.direction }),
    async (p) =>
      p.direction === 'in'
        ? ((await unwrap(api().customers.$get({ query: { limit: '500' } }))).customers ?? [])
        : ((await unwrap(api().vendors.$get({ query: { limit: '500' } }))).vendors ?? []),
  );
  const [openDocs] = createResource(
    () => (form.values.partnerId ? { id: form.values.partnerId, direction: form.values.direction } : false),
    async (p) => {
      // The partner filter's key is computed on the server (customerId / vendorId), so it is not in the route type.
      const open = { status: 'issued' as const, limit: '100' };
      return p.direction === 'in'
        ? (await unwrap(api().invoices.$get({ query: { ...open, customerId: p.id } as typeof open }))).items
        : (await unwrap(api().bills.$get({ query: { ...open, vendorId: p.id } as typeof open }))).items;
    },
  );
  const currency = (): string => {
    const bank = bankAccounts.latest?.find((b) => b.id === form.values.bankAccountId);
    return bank?.currency ?? functional();
  };

  // Preselect the document a "Record payment" link named, with its open amount.
  createEffect(
    on(
      () => openDocs.latest,
      (docs) => {
        if (!docs || !params.document) return;
        const d = docs.find((x) => x.id === params.document);
        if (!d) return;
        form.set('allocations', { [d.id]: { on: true, amount: d.remaining } });
        if (!form.values.amount) form.set('amount', d.remaining);
      },
    ),
  );

  const allocation = createMemo(() => {
    const digits = currencyDigits(currency());
    const amount = parseAmount(form.values.amount, currency());
    let allocated = 0n;
    for (const [id, a] of Object.entries(form.values.allocations)) {
      if (!a.on) continue;
      const p = parseAmount(a.amount, currency());
      if (p?.ok) allocated += p.minor;
      else {
        const d = openDocs.latest?.find((x) => x.id === id);
        const r = d ? parseAmount(d.remaining, currency()) : null;
        if (r?.ok) allocated += r.minor;
      }
    }
    const total = amount?.ok ? amount.minor : 0n;
    return { allocated, rest: total - allocated, digits };
  });
  const money = (v: bigint) => i18n.money(fromMinor(v, allocation().digits), currency());
  const toggleDoc = (id: string, remaining: string, on: boolean) =>
    form.set('allocations', id, { on, amount: form.values.allocations[id]?.amount || remaining });

  return (
    <div class="page acc">
      <PageHeader
        title={t('payments.title')}
        description={t('payments.subtitle')}
        actions={
          <Show when={can('accounting.post')}>
            <Button variant="primary" onClick={() => setAdding(true)}>
              <Icon name="plus" />
              {t('payments.record')}
            </Button>
          </Show>
        }
      />
      <Show when={adding()}>
        <Card title={t('payments.record')}>
          <form class="stack" onSubmit={form.submit} noValidate>
            <Segmented
              label={t('payments.direction')}
              value={form.values.direction}
              onChange={(d) => form.set({ direction: d, partnerId: '', allocations: {} })}
              options={[
                { value: 'in', label: t('payments.received') },
                { value: 'out', label: t('payments.paid') },
              ]}
            />
            <div class="form-grid cols-4">
              <SelectField
                class="span-2"
                label={form.values.direction === 'in' ? t('doc.customer') : t('doc.vendor')}
                name="partnerId"
                value={form.values.partnerId}
                onChange={(v) => form.set({ partnerId: v, allocations: {} })}
                options={[
                  { value: '', label: t('payments.choosePartner') },
                  ...(partners.latest ?? []).map((p) => ({ value: p.id, label: p.name })),
                ]}
                error={form.error('partnerId')}
              />
              <Field
                label={t('common.date')}
                name="date"
                type="date"
                value={form.values.date}
                onChange={(v) => form.set('date', v)}
                error={form.error('date')}
              />
              <Field
                label={t('payments.amount', { currency: currency() })}
                name="amount"
                inputmode="decimal"
                value={form.values.amount}
                onChange={(v) => form.set('amount', v)}
                error={form.error('amount')}
              />
              <SelectField
                class="span-2"
                label={t('payments.via')}
                name="bankAccountId"
                value={form.values.bankAccountId}
                onChange={(v) => form.set('bankAccountId', v)}
                options={[
                  { value: '', label: t('payments.cash') },
                  ...(bankAccounts.latest ?? []).map((b) => ({ value: b.id, label: `${b.name} (${b.currency})` })),
                ]}
                error={form.error('bankAccountId')}
              />
              <Field
                class="span-2"
                label={t('payments.reference')}
                name="reference"
                value={form.values.reference}
                onChange={(v) => form.set('reference', v)}
                error={form.error('reference')}
              />
            </div>
            <Show when={form.values.partnerId}>
              <fieldset class="allocations">
                <legend class="field-label">{t('payments.allocate')}</legend>
                <Show
                  when={(openDocs.latest?.length ?? 0) > 0}
                  fallback={<p class="muted small">{openDocs.loading ? t('common.loading') : t('payments.noOpen')}</p>}
                >
                  <For each={openDocs.latest ?? []}>
                    {(d) => (
                      <div class="allocation-row">
                        <label class="check grow">
                          <input
                            type="checkbox"
                            checked={form.values.allocations[d.id]?.on ?? false}
                            onChange={(e) => toggleDoc(d.id, d.remaining, e.currentTarget.checked)}
                          />
                          <span>
                            <span class="mono">{d.number}</span> · <DateText value={d.dueDate} />
                            <Show when={d.overdue}>
                              {' '}
                              <Badge tone="danger">{t('status.overdue')}</Badge>
                            </Show>
                          </span>
                        </label>
                        <span class="muted small">
                          {t('payments.open')} <Amount value={d.remaining} currency={d.currency} />
                        </span>
                        <input
                          class="input num end-input input-amount"
                          inputmode="decimal"
                          aria-label={t('payments.allocationOf', { number: d.number ?? '' })}
                          disabled={!form.values.allocations[d.id]?.on}
                          value={form.values.allocations[d.id]?.amount ?? ''}
                          onInput={(e) => form.set('allocations', d.id, 'amount', e.currentTarget.value)}
                        />
                      </div>
                    )}
                  </For>
                </Show>
                <div class="allocation-sum" aria-live="polite">
                  <span>
                    {t('payments.allocated')} <strong class="num">{money(allocation().allocated)}</strong>
                  </span>
                  <Show when={allocation().rest > 0n}>
                    <span class="muted">
                      {t('payments.restAsCredit')} <strong class="num">{money(allocation().rest)}</strong>
                    </span>
                  </Show>
                  <Show when={allocation().rest < 0n}>
                    <span class="text-danger">{t('payments.overAllocated')}</span>
                  </Show>
                </div>
              </fieldset>
            </Show>
            <ProblemAlert error={form.failure()} />
            <div class="form-actions">
              <Button variant="ghost" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="primary" loading={form.submitting()} disabled={allocation().rest < 0n}>
                {t('payments.save')}
              </Button>
            </div>
          </form>
        </Card>
      </Show>
      <Card padded={false}>
        <div class="toolbar">
          <Segmented
            label={t('payments.direction')}
            value={filter()}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'in', label: t('payments.receivedShort') },
              { value: 'out', label: t('payments.paidShort') },
            ]}
          />
        </div>
        <AsyncTable
          resource={payments}
          refetch={refetch}
          empty={<EmptyState title={t('payments.emptyTitle')} description={t('payments.emptyText')} />}
          caption={t('payments.title')}
          rowKey={(p) => p.id}
          columns={[
            { header: t('common.date'), cell: (p) => <DateText value={p.date} /> },
            {
              header: t('payments.partner'),
              cell: (p) => (
                <div>
                  <div class="cell-primary">
                    {p.partner.name}
                    <Show when={p.voided}>
                      {' '}
                      <Badge>{t('payments.voided')}</Badge>
                    </Show>
                  </div>
                  <Show when={p.reference}>
                    <div class="cell-secondary">{p.reference}</div>
                  </Show>
                </div>
              ),
            },
            {
              header: t('payments.directionShort'),
              hideOnMobile: true,
              cell: (p) => (
                <Badge tone={p.direction === 'in' ? 'success' : 'warning'}>
                  {p.direction === 'in' ? t('payments.receivedShort') : t('payments.paidShort')}
                </Badge>
              ),
            },
            {
              header: t('payments.amountShort'),
              align: 'end',
              cell: (p) => (
                <Amount value={p.direction === 'out' ? `-${p.amount}` : p.amount} currency={p.currency} signed />
              ),
            },
            {
              header: t('payments.unallocated'),
              align: 'end',
              hideOnMobile: true,
              cell: (p) => <Amount value={p.unallocated} currency={p.currency} muted0 />,
            },
            {
              header: <span class="sr-only">{t('common.actions')}</span>,
              align: 'end',
              cell: (p) => (
                <Show when={can('accounting.post') && !p.voided}>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      setVoiding({ id: p.id, label: `${p.partner.name}, ${i18n.money(p.amount, p.currency)}` })
                    }
                  >
                    {t('payments.void')}
                  </Button>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <ConfirmDialog
        open={voiding() !== null}
        onOpenChange={(o) => !o && setVoiding(null)}
        title={t('payments.voidTitle')}
        description={t('payments.voidText', { payment: voiding()?.label ?? '' })}
        confirmLabel={t('payments.void')}
        danger
        onConfirm={guard(async () => {
          const v = voiding();
          if (!v) return;
          await unwrap(api().payments[':id'].void.$post({ param: { id: v.id }, json: {} }));
          notify(t('payments.voidedOk'));
          refetch();
        })}
      />
    </div>
  );
}
