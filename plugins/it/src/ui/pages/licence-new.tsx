import { Card, createForm, DateInput, Field, Form, MoneyInput, PageHeader, useTenant } from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import type { Licence } from '../../server/routes/licences.ts';
import { useST } from '../stock-messages.ts';

const whole = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(/\s/g, '')));

/** Registers a licence with its seats, expiry and how many days ahead to be alerted. */
export default function LicenceNew() {
  const t = useST();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const form = createForm({
    initial: { name: '', vendor: '', seats: '', expiresOn: '', noticeDays: '30', cost: '', note: '' },
    onSubmit: async (v) => {
      const body = Object.fromEntries(
        Object.entries({ ...v, seats: whole(v.seats), noticeDays: whole(v.noticeDays) }).filter(
          ([, x]) => x !== '' && x !== undefined,
        ),
      );
      const created = await api<Licence>('/it/licences', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/licences/${created.id}`);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('newLicence')} />
      <Card>
        <Form form={form} submitLabel={t('createLicence')}>
          <div class="form-grid">
            <Field label={t('name')} {...form.bind('name')} required autofocus />
            <Field label={t('vendor')} {...form.bind('vendor')} />
            <Field label={t('seats')} {...form.bind('seats')} inputmode="numeric" required />
            <DateInput label={t('expiresOn')} {...form.bind('expiresOn')} />
            <Field label={t('noticeDays')} {...form.bind('noticeDays')} inputmode="numeric" />
            <MoneyInput label={t('cost')} currency="CZK" {...form.bind('cost')} />
          </div>
          <Field label={t('note')} {...form.bind('note')} multiline />
        </Form>
      </Card>
    </div>
  );
}
