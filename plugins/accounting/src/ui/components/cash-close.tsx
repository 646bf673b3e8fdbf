import {
  Button,
  businessToday,
  Card,
  DateText,
  MoneyInput,
  notify,
  problemMessage,
  Toggle,
  unwrap,
  useI18n,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { Amount, Icon, useT } from '../ui.tsx';

/**
 * The daily close of a cash desk: the cash counted for a day against the book, the difference posted
 * as a shortage or surplus only when asked, and the closes so far with their printed documents.
 */
export function CashDayClose(props: { deskId: string; currency: string; onClosed: () => void }) {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const url = useAccountingUrl();
  const [date, setDate] = createSignal(businessToday());
  const [counted, setCounted] = createSignal('');
  const [postDifference, setPostDifference] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [closes, { refetch }] = createResource(
    () => props.deskId,
    async (id) => (await unwrap(api()['cash-desks'][':id'].closes.$get({ param: { id } }))).closes,
  );
  const close = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const c = await unwrap(
        api()['cash-desks'][':id'].close.$post({
          param: { id: props.deskId },
          json: { date: date(), counted: counted(), postDifference: postDifference() },
        }),
      );
      notify(t('cash.closed', { date: c.date }));
      setCounted('');
      setPostDifference(false);
      refetch();
      props.onClosed();
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('cash.close')}>
      <p class="muted">{t('cash.closeHint')}</p>
      <form onSubmit={close}>
        <div class="form-grid">
          <label class="field">
            <span class="field-label">{t('cash.closeDate')}</span>
            <input
              class="input"
              type="date"
              name="closeDate"
              value={date()}
              onChange={(e) => setDate(e.currentTarget.value)}
            />
          </label>
          <MoneyInput
            label={t('cash.counted')}
            name="counted"
            currency={props.currency}
            value={counted()}
            onChange={setCounted}
          />
        </div>
        <Toggle label={t('cash.postDifference')} checked={postDifference()} onChange={setPostDifference} />
        <div class="row">
          <Button type="submit" variant="secondary" loading={busy()} disabled={!counted()} data-testid="cash-close">
            {t('cash.closeDay')}
          </Button>
        </div>
      </form>
      <Show when={closes()?.length}>
        <ul class="stack" data-testid="cash-closes">
          <For each={closes()}>
            {(c) => (
              <li>
                <a href={url(`/cash-closes/${c.id}/pdf`)} download="" aria-label={t('cash.closePdf', { date: c.date })}>
                  <Icon name="download" /> <DateText value={c.date} />
                </a>{' '}
                <Amount value={c.counted} currency={c.desk.currency} />{' '}
                <Show when={c.difference !== '0.00' && c.difference !== '0'}>
                  <span class="muted">
                    ({t('cash.difference')} <Amount value={c.difference} currency={c.desk.currency} />)
                  </span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Card>
  );
}
