import { EmptyState, PageHeader, useI18n, useTenant } from '@bureau/core/ui';
import { A, Navigate, type RouteSectionProps, useLocation } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { Icon } from '../../icons.tsx';
import { canOpenSection, SETTINGS_SECTIONS } from '../../layout/shell.tsx';

/**
 * Settings: the tabs the caller may open, and only those. A section the caller may not use (an old
 * link, a typed address) says so instead of showing controls that would fail on click.
 */
export default function SettingsLayout(props: RouteSectionProps) {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const location = useLocation();
  const open = createMemo(() => SETTINGS_SECTIONS.filter((s) => canOpenSection(can, s)));
  const base = () => `/t/${tenant().slug}/settings`;
  const section = createMemo(() => {
    const rest = location.pathname.slice(base().length).replace(/^\//, '');
    return rest.split('/')[0] ?? '';
  });
  const known = (id: string) => SETTINGS_SECTIONS.find((s) => s.id === id);
  const allowed = () => {
    const s = known(section());
    return !s || canOpenSection(can, s);
  };
  // Whoever may change something sees "Manage …"; the rest a description of what they find here.
  const manages = () => can('tenant.settings.manage') || can('tenant.modules.manage') || can('tenant.members.manage');
  return (
    <div class="page">
      <PageHeader
        title={i18n.t('nav.settings')}
        description={i18n.t(manages() ? 'settings.subtitle' : 'settings.subtitleMember', { tenant: tenant().name })}
      />
      <nav class="tabs" aria-label={i18n.t('nav.settings')}>
        <For each={open()}>
          {(s) => (
            <A href={`${base()}/${s.id}`} class="tab" activeClass="active" data-section={s.id}>
              <Icon name={s.icon} />
              {i18n.t(`settings.${s.id}`)}
            </A>
          )}
        </For>
      </nav>
      <div class="settings-body">
        <Show when={section() !== ''} fallback={<Navigate href={`${base()}/${open()[0]?.id ?? 'security'}`} />}>
          <Show
            when={allowed()}
            fallback={
              <div data-testid="settings-no-access">
                <EmptyState
                  title={i18n.t('settings.noAccessTitle', { section: i18n.t(`settings.${section()}`) })}
                  description={i18n.t('settings.noAccessText')}
                  action={
                    <A class="btn btn-secondary" href={`${base()}/${open()[0]?.id ?? 'security'}`}>
                      {i18n.t('settings.noAccessBack')}
                    </A>
                  }
                />
              </div>
            }
          >
            {props.children}
          </Show>
        </Show>
      </div>
    </div>
  );
}
