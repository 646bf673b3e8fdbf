import { EmptyState, useI18n, useTenant } from '@bureau/core/ui';
import { A, type RouteSectionProps, useLocation } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { useRecordsT } from './messages.ts';

const SECTIONS = [
  { path: '', key: 'tabSchedule', permission: 'tenant.records.read' },
  { path: '/holds', key: 'tabHolds', permission: 'tenant.records.read' },
  { path: '/disposal', key: 'tabDisposal', permission: 'tenant.records.read' },
  { path: '/requests', key: 'tabRequests', permission: 'tenant.privacy.manage' },
  { path: '/exports', key: 'tabExports', permission: 'tenant.records.export' },
  { path: '/rules', key: 'tabRules', permission: 'tenant.records.read' },
] as const;

/** Settings → Records: the records-management pages under one second row of tabs. */
export default function RecordsLayout(props: RouteSectionProps) {
  const t = useRecordsT();
  const { tenant, can } = useTenant();
  const i18n = useI18n();
  const location = useLocation();
  const base = () => `/t/${tenant().slug}/settings/records`;
  // A tab the caller may not open (a typed address, an old link) says so instead of failing on use.
  const current = createMemo(() => {
    const rest = location.pathname.slice(base().length);
    return SECTIONS.find((s) => s.path !== '' && (rest === s.path || rest.startsWith(`${s.path}/`))) ?? SECTIONS[0];
  });
  return (
    <div class="stack">
      <p class="muted">{t('intro')}</p>
      <nav class="tabs tabs-secondary" aria-label={t('tabSchedule')}>
        <For each={SECTIONS}>
          {(s) => (
            <Show when={can(s.permission)}>
              <A href={`${base()}${s.path}`} class="tab" activeClass="active" end={s.path === ''}>
                {t(s.key)}
              </A>
            </Show>
          )}
        </For>
      </nav>
      <Show
        when={can(current().permission)}
        fallback={
          <div data-testid="settings-no-access">
            <EmptyState
              title={i18n.t('settings.noAccessTitle', { section: t(current().key) })}
              description={i18n.t('settings.noAccessText')}
            />
          </div>
        }
      >
        {props.children}
      </Show>
    </div>
  );
}
