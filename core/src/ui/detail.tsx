import { Tabs } from '@kobalte/core/tabs';
import { A, useSearchParams } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { Attachments } from './attachments.tsx';
import { AuditTrail } from './audit-trail.tsx';
import { useKit } from './kit-messages.ts';
import { useTenant } from './tenant.tsx';

export interface DetailTab {
  id: string;
  label: string;
  content: () => JSX.Element;
}

/**
 * The page of one record: a back link, the title with its status and actions, and tabs — the
 * record's own (overview first), then its attachments and its history (audit trail) when the user
 * may see them. The open tab is in the URL (`?tab=`), so reload and links keep it.
 */
export function DetailPage(props: {
  title: JSX.Element;
  subtitle?: JSX.Element;
  status?: JSX.Element;
  back?: { href: string; label?: string };
  actions?: JSX.Element;
  /**
   * The record as core knows it (`<module>.<entity>`, id): adds the Attachments and History tabs
   * (`attachments: false` for a record that carries no files, such as core's own).
   */
  entity?: { type: string; id: string; retentionClass?: string; attachments?: boolean };
  tabs: DetailTab[];
}) {
  const t = useKit();
  const { can } = useTenant();
  const [params, setParams] = useSearchParams<{ tab?: string }>();
  const tabs = (): DetailTab[] => {
    const list = [...props.tabs];
    const e = props.entity;
    if (e && e.attachments !== false && can('tenant.records.read')) {
      list.push({
        id: 'attachments',
        label: t('attachments'),
        content: () => (
          <Attachments
            entityType={e.type}
            entityId={e.id}
            {...(e.retentionClass ? { retentionClass: e.retentionClass } : {})}
          />
        ),
      });
    }
    if (e && can('tenant.audit.read')) {
      list.push({
        id: 'history',
        label: t('history'),
        content: () => <AuditTrail entityType={e.type} entityId={e.id} />,
      });
    }
    return list;
  };
  const current = () => {
    const asked = typeof params.tab === 'string' ? params.tab : '';
    return tabs().some((x) => x.id === asked) ? asked : (tabs()[0]?.id ?? '');
  };
  return (
    <div class="page detail-page">
      <Show when={props.back}>
        {(b) => (
          <A class="back-link" href={b().href}>
            <svg
              width="14"
              height="14"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              stroke-width="1.75"
              aria-hidden="true"
            >
              <path d="M19 12H5M11 6l-6 6 6 6" />
            </svg>
            {b().label ?? t('back')}
          </A>
        )}
      </Show>
      <header class="page-header detail-header">
        <div class="detail-heading">
          <div class="row">
            <h1 class="page-title">{props.title}</h1>
            {props.status}
          </div>
          <Show when={props.subtitle}>
            <p class="page-description">{props.subtitle}</p>
          </Show>
        </div>
        <Show when={props.actions}>
          <div class="page-actions">{props.actions}</div>
        </Show>
      </header>
      <Show when={tabs().length > 1} fallback={tabs()[0]?.content()}>
        <Tabs
          value={current()}
          onChange={(v) => setParams({ tab: v === tabs()[0]?.id ? undefined : v }, { replace: true })}
          class="detail-tabs"
        >
          <Tabs.List class="tabs-list">
            <For each={tabs()}>
              {(tab) => (
                <Tabs.Trigger class="tabs-trigger" value={tab.id}>
                  {tab.label}
                </Tabs.Trigger>
              )}
            </For>
            <Tabs.Indicator class="tabs-indicator" />
          </Tabs.List>
          <For each={tabs()}>
            {(tab) => (
              <Tabs.Content class="tabs-content" value={tab.id}>
                {tab.content()}
              </Tabs.Content>
            )}
          </For>
        </Tabs>
      </Show>
    </div>
  );
}
