import { type AddressBookParty, Badge, Card, ResourceList, useI18n, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PARTY_ROLES, roleLabel } from './party-form.tsx';

/** Settings → Address book: the companies and people every department shares; search by name or IČO. */
export default function Parties() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const base = () => `/t/${tenant().slug}/settings/parties`;
  const newButton = () => (
    <Show when={can('tenant.parties.manage')}>
      <A class="btn btn-primary" href={`${base()}/new`}>
        {i18n.t('parties.new')}
      </A>
    </Show>
  );
  return (
    <div class="stack">
      <div class="row">
        <p class="muted">{i18n.t('parties.intro')}</p>
        <span class="spacer" />
        {newButton()}
      </div>
      <Card padded={false}>
        <ResourceList<AddressBookParty>
          path="/parties"
          caption={i18n.t('settings.parties')}
          search={i18n.t('parties.search')}
          defaultSort={{ key: 'name', dir: 'asc' }}
          filters={[
            {
              name: 'role',
              label: i18n.t('parties.roles'),
              type: 'select',
              options: PARTY_ROLES.map((r) => ({ value: r, label: roleLabel(i18n, r) })),
            },
            {
              name: 'type',
              label: i18n.t('parties.type'),
              type: 'segmented',
              options: [
                { value: 'company', label: i18n.t('parties.type.company') },
                { value: 'person', label: i18n.t('parties.type.person') },
              ],
            },
          ]}
          empty={{ title: i18n.t('parties.emptyTitle'), description: i18n.t('parties.emptyText'), action: newButton() }}
          rowKey={(p) => p.id}
          rowLabel={(p) => p.name}
          rowHref={(p) => `${base()}/${p.id}`}
          columns={[
            {
              header: i18n.t('parties.name'),
              sort: 'name',
              cell: (p) => (
                <A class="cell-primary" href={`${base()}/${p.id}`}>
                  {p.name}
                </A>
              ),
            },
            { header: 'IČO', sort: 'ico', cell: (p) => <span class="mono">{p.ico ?? ''}</span> },
            { header: i18n.t('company.email'), hideOnMobile: true, cell: (p) => p.email ?? '' },
            {
              header: i18n.t('parties.roles'),
              hideOnMobile: true,
              cell: (p) => (
                <span class="row">
                  <For each={p.roles}>{(r) => <Badge>{roleLabel(i18n, r)}</Badge>}</For>
                  <Show when={!p.active}>
                    <Badge tone="neutral">{i18n.t('parties.inactive')}</Badge>
                  </Show>
                </span>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
