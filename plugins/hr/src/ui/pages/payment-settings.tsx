import {
  Async,
  Button,
  Card,
  createForm,
  Field,
  Form,
  NumberInput,
  notify,
  PageHeader,
  SelectField,
  useTenant,
} from '@bureau/core/ui';
import { createResource, For } from 'solid-js';
import { INSURERS } from '../../schema.ts';
import { INSURER_NAMES } from '../insurers.ts';
import { usePT } from '../payments-messages.ts';

interface Account {
  account: string;
  iban: string;
}
interface Settings {
  debitAccount: Account | null;
  departmentAccounts: (Account & { department: string })[];
  cssz: (Account & { variableSymbol: string }) | null;
  insurers: (Account & { insurer: string; variableSymbol: string })[];
  taxOffice: { advances: Account; withholding: Account | null; variableSymbol: string } | null;
  payDay: number;
}

/** The form's values: the API's body with every field a string. */
const formValues = (s: Settings) => ({
  debitAccount: s.debitAccount?.account ?? '',
  departmentAccounts: s.departmentAccounts.map((d) => ({ department: d.department, account: d.account })),
  cssz: { account: s.cssz?.account ?? '', variableSymbol: s.cssz?.variableSymbol ?? '' },
  insurers: s.insurers.map((i) => ({ insurer: i.insurer, account: i.account, variableSymbol: i.variableSymbol })),
  taxOffice: {
    advancesAccount: s.taxOffice?.advances.account ?? '',
    withholdingAccount: s.taxOffice?.withholding?.account ?? '',
    variableSymbol: s.taxOffice?.variableSymbol ?? '',
  },
  payDay: String(s.payDay),
});

function SettingsForm(props: { settings: Settings }) {
  const t = usePT();
  const { api, can } = useTenant();
  const form = createForm({
    initial: formValues(props.settings),
    onSubmit: async (v) => {
      const body = {
        debitAccount: v.debitAccount || null,
        departmentAccounts: v.departmentAccounts,
        cssz: v.cssz.account || v.cssz.variableSymbol ? v.cssz : null,
        insurers: v.insurers,
        taxOffice:
          v.taxOffice.advancesAccount || v.taxOffice.variableSymbol
            ? { ...v.taxOffice, withholdingAccount: v.taxOffice.withholdingAccount || null }
            : null,
        payDay: Number(v.payDay),
      };
      await api('/hr/payroll/payment-settings', { method: 'PUT', body });
      notify(t('settingsSaved'));
    },
  });
  const remove = <K extends 'departmentAccounts' | 'insurers'>(key: K, i: number) =>
    form.set(key, (rows: unknown[]) => rows.filter((_r, j) => j !== i) as never);
  return (
    <Form form={form} submitLabel={t('saveSettings')} readOnly={!can('hr.payroll.approve')}>
      <h2>{t('debitAccounts')}</h2>
      <div class="form-grid">
        <Field label={t('debitAccount')} {...form.bind('debitAccount')} description={t('accountHint')} />
        <NumberInput label={t('payDay')} decimals={0} {...form.bind('payDay')} description={t('payDayHint')} />
      </div>
      <fieldset class="stack">
        <legend>{t('departmentAccounts')}</legend>
        <For each={form.values.departmentAccounts}>
          {(_, i) => (
            <div class="form-grid">
              <Field label={t('department')} {...form.bind(`departmentAccounts.${i()}.department`)} required />
              <Field label={t('debitAccount')} {...form.bind(`departmentAccounts.${i()}.account`)} required />
              <Button variant="ghost" onClick={() => remove('departmentAccounts', i())}>
                {t('remove')}
              </Button>
            </div>
          )}
        </For>
        <div>
          <Button
            variant="secondary"
            onClick={() => form.set('departmentAccounts', (rows) => [...rows, { department: '', account: '' }])}
          >
            {t('addDepartmentAccount')}
          </Button>
        </div>
      </fieldset>
      <h2>{t('csszSection')}</h2>
      <p class="muted">{t('csszHint')}</p>
      <div class="form-grid">
        <Field label={t('csszAccount')} {...form.bind('cssz.account')} />
        <Field label={t('variableSymbol')} inputmode="numeric" {...form.bind('cssz.variableSymbol')} />
      </div>
      <fieldset class="stack">
        <legend>{t('insurersSection')}</legend>
        <p class="muted">{t('insurersHint')}</p>
        <For each={form.values.insurers}>
          {(_, i) => (
            <div class="form-grid">
              <SelectField
                label={t('healthInsurer')}
                {...form.bind(`insurers.${i()}.insurer`)}
                options={INSURERS.map((c) => ({ value: c, label: `${c} ${INSURER_NAMES[c]}` }))}
              />
              <Field label={t('insurerAccount')} {...form.bind(`insurers.${i()}.account`)} required />
              <Field
                label={t('variableSymbol')}
                inputmode="numeric"
                {...form.bind(`insurers.${i()}.variableSymbol`)}
                required
              />
              <Button variant="ghost" onClick={() => remove('insurers', i())}>
                {t('remove')}
              </Button>
            </div>
          )}
        </For>
        <div>
          <Button
            variant="secondary"
            onClick={() => {
              const used = new Set(form.values.insurers.map((x) => x.insurer));
              const insurer = INSURERS.find((c) => !used.has(c)) ?? '111';
              form.set('insurers', (rows) => [...rows, { insurer, account: '', variableSymbol: '' }]);
            }}
          >
            {t('addInsurer')}
          </Button>
        </div>
      </fieldset>
      <h2>{t('taxOfficeSection')}</h2>
      <p class="muted">{t('taxOfficeHint')}</p>
      <div class="form-grid">
        <Field label={t('taxAdvancesAccount')} {...form.bind('taxOffice.advancesAccount')} />
        <Field label={t('taxWithholdingAccount')} {...form.bind('taxOffice.withholdingAccount')} />
        <Field label={t('variableSymbol')} inputmode="numeric" {...form.bind('taxOffice.variableSymbol')} />
      </div>
    </Form>
  );
}

/** The employer's payment settings: where salaries are paid from and where insurance and taxes go. */
export default function PaymentSettingsPage() {
  const t = usePT();
  const { api } = useTenant();
  const [settings, { refetch }] = createResource(() => api<Settings>('/hr/payroll/payment-settings'));
  return (
    <div class="page">
      <PageHeader title={t('paymentSettings')} description={t('paymentSettingsText')} />
      <Card>
        <Async resource={settings} refetch={refetch}>
          {(s) => <SettingsForm settings={s} />}
        </Async>
      </Card>
    </div>
  );
}
