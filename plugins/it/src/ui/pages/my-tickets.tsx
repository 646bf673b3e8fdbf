import { AsyncTable, Card, DateText, PageHeader, StatusBadge, useTenant } from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { Ticket } from '../../server/routes/tickets.ts';
import { useT } from '../messages.ts';
import { SLA_STATES, TICKET_STATUSES } from '../statuses.ts';

/** The requester's own tickets. */
export default function MyTickets() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [items, { refetch }] = createResource(async () => (await api<{ items: Ticket[] }>('/it/my/tickets')).items);
  const base = () => `/t/${tenant().slug}/it`;
  return (
    <div class="page">
      <PageHeader
        title={t('myTickets')}
        actions={
          <A class="btn btn-primary" href={`${base()}/tickets/new`}>
            {t('report')}
          </A>
        }
      />
      <Card padded={false}>
        <AsyncTable<Ticket>
          resource={items}
          refetch={refetch}
          caption={t('myTickets')}
          empty={<p class="muted">{t('myTicketsEmpty')}</p>}
          rowKey={(x) => x.id}
          onRowClick={(x) => navigate(`${base()}/my/tickets/${x.id}`)}
          columns={[
            { header: t('number'), cell: (x) => <span class="mono">{x.number}</span> },
            { header: t('ticketTitle'), cell: (x) => x.title },
            { header: t('status'), cell: (x) => <StatusBadge status={x.status} statuses={TICKET_STATUSES} /> },
            { header: t('resolveBy'), cell: (x) => <DateText value={x.resolutionDueAt} time /> },
            { header: t('sla'), cell: (x) => <StatusBadge status={x.sla} statuses={SLA_STATES} /> },
          ]}
        />
      </Card>
    </div>
  );
}
