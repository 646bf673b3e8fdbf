import {
  ApiError,
  Async,
  AsyncTable,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  createForm,
  DataTable,
  DateText,
  EmptyState,
  Field,
  FormError,
  notify,
  problemMessage,
  SelectField,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import type { CreatedInvitation, Invitation, Member, RolesResponse } from '../../api/types.ts';
import { Icon } from '../../icons.tsx';
import { roleLabel } from '../../labels.ts';
import { Monogram } from '../../layout/logo.tsx';
import { session } from '../../session.ts';

export default function Members() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const t = () => ({ tenant: tenant().slug });
  const [members, { refetch: refetchMembers }] = createResource(t, async (param): Promise<Member[]> => {
    const res: { members: Member[] } = await unwrap(client.api.t[':tenant'].members.$get({ param }));
    return res.members;
  });
  const [invitations, { refetch: refetchInvitations }] = createResource(t, async (param): Promise<Invitation[]> => {
    const res: { invitations: Invitation[] } = await unwrap(client.api.t[':tenant'].invitations.$get({ param }));
    return res.invitations.filter((i) => i.status === 'pending');
  });
  const [roles] = createResource(
    t,
    async (param): Promise<RolesResponse> => unwrap(client.api.t[':tenant'].roles.$get({ param })),
  );
  const roleOptions = () => [
    ...(roles.latest?.builtin ?? [{ key: 'owner' }, { key: 'admin' }, { key: 'member' }]).map((r) => ({
      value: r.key,
      label: roleLabel(r.key),
    })),
    ...(roles.latest?.custom ?? []).map((r) => ({ value: r.key, label: r.name })),
  ];
  const customName = (key: string) => roles.latest?.custom.find((r) => r.key === key)?.name;
  const manage = () => can('tenant.members.manage');
  const myId = () => session.me.latest?.user.id;

  const [created, setCreated] = createSignal<CreatedInvitation | null>(null);
  const [seatPrompt, setSeatPrompt] = createSignal<ApiError | null>(null);
  const [removing, setRemoving] = createSignal<Member | null>(null);

  const invite = async (v: { email: string; role: string }, confirm = false) => {
    const inv: CreatedInvitation = await unwrap(
      client.api.t[':tenant'].invitations.$post({
        param: t(),
        json: { email: v.email, role: v.role, ...(confirm ? { confirm } : {}) },
      }),
    );
    setCreated(inv);
    form.set('email', '');
    refetchInvitations();
    notify(i18n.t('members.invited', { email: inv.email }));
  };
  const form = createForm({
    initial: { email: '', role: 'member' },
    onSubmit: async (v) => {
      try {
        await invite(v);
      } catch (e) {
        if (e instanceof ApiError && e.status === 402 && e.code !== 'not_entitled') {
          setSeatPrompt(e);
          return;
        }
        throw e;
      }
    },
  });

  const changeRole = async (m: Member, role: string) => {
    try {
      await unwrap(client.api.t[':tenant'].members[':id'].$patch({ param: { ...t(), id: m.id }, json: { role } }));
      notify(i18n.t('members.roleChanged', { name: m.name, role: roleLabel(role, customName(role)) }));
      if (m.userId === myId()) await session.refresh();
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    }
    refetchMembers();
  };

  const revoke = async (inv: Invitation) => {
    try {
      await unwrap(client.api.t[':tenant'].invitations[':id'].$delete({ param: { ...t(), id: inv.id } }));
      notify(i18n.t('members.revoked', { email: inv.email }));
      refetchInvitations();
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      notify(i18n.t('common.copied'), 'info');
    } catch {
      /* clipboard may be unavailable; the field is selectable */
    }
  };

  return (
    <div class="stack">
      <Show when={manage()}>
        <Card title={i18n.t('members.inviteTitle')}>
          <form class="invite-form" onSubmit={form.submit} noValidate>
            <Field
              class="grow"
              label={i18n.t('auth.email')}
              name="email"
              type="email"
              value={form.values.email}
              onChange={(v) => form.set('email', v)}
              error={form.error('email')}
              placeholder="colleague@firm.cz"
              required
            />
            <SelectField
              label={i18n.t('members.role')}
              name="role"
              value={form.values.role}
              onChange={(v) => form.set('role', v)}
              options={roleOptions()}
              error={form.error('role')}
            />
            <Button type="submit" variant="primary" loading={form.submitting()}>
              <Icon name="plus" />
              {i18n.t('members.sendInvite')}
            </Button>
          </form>
          <FormError error={form.failure()} />
          <Show when={created()}>
            {(inv) => (
              <div class="secret-box" role="status">
                <div>
                  <strong>{i18n.t('members.linkTitle', { email: inv().email })}</strong>
                  <p class="muted">{i18n.t('members.linkText')}</p>
                </div>
                <div class="secret-row">
                  <input
                    class="input mono"
                    readonly
                    value={inv().link}
                    aria-label={i18n.t('members.inviteLink')}
                    data-testid="invite-link"
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <Button onClick={() => copy(inv().link)}>
                    <Icon name="copy" />
                    {i18n.t('common.copy')}
                  </Button>
                </div>
              </div>
            )}
          </Show>
        </Card>
      </Show>

      <Card title={i18n.t('members.title')} padded={false}>
        <Async resource={members} refetch={refetchMembers}>
          {(list) => (
            <DataTable
              caption={i18n.t('members.title')}
              rows={list}
              rowKey={(m) => m.id}
              columns={[
                {
                  header: i18n.t('members.person'),
                  cell: (m) => (
                    <div class="person">
                      <Monogram name={m.name || m.email} size={30} />
                      <div>
                        <div class="cell-primary">
                          {m.name}
                          <Show when={m.userId === myId()}>
                            {' '}
                            <Badge>{i18n.t('members.you')}</Badge>
                          </Show>
                        </div>
                        <div class="cell-secondary">{m.email}</div>
                      </div>
                    </div>
                  ),
                },
                {
                  header: i18n.t('members.role'),
                  cell: (m) => (
                    <Show
                      when={manage()}
                      fallback={
                        <Badge tone={m.role === 'owner' ? 'accent' : 'neutral'}>
                          {roleLabel(m.role, customName(m.role))}
                        </Badge>
                      }
                    >
                      <select
                        class="input select input-sm"
                        aria-label={i18n.t('members.roleOf', { name: m.name })}
                        value={m.role}
                        onChange={(e) => changeRole(m, e.currentTarget.value)}
                      >
                        {roleOptions().map((o) => (
                          <option value={o.value} selected={o.value === m.role}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </Show>
                  ),
                },
                { header: i18n.t('members.since'), hideOnMobile: true, cell: (m) => <DateText value={m.since} /> },
                {
                  header: <span class="sr-only">{i18n.t('common.actions')}</span>,
                  align: 'end',
                  cell: (m) => (
                    <Show when={manage()}>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setRemoving(m)}
                        aria-label={i18n.t('members.removeX', { name: m.name })}
                      >
                        <Icon name="trash" />
                      </Button>
                    </Show>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </Card>

      <Card title={i18n.t('members.pendingTitle')} padded={false}>
        <AsyncTable
          resource={invitations}
          refetch={refetchInvitations}
          empty={<EmptyState title={i18n.t('members.noPending')} description={i18n.t('members.noPendingText')} />}
          caption={i18n.t('members.pendingTitle')}
          rowKey={(i) => i.id}
          columns={[
            { header: i18n.t('auth.email'), cell: (i) => <span class="cell-primary">{i.email}</span> },
            { header: i18n.t('members.role'), cell: (i) => <Badge>{roleLabel(i.role, customName(i.role))}</Badge> },
            {
              header: i18n.t('members.expires'),
              hideOnMobile: true,
              cell: (i) => <DateText value={i.expiresAt} time />,
            },
            {
              header: <span class="sr-only">{i18n.t('common.actions')}</span>,
              align: 'end',
              cell: (i) => (
                <Show when={manage()}>
                  <Button size="sm" variant="ghost" onClick={() => revoke(i)}>
                    {i18n.t('members.revoke')}
                  </Button>
                </Show>
              ),
            },
          ]}
        />
      </Card>

      <ConfirmDialog
        open={removing() !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={i18n.t('members.removeTitle', { name: removing()?.name ?? '' })}
        description={i18n.t('members.removeText', { tenant: tenant().name })}
        confirmLabel={i18n.t('members.remove')}
        danger
        onConfirm={async () => {
          const m = removing();
          if (!m) return;
          await unwrap(client.api.t[':tenant'].members[':id'].$delete({ param: { ...t(), id: m.id } }));
          notify(i18n.t('members.removed', { name: m.name }));
          refetchMembers();
        }}
      />
      <ConfirmDialog
        open={seatPrompt() !== null}
        onOpenChange={(o) => !o && setSeatPrompt(null)}
        title={i18n.t('members.seatTitle')}
        description={seatPrompt()?.message}
        confirmLabel={i18n.t('members.seatConfirm')}
        onConfirm={() => invite({ email: form.values.email, role: form.values.role }, true)}
      />
    </div>
  );
}
