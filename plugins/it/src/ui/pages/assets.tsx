import {
  Card,
  DateText,
  PageHeader,
  PrintLabels,
  ResourceList,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Asset } from '../../server/routes/assets.ts';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';

/** The assets: search or scan a tag (a single match opens it), status filter, sort, export, QR labels. */
export default function Assets() {
  const t = useT();
  const i18n = useI18n();
  const { tenant, can, api } = useTenant();
  // The vendors to filter by: parties of the address book with the vendor role.
  const [vendors] = createResource(
    () => can('tenant.parties.read'),
    async () =>
      (await api<{ items: { id: string; name: string }[] }>('/parties?role=vendor&limit=200&sort=name&dir=asc')).items,
  );
  const base = () => `/t/${tenant().slug}/it`;
  const newButton = () => (
    <Show when={can('it.assets.manage')}>
      <A class="btn btn-secondary" href={`${base()}/assets/import`}>
        {t('import')}
      </A>
      <A class="btn btn-primary" href={`${base()}/assets/new`}>
        {t('new')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('title')} description={t('subtitle')} actions={newButton()} />
      <Card padded={false}>
        <ResourceList<Asset>
          path="/it/assets"
          caption={t('title')}
          search={t('search')}
          scan
          defaultSort={{ key: 'createdAt', dir: 'desc' }}
          filters={[
            { name: 'status', label: t('status'), type: 'select', options: statusOptions(STATUSES, i18n.text) },
            ...((vendors() ?? []).length
              ? [
                  {
                    name: 'vendorId',
                    label: t('vendor'),
                    type: 'select' as const,
                    options: (vendors() ?? []).map((v) => ({ value: v.id, label: v.name })),
                  },
                ]
              : []),
          ]}
          empty={{ title: t('emptyTitle'), description: t('emptyText'), action: newButton() }}
          rowKey={(a) => a.id}
          rowLabel={(a) => a.tag}
          rowHref={(a) => `${base()}/assets/${a.id}`}
          bulkActions={(selected) => (
            <PrintLabels
              symbology="qrcode"
              items={selected.map((a) => ({ code: a.tag, title: a.name, subtitle: a.serialNumber ?? undefined }))}
            />
          )}
          columns={[
            {
              header: t('tag'),
              sort: 'tag',
              cell: (a) => (
                <A class="cell-primary mono" href={`${base()}/assets/${a.id}`}>
                  {a.tag}
                </A>
              ),
            },
            { header: t('name'), sort: 'name', cell: (a) => a.name },
            { header: t('category'), hideOnMobile: true, cell: (a) => a.category },
            { header: t('holder'), hideOnMobile: true, cell: (a) => a.holder ?? '' },
            {
              header: t('warrantyUntil'),
              sort: 'warrantyUntil',
              hideOnMobile: true,
              cell: (a) => <DateText value={a.warrantyUntil} />,
            },
            { header: t('status'), sort: 'status', cell: (a) => <StatusBadge status={a.status} statuses={STATUSES} /> },
          ]}
        />
      </Card>
    </div>
  );
}
