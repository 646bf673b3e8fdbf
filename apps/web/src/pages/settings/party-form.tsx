import {
  type AddressBookParty,
  Button,
  Card,
  createForm,
  Field,
  Form,
  SelectField,
  Toggle,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { For, Show } from 'solid-js';
import { BankAccountsEditor, bankAccountRows, bankAccountsBody } from '../../components/bank-accounts.tsx';
import { Icon } from '../../icons.tsx';

/** The roles the address book names; any other key a module adds is shown as it is. */
export const PARTY_ROLES = ['customer', 'vendor', 'clinic', 'carrier', 'employee'] as const;

interface Address {
  street: string;
  city: string;
  zip: string;
}
interface Contact {
  name: string;
  role: string;
  email: string;
  phone: string;
}
const orNull = (s: string) => (s.trim() ? s.trim() : null);
const blankAddress = (): Address => ({ street: '', city: '', zip: '' });
const address = (p: AddressBookParty | undefined, kind: 'billing' | 'shipping'): Address => {
  const a = p?.addresses.find((x) => x.kind === kind);
  return a ? { street: a.street, city: a.city, zip: a.zip } : blankAddress();
};

/** A party's details as a form: new (`party` absent) or an edit; saves through the address book API. */
export function PartyForm(props: { party?: AddressBookParty; onSaved: (party: AddressBookParty) => void }) {
  const i18n = useI18n();
  const { api } = useTenant();
  const p = props.party;
  const form = createForm({
    initial: {
      type: p?.type ?? 'company',
      name: p?.name ?? '',
      ico: p?.ico ?? '',
      dic: p?.dic ?? '',
      country: p?.country ?? '',
      email: p?.email ?? '',
      phone: p?.phone ?? '',
      web: p?.web ?? '',
      note: p?.note ?? '',
      billing: address(p, 'billing'),
      shipping: address(p, 'shipping'),
      contacts: (p?.contacts ?? []).map((c) => ({
        name: c.name,
        role: c.role ?? '',
        email: c.email ?? '',
        phone: c.phone ?? '',
      })) as Contact[],
      bankAccounts: bankAccountRows(p?.bankAccounts ?? []),
      roles: [...(p?.roles ?? [])],
      tags: (p?.tags ?? []).join(', '),
      active: p?.active ?? true,
    },
    validate: (v) => ({ name: v.name.trim() ? undefined : i18n.t('parties.nameRequired') }),
    onSubmit: async (v) => {
      const addresses = (['billing', 'shipping'] as const)
        .filter((kind) => Object.values(v[kind]).some((x) => x.trim()))
        .map((kind) => ({ kind, ...v[kind] }));
      const body = {
        type: v.type,
        name: v.name,
        ico: orNull(v.ico),
        dic: orNull(v.dic),
        ...(orNull(v.country) ? { country: v.country.trim() } : {}),
        email: orNull(v.email),
        phone: orNull(v.phone),
        web: orNull(v.web),
        note: orNull(v.note),
        addresses,
        contacts: v.contacts.map((c) => ({
          name: c.name,
          role: orNull(c.role),
          email: orNull(c.email),
          phone: orNull(c.phone),
        })),
        bankAccounts: bankAccountsBody(v.bankAccounts),
        roles: v.roles,
        tags: v.tags
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        active: v.active,
      };
      const saved = await api<AddressBookParty>(p ? `/parties/${p.id}` : '/parties', {
        method: p ? 'PATCH' : 'POST',
        body,
      });
      props.onSaved(saved);
    },
  });
  const text = (
    name: string,
    label: string,
    extra: Partial<{ description: string; type: 'email' | 'tel' | 'url' }> = {},
  ) => <Field label={label} {...form.bind(name)} {...extra} />;
  const toggleRole = (role: string, on: boolean) =>
    form.set('roles', (list) => (on ? [...list, role] : list.filter((r) => r !== role)));
  const roleKeys = () => [...new Set([...PARTY_ROLES, ...form.values.roles])];

  return (
    <Form
      form={form}
      label={p ? i18n.t('parties.edit') : i18n.t('parties.new')}
      submitLabel={p ? i18n.t('common.save') : i18n.t('parties.create')}
    >
      <Card title={i18n.t('parties.identity')}>
        <div class="form-grid">
          <SelectField
            label={i18n.t('parties.type')}
            {...form.bind('type')}
            options={[
              { value: 'company', label: i18n.t('parties.type.company') },
              { value: 'person', label: i18n.t('parties.type.person') },
            ]}
          />
          {text('name', i18n.t('parties.name'))}
          {text('ico', i18n.t('company.ico'))}
          {text('dic', i18n.t('company.dic'))}
          {text('country', i18n.t('company.country'), { description: i18n.t('parties.countryHint') })}
          {text('email', i18n.t('company.email'), { type: 'email' })}
          {text('phone', i18n.t('company.phone'), { type: 'tel' })}
          {text('web', i18n.t('company.web'), { type: 'url' })}
        </div>
        <fieldset class="stack">
          <legend>{i18n.t('parties.roles')}</legend>
          <div class="row">
            <For each={roleKeys()}>
              {(role) => (
                <Toggle
                  checked={form.values.roles.includes(role)}
                  onChange={(on) => toggleRole(role, on)}
                  label={roleLabel(i18n, role)}
                />
              )}
            </For>
          </div>
        </fieldset>
        {text('tags', i18n.t('parties.tags'), { description: i18n.t('parties.tagsHint') })}
        <Show when={p}>
          <Toggle
            checked={form.values.active}
            onChange={(on) => form.set('active', on)}
            label={i18n.t('parties.active')}
          />
        </Show>
      </Card>
      <Card title={i18n.t('parties.addresses')}>
        <For each={['billing', 'shipping'] as const}>
          {(kind) => (
            <fieldset class="stack">
              <legend>{i18n.t(`parties.address.${kind}`)}</legend>
              <div class="form-grid">
                {text(`${kind}.street`, i18n.t('company.street'))}
                {text(`${kind}.city`, i18n.t('company.city'))}
                {text(`${kind}.zip`, i18n.t('company.zip'))}
              </div>
            </fieldset>
          )}
        </For>
      </Card>
      <Card
        title={i18n.t('parties.contacts')}
        actions={
          <Button
            size="sm"
            onClick={() => form.set('contacts', (l) => [...l, { name: '', role: '', email: '', phone: '' }])}
          >
            <Icon name="plus" />
            {i18n.t('parties.addContact')}
          </Button>
        }
      >
        <Show when={form.values.contacts.length > 0} fallback={<p class="muted">{i18n.t('parties.noContacts')}</p>}>
          <For each={form.values.contacts}>
            {(_, i) => (
              <fieldset class="stack">
                <legend>{i18n.t('parties.contactN', { n: i() + 1 })}</legend>
                <div class="form-grid">
                  {text(`contacts.${i()}.name`, i18n.t('parties.contactName'))}
                  {text(`contacts.${i()}.role`, i18n.t('parties.contactRole'))}
                  {text(`contacts.${i()}.email`, i18n.t('company.email'), { type: 'email' })}
                  {text(`contacts.${i()}.phone`, i18n.t('company.phone'), { type: 'tel' })}
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => form.set('contacts', (l) => l.filter((_c, j) => j !== i()))}
                >
                  <Icon name="trash" />
                  {i18n.t('parties.remove')}
                </Button>
              </fieldset>
            )}
          </For>
        </Show>
      </Card>
      <BankAccountsEditor form={form} currency="CZK" />
      <Card title={i18n.t('parties.note')}>
        <Field label={i18n.t('parties.note')} {...form.bind('note')} multiline />
      </Card>
    </Form>
  );
}

/** A role's words: the address book's own roles in the reader's language, any other key as it is. */
export function roleLabel(i18n: ReturnType<typeof useI18n>, role: string): string {
  return (PARTY_ROLES as readonly string[]).includes(role) ? i18n.t(`parties.role.${role}`) : role;
}
