import {
  Card,
  createForm,
  DateInput,
  Field,
  Form,
  MoneyInput,
  PageHeader,
  SelectField,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { EmployeeInput } from '../../schema.ts';
import type { Employee } from '../../server/routes.ts';
import { useT } from '../messages.ts';

/** A new employee: the same schema as the API checks it, the server's field errors under each field. */
export default function New() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const form = createForm({
    schema: EmployeeInput,
    initial: { name: '', code: '', dueDate: '', amount: '', currency: 'CZK', note: '' },
    onSubmit: async (v) => {
      // Empty optional fields are left out rather than sent as ''.
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
      const created = await api<Employee>('/hr/employees', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/hr/${created.id}`);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('new')} />
      <Card>
        <Form form={form} submitLabel={t('create')}>
          <div class="form-grid">
            <Field label={t('name')} {...form.bind('name')} required autofocus />
            <Field label={t('code')} {...form.bind('code')} description={t('codeHint')} />
            <DateInput label={t('dueDate')} {...form.bind('dueDate')} />
            <MoneyInput label={t('amount')} currency={form.values.currency} {...form.bind('amount')} />
            <SelectField
              label={t('currency')}
              {...form.bind('currency')}
              options={['CZK', 'EUR', 'USD'].map((c) => ({ value: c, label: c }))}
            />
          </div>
          <Field label={t('note')} {...form.bind('note')} multiline />
        </Form>
      </Card>
    </div>
  );
}
