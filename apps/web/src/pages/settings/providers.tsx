import {
  Async,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  DateText,
  EmptyState,
  LoadingState,
  notify,
  type OkBody,
  problemMessage,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, type JSX, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { GrantPicker, type PickableModule, type Scope } from '../../components/grant-picker.tsx';
import { Icon } from '../../icons.tsx';
import { Monogram } from '../../layout/logo.tsx';

type ProvidersApi = (typeof client.api.t)[':tenant']['providers'];
type Engagement = OkBody<Awaited<ReturnType<ProvidersApi['$get']>>>['engagements'][number];
type Status = Engagement['status'];

const TONE: Record<Status, 'success' | 'warning' | 'neutral' | 'danger' | 'info'> = {
  pending: 'warning',
  active: 'success',
  declined: 'neutral',
  revoked: 'danger',
  ended: 'neutral',
};

/**
 * Settings → Providers (the client's side of DESIGN's engagements): every provider with access to
 * this firm, through which engagement, which teams and people, which modules and permissions, since
 * when; accept or decline an invitation, narrow what it covers, take a team out, revoke, and the
 * history of every change.
 */
export default function Providers() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const param = () => ({ tenant: tenant().slug });
  const [status, setStatus] = createSignal<'open' | 'all'>('open');
  const [engagements, { refetch, mutate }] = createResource(
    () => ({ slug: tenant().slug, status: status() }),
    async (p) =>
      (await unwrap(client.api.t[':tenant'].providers.$get({ param: { tenant: p.slug }, query: { status: p.status } })))
        .engagements,
  );
  const [modules] = createResource(
    param,
    async (p) => (await unwrap(client.api.t[':tenant'].modules.$get({ param: p }))).modules,
  );
  const [roles] = createResource(param, async (p) => unwrap(client.api.t[':tenant'].roles.$get({ param: p })));
  const manage = () => can('tenant.providers.manage');
  const moduleTitle = (id: string) => i18n.text(modules.latest?.find((m) => m.id === id)?.title) || id;
  const grantLabel = (g: string) => {
    if (g === '*') return i18n.t('providers.grantAll');
    if (g.endsWith('.*')) return i18n.t('providers.grantModule', { module: moduleTitle(g.slice(0, -2)) });
    const p = (roles.latest?.permissions as { key: string; label: { en: string; cs: string } }[] | undefined)?.find(
      (x) => x.key === g,
    );
    return p ? i18n.text(p.label) : g;
  };
  const replace = (e: Engagement) => mutate((list) => list?.map((x) => (x.id === e.id ? e : x)));

  return (
    <div class="stack">
      <div class="row">
        <p class="muted grow">{i18n.t('providers.intro')}</p>
        <fieldset class="segmented" aria-label={i18n.t('providers.show')}>
          <For each={['open', 'all'] as const}>
            {(s) => (
              <button type="button" class="segmented-item" aria-pressed={status() === s} onClick={() => setStatus(s)}>
                {i18n.t(`providers.${s}`)}
              </button>
            )}
          </For>
        </fieldset>
      </div>
      <Async
        resource={engagements}
        refetch={refetch}
        isEmpty={(l) => l.length === 0}
        empty={
          <Card>
            <EmptyState title={i18n.t('providers.noneTitle')} description={i18n.t('providers.noneText')} />
          </Card>
        }
      >
        {(list) => (
          <For each={list}>
            {(e) => (
              <EngagementCard
                engagement={e}
                manage={manage()}
                moduleTitle={moduleTitle}
                grantLabel={grantLabel}
                catalog={(modules.latest ?? []) as PickableModule[]}
                onChange={(updated) => {
                  replace(updated);
                  if (status() === 'open' && !['pending', 'active'].includes(updated.status)) refetch();
                }}
              />
            )}
          </For>
        )}
      </Async>
    </div>
  );
}

function EngagementCard(props: {
  engagement: Engagement;
  manage: boolean;
  moduleTitle: (id: string) => string;
  grantLabel: (g: string) => string;
  catalog: PickableModule[];
  onChange: (e: Engagement) => void;
}) {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const e = () => props.engagement;
  const param = () => ({ tenant: tenant().slug, id: e().id });
  const [editing, setEditing] = createSignal(false);
  const [scope, setScope] = createSignal<Scope>({ modules: [], grants: [] });
  const [confirm, setConfirm] = createSignal<'revoke' | 'decline' | { team: { id: string; name: string } } | null>(
    null,
  );
  const [busy, setBusy] = createSignal(false);
  const [showHistory, setShowHistory] = createSignal(false);
  const [history] = createResource(
    () => (showHistory() ? param() : false),
    async (p) => (await unwrap(client.api.t[':tenant'].providers[':id'].$get({ param: p }))).history,
  );
  const startEdit = () => {
    const current = e().status === 'pending' ? e().proposed : e();
    setScope({ modules: [...current.modules], grants: [...current.grants] });
    setEditing(true);
  };
  const save = async (accept: boolean) => {
    setBusy(true);
    try {
      const json = { modules: scope().modules, grants: scope().grants };
      const updated = accept
        ? await unwrap(client.api.t[':tenant'].providers[':id'].accept.$post({ param: param(), json }))
        : await unwrap(client.api.t[':tenant'].providers[':id'].$patch({ param: param(), json }));
      props.onChange(updated);
      setEditing(false);
      notify(i18n.t(accept ? 'providers.accepted' : 'providers.narrowed', { provider: e().provider.name }));
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };
  const acceptAsIs = async () => {
    setBusy(true);
    try {
      const updated = await unwrap(client.api.t[':tenant'].providers[':id'].accept.$post({ param: param(), json: {} }));
      props.onChange(updated);
      notify(i18n.t('providers.accepted', { provider: e().provider.name }));
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };
  const open = () => e().status === 'pending' || e().status === 'active';
  const people = () => e().teams.reduce((n, t) => n + t.people.length, 0);

  return (
    <Card
      class="engagement"
      title={
        <span class="person">
          <Monogram name={e().provider.name} size={30} />
          <span class="title-stack">
            <span class="cell-primary">{e().provider.name}</span>
            <span class="cell-secondary">
              {i18n.t(e().origin === 'created' ? 'providers.originCreated' : 'providers.originInvited')} ·{' '}
              <DateText value={e().respondedAt ?? e().createdAt} time />
            </span>
          </span>
        </span>
      }
      actions={<Badge tone={TONE[e().status]}>{i18n.t(`providers.status.${e().status}`)}</Badge>}
    >
      <div class="stack" data-engagement={e().id}>
        <Show when={e().status === 'pending'}>
          <div class="alert alert-warning">{i18n.t('providers.pendingText', { provider: e().provider.name })}</div>
        </Show>
        <dl class="engagement-facts">
          <Fact label={i18n.t('providers.modules')}>
            <div class="row">
              <For each={e().modules} fallback={<span class="muted">—</span>}>
                {(m) => <Badge tone="accent">{props.moduleTitle(m)}</Badge>}
              </For>
            </div>
          </Fact>
          <Fact label={i18n.t('providers.grants')}>
            <div class="row">
              <For each={e().grants} fallback={<span class="muted">—</span>}>
                {(g) => (
                  <span class="chip" title={g}>
                    {props.grantLabel(g)}
                  </span>
                )}
              </For>
            </div>
          </Fact>
          <Fact label={i18n.t('providers.people', { count: people() })}>
            <div class="stack-tight">
              <For each={e().teams} fallback={<span class="muted">{i18n.t('providers.noTeams')}</span>}>
                {(team) => (
                  <div class="team-row">
                    <div class="grow">
                      <span class="strong">{team.name}</span>
                      <span class="muted small"> · {team.grants.map(props.grantLabel).join(', ')}</span>
                      <div class="small">
                        <For each={team.people}>
                          {(p, i) => (
                            <span>
                              {i() > 0 ? ', ' : ''}
                              {p.name} <span class="muted">({p.email})</span>
                            </span>
                          )}
                        </For>
                      </div>
                    </div>
                    <Show when={props.manage && e().status === 'active'}>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setConfirm({ team: { id: team.id, name: team.name } })}
                      >
                        {i18n.t('providers.removeTeam')}
                      </Button>
                    </Show>
                  </div>
                )}
              </For>
            </div>
          </Fact>
        </dl>

        <Show when={editing()}>
          <div class="scope-editor">
            <p class="muted small">{i18n.t('providers.scopeHint')}</p>
            <GrantPicker
              name={`scope-${e().id}`}
              modules={props.catalog}
              value={scope()}
              onChange={setScope}
              legend={i18n.t('providers.modules')}
            />
            <div class="row end-row">
              <Button variant="ghost" onClick={() => setEditing(false)}>
                {i18n.t('common.cancel')}
              </Button>
              <Button variant="primary" loading={busy()} onClick={() => save(e().status === 'pending')}>
                {e().status === 'pending' ? i18n.t('providers.acceptThese') : i18n.t('common.save')}
              </Button>
            </div>
          </div>
        </Show>

        <div class="row">
          <Show when={props.manage && !editing()}>
            <Show when={e().status === 'pending'}>
              <Button variant="primary" loading={busy()} onClick={acceptAsIs} data-testid="accept-engagement">
                <Icon name="check" />
                {i18n.t('providers.accept')}
              </Button>
              <Button onClick={startEdit}>{i18n.t('providers.acceptNarrower')}</Button>
              <Button variant="ghost" onClick={() => setConfirm('decline')}>
                {i18n.t('providers.decline')}
              </Button>
            </Show>
            <Show when={e().status === 'active'}>
              <Button onClick={startEdit}>{i18n.t('providers.narrow')}</Button>
              <Button variant="danger" onClick={() => setConfirm('revoke')}>
                {i18n.t('providers.revoke')}
              </Button>
            </Show>
          </Show>
          <span class="spacer" />
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setShowHistory(!showHistory())}
            aria-expanded={showHistory()}
          >
            <Icon name="list" />
            {i18n.t(showHistory() ? 'providers.hideHistory' : 'providers.history')}
          </Button>
        </div>
        <Show when={!open() && e().endedAt}>
          <p class="muted small">
            {i18n.t(`providers.endedBy.${e().endedBy ?? 'client'}`)} <DateText value={e().endedAt} time />
          </p>
        </Show>

        <Show when={showHistory()}>
          <Show when={!history.loading} fallback={<LoadingState rows={2} />}>
            <ol class="history">
              <For each={history.latest ?? []}>
                {(h) => (
                  <li>
                    <span class="muted small">
                      <DateText value={h.at} time />
                    </span>
                    <span>
                      <strong>{historyLabel(h.action, i18n.t)}</strong>{' '}
                      <span class="muted">
                        · {h.actor.label} ({i18n.t(`providers.side.${h.side}`)})
                      </span>
                    </span>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </Show>
      </div>
      <ConfirmDialog
        open={confirm() !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={
          confirm() === 'revoke'
            ? i18n.t('providers.revokeTitle', { provider: e().provider.name })
            : confirm() === 'decline'
              ? i18n.t('providers.declineTitle', { provider: e().provider.name })
              : i18n.t('providers.removeTeamTitle', {
                  team: (confirm() as { team: { name: string } } | null)?.team?.name ?? '',
                })
        }
        description={
          confirm() === 'revoke'
            ? i18n.t('providers.revokeText')
            : confirm() === 'decline'
              ? i18n.t('providers.declineText')
              : i18n.t('providers.removeTeamText')
        }
        confirmLabel={
          confirm() === 'revoke'
            ? i18n.t('providers.revoke')
            : confirm() === 'decline'
              ? i18n.t('providers.decline')
              : i18n.t('providers.removeTeam')
        }
        danger
        onConfirm={async () => {
          const c = confirm();
          let updated: Engagement;
          if (c === 'revoke') {
            updated = await unwrap(client.api.t[':tenant'].providers[':id'].revoke.$post({ param: param() }));
            notify(i18n.t('providers.revoked', { provider: e().provider.name }));
          } else if (c === 'decline') {
            updated = await unwrap(client.api.t[':tenant'].providers[':id'].decline.$post({ param: param() }));
            notify(i18n.t('providers.declined', { provider: e().provider.name }));
          } else if (c) {
            updated = await unwrap(
              client.api.t[':tenant'].providers[':id'].teams[':teamId'].$delete({
                param: { ...param(), teamId: c.team.id },
              }),
            );
            notify(i18n.t('providers.teamRemoved', { team: c.team.name }));
          } else return;
          props.onChange(updated);
        }}
      />
    </Card>
  );
}

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div class="engagement-fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** "engagement.accepted" → "Accepted"; unknown actions show as they are. */
function historyLabel(action: string, t: (k: string) => string): string {
  const key = `providers.action.${action.replace(/^engagement\./, '')}`;
  const label = t(key);
  return label === key ? action : label;
}
