import {
  AsyncTable,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  createForm,
  EmptyState,
  Field,
  notify,
  PageHeader,
  PartyPicker,
  Segmented,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { Amount, Icon, ProblemAlert, useCurrency, useGuard, useSettings, useT } from '../ui.tsx';

type Kind = 'customers' | 'vendors';

const blank = {
  name: '',
  ico: '',
  dic: '',
  iban: '',
  bic: '',
  email: '',
  phone: '',
  street: '',
  city: '',
  postalCode: '',
  country: '',
  paymentTermsDays: '14',
  partyId: '',
  partyName: '',
};

/** Customers and vendors: who we invoice and who bills us, with IČO/DIČ/IBAN validated by the server. */
export default function Partners() {
  const t = useT();
  const api = useAccounting();
  const guard = useGuard();
  const { tenant, can } = useTenant();
  const settings = useSettings();
  const currency = useCurrency(settings);
  const [params, setParams] = useSearchParams<{ kind?: string }>();
  const kind = (): Kind => (params.kind === 'vendors' ? 'vendors' : 'customers');
  const [q, setQ] = createSignal('');
  const [query, setQuery] = createSignal('');
  const [adding, setAdding] = createSignal(false);
  const [removing, setRemoving] = createSignal<{ id: string; name: string } | null>(null);

  const [partners, { refetch }] = createResource(
    () => ({ slug: tenant().slug, kind: kind(), q: query() }),
    async (p) => {
      const query = { limit: '500', ...(p.q ? { q: p.q } : {}) };
      if (p.kind === 'vendors') return (await unwrap(api().vendors.$get({ query }))).vendors ?? [];
      return (await unwrap(api().customers.$get({ query }))).customers ?? [];
    },
  );

  const form = createForm({
    initial: { ...blank },
    validate: (v) => ({ name: v.name.trim() ? undefined : t('common.required') }),
    onSubmit: async (v) => {
      const opt = (s: string) => (s.trim() ? s.trim() : undefined);
      const terms = Number.parseInt(v.paymentTermsDays, 10);
      const json = {
        name: v.name.trim(),
        ico: opt(v.ico),
        dic: opt(v.dic),
        iban: opt(v.iban),
        bic: opt(v.bic),
        email: opt(v.email),
        phone: opt(v.phone),
        street: opt(v.street),
        city: opt(v.city),
        postalCode: opt(v.postalCode),
        country: opt(v.country),
        ...(Number.isFinite(terms) ? { paymentTermsDays: terms } : {}),
        ...(v.partyId ? { partyId: v.partyId } : {}),
      };
      const created =
        kind() === 'vendors'
          ? await unwrap(api().vendors.$post({ json }))
          : await unwrap(api().customers.$post({ json }));
      notify(t('partners.added', { name: created.name }));
      form.set({ ...blank });
      setAdding(false);
      refetch();
    },
  });

  const label = () => (kind() === 'vendors' ? t('partners.vendor') : t('partners.customer'));

  return (
    <div class="page acc">
      <PageHeader
        title={t('partners.title')}
        description={t('partners.subtitle')}
        actions={
          <Show when={can('accounting.post')}>
            <Button
              variant="primary"
              onClick={() => {
                form.setErrors({});
                setAdding(true);
              }}
            >
              <Icon name="plus" />
              {kind() === 'vendors' ? t('partners.addVendor') : t('partners.addCustomer')}
            </Button>
          </Show>
        }
      />
      <Segmented
        label={t('partners.title')}
        value={kind()}
        onChange={(k) => {
          setParams({ kind: k === 'customers' ? undefined : k });
          setAdding(false);
        }}
        options={[
          { value: 'customers', label: t('partners.customers') },
          { value: 'vendors', label: t('partners.vendors') },
        ]}
      />
      <Show when={adding()}>
        <Card title={kind() === 'vendors' ? t('partners.addVendor') : t('partners.addCustomer')}>
          <form class="stack" onSubmit={form.submit} noValidate>
            <Show when={can('tenant.parties.read')}>
              <PartyPicker
                label={t('partners.fromAddressBook')}
                description={t('partners.fromAddressBookHint')}
                value={form.values.partyId ? { id: form.values.partyId, name: form.values.partyName } : null}
                error={form.error('partyId')}
                onChange={(p) => {
                  if (!p) {
                    form.set({ partyId: '', partyName: '' });
                    return;
                  }
                  const address = p.addresses.find((a) => a.kind === 'billing') ?? p.addresses[0];
                  const account = p.bankAccounts.find((a) => a.isDefault) ?? p.bankAccounts[0];
                  form.set({
                    partyId: p.id,
                    partyName: p.name,
                    name: p.name,
                    ico: p.ico ?? '',
                    dic: p.dic ?? '',
                    iban: account?.iban ?? '',
                    bic: account?.bic ?? '',
                    email: p.email ?? '',
                    phone: p.phone ?? '',
                    street: address?.street ?? '',
                    city: address?.city ?? '',
                    postalCode: address?.zip ?? '',
                    country: p.country,
                  });
                }}
              />
            </Show>
            <div class="form-grid cols-4">
              <Field {...form.bind('name')} class="span-2" label={t('partners.name')} required autofocus />
              <Field {...form.bind('ico')} label={t('partners.ico')} inputmode="numeric" />
              <Field {...form.bind('dic')} label={t('partners.dic')} placeholder="CZ12345678" />
              <Field
                {...form.bind('iban')}
                class="span-2"
                label={t('partners.iban')}
                placeholder="CZ65 0800 0000 1920 0014 5399"
              />
              <Field {...form.bind('bic')} label={t('partners.bic')} />
              <Field {...form.bind('paymentTermsDays')} label={t('partners.terms')} type="number" />
              <Field {...form.bind('email')} class="span-2" label={t('partners.email')} type="email" />
              <Field {...form.bind('phone')} class="span-2" label={t('partners.phone')} type="tel" />
              <Field {...form.bind('street')} class="span-2" label={t('partners.street')} />
              <Field {...form.bind('city')} label={t('partners.city')} />
              <Field {...form.bind('postalCode')} label={t('partners.postalCode')} />
              <Field
                label={t('partners.country')}
                name="country"
                value={form.values.country}
                onChange={(v) => form.set('country', v.toUpperCase())}
                error={form.error('country')}
                placeholder="CZ"
              />
            </div>
            <ProblemAlert error={form.failure()} />
            <div class="form-actions">
              <Button variant="ghost" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="primary" loading={form.submitting()}>
                {t('partners.save', { kind: label() })}
              </Button>
            </div>
          </form>
        </Card>
      </Show>
      <Card padded={false}>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(q().trim());
          }}
        >
          <input
            class="input grow"
            type="search"
            placeholder={t('partners.search')}
            aria-label={t('partners.search')}
            value={q()}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
          <Button type="submit">{t('common.filter')}</Button>
        </form>
        <AsyncTable
          resource={partners}
          refetch={refetch}
          empty={
            <EmptyState
              title={kind() === 'vendors' ? t('partners.noVendors') : t('partners.noCustomers')}
              description={t('partners.noneText')}
            />
          }
          caption={kind() === 'vendors' ? t('partners.vendors') : t('partners.customers')}
          rowKey={(p) => p.id}
          columns={[
            {
              header: t('partners.name'),
              cell: (p) => (
                <div>
                  <div class="cell-primary">
                    {p.name}
                    <Show when={!p.active}>
                      {' '}
                      <Badge>{t('accounts.inactive')}</Badge>
                    </Show>
                  </div>
                  <div class="cell-secondary">
                    {[p.ico && `${t('partners.ico')} ${p.ico}`, p.dic && `${t('partners.dic')} ${p.dic}`, p.city]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                </div>
              ),
            },
            {
              header: t('partners.contact'),
              hideOnMobile: true,
              cell: (p) => (
                <div>
                  <div>{p.email ?? <span class="muted">—</span>}</div>
                  <div class="cell-secondary mono">{p.iban ?? p.bankAccount ?? ''}</div>
                </div>
              ),
            },
            {
              header: t('partners.termsShort'),
              hideOnMobile: true,
              align: 'end',
              cell: (p) => t('partners.days', { count: p.paymentTermsDays }),
            },
            {
              header: t('partners.outstanding'),
              align: 'end',
              cell: (p) => <Amount value={p.outstanding} currency={currency()} muted0 />,
            },
            {
              header: t('partners.credit'),
              align: 'end',
              hideOnMobile: true,
              cell: (p) => <Amount value={p.credit} currency={currency()} muted0 />,
            },
            {
              header: <span class="sr-only">{t('common.actions')}</span>,
              align: 'end',
              cell: (p) => (
                <Show when={can('accounting.post')}>
                  <button
                    type="button"
                    class="btn btn-ghost btn-sm icon-only"
                    aria-label={t('partners.removeX', { name: p.name })}
                    onClick={() => setRemoving({ id: p.id, name: p.name })}
                  >
                    <Icon name="trash" />
                  </button>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <ConfirmDialog
        open={removing() !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={t('partners.removeTitle', { name: removing()?.name ?? '' })}
        description={t('partners.removeText')}
        confirmLabel={t('common.delete')}
        danger
        onConfirm={guard(async () => {
          const r = removing();
          if (!r) return;
          if (kind() === 'vendors') await unwrap(api().vendors[':id'].$delete({ param: { id: r.id } }));
          else await unwrap(api().customers[':id'].$delete({ param: { id: r.id } }));
          notify(t('partners.removed', { name: r.name }));
          refetch();
        })}
      />
    </div>
  );
}
