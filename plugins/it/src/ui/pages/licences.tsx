import { Card, DateText, defineStatuses, PageHeader, ResourceList, StatusBadge, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { Licence } from '../../server/routes/licences.ts';
import { useST } from '../stock-messages.ts';

export const LICENCE_STATES = defineStatuses({
  expiring: { tone: 'warning', label: { en: 'Expiring', cs: 'Končí' } },
  expired: { tone: 'danger', label: { en: 'Expired', cs: 'Vypršela' } },
  full: { tone: 'info', label: { en: 'No free seat', cs: 'Bez volného místa' } },
  ok: { tone: 'success', label: { en: 'Valid', cs: 'Platná' } },
});

export const licenceState = (l: Licence) =>
  l.expired ? 'expired' : l.expiring ? 'expiring' : l.seatsFree <= 0 ? 'full' : 'ok';

/** Licences: seats used and free, expiry, state filter (expiring, expired, full). */
export default function Licences() {
  const t = useST();
  const { tenant, can } = useTenant();
  const base = () => `/t/${tenant().slug}/it`;
  const newButton = () => (
    <Show when={can('it.assets.manage')}>
      <A class="btn btn-primary" href={`${base()}/licences/new`}>
        {t('newLicence')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('licences')} description={t('licencesText')} actions={newButton()} />
      <Card padded={false}>
        <ResourceList<Licence>
          path="/it/licences"
          caption={t('licences')}
          search={t('searchLicences')}
          defaultSort={{ key: 'name', dir: 'asc' }}
          filters={[
            {
              name: 'state',
              label: t('state'),
              type: 'select',
              options: [
                { value: 'expiring', label: t('expiring') },
                { value: 'expired', label: t('expired') },
                { value: 'full', label: t('full') },
              ],
            },
          ]}
          empty={{ title: t('noLicences'), description: t('noLicencesText'), action: newButton() }}
          rowKey={(l) => l.id}
          rowLabel={(l) => l.name}
          rowHref={(l) => `${base()}/licences/${l.id}`}
          columns={[
            {
              header: t('name'),
              sort: 'name',
              cell: (l) => (
                <A class="cell-primary" href={`${base()}/licences/${l.id}`}>
                  {l.name}
                </A>
              ),
            },
            { header: t('vendor'), hideOnMobile: true, cell: (l) => l.vendor ?? '' },
            { header: t('seatsUsed'), cell: (l) => `${l.seatsUsed} / ${l.seats}` },
            {
              header: t('expiresOn'),
              sort: 'expiresOn',
              hideOnMobile: true,
              cell: (l) => <DateText value={l.expiresOn} />,
            },
            { header: t('state'), cell: (l) => <StatusBadge status={licenceState(l)} statuses={LICENCE_STATES} /> },
          ]}
        />
      </Card>
    </div>
  );
}
