import { useTenant } from '@bureau/core/ui';
import { A, type RouteSectionProps } from '@solidjs/router';
import { For, Show } from 'solid-js';
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
  const base = () => `/t/${tenant().slug}/settings/records`;
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
      {props.children}
    </div>
  );
}
