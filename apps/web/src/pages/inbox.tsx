import {
  Badge,
  Button,
  Card,
  DateText,
  ErrorState,
  type ListColumn,
  type ListPage,
  LoadingState,
  notify,
  type OkBody,
  PageHeader,
  problemMessage,
  ResourceList,
  Segmented,
  SelectField,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import { client } from '../api/client.ts';
import { inboxState } from '../inbox-state.ts';

type InboxApi = (typeof client.api.t)[':tenant']['notifications'];
type Item = OkBody<Awaited<ReturnType<InboxApi['$get']>>>['items'][number];
type Topic = OkBody<Awaited<ReturnType<InboxApi['preferences']['$get']>>>['items'][number];
type Channel = 'inapp' | 'email' | 'off';

const TONE = { info: 'info', warning: 'warning', critical: 'danger' } as const;

/** The inbox: the caller's notifications in this workspace (mark read, mark all read) and what they receive. */
export default function Inbox() {
  const i18n = useI18n();
  const [params, setParams] = useSearchParams<{ tab?: string }>();
  const tab = () => (params.tab === 'settings' ? 'settings' : 'inbox');
  return (
    <div class="stack">
      <PageHeader title={i18n.t('inbox.title')} description={i18n.t('inbox.intro')} />
      <Segmented
        label={i18n.t('inbox.title')}
        value={tab()}
        onChange={(v) => setParams({ tab: v === 'settings' ? 'settings' : undefined })}
        options={[
          { value: 'inbox', label: i18n.t('inbox.tabInbox') },
          { value: 'settings', label: i18n.t('inbox.tabSettings') },
        ]}
      />
      <Show when={tab() === 'settings'} fallback={<Notifications />}>
        <Preferences />
      </Show>
    </div>
  );
}

function Notifications() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  let list: { refetch: () => void } | undefined;
  const [busy, setBusy] = createSignal(false);
  const [read, setRead] = createSignal<ReadonlySet<string>>(new Set());
  const isRead = (n: Item) => Boolean(n.readAt) || read().has(n.id);

  const load = async (q: Record<string, string>): Promise<ListPage<Item>> => {
    const page = await unwrap(
      client.api.t[':tenant'].notifications.$get({
        param: { tenant: tenant().slug },
        query: { filter: q.filter === 'unread' ? 'unread' : 'all', cursor: q.cursor, limit: q.limit },
      }),
    );
    inboxState.setUnread(page.unread);
    if (!q.cursor) setRead(new Set<string>());
    return page;
  };

  const markRead = async (n: Item) => {
    if (isRead(n)) return;
    try {
      const res = await unwrap(
        client.api.t[':tenant'].notifications[':id'].read.$post({ param: { tenant: tenant().slug, id: n.id } }),
      );
      setRead((s) => new Set([...s, n.id]));
      inboxState.setUnread(res.unread);
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    }
  };

  const markAll = async () => {
    setBusy(true);
    try {
      const res = await unwrap(
        client.api.t[':tenant'].notifications['read-all'].$post({ param: { tenant: tenant().slug } }),
      );
      inboxState.setUnread(res.unread);
      notify(i18n.t('inbox.markedAll', { count: res.marked }));
      list?.refetch();
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };

  // Headers follow the language; the list is loaded again in it (the server renders each text).
  createEffect(on(i18n.locale, () => list?.refetch(), { defer: true }));
  const columns = createMemo((): ListColumn<Item>[] => [
    {
      header: i18n.t('inbox.colNotification'),
      cell: (n) => (
        <div class="inbox-item" classList={{ unread: !isRead(n) }} data-testid="inbox-item">
          <Show when={n.link} fallback={<span class="inbox-title">{n.title}</span>}>
            {(link) => (
              <A class="inbox-title" href={`/t/${tenant().slug}${link()}`} onClick={() => void markRead(n)}>
                {n.title}
              </A>
            )}
          </Show>
          <Show when={n.body}>
            <span class="inbox-body">{n.body}</span>
          </Show>
        </div>
      ),
    },
    {
      header: i18n.t('inbox.colSeverity'),
      hideOnMobile: true,
      cell: (n) => <Badge tone={TONE[n.severity]}>{i18n.t(`inbox.severity.${n.severity}`)}</Badge>,
    },
    { header: i18n.t('inbox.colWhen'), hideOnMobile: true, cell: (n) => <DateText value={n.createdAt} time /> },
    {
      header: <span class="sr-only">{i18n.t('common.actions')}</span>,
      align: 'end',
      cell: (n) => (
        <Show when={!isRead(n)} fallback={<span class="muted">{i18n.t('inbox.read')}</span>}>
          <Button size="sm" variant="ghost" onClick={() => void markRead(n)} data-testid="mark-read">
            {i18n.t('inbox.markRead')}
          </Button>
        </Show>
      ),
    },
  ]);

  return (
    <ResourceList<Item>
      caption={i18n.t('inbox.title')}
      load={load}
      columns={columns()}
      rowKey={(n) => n.id}
      rowLabel={(n) => n.title}
      search={false}
      pageSize={25}
      filters={[
        {
          name: 'filter',
          label: i18n.t('inbox.show'),
          type: 'segmented',
          options: [{ value: 'unread', label: i18n.t('inbox.unreadOnly') }],
        },
      ]}
      toolbar={
        <Button
          size="sm"
          onClick={markAll}
          loading={busy()}
          disabled={!inboxState.unread()}
          data-testid="mark-all-read"
        >
          {i18n.t('inbox.markAll')}
        </Button>
      }
      empty={{ title: i18n.t('inbox.emptyTitle'), description: i18n.t('inbox.emptyText') }}
      ref={(api) => {
        list = api;
      }}
    />
  );
}

function Preferences() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [choices, setChoices] = createSignal<Record<string, Channel | null>>({});
  const [saving, setSaving] = createSignal(false);
  const [topics, { refetch, mutate }] = createResource(
    () => tenant().slug,
    async (slug) => {
      const body = await unwrap(client.api.t[':tenant'].notifications.preferences.$get({ param: { tenant: slug } }));
      setChoices({});
      return body.items;
    },
  );
  const current = (t: Topic) => (t.topic in choices() ? choices()[t.topic] : t.channel) ?? '';
  const channelLabel = (c: Channel) => i18n.t(`inbox.channel.${c}`);
  const defaultLabel = (t: Topic) =>
    t.defaultChannel
      ? i18n.t('inbox.channelDefault', { channel: channelLabel(t.defaultChannel) })
      : i18n.t('inbox.channelFollows');

  const save = async () => {
    setSaving(true);
    try {
      const body = await unwrap(
        client.api.t[':tenant'].notifications.preferences.$put({
          param: { tenant: tenant().slug },
          json: { preferences: choices() },
        }),
      );
      mutate(body.items);
      setChoices({});
      notify(i18n.t('inbox.saved'));
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={i18n.t('inbox.settingsTitle')}
      actions={
        <Button variant="primary" size="sm" onClick={save} loading={saving()} disabled={!Object.keys(choices()).length}>
          {i18n.t('common.save')}
        </Button>
      }
    >
      <Show when={!topics.error} fallback={<ErrorState error={topics.error} onRetry={refetch} />}>
        <Show when={topics.latest} fallback={<LoadingState />}>
          {(items) => (
            <div class="stack">
              <p class="muted">{i18n.t('inbox.settingsIntro')}</p>
              <For each={items()}>
                {(t) => (
                  <SelectField
                    label={
                      t.kind === 'severity'
                        ? i18n.t('inbox.severityTopic', { severity: i18n.text(t.label) })
                        : i18n.text(t.label)
                    }
                    name={`pref-${t.topic}`}
                    value={current(t)}
                    onChange={(v) => setChoices((c) => ({ ...c, [t.topic]: v === '' ? null : (v as Channel) }))}
                    options={[
                      { value: '', label: defaultLabel(t) },
                      ...(['inapp', 'email', 'off'] as const).map((c) => ({ value: c, label: channelLabel(c) })),
                    ]}
                  />
                )}
              </For>
            </div>
          )}
        </Show>
      </Show>
    </Card>
  );
}
