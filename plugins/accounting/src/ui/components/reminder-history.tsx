import { Badge, Card, DateText, unwrap, useTenant } from '@bureau/core/ui';
import { createResource, For, Show } from 'solid-js';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { Amount, type MessageKey, useT } from '../ui.tsx';

/** The reminders of one invoice (its history), each with its letter as a PDF. */
export function ReminderHistory(props: { invoiceId: string }) {
  const t = useT();
  const api = useAccounting();
  const url = useAccountingUrl();
  const { tenant } = useTenant();
  const [list] = createResource(
    () => `${tenant().slug}:${props.invoiceId}`,
    async () => (await unwrap(api().invoices[':id'].reminders.$get({ param: { id: props.invoiceId } }))).reminders,
  );
  return (
    <Card title={t('rem.history')}>
      <Show when={list()?.length} fallback={<p class="muted">{t('rem.noHistory')}</p>}>
        <ul class="stack" data-testid="reminder-history">
          <For each={list()}>
            {(r) => (
              <li>
                <a href={url(`/reminders/${r.id}/pdf`)} download="">
                  {t(`rem.level.${r.level}` as MessageKey)}
                </a>{' '}
                <Show when={r.sentAt} fallback={<Badge tone="info">{t('rem.prepared')}</Badge>}>
                  {(at) => <DateText value={at()} />}
                </Show>{' '}
                <span class="muted">
                  <Amount value={r.remaining} currency={r.currency} /> {r.sentTo ?? ''}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Card>
  );
}
