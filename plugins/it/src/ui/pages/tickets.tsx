import {
  Card,
  DateText,
  PageHeader,
  ResourceList,
  StackedCell,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { TicketCategory } from '../../server/routes/ticket-categories.ts';
import type { Ticket } from '../../server/routes/tickets.ts';
import { useDT } from '../desk-messages.ts';
import { useT } from '../messages.ts';
import { PRIORITY_LABELS, SLA_STATES, TICKET_STATUSES } from '../statuses.ts';

/** The helpdesk queue: open tickets due first, SLA badges, filters by status, priority and breach. */
export default function Tickets() {
  const t = useT();
  const i18n = useI18n();
  const dt = useDT();
  const { tenant, api } = useTenant();
  const base = () => `/t/${tenant().slug}/it`;
  const [categories] = createResource(
    async () => (await api<{ items: TicketCategory[] }>('/it/ticket-categories?archived=true')).items,
  );
  const categoryName = (c: { cs: string; en: string } | null) => (c ? (i18n.locale() === 'cs' ? c.cs : c.en) : '');
  return (
    <div class="page">
      <PageHeader
        title={t('tickets')}
        description={t('ticketsText')}
        actions={
          <>
            <A class="btn btn-secondary" href={`${base()}/tickets/setup`}>
              {dt('deskSetup')}
            </A>
            <A class="btn btn-primary" href={`${base()}/tickets/new`}>
              {t('report')}
            </A>
          </>
        }
      />
      <Card padded={false}>
        <Show when={categories()}>
          <ResourceList<Ticket>
            path="/it/tickets"
            caption={t('tickets')}
            search={t('ticketSearch')}
            defaultSort={{ key: 'resolutionDueAt', dir: 'asc' }}
            filters={[
              {
                name: 'open',
                label: t('openOnly'),
                type: 'segmented',
                options: [
                  { value: 'true', label: t('openOnly') },
                  { value: 'false', label: i18n.text({ en: 'Done', cs: 'Hotové' }) },
                ],
              },
              {
                name: 'status',
                label: t('status'),
                type: 'select',
                options: statusOptions(TICKET_STATUSES, i18n.text),
              },
              {
                name: 'priority',
                label: t('priority'),
                type: 'select',
                options: statusOptions(PRIORITY_LABELS, i18n.text),
              },
              {
                name: 'categoryId',
                label: dt('category'),
                type: 'select',
                options: (categories() ?? []).map((c) => ({
                  value: c.id,
                  label: i18n.locale() === 'cs' ? c.nameCs : c.nameEn,
                })),
              },
              {
                name: 'sla',
                label: t('sla'),
                type: 'segmented',
                options: [{ value: 'breached', label: t('onlyBreached') }],
              },
            ]}
            empty={{ title: t('ticketsEmpty'), description: t('ticketsEmptyText') }}
            rowKey={(x) => x.id}
            rowLabel={(x) => x.number}
            rowHref={(x) => `${base()}/tickets/${x.id}`}
            columns={[
              {
                header: t('number'),
                sort: 'number',
                cell: (x) => (
                  <A class="cell-primary mono" href={`${base()}/tickets/${x.id}`}>
                    {x.number}
                  </A>
                ),
              },
              {
                header: t('ticketTitle'),
                cell: (x) => (
                  <StackedCell
                    primary={x.title}
                    secondary={[x.category ? categoryName(x.category) : null, x.assetTag, x.requester]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                ),
              },
              {
                header: t('priority'),
                sort: 'priority',
                cell: (x) => <StatusBadge status={x.priority} statuses={PRIORITY_LABELS} />,
              },
              { header: t('status'), cell: (x) => <StatusBadge status={x.status} statuses={TICKET_STATUSES} /> },
              { header: t('assignee'), hideOnMobile: true, cell: (x) => x.assignee ?? '' },
              {
                header: t('resolveBy'),
                sort: 'resolutionDueAt',
                cell: (x) => <DateText value={x.resolutionDueAt} time />,
              },
              { header: t('sla'), cell: (x) => <StatusBadge status={x.sla} statuses={SLA_STATES} /> },
            ]}
          />
        </Show>
      </Card>
    </div>
  );
}
