import { PageHeader, useI18n, useTenant } from '@bureau/core/ui';
import { A, type RouteSectionProps } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { Icon } from '../../icons.tsx';
import { canOpenSection, SETTINGS_SECTIONS } from '../../layout/shell.tsx';

export default function SettingsLayout(props: RouteSectionProps) {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  return (
    <div class="page">
      <PageHeader title={i18n.t('nav.settings')} description={i18n.t('settings.subtitle', { tenant: tenant().name })} />
      <nav class="tabs" aria-label={i18n.t('nav.settings')}>
        <For each={SETTINGS_SECTIONS}>
          {(s) => (
            <Show when={canOpenSection(can, s)}>
              <A href={`/t/${tenant().slug}/settings/${s.id}`} class="tab" activeClass="active">
                <Icon name={s.icon} />
                {i18n.t(`settings.${s.id}`)}
              </A>
            </Show>
          )}
        </For>
      </nav>
      <div class="settings-body">{props.children}</div>
    </div>
  );
}
