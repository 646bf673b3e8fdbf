import { Card, unwrap, useI18n, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { client } from '../api/client.ts';
import { Icon } from '../icons.tsx';

/**
 * Providers asking for access, on the client's dashboard (not only in Settings → Providers), for
 * the people who may answer them.
 */
export function ProviderRequests() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const [pending] = createResource(
    () => (can('tenant.providers.manage') ? tenant().slug : false),
    async (slug) =>
      (await unwrap(client.api.t[':tenant'].providers.$get({ param: { tenant: slug }, query: { status: 'pending' } })))
        .engagements,
  );
  return (
    <Show when={(pending.latest ?? []).length > 0}>
      <Card title={i18n.t('dashboard.requestsTitle')} class="provider-requests">
        <ul class="plain-list">
          <For each={pending.latest ?? []}>
            {(e) => (
              <li class="row" data-request={e.provider.slug}>
                <Icon name="handshake" />
                <span class="grow">
                  {i18n.t('dashboard.requestText', { provider: e.provider.name, count: e.proposed.modules.length })}
                </span>
                <A class="btn btn-primary btn-sm" href={`/t/${tenant().slug}/settings/providers`}>
                  {i18n.t('dashboard.requestReview')}
                </A>
              </li>
            )}
          </For>
        </ul>
      </Card>
    </Show>
  );
}
