import { Async, Badge, Card, EmptyState, unwrap, useI18n, useTenant } from '@bureau/core/ui';
import { createResource, For, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { Amount, type MessageKey, useT } from '../ui.tsx';

type Side = {
  rows: { regime: string; selfAssessed: boolean; code: string; rate: string; base: string; vat: string }[];
  base: string;
  vat: string;
};

/** The VAT of a period by tax date: output (invoices) and input (bills) by rate and regime, reverse charge marked, and what is payable. */
export function VatSummary(props: { from: string; to: string }) {
  const t = useT();
  const api = useAccounting();
  const { tenant } = useTenant();
  const [summary, { refetch }] = createResource(
    () => ({ slug: tenant().slug, from: props.from, to: props.to }),
    async ({ from, to }) => unwrap(api().vat.summary.$get({ query: { from, to } })),
  );
  return (
    <Async resource={summary} refetch={refetch}>
      {(s) => (
        <Card title={t('vatSum.title')} padded={false}>
          <div class="table-wrap" data-testid="vat-summary">
            <Show
              when={s.output.rows.length + s.input.rows.length > 0}
              fallback={<EmptyState title={t('vat.nothing')} />}
            >
              <SideTable caption={t('vatSum.output')} side={s.output} currency={s.currency} />
              <SideTable caption={t('vatSum.input')} side={s.input} currency={s.currency} />
            </Show>
          </div>
          <p class="vat-payable">
            {t('vatSum.payable')} <Amount value={s.payable} currency={s.currency} signed />
          </p>
        </Card>
      )}
    </Async>
  );
}

function SideTable(props: { caption: string; side: Side; currency: string }) {
  const t = useT();
  const i18n = useI18n();
  return (
    <table class="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('doc.vatRate')}</th>
          <th scope="col">{t('vatSum.regime')}</th>
          <th scope="col" class="num">
            {t('vat.base')}
          </th>
          <th scope="col" class="num">
            {t('vat.vat')}
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.side.rows}>
          {(r) => (
            <tr>
              <td class="num">{i18n.number(r.rate)} %</td>
              <td>
                {t(`vatSum.regime.${r.regime}` as MessageKey)}{' '}
                <Show when={r.selfAssessed}>
                  <Badge tone="info">{t('vatSum.reverseCharge')}</Badge>
                </Show>
              </td>
              <td class="num">
                <Amount value={r.base} currency={props.currency} />
              </td>
              <td class="num">
                <Amount value={r.vat} currency={props.currency} />
              </td>
            </tr>
          )}
        </For>
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            {t('vatSum.total')}
          </th>
          <td class="num">
            <Amount value={props.side.base} currency={props.currency} />
          </td>
          <td class="num">
            <Amount value={props.side.vat} currency={props.currency} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
