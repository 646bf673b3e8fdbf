import {
  Button,
  Card,
  createForm,
  DateInput,
  Field,
  Form,
  MoneyInput,
  NumberInput,
  PageHeader,
  SelectField,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { INSURERS } from '../../schema.ts';
import { INSURER_NAMES } from '../insurers.ts';
import { useT } from '../messages.ts';
import type { Employee } from '../types.ts';

/** Hiring: person, pay and taxes, first contract. The server checks birth number, account and overlaps. */
export default function New() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const form = createForm({
    initial: {
      number: '',
      firstName: '',
      lastName: '',
      startDate: '',
      birthNumber: '',
      email: '',
      phone: '',
      street: '',
      city: '',
      postalCode: '',
      department: '',
      position: '',
      bankAccount: '',
      healthInsurer: '111',
      taxDeclaration: true,
      children: [] as { birthDate: string; name: string; disabled: boolean }[],
      contract: {
        type: 'hpp',
        salaryType: 'monthly',
        monthlySalary: '',
        hourlyRate: '',
        weeklyHours: '40',
        probationMonths: '3',
      },
    },
    onSubmit: async (v) => {
      const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== ''));
      const { children, contract, ...person } = v;
      const body = {
        ...clean(person),
        children: children.map((c) => clean(c)),
        contract: {
          ...clean({
            type: contract.type,
            salaryType: contract.salaryType,
            weeklyHours: contract.weeklyHours,
            ...(contract.salaryType === 'monthly'
              ? { monthlySalary: contract.monthlySalary }
              : { hourlyRate: contract.hourlyRate }),
          }),
          ...(contract.probationMonths ? { probationMonths: Number(contract.probationMonths) } : {}),
        },
      };
      const created = await api<Employee>('/hr/employees', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/hr/employees/${created.id}`);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('new')} />
      <Card>
        <Form form={form} submitLabel={t('create')}>
          <h2>{t('sectionPerson')}</h2>
          <div class="form-grid">
            <Field label={t('firstName')} {...form.bind('firstName')} required autofocus />
            <Field label={t('lastName')} {...form.bind('lastName')} required />
            <Field label={t('number')} {...form.bind('number')} description={t('numberHint')} />
            <Field label={t('birthNumber')} {...form.bind('birthNumber')} placeholder="850101/1234" />
            <Field label={t('email')} type="email" {...form.bind('email')} />
            <Field label={t('phone')} {...form.bind('phone')} />
            <Field label={t('street')} {...form.bind('street')} />
            <Field label={t('city')} {...form.bind('city')} />
            <Field label={t('postalCode')} {...form.bind('postalCode')} />
            <Field label={t('department')} {...form.bind('department')} />
            <Field label={t('position')} {...form.bind('position')} />
            <DateInput label={t('startDate')} {...form.bind('startDate')} required />
          </div>
          <h2>{t('sectionPay')}</h2>
          <div class="form-grid">
            <Field label={t('bankAccount')} {...form.bind('bankAccount')} description={t('bankAccountHint')} />
            <SelectField
              label={t('healthInsurer')}
              {...form.bind('healthInsurer')}
              options={INSURERS.map((c) => ({ value: c, label: `${c} ${INSURER_NAMES[c]}` }))}
            />
          </div>
          <Toggle
            label={t('taxDeclaration')}
            checked={form.values.taxDeclaration}
            onChange={(v) => form.set('taxDeclaration', v)}
          />
          <fieldset class="stack">
            <legend>{t('children')}</legend>
            <For each={form.values.children}>
              {(_, i) => (
                <div class="form-grid">
                  <DateInput label={t('birthDate')} {...form.bind(`children.${i()}.birthDate`)} required />
                  <Field label={t('childName')} {...form.bind(`children.${i()}.name`)} />
                  <Toggle
                    label={t('childDisabled')}
                    checked={form.values.children[i()]?.disabled ?? false}
                    onChange={(v) => form.set('children', i(), 'disabled', v)}
                  />
                  <Button variant="ghost" onClick={() => form.set('children', (cs) => cs.filter((_c, j) => j !== i()))}>
                    {t('removeChild')}
                  </Button>
                </div>
              )}
            </For>
            <div>
              <Button
                variant="secondary"
                onClick={() => form.set('children', (cs) => [...cs, { birthDate: '', name: '', disabled: false }])}
              >
                {t('addChild')}
              </Button>
            </div>
          </fieldset>
          <h2>{t('sectionContract')}</h2>
          <div class="form-grid">
            <SelectField
              label={t('contractType')}
              {...form.bind('contract.type')}
              options={(['hpp', 'dpp', 'dpc'] as const).map((c) => ({ value: c, label: t(c) }))}
            />
            <SelectField
              label={t('salaryType')}
              {...form.bind('contract.salaryType')}
              options={(['monthly', 'hourly'] as const).map((c) => ({ value: c, label: t(c) }))}
            />
            <Show
              when={form.values.contract.salaryType === 'monthly'}
              fallback={<MoneyInput label={t('hourlyRate')} currency="CZK" {...form.bind('contract.hourlyRate')} />}
            >
              <MoneyInput label={t('monthlySalary')} currency="CZK" {...form.bind('contract.monthlySalary')} />
            </Show>
            <NumberInput label={t('weeklyHours')} decimals={2} {...form.bind('contract.weeklyHours')} />
            <NumberInput label={t('probation')} decimals={0} {...form.bind('contract.probationMonths')} />
          </div>
        </Form>
      </Card>
    </div>
  );
}
