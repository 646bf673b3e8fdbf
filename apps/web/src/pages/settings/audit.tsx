import {
  Async,
  Badge,
  Button,
  Card,
  DataTable,
  EmptyState,
  Field,
  problemMessage,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { client } from '../../api/client.ts';
import type { AuditEntry, AuditPage, AuditVerify } from '../../api/types.ts';
import { Icon } from '../../icons.tsx';

interface Filters {
  actor: string;
  entityType: string;
  action: string;
  from: string;
  to: string;
}

export default function Audit() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [draft, setDraft] = createStore<Filters>({ actor: '', entityType: '', action: '', from: '', to: '' });
  const [filters, setFilters] = createSignal<Filters>({ ...draft });
  const [extra, setExtra] = createSignal<AuditEntry[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [open, setOpen] = createSignal<string | null>(null);

  const query = (f: Filters, cursor?: string) => {
    const q: Record<string, string> = {};
    if (f.actor) q.actor = f.actor;
    if (f.entityType) q.entityType = f.entityType;
    if (f.action) q.action = f.action;
    if (f.from) q.from = new Date(`${f.from}T00:00:00`).toISOString();
    if (f.to) q.to = new Date(`${f.to}T23:59:59.999`).toISOString();
    if (cursor) q.cursor = cursor;
    return q;
  };
  const fetchPage = (f: Filters, cursor?: string): Promise<AuditPage> =>
    unwrap(client.api.t[':tenant'].audit.$get({ param: { tenant: tenant().slug }, query: query(f, cursor) }));

  const [page, { refetch }] = createResource(filters, async (f) => {
    const p = await fetchPage(f);
    setExtra([]);
    setNext(p.nextCursor);
    return p.entries;
  });
  const rows = () => [...(page.latest ?? []), ...extra()];
  const more = async () => {
    const cursor = next();
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await fetchPage(filters(), cursor);
      setExtra((l) => [...l, ...p.entries]);
      setNext(p.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };

  const [verifyRun, setVerifyRun] = createSignal(0);
  const [verify] = createResource(
    () => verifyRun() || false,
    async (): Promise<AuditVerify> =>
      unwrap(client.api.t[':tenant'].audit.verify.$get({ param: { tenant: tenant().slug } })),
  );
  const brokenId = (v: AuditVerify) => v.broken?.id ?? `#${v.broken?.seq ?? '?'}`;

  const actorText = (e: AuditEntry) =>
    e.actor.kind === 'system'
      ? i18n.t('audit.system')
      : e.actor.kind === 'token'
        ? `${i18n.t('audit.apiToken')} · ${e.actor.label}`
        : e.actor.label;

  return (
    <div class="stack">
      <Card
        title={i18n.t('audit.chainTitle')}
        actions={
          <Button size="sm" loading={verify.loading} onClick={() => setVerifyRun((n) => n + 1)}>
            <Icon name="shield" />
            {i18n.t('audit.verify')}
          </Button>
        }
      >
        <Switch fallback={<p class="muted">{i18n.t('audit.chainText')}</p>}>
          <Match when={verify.loading}>
            <p class="muted" role="status">
              {i18n.t('audit.verifying')}
            </p>
          </Match>
          <Match when={verify.error}>
            <div class="alert alert-danger" role="alert">
              {problemMessage(verify.error, i18n.t)}
            </div>
          </Match>
          <Match when={verify()}>
            {(v) => (
              <Show
                when={v().ok}
                fallback={
                  <div class="alert alert-danger" role="alert" data-testid="audit-verify">
                    {i18n.t('audit.broken', { id: brokenId(v()) })}
                  </div>
                }
              >
                <div class="alert alert-success" role="status" data-testid="audit-verify">
                  {i18n.t('audit.intact', { count: v().checked ?? 0 })}
                </div>
              </Show>
            )}
          </Match>
        </Switch>
      </Card>
      <Card title={i18n.t('audit.title')} padded={false}>
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters({ ...draft });
          }}
        >
          <Field
            label={i18n.t('audit.actor')}
            name="actor"
            value={draft.actor}
            onChange={(v) => setDraft('actor', v)}
          />
          <Field
            label={i18n.t('audit.entity')}
            name="entityType"
            value={draft.entityType}
            onChange={(v) => setDraft('entityType', v)}
          />
          <Field
            label={i18n.t('audit.action')}
            name="action"
            value={draft.action}
            onChange={(v) => setDraft('action', v)}
            placeholder="member.*"
          />
          <Field
            label={i18n.t('audit.from')}
            name="from"
            type="date"
            value={draft.from}
            onChange={(v) => setDraft('from', v)}
          />
          <Field
            label={i18n.t('audit.to')}
            name="to"
            type="date"
            value={draft.to}
            onChange={(v) => setDraft('to', v)}
          />
          <div class="filters-actions">
            <Button type="submit" variant="primary">
              {i18n.t('audit.apply')}
            </Button>
          </div>
        </form>
        <Async
          resource={page}
          refetch={refetch}
          isEmpty={() => rows().length === 0}
          empty={<EmptyState title={i18n.t('audit.noneTitle')} description={i18n.t('audit.noneText')} />}
        >
          {() => (
            <>
              <DataTable
                caption={i18n.t('audit.title')}
                rows={rows()}
                rowKey={(e) => e.id}
                onRowClick={(e) => setOpen(open() === e.id ? null : e.id)}
                columns={[
                  {
                    header: i18n.t('audit.when'),
                    cell: (e) => (
                      <span class="num" title={e.at}>
                        {i18n.dateTime(e.at)}
                      </span>
                    ),
                  },
                  { header: i18n.t('audit.actor'), cell: (e) => actorText(e) },
                  { header: i18n.t('audit.action'), cell: (e) => <Badge tone="accent">{e.action}</Badge> },
                  {
                    header: i18n.t('audit.entity'),
                    hideOnMobile: true,
                    cell: (e) => (
                      <div>
                        <div>{e.entityType}</div>
                        <Show when={open() === e.id}>
                          <pre class="diff">
                            {JSON.stringify(
                              {
                                changes: e.changes,
                                before: e.before,
                                after: e.after,
                                requestId: e.requestId,
                                ip: e.ip,
                              },
                              null,
                              2,
                            )}
                          </pre>
                        </Show>
                      </div>
                    ),
                  },
                ]}
              />
              <Show when={next()}>
                <div class="load-more">
                  <Button loading={loadingMore()} onClick={more}>
                    {i18n.t('audit.loadMore')}
                  </Button>
                </div>
              </Show>
            </>
          )}
        </Async>
      </Card>
    </div>
  );
}
