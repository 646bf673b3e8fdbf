import {
  Async,
  Button,
  Card,
  createForm,
  Field,
  Form,
  notify,
  SelectField,
  Toggle,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createEffect, createResource, createSignal, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import {
  type BankAccountRow,
  BankAccountsEditor,
  bankAccountRows,
  bankAccountsBody,
} from '../../components/bank-accounts.tsx';

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** Settings → Company: the firm's own details that its invoices, labels and reports print. */
export default function Company() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const manage = () => can('tenant.settings.manage');
  const param = () => ({ tenant: tenant().slug });
  const [profile, { refetch, mutate }] = createResource(param, async (p) =>
    unwrap(client.api.t[':tenant'].profile.$get({ param: p })),
  );
  const [logoVersion, setLogoVersion] = createSignal(0);

  const form = createForm({
    initial: {
      legalName: '',
      ico: '',
      dic: '',
      vatPayer: false,
      vatPeriod: 'monthly',
      street: '',
      city: '',
      zip: '',
      country: 'CZ',
      registration: '',
      email: '',
      phone: '',
      web: '',
      defaultCurrency: 'CZK',
      locale: 'cs',
      bankAccounts: [] as BankAccountRow[],
    },
    validate: (v) => ({ legalName: v.legalName.trim() ? undefined : i18n.t('company.nameRequired') }),
    onSubmit: async (v) => {
      const saved = await unwrap(
        client.api.t[':tenant'].profile.$put({
          param: param(),
          json: {
            legalName: v.legalName,
            ico: orNull(v.ico),
            dic: orNull(v.dic),
            vatPayer: v.vatPayer,
            vatPeriod: v.vatPayer ? (v.vatPeriod as 'monthly' | 'quarterly') : null,
            street: v.street,
            city: v.city,
            zip: v.zip,
            country: v.country,
            registration: orNull(v.registration),
            email: orNull(v.email),
            phone: orNull(v.phone),
            web: orNull(v.web),
            defaultCurrency: v.defaultCurrency,
            locale: v.locale as 'cs' | 'en',
            bankAccounts: bankAccountsBody(v.bankAccounts),
          },
        }),
      );
      mutate(saved);
      notify(i18n.t('company.saved'));
    },
  });

  createEffect(() => {
    const p = profile.latest;
    if (!p) return;
    form.set({
      legalName: p.legalName,
      ico: p.ico ?? '',
      dic: p.dic ?? '',
      vatPayer: p.vatPayer,
      vatPeriod: p.vatPeriod ?? 'monthly',
      street: p.street,
      city: p.city,
      zip: p.zip,
      country: p.country,
      registration: p.registration ?? '',
      email: p.email ?? '',
      phone: p.phone ?? '',
      web: p.web ?? '',
      defaultCurrency: p.defaultCurrency,
      locale: p.locale,
      bankAccounts: bankAccountRows(p.bankAccounts),
    });
  });

  const uploadLogo = async (file: File | undefined) => {
    if (!file) return;
    const res = await fetch(`/api/t/${tenant().slug}/profile/logo`, {
      method: 'PUT',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
      credentials: 'same-origin',
    });
    if (res.ok) {
      notify(i18n.t('company.logoSaved'));
      setLogoVersion((n) => n + 1);
      await refetch();
    } else {
      const problem = (await res.json().catch(() => null)) as { detail?: string; title?: string } | null;
      notify(problem?.detail ?? problem?.title ?? i18n.t('company.logoFailed'), 'danger');
    }
  };
  const removeLogo = async () => {
    await fetch(`/api/t/${tenant().slug}/profile/logo`, { method: 'DELETE', credentials: 'same-origin' });
    setLogoVersion((n) => n + 1);
    await refetch();
  };

  const text = (
    name: string,
    label: string,
    extra: Partial<{ description: string; type: 'email' | 'tel' | 'url' }> = {},
  ) => <Field label={label} {...form.bind(name)} disabled={!manage()} {...extra} />;

  return (
    <div class="stack">
      <p class="muted">{i18n.t('company.intro')}</p>
      <Show when={!manage()}>
        <p class="alert alert-info" role="note" data-testid="read-only-note">
          {i18n.t('company.readOnly')}
        </p>
      </Show>
      <Async resource={profile} refetch={refetch}>
        {() => (
          <Form form={form} label={i18n.t('settings.company')} submitLabel={i18n.t('common.save')} readOnly={!manage()}>
            <Card class="company-card" title={i18n.t('company.identity')}>
              <div class="form-grid">
                {text('legalName', i18n.t('company.legalName'))}
                {text('ico', i18n.t('company.ico'))}
                {text('dic', i18n.t('company.dic'), { description: i18n.t('company.dicHint') })}
              </div>
              <div class="form-grid">
                <Toggle
                  checked={form.values.vatPayer}
                  onChange={(v) => form.set('vatPayer', v)}
                  label={i18n.t('company.vatPayer')}
                  disabled={!manage()}
                />
                <Show when={form.values.vatPayer}>
                  <SelectField
                    label={i18n.t('company.vatPeriod')}
                    {...form.bind('vatPeriod')}
                    disabled={!manage()}
                    options={[
                      { value: 'monthly', label: i18n.t('company.monthly') },
                      { value: 'quarterly', label: i18n.t('company.quarterly') },
                    ]}
                  />
                </Show>
              </div>
              {text('registration', i18n.t('company.registration'), {
                description: i18n.t('company.registrationHint'),
              })}
            </Card>
            <Card title={i18n.t('company.address')}>
              <div class="form-grid">
                {text('street', i18n.t('company.street'))}
                {text('city', i18n.t('company.city'))}
                {text('zip', i18n.t('company.zip'))}
                {text('country', i18n.t('company.country'))}
                {text('email', i18n.t('company.email'), { type: 'email' })}
                {text('phone', i18n.t('company.phone'), { type: 'tel' })}
                {text('web', i18n.t('company.web'), { type: 'url' })}
              </div>
            </Card>
            <Card title={i18n.t('company.defaults')}>
              <div class="form-grid">
                {text('defaultCurrency', i18n.t('company.currency'))}
                <SelectField
                  label={i18n.t('company.locale')}
                  {...form.bind('locale')}
                  disabled={!manage()}
                  options={[
                    { value: 'cs', label: 'Čeština' },
                    { value: 'en', label: 'English' },
                  ]}
                />
              </div>
            </Card>
            <BankAccountsEditor form={form} currency={form.values.defaultCurrency} disabled={!manage()} />
            <Card title={i18n.t('company.logo')}>
              <div class="row">
                <Show when={profile.latest?.hasLogo}>
                  <img
                    class="company-logo"
                    src={`/api/t/${tenant().slug}/profile/logo?v=${logoVersion()}`}
                    alt={i18n.t('company.logo')}
                  />
                </Show>
                <Show when={manage()}>
                  <label class="btn btn-secondary">
                    {i18n.t('company.chooseLogo')}
                    <input
                      type="file"
                      class="sr-only"
                      accept="image/png,image/jpeg"
                      onChange={(e) => uploadLogo(e.currentTarget.files?.[0])}
                    />
                  </label>
                  <Show when={profile.latest?.hasLogo}>
                    <Button variant="ghost" onClick={removeLogo}>
                      {i18n.t('company.removeLogo')}
                    </Button>
                  </Show>
                </Show>
              </div>
              <p class="muted">{i18n.t('company.logoHint')}</p>
            </Card>
          </Form>
        )}
      </Async>
    </div>
  );
}
