import { Card, EmptyState, ErrorState, LoadingState, PageHeader, useI18n, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { ErrorBoundary, For, Show, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { Icon } from '../icons.tsx';
import { widgetsOf } from '../plugins.ts';
import { session } from '../session.ts';
import { tenantState } from '../tenant-state.ts';
import { ProviderRequests } from './dashboard-requests.tsx';
import { SetupChecklist } from './dashboard-setup.tsx';

export default function Dashboard() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const widgets = () =>
    (tenantState.plugins.latest?.plugins ?? []).flatMap((p) =>
      widgetsOf(p, tenant().permissions).map((w) => ({ plugin: p, widget: w })),
    );
  const greeting = () => {
    const h = new Date().getHours();
    const part = h < 12 ? 'morning' : h < 18 ? 'afternoon' : 'evening';
    const first = session.me.latest?.user.name.split(' ')[0] ?? '';
    return i18n.t(`dashboard.greeting.${part}`, { name: first });
  };
  const base = () => `/t/${tenant().slug}`;
  return (
    <div class="page">
      <PageHeader title={greeting()} description={i18n.t('dashboard.subtitle', { tenant: tenant().name })} />
      <ProviderRequests />
      <SetupChecklist />
      <Show when={tenantState.plugins.loading && !tenantState.plugins.latest}>
        <div class="widget-grid">
          <Card>
            <LoadingState />
          </Card>
          <Card>
            <LoadingState />
          </Card>
        </div>
      </Show>
      <Show when={tenantState.plugins.latest}>
        <Show
          when={widgets().length > 0}
          fallback={
            <Card>
              <EmptyState
                title={i18n.t('dashboard.emptyTitle')}
                description={i18n.t(tenant().modules.length ? 'dashboard.emptyNoWidgets' : 'dashboard.emptyText')}
                action={
                  <Show when={can('tenant.modules.manage')}>
                    <A class="btn btn-primary" href={`${base()}/settings/modules`}>
                      <Icon name="modules" />
                      {i18n.t('dashboard.browseModules')}
                    </A>
                  </Show>
                }
              />
            </Card>
          }
        >
          <div class="widget-grid">
            <For each={widgets()}>
              {({ plugin, widget }) => (
                <Card
                  class={`widget span-${widget.span ?? 1}`}
                  title={i18n.text(widget.title)}
                  actions={<span class="widget-module">{i18n.text(plugin.title)}</span>}
                >
                  <ErrorBoundary fallback={(e, reset) => <ErrorState error={e} onRetry={reset} />}>
                    <Suspense fallback={<LoadingState rows={2} />}>
                      <Dynamic component={widget.component} />
                    </Suspense>
                  </ErrorBoundary>
                </Card>
              )}
            </For>
          </div>
        </Show>
      </Show>
      <div class="quick-grid">
        <Show when={tenant().kind === 'provider'}>
          <QuickLink
            href={`${base()}/clients`}
            icon="briefcase"
            title={i18n.t('nav.clients')}
            text={i18n.t('dashboard.quick.clients')}
          />
        </Show>
        <Show when={can('tenant.modules.manage')}>
          <QuickLink
            href={`${base()}/settings/modules`}
            icon="modules"
            title={i18n.t('settings.modules')}
            text={i18n.t('dashboard.quick.modules')}
          />
        </Show>
        <Show when={can('tenant.members.manage')}>
          <QuickLink
            href={`${base()}/settings/members`}
            icon="users"
            title={i18n.t('settings.members')}
            text={i18n.t('dashboard.quick.members')}
          />
        </Show>
        <Show when={can('tenant.billing.manage')}>
          <QuickLink
            href={`${base()}/settings/billing`}
            icon="card"
            title={i18n.t('settings.billing')}
            text={i18n.t('dashboard.quick.billing')}
          />
        </Show>
      </div>
    </div>
  );
}

function QuickLink(props: { href: string; icon: string; title: string; text: string }) {
  return (
    <A class="quick-link" href={props.href}>
      <span class="quick-icon">
        <Icon name={props.icon} size={18} />
      </span>
      <span>
        <span class="quick-title">{props.title}</span>
        <span class="quick-text">{props.text}</span>
      </span>
      <Icon name="arrowRight" class="quick-arrow" />
    </A>
  );
}
