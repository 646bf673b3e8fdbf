import { createResource, createSignal, For, Show } from 'solid-js';
import { apiFetch } from './api.ts';
import { Badge, Button, EmptyState, ErrorState, LoadingState } from './components.tsx';
import { useI18n } from './i18n.tsx';
import { useKit } from './kit-messages.ts';
import { useTenant } from './tenant.tsx';

/** One row of GET /api/t/:tenant/audit (core/src/audit/routes.ts). */
export interface AuditEntry {
  id: string;
  seq: string;
  at: string;
  actor: { kind: 'user' | 'token' | 'system'; userId: string | null; tokenId: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  changes: string[];
  requestId: string | null;
  ip: string | null;
}

/** Who did it, in words: a user's e-mail, "API token · name", or "System". */
export function useAuditActor(): (e: AuditEntry) => string {
  const t = useKit();
  return (e) =>
    e.actor.kind === 'system'
      ? t('system')
      : e.actor.kind === 'token'
        ? `${t('apiToken')} · ${e.actor.label}`
        : e.actor.label;
}

/**
 * The audit trail of one record, newest first: when, who, what, which fields changed. Needs
 * `tenant.audit.read` (the detail page shows the tab only then).
 */
export function AuditTrail(props: { entityType: string; entityId: string }) {
  const t = useKit();
  const i18n = useI18n();
  const { tenant } = useTenant();
  const actor = useAuditActor();
  const [extra, setExtra] = createSignal<AuditEntry[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const fetchPage = (cursor?: string) =>
    apiFetch<{ entries: AuditEntry[]; nextCursor: string | null }>(
      `/api/t/${encodeURIComponent(tenant().slug)}/audit`,
      { query: { entityType: props.entityType, entityId: props.entityId, limit: 50, cursor } },
    );
  const [first, { refetch }] = createResource(
    () => `${tenant().slug}/${props.entityType}/${props.entityId}`,
    async () => {
      const p = await fetchPage();
      setExtra([]);
      setNext(p.nextCursor);
      return p.entries;
    },
  );
  const rows = () => [...(first.latest ?? []), ...extra()];
  const more = async () => {
    const c = next();
    if (!c) return;
    setBusy(true);
    try {
      const p = await fetchPage(c);
      setExtra((l) => [...l, ...p.entries]);
      setNext(p.nextCursor);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={!first.error} fallback={<ErrorState error={first.error} onRetry={() => void refetch()} />}>
      <Show when={first.state === 'ready' || first.state === 'refreshing'} fallback={<LoadingState />}>
        <Show when={rows().length > 0} fallback={<EmptyState title={t('historyEmpty')} />}>
          <ol class="audit-trail">
            <For each={rows()}>
              {(e) => (
                <li class="audit-item" data-action={e.action}>
                  <time class="audit-when num" dateTime={e.at}>
                    {i18n.dateTime(e.at)}
                  </time>
                  <div class="audit-what">
                    <Badge tone="accent">{e.action}</Badge>
                    <span class="audit-who">{actor(e)}</span>
                    <Show when={e.changes.length > 0}>
                      <span class="audit-changes">{t('changed', { fields: e.changes.join(', ') })}</span>
                    </Show>
                  </div>
                </li>
              )}
            </For>
          </ol>
          <Show when={next()}>
            <div class="load-more">
              <Button loading={busy()} onClick={() => void more()}>
                {t('loadMore')}
              </Button>
            </div>
          </Show>
        </Show>
      </Show>
    </Show>
  );
}
