import {
  ApiError,
  Button,
  Card,
  Field,
  FormError,
  PageHeader,
  PartyPicker,
  SelectField,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, Index, Show } from 'solid-js';
import { useT } from '../messages.ts';
import type { OrderDetail, Product } from '../types.ts';

interface LineDraft {
  productId: string;
  quantity: string;
}

/**
 * A new order: the customer (picked from core's address book, or typed: then found there or added
 * with the customer role), where it goes, by which carrier, and its lines; prices come from the
 * price list.
 */
export default function OrderNew() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api, can } = useTenant();
  const [products] = createResource(
    async () => (await api<{ items: Product[] }>('/orders/products', { query: { active: 'true', limit: 100 } })).items,
  );
  const [party, setParty] = createSignal<{ id: string; name: string } | null>(null);
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [street, setStreet] = createSignal('');
  const [city, setCity] = createSignal('');
  const [postalCode, setPostalCode] = createSignal('');
  const [carrier, setCarrier] = createSignal('packeta');
  const [cod, setCod] = createSignal(false);
  const [lines, setLines] = createSignal<LineDraft[]>([{ productId: '', quantity: '1' }]);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const fieldError = (path: string) => error()?.fieldErrors.find((e) => e.path === path)?.message;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const hasAddress = street().trim() && city().trim() && postalCode().trim();
      const created = await api<OrderDetail>('/orders/orders', {
        method: 'POST',
        body: {
          customer: party()
            ? { partyId: party()?.id }
            : { name: name(), ...(email().trim() ? { email: email().trim() } : {}) },
          ...(hasAddress
            ? {
                shipTo: {
                  name: party()?.name ?? name(),
                  street: street(),
                  city: city(),
                  postalCode: postalCode(),
                  country: 'CZ',
                },
              }
            : {}),
          carrier: carrier(),
          cashOnDelivery: cod(),
          lines: lines().map((l) => ({ productId: l.productId, quantity: l.quantity.replace(',', '.') })),
        },
      });
      navigate(`/t/${tenant().slug}/orders/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHeader title={t('newOrder')} />
      <Card>
        <form class="stack" onSubmit={submit}>
          <FormError error={error()} />
          <div class="form-grid">
            <Show when={can('tenant.parties.read')}>
              <PartyPicker
                label={t('customerFromAddressBook')}
                description={t('customerFromAddressBookHint')}
                value={party()}
                error={fieldError('customer.partyId')}
                onChange={(p) => {
                  setParty(p ? { id: p.id, name: p.name } : null);
                  if (!p) return;
                  const address = p.addresses.find((a) => a.kind === 'shipping') ?? p.addresses[0];
                  setStreet(address?.street ?? '');
                  setCity(address?.city ?? '');
                  setPostalCode(address?.zip ?? '');
                }}
              />
            </Show>
            <Show when={!party()}>
              <Field
                name="customer"
                label={t('customerName')}
                value={name()}
                onChange={setName}
                error={fieldError('customer.name')}
                required
              />
              <Field name="email" label={t('email')} value={email()} onChange={setEmail} type="email" />
            </Show>
            <Field name="street" label={t('street')} value={street()} onChange={setStreet} />
            <Field name="city" label={t('city')} value={city()} onChange={setCity} />
            <Field name="postalCode" label={t('postalCode')} value={postalCode()} onChange={setPostalCode} />
            <SelectField
              name="carrier"
              label={t('carrier')}
              value={carrier()}
              onChange={setCarrier}
              options={(['packeta', 'courier', 'pickup'] as const).map((c) => ({ value: c, label: t(`carrier_${c}`) }))}
            />
            <Toggle label={t('cod')} checked={cod()} onChange={setCod} />
          </div>
          <h2 class="section-title">{t('lines')}</h2>
          <Index each={lines()}>
            {(line, i) => (
              <div class="form-grid">
                <SelectField
                  name={`product-${i}`}
                  label={`${t('product')} ${i + 1}`}
                  value={line().productId}
                  onChange={(v) => setLine(i, { productId: v })}
                  error={fieldError(`lines.${i}.productId`)}
                  options={[
                    { value: '', label: t('choose') },
                    ...(products() ?? []).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` })),
                  ]}
                />
                <Field
                  name={`quantity-${i}`}
                  label={t('quantity')}
                  value={line().quantity}
                  onChange={(v) => setLine(i, { quantity: v })}
                  error={fieldError(`lines.${i}.quantity`)}
                  inputmode="decimal"
                />
                <Button
                  variant="ghost"
                  onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  disabled={lines().length === 1}
                >
                  {t('removeLine')}
                </Button>
              </div>
            )}
          </Index>
          <div class="row">
            <Button variant="secondary" onClick={() => setLines((ls) => [...ls, { productId: '', quantity: '1' }])}>
              {t('addLine')}
            </Button>
            <Button type="submit" variant="primary" loading={busy()}>
              {t('create')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
