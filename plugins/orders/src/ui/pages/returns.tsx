import {
  Card,
  DateText,
  Money,
  PageHeader,
  ResourceList,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { useT } from '../messages.ts';
import { RETURN_STATUSES } from '../statuses.ts';
import type { Return } from '../types.ts';

/** The returns: search (a scanned RMA number opens it), status filter, sort, export. */
export default function Returns() {
  const t = useT();
  const i18n = useI18n();
  const { tenant } = useTenant();
  const base = () => `/t/${tenant().slug}/orders`;
  return (
    <div class="page">
      <PageHeader title={t('returns')} description={t('returnsText')} />
      <Card padded={false}>
        <ResourceList<Return>
          path="/orders/returns"
          caption={t('returns')}
          search={t('searchReturns')}
          scan
          defaultSort={{ key: 'createdAt', dir: 'desc' }}
          filters={[
            {
              name: 'status',
              label: t('status'),
              type: 'select',
              options: statusOptions(RETURN_STATUSES, i18n.text),
            },
          ]}
          empty={{ title: t('noReturns'), description: t('noReturnsText') }}
          rowKey={(r) => r.id}
          rowLabel={(r) => r.number}
          rowHref={(r) => `${base()}/returns/${r.id}`}
          columns={[
            {
              header: t('number'),
              sort: 'number',
              cell: (r) => (
                <A class="cell-primary mono" href={`${base()}/returns/${r.id}`}>
                  {r.number}
                </A>
              ),
            },
            { header: t('date'), sort: 'createdAt', hideOnMobile: true, cell: (r) => <DateText value={r.createdAt} /> },
            { header: t('order'), hideOnMobile: true, cell: (r) => <span class="mono">{r.orderNumber}</span> },
            { header: t('customer'), cell: (r) => r.customer },
            {
              header: t('status'),
              cell: (r) => <StatusBadge status={r.status} statuses={RETURN_STATUSES} />,
            },
            { header: t('credit'), cell: (r) => <Money amount={r.credit} currency={r.currency} /> },
          ]}
        />
      </Card>
    </div>
  );
}
