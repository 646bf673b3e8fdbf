import {
  Async,
  Attachments,
  Badge,
  Button,
  ConfirmDialog,
  DateText,
  notify,
  PageHeader,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { InvoiceMail } from '../components/invoice-mail.tsx';
import { ReminderHistory } from '../components/reminder-history.tsx';
import { Amount, BackLink, DocStatus, Icon, useBase, useGuard, useT } from '../ui.tsx';

type Action = 'issue' | 'cancel' | 'delete';

/**
 * One invoice or bill as a document: parties, dates, lines, VAT breakdown, totals and what is paid.
 * Drafts can be issued (posted) or deleted; open documents cancelled or paid. "Print / PDF" prints
 * the document alone; "Download PDF" fetches the server-rendered PDF (with QR Platba for invoices).
 */
export default function DocumentDetail(props: { kind: 'invoice' | 'bill' }) {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const url = useAccountingUrl();
  const base = useBase();
  const params = useParams();
  const navigate = useNavigate();
  const guard = useGuard();
  const { tenant, can } = useTenant();
  const invoice = () => props.kind === 'invoice';
  const path = () => (invoice() ? 'invoices' : 'bills');
  const k = (inv: Parameters<typeof t>[0], bill: Parameters<typeof t>[0], p?: Parameters<typeof t>[1]) =>
    t(invoice() ? inv : bill, p);
  const [doc, { refetch, mutate }] = createResource(
    () => (params.id ? { id: params.id, kind: props.kind } : false),
    async ({ id, kind }) =>
      kind === 'invoice'
        ? await unwrap(api().invoices[':id'].$get({ param: { id } }))
        : await unwrap(api().bills[':id'].$get({ param: { id } })),
  );
  const [action, setAction] = createSignal<Action | null>(null);

  const run = guard(async () => {
    const d = doc();
    const a = action();
    if (!d || !a) return;
    const param = { id: d.id };
    if (a === 'delete') {
      if (invoice()) await unwrap(api().invoices[':id'].$delete({ param }));
      else await unwrap(api().bills[':id'].$delete({ param }));
      notify(t('doc.deleted'));
      navigate(`${base()}/${path()}`);
      return;
    }
    const updated =
      a === 'issue'
        ? invoice()
          ? await unwrap(api().invoices[':id'].issue.$post({ param }))
          : await unwrap(api().bills[':id'].post.$post({ param }))
        : invoice()
          ? await unwrap(api().invoices[':id'].cancel.$post({ param, json: {} }))
          : await unwrap(api().bills[':id'].cancel.$post({ param, json: {} }));
    mutate(updated);
    notify(
      a === 'issue'
        ? k('invoices.issuedOk', 'bills.postedOk', { number: updated.number ?? '' })
        : t('doc.cancelledOk', { number: updated.number ?? '' }),
    );
  });

  return (
    <div class="page acc">
      <BackLink href={`${base()}/${path()}`}>{k('invoices.title', 'bills.title')}</BackLink>
      <Async resource={doc} refetch={refetch}>
        {(d) => (
          <>
            <PageHeader
              title={
                <span class="title-row">
                  {d.number
                    ? k('invoices.titleOne', 'bills.titleOne', { number: d.number })
                    : k('invoices.draftTitle', 'bills.draftTitle')}
                  <DocStatus status={d.status} overdue={d.overdue} kind={props.kind} />
                </span>
              }
              description={d.partner.name}
              actions={
                <div class="row">
                  <Show when={d.status !== 'draft'}>
                    <Button onClick={() => window.print()}>
                      <Icon name="print" />
                      {t('doc.print')}
                    </Button>
                    <a
                      class="btn btn-secondary"
                      href={url(`/${path()}/${d.id}/pdf`)}
                      download=""
                      data-testid="download-pdf"
                    >
                      <Icon name="download" />
                      {t('doc.downloadPdf')}
                    </a>
                    <Show when={props.kind === 'invoice'}>
                      <a
                        class="btn btn-secondary"
                        href={url(`/invoices/${d.id}/isdoc`)}
                        download=""
                        data-testid="download-isdoc"
                      >
                        <Icon name="download" />
                        {t('doc.downloadIsdoc')}
                      </a>
                    </Show>
                  </Show>
                  <Show when={can('accounting.post')}>
                    <Show when={d.status === 'draft'}>
                      <Button variant="danger" onClick={() => setAction('delete')}>
                        <Icon name="trash" />
                        {t('doc.deleteDraft')}
                      </Button>
                      <Button variant="primary" onClick={() => setAction('issue')} data-testid="issue-document">
                        {k('invoices.issue', 'bills.post')}
                      </Button>
                    </Show>
                    <Show when={d.status === 'issued'}>
                      <Show when={d.paid === '0' || /^0(\.0+)?$/.test(d.paid)}>
                        <Button onClick={() => setAction('cancel')}>{t('doc.cancel')}</Button>
                      </Show>
                      <A
                        class="btn btn-primary"
                        href={`${base()}/payments?partner=${d.partner.id}&document=${d.id}&direction=${invoice() ? 'in' : 'out'}`}
                      >
                        {k('invoices.recordPayment', 'bills.recordPayment')}
                      </A>
                    </Show>
                  </Show>
                </div>
              }
            />
            <article class="paper" aria-label={d.number ?? k('invoices.draftTitle', 'bills.draftTitle')}>
              <header class="paper-head">
                <div>
                  <div class="paper-kind">{k('invoices.paperTitle', 'bills.paperTitle')}</div>
                  <div class="paper-number mono">{d.number ?? t('doc.draft')}</div>
                  <div class="muted small">{tenant().name}</div>
                </div>
                <dl class="paper-dates">
                  <div>
                    <dt>{t('doc.issueDate')}</dt>
                    <dd>
                      <DateText value={d.issueDate} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('doc.taxDate')}</dt>
                    <dd>
                      <DateText value={d.taxDate} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('doc.dueDate')}</dt>
                    <dd classList={{ 'text-danger': d.overdue }}>
                      <DateText value={d.dueDate} />
                    </dd>
                  </div>
                  <Show when={d.variableSymbol}>
                    <div>
                      <dt>{t('doc.variableSymbol')}</dt>
                      <dd class="mono">{d.variableSymbol}</dd>
                    </div>
                  </Show>
                  <Show when={d.reference}>
                    <div>
                      <dt>{invoice() ? t('doc.reference') : t('doc.vendorReference')}</dt>
                      <dd>{d.reference}</dd>
                    </div>
                  </Show>
                </dl>
              </header>
              <section class="paper-party">
                <div class="fact-label">{k('doc.customer', 'doc.vendor')}</div>
                <div class="strong">{d.partner.name}</div>
                <Show when={d.memo}>
                  <p class="muted">{d.memo}</p>
                </Show>
              </section>
              <div class="table-wrap">
                <table class="table">
                  <caption class="sr-only">{t('doc.lines')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('doc.description')}</th>
                      <th scope="col" class="end">
                        {t('doc.quantity')}
                      </th>
                      <th scope="col" class="end hide-mobile">
                        {t('doc.unitPrice')}
                      </th>
                      <th scope="col" class="end hide-mobile">
                        {t('doc.vat')}
                      </th>
                      <th scope="col" class="end">
                        {t('doc.net')}
                      </th>
                      <th scope="col" class="end hide-mobile">
                        {t('doc.gross')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d.lines}>
                      {(l) => (
                        <tr>
                          <td>
                            <div class="cell-primary">{l.description}</div>
                            <div class="cell-secondary mono">{l.account}</div>
                          </td>
                          <td class="end num">
                            {i18n.number(l.quantity)}
                            {l.unit ? ` ${l.unit}` : ''}
                          </td>
                          <td class="end hide-mobile">
                            <Amount value={l.unitPrice} currency={d.currency} />
                          </td>
                          <td class="end hide-mobile num">{i18n.number(l.vatRate)} %</td>
                          <td class="end">
                            <Amount value={l.net} currency={d.currency} />
                          </td>
                          <td class="end hide-mobile">
                            <Amount value={l.gross} currency={d.currency} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <div class="paper-foot">
                <table class="table vat-table">
                  <caption class="sr-only">{t('doc.vatBreakdown')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('doc.vatRate')}</th>
                      <th scope="col" class="end">
                        {t('doc.base')}
                      </th>
                      <th scope="col" class="end">
                        {t('doc.vat')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d.vatBreakdown}>
                      {(v) => (
                        <tr>
                          <td class="num">{i18n.number(v.rate)} %</td>
                          <td class="end">
                            <Amount value={v.base} currency={d.currency} />
                          </td>
                          <td class="end">
                            <Amount value={v.vat} currency={d.currency} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <dl class="doc-totals">
                  <div>
                    <dt>{t('doc.subtotal')}</dt>
                    <dd>
                      <Amount value={d.subtotal} currency={d.currency} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('doc.vatTotal')}</dt>
                    <dd>
                      <Amount value={d.vatTotal} currency={d.currency} />
                    </dd>
                  </div>
                  <div class="doc-total">
                    <dt>{t('doc.total')}</dt>
                    <dd>
                      <Amount value={d.total} currency={d.currency} />
                    </dd>
                  </div>
                  <Show when={d.currency !== d.functionalCurrency}>
                    <div class="muted">
                      <dt>{t('doc.inFunctional', { rate: d.rate })}</dt>
                      <dd>
                        <Amount value={d.totalFunctional} currency={d.functionalCurrency} />
                      </dd>
                    </div>
                  </Show>
                  <Show when={d.status !== 'draft' && d.status !== 'cancelled'}>
                    <div>
                      <dt>{t('doc.paid')}</dt>
                      <dd>
                        <Amount value={d.paid} currency={d.currency} />
                      </dd>
                    </div>
                    <div class="doc-total">
                      <dt>{t('doc.remaining')}</dt>
                      <dd>
                        <Amount value={d.remaining} currency={d.currency} />
                      </dd>
                    </div>
                  </Show>
                </dl>
              </div>
            </article>
            <div class="row no-print">
              <Show when={d.entryId}>
                {(id) => (
                  <A class="btn btn-ghost btn-sm" href={`${base()}/journal/${id()}`}>
                    <Icon name="link" />
                    {t('doc.openEntry')}
                  </A>
                )}
              </Show>
              <Show when={d.cancelEntryId}>
                {(id) => (
                  <A class="btn btn-ghost btn-sm" href={`${base()}/journal/${id()}`}>
                    <Icon name="link" />
                    {t('doc.openCancelEntry')}
                  </A>
                )}
              </Show>
              <Show when={d.paidAt}>
                <Badge tone="success">
                  {t('doc.paidOn')} <DateText value={d.paidAt} />
                </Badge>
              </Show>
            </div>
            <Show when={invoice() && d.number}>
              {(number) => <InvoiceMail invoiceId={d.id} number={number()} sendable={d.status !== 'cancelled'} />}
            </Show>
            <Show when={invoice() && d.status !== 'draft'}>
              <ReminderHistory invoiceId={d.id} />
            </Show>
            <Show when={can('tenant.records.read')}>
              <Attachments entityType={`accounting.${props.kind}`} entityId={d.id} retentionClass="accounting" />
            </Show>
            <ConfirmDialog
              open={action() !== null}
              onOpenChange={(o) => !o && setAction(null)}
              title={
                action() === 'issue'
                  ? k('invoices.issueTitle', 'bills.postTitle')
                  : action() === 'cancel'
                    ? t('doc.cancelTitle', { number: d.number ?? '' })
                    : t('doc.deleteTitle')
              }
              description={
                action() === 'issue'
                  ? k('invoices.issueText', 'bills.postText')
                  : action() === 'cancel'
                    ? t('doc.cancelText')
                    : t('doc.deleteText')
              }
              confirmLabel={
                action() === 'issue'
                  ? k('invoices.issue', 'bills.post')
                  : action() === 'cancel'
                    ? t('doc.cancel')
                    : t('common.delete')
              }
              danger={action() !== 'issue'}
              onConfirm={run}
            />
          </>
        )}
      </Async>
    </div>
  );
}
