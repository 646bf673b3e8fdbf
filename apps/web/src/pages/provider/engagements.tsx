import {
  Async,
  AsyncTable,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  createForm,
  DateText,
  EmptyState,
  Field,
  FormError,
  LoadingState,
  notify,
  type OkBody,
  PageHeader,
  problemMessage,
  SelectField,
  StackedCell,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import type { Member } from '../../api/types.ts';
import { GrantPicker, type PickableModule, type Scope } from '../../components/grant-picker.tsx';
import { Icon } from '../../icons.tsx';
import { slugify } from '../../slug.ts';

type TenantApi = (typeof client.api.t)[':tenant'];
type Team = OkBody<Awaited<ReturnType<TenantApi['teams']['$get']>>>['teams'][number];
type Engagement = OkBody<Awaited<ReturnType<TenantApi['clients']['$get']>>>['engagements'][number];
type Status = Engagement['status'];

const TONE: Record<Status, 'success' | 'warning' | 'neutral' | 'danger'> = {
  pending: 'warning',
  active: 'success',
  declined: 'neutral',
  revoked: 'danger',
  ended: 'neutral',
};

/**
 * The provider's side of engagements (docs/providers.md): teams and their people, inviting an existing
 * client or creating a client workspace on its behalf, every engagement with its status and history,
 * each team's grants inside a client, and ending an engagement.
 */
export default function Engagements() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const param = () => ({ tenant: tenant().slug });
  const manage = () => can('tenant.clients.manage');
  const [status, setStatus] = createSignal<'open' | 'all'>('open');

  const [teams, { refetch: refetchTeams }] = createResource(
    param,
    async (p) => (await unwrap(client.api.t[':tenant'].teams.$get({ param: p }))).teams,
  );
  const [engagements, { refetch: refetchEngagements }] = createResource(
    () => ({ tenant: tenant().slug, status: status() }),
    async (p) =>
      (await unwrap(client.api.t[':tenant'].clients.$get({ param: { tenant: p.tenant }, query: { status: p.status } })))
        .engagements,
  );
  const [members] = createResource(param, async (p): Promise<Member[]> => {
    const res: { members: Member[] } = await unwrap(client.api.t[':tenant'].members.$get({ param: p }));
    return res.members;
  });
  const [modules] = createResource(
    param,
    async (p) => (await unwrap(client.api.t[':tenant'].modules.$get({ param: p }))).modules,
  );
  const moduleTitle = (id: string) => i18n.text(modules.latest?.find((m) => m.id === id)?.title) || id;
  const refetchAll = () => {
    refetchTeams();
    refetchEngagements();
  };

  const [selected, setSelected] = createSignal<string | null>(null);
  const [ending, setEnding] = createSignal<Engagement | null>(null);
  const [deletingTeam, setDeletingTeam] = createSignal<Team | null>(null);

  return (
    <div class="page">
      <PageHeader
        title={i18n.t('engagements.title')}
        description={i18n.t('engagements.subtitle', { provider: tenant().name })}
      />
      <div class="stack">
        <Card
          title={i18n.t('engagements.listTitle')}
          padded={false}
          actions={
            <select
              class="input select input-sm auto"
              aria-label={i18n.t('engagements.statusFilter')}
              value={status()}
              onChange={(e) => setStatus(e.currentTarget.value as 'open' | 'all')}
            >
              <option value="open">{i18n.t('engagements.filter.open')}</option>
              <option value="all">{i18n.t('engagements.filter.all')}</option>
            </select>
          }
        >
          <AsyncTable
            resource={engagements}
            refetch={refetchEngagements}
            empty={<EmptyState title={i18n.t('engagements.noneTitle')} description={i18n.t('engagements.noneText')} />}
            caption={i18n.t('engagements.listTitle')}
            rowKey={(e) => e.id}
            columns={[
              {
                header: i18n.t('clients.client'),
                cell: (e) => <StackedCell primary={e.client.name} secondary={e.client.slug} />,
              },
              {
                header: i18n.t('engagements.status'),
                cell: (e) => (
                  <Badge tone={TONE[e.status]}>
                    <span data-status={e.status}>{i18n.t(`engagements.status.${e.status}`)}</span>
                  </Badge>
                ),
              },
              {
                header: i18n.t('clients.modules'),
                hideOnMobile: true,
                cell: (e) => (
                  <div class="row">
                    <For
                      each={e.modules.length ? e.modules : e.proposed.modules}
                      fallback={<span class="muted">—</span>}
                    >
                      {(m) => <Badge>{moduleTitle(m)}</Badge>}
                    </For>
                  </div>
                ),
              },
              {
                header: i18n.t('engagements.teams'),
                hideOnMobile: true,
                cell: (e) => <span class="muted">{e.teams.map((t) => t.name).join(', ') || '—'}</span>,
              },
              {
                header: i18n.t('engagements.created'),
                hideOnMobile: true,
                cell: (e) => <DateText value={e.createdAt} />,
              },
              {
                header: <span class="sr-only">{i18n.t('common.actions')}</span>,
                align: 'end',
                cell: (e) => (
                  <div class="row end-row">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-expanded={selected() === e.id}
                      onClick={() => setSelected(selected() === e.id ? null : e.id)}
                      data-engagement={e.client.slug}
                    >
                      {i18n.t(selected() === e.id ? 'engagements.hideDetails' : 'engagements.details')}
                    </Button>
                    <Show when={manage() && (e.status === 'pending' || e.status === 'active')}>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setEnding(e)}
                        aria-label={i18n.t(e.status === 'pending' ? 'engagements.withdrawX' : 'engagements.endX', {
                          client: e.client.name,
                        })}
                      >
                        {i18n.t(e.status === 'pending' ? 'engagements.withdraw' : 'engagements.end')}
                      </Button>
                    </Show>
                  </div>
                ),
              },
            ]}
          />
        </Card>

        <Show when={selected()}>
          {(id) => (
            <EngagementDetail
              id={id()}
              teams={teams.latest ?? []}
              manage={manage()}
              moduleTitle={moduleTitle}
              catalog={(modules.latest ?? []) as PickableModule[]}
              onChanged={refetchAll}
              onClose={() => setSelected(null)}
            />
          )}
        </Show>

        <Show when={manage()}>
          <AddClient
            teams={teams.latest ?? []}
            modules={(modules.latest ?? []) as PickableModule[]}
            onAdded={refetchAll}
          />
        </Show>

        <Card title={i18n.t('engagements.teamsTitle')} padded={false}>
          <Show when={manage()}>
            <NewTeam onCreated={refetchTeams} />
          </Show>
          <Async
            resource={teams}
            refetch={refetchTeams}
            isEmpty={(l) => l.length === 0}
            empty={<EmptyState title={i18n.t('engagements.noTeams')} description={i18n.t('engagements.noTeamsText')} />}
          >
            {(list) => (
              <ul class="team-list">
                <For each={list}>
                  {(team) => (
                    <TeamItem
                      team={team}
                      members={members.latest ?? []}
                      manage={manage()}
                      onChanged={refetchTeams}
                      onDelete={() => setDeletingTeam(team)}
                    />
                  )}
                </For>
              </ul>
            )}
          </Async>
        </Card>
      </div>

      <ConfirmDialog
        open={ending() !== null}
        onOpenChange={(o) => !o && setEnding(null)}
        title={i18n.t('engagements.endTitle', { client: ending()?.client.name ?? '' })}
        description={i18n.t('engagements.endText')}
        confirmLabel={i18n.t(ending()?.status === 'pending' ? 'engagements.withdraw' : 'engagements.end')}
        danger
        onConfirm={async () => {
          const e = ending();
          if (!e) return;
          await unwrap(client.api.t[':tenant'].clients[':id'].end.$post({ param: { ...param(), id: e.id } }));
          notify(i18n.t('engagements.ended', { client: e.client.name }));
          refetchAll();
        }}
      />
      <ConfirmDialog
        open={deletingTeam() !== null}
        onOpenChange={(o) => !o && setDeletingTeam(null)}
        title={i18n.t('engagements.deleteTeamTitle', { team: deletingTeam()?.name ?? '' })}
        description={i18n.t('engagements.deleteTeamText')}
        confirmLabel={i18n.t('common.delete')}
        danger
        onConfirm={async () => {
          const t = deletingTeam();
          if (!t) return;
          await unwrap(client.api.t[':tenant'].teams[':id'].$delete({ param: { ...param(), id: t.id } }));
          notify(i18n.t('engagements.teamDeleted', { team: t.name }));
          refetchAll();
        }}
      />
    </div>
  );
}

function NewTeam(props: { onCreated: () => void }) {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const form = createForm({
    initial: { name: '' },
    validate: (v) => ({ name: v.name.trim() ? undefined : i18n.t('engagements.required') }),
    onSubmit: async (v) => {
      const t = await unwrap(
        client.api.t[':tenant'].teams.$post({ param: { tenant: tenant().slug }, json: { name: v.name.trim() } }),
      );
      form.set('name', '');
      notify(i18n.t('engagements.teamCreated', { team: t.name }));
      props.onCreated();
    },
  });
  return (
    <div class="card-body">
      <form class="invite-form" onSubmit={form.submit} noValidate>
        <Field
          class="grow"
          label={i18n.t('engagements.teamName')}
          name="name"
          value={form.values.name}
          onChange={(v) => form.set('name', v)}
          error={form.error('name')}
          placeholder={i18n.t('engagements.teamNamePlaceholder')}
          required
        />
        <Button type="submit" variant="primary" loading={form.submitting()}>
          <Icon name="plus" />
          {i18n.t('engagements.createTeam')}
        </Button>
      </form>
      <FormError error={form.failure()} />
    </div>
  );
}

function TeamItem(props: {
  team: Team;
  members: Member[];
  manage: boolean;
  onChanged: () => void;
  onDelete: () => void;
}) {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [adding, setAdding] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const candidates = () =>
    props.members.filter((m) => m.userId && !props.team.members.some((p) => p.userId === m.userId));
  const param = (userId: string) => ({ tenant: tenant().slug, id: props.team.id, userId });
  const add = async () => {
    const userId = adding();
    if (!userId) return;
    setBusy(true);
    try {
      await unwrap(client.api.t[':tenant'].teams[':id'].members[':userId'].$put({ param: param(userId) }));
      setAdding('');
      notify(i18n.t('engagements.memberAdded', { team: props.team.name }));
      props.onChanged();
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };
  const remove = async (userId: string, name: string) => {
    try {
      await unwrap(client.api.t[':tenant'].teams[':id'].members[':userId'].$delete({ param: param(userId) }));
      notify(i18n.t('engagements.memberRemoved', { name, team: props.team.name }));
      props.onChanged();
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    }
  };
  return (
    <li class="card-body team-item" data-team={props.team.name}>
      <div class="row">
        <strong class="grow">{props.team.name}</strong>
        <span class="muted small">
          {i18n.t('engagements.worksFor')}{' '}
          {props.team.engagements.map((e) => e.client.name).join(', ') || i18n.t('engagements.nobody')}
        </span>
        <Show when={props.manage}>
          <Button
            size="sm"
            variant="ghost"
            onClick={props.onDelete}
            aria-label={i18n.t('engagements.deleteTeamX', { team: props.team.name })}
          >
            <Icon name="trash" />
          </Button>
        </Show>
      </div>
      <ul class="plain-list">
        <For each={props.team.members} fallback={<li class="muted small">{i18n.t('engagements.noPeople')}</li>}>
          {(p) => (
            <li class="row">
              <span class="grow">
                {p.name} <span class="muted small">{p.email}</span>
              </span>
              <Show when={props.manage}>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => remove(p.userId, p.name)}
                  aria-label={i18n.t('engagements.removeMemberX', { name: p.name, team: props.team.name })}
                >
                  {i18n.t('engagements.removeMember')}
                </Button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.manage && candidates().length > 0}>
        <div class="row">
          <select
            class="input select input-sm auto"
            aria-label={i18n.t('engagements.addMemberTo', { team: props.team.name })}
            value={adding()}
            onChange={(e) => setAdding(e.currentTarget.value)}
          >
            <option value="">{i18n.t('engagements.choosePerson')}</option>
            <For each={candidates()}>{(m) => <option value={m.userId}>{m.name || m.email}</option>}</For>
          </select>
          <Button size="sm" onClick={add} loading={busy()} disabled={!adding()}>
            <Icon name="plus" />
            {i18n.t('engagements.addMember')}
          </Button>
        </div>
      </Show>
    </li>
  );
}

/** What the provider typed: an e-mail, an IČO (8 digits) or a workspace address. */
function clientRef(text: string): { email: string } | { ico: string } | { slug: string } {
  const v = text.trim();
  if (v.includes('@')) return { email: v };
  if (/^\d[\d ]{5,9}$/.test(v)) return { ico: v.replace(/\s/g, '') };
  return { slug: v.toLowerCase() };
}

function AddClient(props: { teams: Team[]; modules: PickableModule[]; onAdded: () => void }) {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [link, setLink] = createSignal<{ email: string; link: string } | null>(null);
  const [slugTouched, setSlugTouched] = createSignal(false);
  const form = createForm({
    initial: {
      mode: 'existing' as 'existing' | 'new',
      slug: '',
      name: '',
      newSlug: '',
      country: 'CZ',
      ownerEmail: '',
      scope: { modules: [], grants: [] } as Scope,
      teamId: '',
    },
    validate: (v) => ({
      'client.slug': v.mode === 'existing' && !v.slug.trim() ? i18n.t('engagements.required') : undefined,
      'newClient.name': v.mode === 'new' && !v.name.trim() ? i18n.t('engagements.required') : undefined,
      'newClient.slug': v.mode === 'new' && !v.newSlug.trim() ? i18n.t('engagements.required') : undefined,
      'newClient.ownerEmail': v.mode === 'new' && !v.ownerEmail.trim() ? i18n.t('engagements.required') : undefined,
      modules: v.scope.modules.length === 0 ? i18n.t('engagements.chooseModule') : undefined,
    }),
    onSubmit: async (v) => {
      const grants = [...v.scope.grants];
      const teams = v.teamId ? [{ teamId: v.teamId, grants }] : [];
      const scope = { modules: [...v.scope.modules], grants, teams };
      const res = await unwrap(
        client.api.t[':tenant'].clients.$post({
          param: { tenant: tenant().slug },
          json:
            v.mode === 'existing'
              ? { ...scope, client: clientRef(v.slug) }
              : {
                  ...scope,
                  newClient: {
                    name: v.name.trim(),
                    slug: v.newSlug.trim(),
                    country: v.country.trim().toUpperCase(),
                    ownerEmail: v.ownerEmail.trim(),
                  },
                },
        }),
      );
      setLink(res.invitation ? { email: res.invitation.email, link: res.invitation.link } : null);
      notify(
        i18n.t(res.invitation ? 'engagements.clientCreated' : 'engagements.clientInvited', {
          client: res.engagement.client.name,
        }),
      );
      // A new client's modules its plan includes are on at once; a priced add-on waits for its owner.
      const waiting = res.modules?.leftForOwner ?? [];
      if (waiting.length) {
        const title = (id: string) => i18n.text(props.modules.find((m) => m.id === id)?.title) || id;
        notify(
          i18n.t('engagements.modulesLeftForOwner', {
            client: res.engagement.client.name,
            modules: waiting.map(title).join(', '),
            count: waiting.length,
          }),
        );
      }
      form.set({ slug: '', name: '', newSlug: '', ownerEmail: '' });
      setSlugTouched(false);
      props.onAdded();
    },
  });

  return (
    <Card title={i18n.t('engagements.addTitle')}>
      <form class="stack" onSubmit={form.submit} noValidate>
        <fieldset class="perm-group">
          <legend class="perm-group-head">{i18n.t('engagements.whichClient')}</legend>
          <div class="perm-items compact">
            <label class="check">
              <input
                type="radio"
                name="mode"
                checked={form.values.mode === 'existing'}
                onChange={() => form.set('mode', 'existing')}
              />
              <span>{i18n.t('engagements.modeExisting')}</span>
            </label>
            <label class="check">
              <input
                type="radio"
                name="mode"
                checked={form.values.mode === 'new'}
                onChange={() => form.set('mode', 'new')}
              />
              <span>{i18n.t('engagements.modeNew')}</span>
            </label>
          </div>
        </fieldset>
        <Show
          when={form.values.mode === 'new'}
          fallback={
            <Field
              label={i18n.t('engagements.clientRef')}
              name="slug"
              value={form.values.slug}
              onChange={(v) => form.set('slug', v)}
              error={
                form.error('client.slug') ??
                form.error('client.email') ??
                form.error('client.ico') ??
                form.error('client')
              }
              description={i18n.t('engagements.clientRefHint')}
              placeholder="jana@firma.cz"
              required
            />
          }
        >
          <div class="form-grid">
            <Field
              label={i18n.t('engagements.clientName')}
              name="name"
              value={form.values.name}
              onChange={(v) => {
                form.set('name', v);
                if (!slugTouched()) form.set('newSlug', slugify(v));
              }}
              error={form.error('newClient.name') ?? form.error('client')}
              required
            />
            <Field
              label={i18n.t('engagements.clientAddress')}
              name="newSlug"
              value={form.values.newSlug}
              onChange={(v) => {
                setSlugTouched(true);
                form.set('newSlug', v);
              }}
              error={form.error('newClient.slug')}
              placeholder="acme"
              required
            />
            <Field
              label={i18n.t('engagements.country')}
              name="country"
              value={form.values.country}
              onChange={(v) => form.set('country', v)}
              error={form.error('newClient.country')}
              placeholder="CZ"
              required
            />
            <Field
              label={i18n.t('engagements.ownerEmail')}
              name="ownerEmail"
              type="email"
              value={form.values.ownerEmail}
              onChange={(v) => form.set('ownerEmail', v)}
              error={form.error('newClient.ownerEmail')}
              description={i18n.t('engagements.ownerEmailHint')}
              required
            />
          </div>
        </Show>
        <div aria-describedby="engagement-modules-error">
          <GrantPicker
            name="new-engagement"
            modules={props.modules}
            value={form.values.scope}
            onChange={(scope) => form.set('scope', scope)}
            legend={i18n.t('clients.modules')}
          />
          <Show when={form.error('modules') ?? form.error('grants') ?? form.error('teams.0.grants')}>
            <p class="field-error" id="engagement-modules-error" role="alert">
              {form.error('modules') ?? form.error('grants') ?? form.error('teams.0.grants')}
            </p>
          </Show>
        </div>
        <div class="form-grid">
          <SelectField
            label={i18n.t('engagements.team')}
            name="teamId"
            value={form.values.teamId}
            onChange={(v) => form.set('teamId', v)}
            options={[
              { value: '', label: i18n.t('engagements.noTeamYet') },
              ...props.teams.map((t) => ({ value: t.id, label: t.name })),
            ]}
            error={form.error('teams') ?? form.error('teams.0.teamId')}
          />
        </div>
        <Show when={!form.values.teamId}>
          <p class="muted small">{i18n.t('engagements.whoWorks')}</p>
        </Show>
        <FormError error={form.failure()} />
        <div class="row end-row">
          <Button type="submit" variant="primary" loading={form.submitting()}>
            <Icon name="handshake" />
            {i18n.t(form.values.mode === 'new' ? 'engagements.create' : 'engagements.invite')}
          </Button>
        </div>
      </form>
      <Show when={link()}>
        {(l) => (
          <div class="secret-box" role="status">
            <div>
              <strong>{i18n.t('members.linkTitle', { email: l().email })}</strong>
              <p class="muted">{i18n.t('members.linkText')}</p>
            </div>
            <input
              class="input mono"
              readonly
              value={l().link}
              aria-label={i18n.t('members.inviteLink')}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        )}
      </Show>
    </Card>
  );
}

function EngagementDetail(props: {
  id: string;
  teams: Team[];
  manage: boolean;
  moduleTitle: (id: string) => string;
  catalog: PickableModule[];
  onChanged: () => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [detail, { refetch }] = createResource(
    () => ({ tenant: tenant().slug, id: props.id }),
    async (p) => unwrap(client.api.t[':tenant'].clients[':id'].$get({ param: p })),
  );
  const [teamId, setTeamId] = createSignal('');
  const [grants, setGrants] = createSignal<Scope>({ modules: [], grants: [] });
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | undefined>();

  const assign = async (e: Event) => {
    e.preventDefault();
    if (!teamId()) return;
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(
        client.api.t[':tenant'].clients[':id'].teams[':teamId'].$put({
          param: { tenant: tenant().slug, id: props.id, teamId: teamId() },
          json: { grants: grants().grants },
        }),
      );
      notify(i18n.t('engagements.grantsSaved'));
      setGrants({ modules: [], grants: [] });
      refetch();
      props.onChanged();
    } catch (err) {
      setError(problemMessage(err, i18n.t));
    } finally {
      setBusy(false);
    }
  };
  const removeTeam = async (id: string, name: string) => {
    try {
      await unwrap(
        client.api.t[':tenant'].clients[':id'].teams[':teamId'].$delete({
          param: { tenant: tenant().slug, id: props.id, teamId: id },
        }),
      );
      notify(i18n.t('engagements.teamTakenOut', { team: name }));
      refetch();
      props.onChanged();
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    }
  };
  const historyLabel = (action: string) => {
    const key = `providers.action.${action.replace(/^engagement\./, '')}`;
    const label = i18n.t(key);
    return label === key ? action : label;
  };

  return (
    <Card
      title={detail.latest ? i18n.t('engagements.detailTitle', { client: detail.latest.client.name }) : ''}
      actions={
        <Button size="sm" variant="ghost" onClick={props.onClose} aria-label={i18n.t('engagements.hideDetails')}>
          <Icon name="x" />
        </Button>
      }
    >
      <Async resource={detail} refetch={refetch} loading={<LoadingState rows={3} />}>
        {(d) => (
          <div class="stack">
            <dl class="figures">
              <div class="figure">
                <dt>{i18n.t('engagements.status')}</dt>
                <dd>
                  <Badge tone={TONE[d.status]}>{i18n.t(`engagements.status.${d.status}`)}</Badge>
                </dd>
              </div>
              <div class="figure">
                <dt>{i18n.t('engagements.allowed')}</dt>
                <dd class="mono small">{(d.status === 'pending' ? d.proposed.grants : d.grants).join(', ') || '—'}</dd>
              </div>
              <div class="figure">
                <dt>{i18n.t('clients.modules')}</dt>
                <dd>
                  {(d.status === 'pending' ? d.proposed.modules : d.modules).map(props.moduleTitle).join(', ') || '—'}
                </dd>
              </div>
            </dl>

            <div>
              <h3 class="section-title">{i18n.t('engagements.teams')}</h3>
              <ul class="plain-list">
                <For each={d.teams} fallback={<li class="muted small">{i18n.t('providers.noTeams')}</li>}>
                  {(t) => (
                    <li class="row">
                      <span class="grow">
                        <strong>{t.name}</strong> <span class="mono small">{t.grants.join(', ')}</span>{' '}
                        <span class="muted small">· {t.people.map((p) => p.name).join(', ') || '—'}</span>
                      </span>
                      <Show when={props.manage && (d.status === 'pending' || d.status === 'active')}>
                        <Button size="sm" variant="ghost" onClick={() => removeTeam(t.id, t.name)}>
                          {i18n.t('engagements.takeOut')}
                        </Button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </div>

            <Show when={props.manage && (d.status === 'pending' || d.status === 'active')}>
              <form class="invite-form" onSubmit={assign} noValidate>
                <SelectField
                  label={i18n.t('engagements.team')}
                  name="assignTeam"
                  value={teamId()}
                  onChange={(v) => {
                    setTeamId(v);
                    const current = d.teams.find((t) => t.id === v)?.grants ?? d.grants;
                    setGrants({ modules: d.modules, grants: [...current] });
                  }}
                  options={[
                    { value: '', label: i18n.t('engagements.choose') },
                    ...props.teams.map((t) => ({ value: t.id, label: t.name })),
                  ]}
                />
                <Show when={teamId()}>
                  <GrantPicker
                    name="team-grants"
                    modules={props.catalog}
                    fixedModules={d.status === 'pending' ? d.proposed.modules : d.modules}
                    value={grants()}
                    onChange={setGrants}
                    legend={i18n.t('engagements.teamGrants')}
                  />
                </Show>
                <Show when={error()}>
                  <p class="field-error" role="alert">
                    {error()}
                  </p>
                </Show>
                <Button type="submit" variant="primary" loading={busy()} disabled={!teamId()}>
                  {i18n.t('engagements.setGrants')}
                </Button>
              </form>
            </Show>

            <div>
              <h3 class="section-title">{i18n.t('engagements.history')}</h3>
              <ol class="history">
                <For each={d.history}>
                  {(h) => (
                    <li>
                      <span class="muted small">
                        <DateText value={h.at} time />
                      </span>
                      <span>
                        <strong>{historyLabel(h.action)}</strong>{' '}
                        <span class="muted">
                          · {h.actor.label} ({i18n.t(`providers.side.${h.side}`)})
                        </span>
                      </span>
                    </li>
                  )}
                </For>
              </ol>
            </div>
          </div>
        )}
      </Async>
    </Card>
  );
}
