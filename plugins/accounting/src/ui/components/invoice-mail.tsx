import {
  Button,
  Card,
  createForm,
  DateText,
  Field,
  Form,
  Modal,
  notify,
  SelectField,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { Icon, useT } from '../ui.tsx';

type Lang = 'cs' | 'en';

/**
 * An issued invoice's e-mails: who it was sent to and when, and "Send by e-mail" (the customer's
 * address and language prefilled, both editable; the PDF and ISDOC go as attachments).
 */
export function InvoiceMail(props: { invoiceId: string; number: string; sendable: boolean }) {
  const t = useT();
  const api = useAccounting();
  const { tenant, can } = useTenant();
  const [open, setOpen] = createSignal(false);
  const [data, { refetch }] = createResource(
    () => `${tenant().slug}:${props.invoiceId}`,
    async () => unwrap(api().invoices[':id'].mails.$get({ param: { id: props.invoiceId } })),
  );
  const form = createForm<{ to: string; locale: Lang }>({
    initial: { to: '', locale: 'cs' },
    onSubmit: async (v) => {
      const sent = await unwrap(
        api().invoices[':id'].mails.$post({
          param: { id: props.invoiceId },
          json: { to: v.to.trim(), locale: v.locale },
        }),
      );
      setOpen(false);
      notify(t('mail.sentOk', { number: props.number, to: sent.sentTo }));
      void refetch();
    },
  });
  const start = () => {
    const d = data()?.defaults;
    form.set({ to: d?.to ?? '', locale: d?.locale ?? 'cs' });
    setOpen(true);
  };
  return (
    <Card
      title={t('mail.history')}
      actions={
        <Show when={props.sendable && can('accounting.post')}>
          <Button onClick={start} data-testid="send-invoice-mail">
            <Icon name="mail" />
            {t('mail.send')}
          </Button>
        </Show>
      }
    >
      <Show when={data()?.mails.length} fallback={<p class="muted">{t('mail.none')}</p>}>
        <ul class="stack" data-testid="invoice-mails">
          <For each={data()?.mails}>
            {(m) => (
              <li>
                <DateText value={m.sentAt} time /> <strong>{m.sentTo}</strong>{' '}
                <span class="muted">
                  {m.attachments.join(', ')}
                  <Show when={m.sentBy}>{(name) => ` · ${t('mail.sentBy', { name: name() })}`}</Show>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Modal
        open={open()}
        onOpenChange={setOpen}
        title={t('mail.title', { number: props.number })}
        description={t('mail.description')}
      >
        <Form
          form={form}
          submitLabel={t('mail.submit')}
          actions={
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          }
        >
          <div class="form-grid">
            <Field label={t('mail.to')} {...form.bind('to')} type="email" autocomplete="email" required />
            <SelectField
              label={t('mail.language')}
              {...form.bind('locale')}
              options={[
                { value: 'cs', label: t('mail.lang.cs') },
                { value: 'en', label: t('mail.lang.en') },
              ]}
            />
          </div>
        </Form>
      </Modal>
    </Card>
  );
}
