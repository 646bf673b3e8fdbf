import { AsyncTable, Card, DateText, EmptyState, Money, PageHeader, StatusBadge, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource } from 'solid-js';
import { useCodT } from '../cod-messages.ts';
import { PAYOUT_ROW_STATUSES } from '../statuses.ts';
import type { OpenParcelView, PayoutView } from '../types.ts';
import { PayoutUpload } from './cod-upload.tsx';

/**
 * Cash on delivery paid out by Packeta: the payout report read, checked and confirmed; the payouts
 * kept; and the parcels still waiting for their cash, with their age.
 */
export default function CashOnDelivery() {
  const c = useCodT();
  const { api, tenant } = useTenant();
  const [payouts, { refetch: refetchPayouts }] = createResource(
    async () => (await api<{ items: PayoutView[] }>('/orders/cod/payouts')).items,
  );
  const [open, { refetch: refetchOpen }] = createResource(
    async () => (await api<{ items: OpenParcelView[] }>('/orders/cod/open')).items,
  );
  const orderHref = (id: string) => `/t/${tenant().slug}/orders/${id}`;
  const counted = (p: PayoutView) =>
    Object.entries(p.counts)
      .filter(([, n]) => n > 0)
      .map(([status]) => status as keyof typeof PAYOUT_ROW_STATUSES);
  return (
    <div class="page">
      <PageHeader title={c('cod')} description={c('codText')} />
      <PayoutUpload
        onConfirmed={() => {
          refetchPayouts();
          refetchOpen();
        }}
      />
      <Card title={c('payouts')} padded={false}>
        <AsyncTable<PayoutView>
          resource={payouts}
          refetch={refetchPayouts}
          caption={c('payouts')}
          rowKey={(p) => p.id}
          empty={<EmptyState title={c('noPayouts')} description={c('noPayoutsText')} />}
          columns={[
            { header: c('payout'), cell: (p) => <span class="cell-primary mono">{p.number}</span> },
            { header: c('payoutDate'), hideOnMobile: true, cell: (p) => <DateText value={p.payoutDate} /> },
            {
              header: c('cashOnDelivery'),
              align: 'end',
              hideOnMobile: true,
              cell: (p) => <Money amount={p.cod} currency={p.currency} />,
            },
            {
              header: c('fees'),
              align: 'end',
              hideOnMobile: true,
              cell: (p) => <Money amount={p.fees} currency={p.currency} />,
            },
            { header: c('transfer'), align: 'end', cell: (p) => <Money amount={p.total} currency={p.currency} /> },
            {
              header: c('status'),
              hideOnMobile: true,
              cell: (p) => (
                <span class="cluster">
                  {counted(p).map((s) => (
                    <span>
                      <StatusBadge status={s} statuses={PAYOUT_ROW_STATUSES} /> {p.counts[s]}
                    </span>
                  ))}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card title={c('openParcels')} padded={false}>
        <p class="muted card-text">{c('openParcelsText')}</p>
        <AsyncTable<OpenParcelView>
          resource={open}
          refetch={refetchOpen}
          caption={c('openParcels')}
          rowKey={(o) => o.orderId}
          empty={<EmptyState title={c('noOpenParcels')} />}
          columns={[
            {
              header: c('order'),
              cell: (o) => (
                <A class="cell-primary mono" href={orderHref(o.orderId)}>
                  {o.number}
                </A>
              ),
            },
            {
              header: c('parcel'),
              hideOnMobile: true,
              cell: (o) => <span class="mono">{o.trackingNumber ?? '—'}</span>,
            },
            { header: c('shipped'), hideOnMobile: true, cell: (o) => <DateText value={o.shippedAt} /> },
            {
              header: c('age'),
              align: 'end',
              cell: (o) => (o.ageDays === null ? '—' : c('days', { count: o.ageDays })),
            },
            { header: c('due'), align: 'end', cell: (o) => <Money amount={o.due} currency={o.currency} /> },
          ]}
        />
      </Card>
    </div>
  );
}
