import {
  Card,
  DateText,
  notify,
  PageHeader,
  PrintLabels,
  problemMessage,
  ResourceList,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { type DocumentSummary, useAccounting } from '../api.ts';
import { Amount, DocStatus, Icon, useBase, useT } from '../ui.tsx';

/**
 * Sales invoices or purchase bills: search (a scanned number or variable symbol opens the document),
 * status and date filters, sortable columns, paging, CSV/XLSX export and barcode labels of chosen
 * documents (for the paper archive: scanning a label opens the document) — core's ResourceList on the
 * standard list endpoint.
 */
export default function Documents(props: { kind: 'invoice' | 'bill' }) {
  const t = useT();
  const i18n = useI18n();
  const base = useBase();
  const { can } = useTenant();
  const path = () => (props.kind === 'invoice' ? 'invoices' : 'bills');
  const k = (inv: Parameters<typeof t>[0], bill: Parameters<typeof t>[0]) => t(props.kind === 'invoice' ? inv : bill);
  const api = useAccounting();
  const navigate = useNavigate();
  /** A received ISDOC invoice read into a draft bill, which then opens. */
  const importIsdoc = async (file: File) => {
    try {
      const r = await unwrap(api().bills.isdoc.$post({ json: { content: await file.text() } }));
      notify(
        !r.created
          ? t('bills.isdocImportedBefore')
          : r.warnings.length
            ? t('bills.isdocImportedWarnings', { count: r.warnings.length })
            : t('bills.isdocImported'),
      );
      navigate(`${base()}/bills/${r.id}`);
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    }
  };
  const newButton = () => (
    <Show when={can('accounting.post')}>
      <div class="row">
        <Show when={props.kind === 'bill'}>
          <label class="btn btn-secondary" data-testid="import-isdoc">
            <Icon name="upload" />
            {t('bills.importIsdoc')}
            <input
              class="sr-only"
              type="file"
              accept=".isdoc,.xml"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) void importIsdoc(f);
              }}
            />
          </label>
        </Show>
        <A class="btn btn-primary" href={`${base()}/${path()}/new`}>
          <Icon name="plus" />
          {k('invoices.new', 'bills.new')}
        </A>
      </div>
    </Show>
  );

  return (
    <div class="page acc">
      <PageHeader
        title={k('invoices.title', 'bills.title')}
        description={k('invoices.subtitle', 'bills.subtitle')}
        actions={newButton()}
      />
      <Card padded={false}>
        <ResourceList<DocumentSummary>
          path={`/accounting/${path()}`}
          caption={k('invoices.title', 'bills.title')}
          search={k('invoices.search', 'bills.search')}
          scan
          defaultSort={{ key: 'issueDate', dir: 'desc' }}
          filters={[
            {
              name: 'status',
              label: t('common.status'),
              type: 'segmented',
              options: [
                { value: 'draft', label: t('status.drafts') },
                { value: 'issued', label: t('status.open') },
                { value: 'overdue', label: t('status.overdue') },
                { value: 'paid', label: t('status.paid') },
                { value: 'cancelled', label: t('status.cancelled') },
              ],
            },
            { name: 'from', label: t('common.from'), type: 'date' },
            { name: 'to', label: t('common.to'), type: 'date' },
          ]}
          bulkActions={(selected) => (
            <PrintLabels
              items={selected
                .filter((d) => d.number)
                .map((d) => ({ code: d.number as string, title: d.partner.name, subtitle: i18n.date(d.issueDate) }))}
            />
          )}
          empty={{
            title: k('invoices.emptyTitle', 'bills.emptyTitle'),
            description: k('invoices.emptyText', 'bills.emptyText'),
            action: newButton(),
          }}
          rowKey={(d) => d.id}
          rowLabel={(d) => d.number ?? d.partner.name}
          rowHref={(d) => `${base()}/${path()}/${d.id}`}
          columns={[
            {
              header: t('doc.number'),
              sort: 'number',
              cell: (d) => (
                <A class="cell-primary mono link-plain" href={`${base()}/${path()}/${d.id}`}>
                  {d.number ?? t('doc.draft')}
                </A>
              ),
            },
            { header: k('doc.customer', 'doc.vendor'), sort: 'partner', cell: (d) => d.partner.name },
            {
              header: t('doc.issueDate'),
              sort: 'issueDate',
              hideOnMobile: true,
              cell: (d) => <DateText value={d.issueDate} />,
            },
            {
              header: t('doc.dueDate'),
              sort: 'dueDate',
              hideOnMobile: true,
              cell: (d) => (
                <span classList={{ 'text-danger': d.overdue }}>
                  <DateText value={d.dueDate} />
                </span>
              ),
            },
            {
              header: t('doc.total'),
              sort: 'total',
              align: 'end',
              cell: (d) => <Amount value={d.total} currency={d.currency} />,
            },
            {
              header: t('doc.remaining'),
              align: 'end',
              hideOnMobile: true,
              cell: (d) =>
                d.status === 'issued' ? (
                  <Amount value={d.remaining} currency={d.currency} />
                ) : (
                  <span class="muted">—</span>
                ),
            },
            {
              header: t('common.status'),
              cell: (d) => <DocStatus status={d.status} overdue={d.overdue} kind={props.kind} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
