import {
  type AddressBookParty,
  Async,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  DetailPage,
  notify,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { PartyForm, roleLabel } from './party-form.tsx';

/** Settings → Address book → one party: its details, editing, removal, and its history. */
export default function Party() {
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/settings/parties`;
  const [party, { refetch, mutate }] = createResource(
    () => params.id,
    (id) => api<AddressBookParty>(`/parties/${id}`),
  );
  const [editing, setEditing] = createSignal(false);
  const [confirmDelete, setConfirmDelete] = createSignal(false);

  const remove = async () => {
    await api(`/parties/${params.id}`, { method: 'DELETE' });
    notify(i18n.t('parties.deleted'));
    navigate(base());
  };

  return (
    <Async resource={party} refetch={refetch}>
      {(p) => (
        <DetailPage
          title={p.name}
          subtitle={<Show when={p.ico}>{(ico) => <span class="mono">IČO {ico()}</span>}</Show>}
          status={<Show when={!p.active}>{<Badge tone="neutral">{i18n.t('parties.inactive')}</Badge>}</Show>}
          back={{ href: base(), label: i18n.t('settings.parties') }}
          actions={
            <Show when={can('tenant.parties.manage') && !editing()}>
              <Button onClick={() => setEditing(true)}>{i18n.t('parties.edit')}</Button>
              <Button variant="ghost" onClick={() => setConfirmDelete(true)}>
                {i18n.t('common.delete')}
              </Button>
              <ConfirmDialog
                open={confirmDelete()}
                onOpenChange={setConfirmDelete}
                title={i18n.t('parties.deleteTitle', { name: p.name })}
                description={i18n.t('parties.deleteText')}
                confirmLabel={i18n.t('common.delete')}
                danger
                onConfirm={remove}
              />
            </Show>
          }
          entity={{ type: 'party', id: p.id, attachments: false }}
          tabs={[
            {
              id: 'overview',
              label: i18n.t('parties.overview'),
              content: () => (
                <Show
                  when={!editing()}
                  fallback={
                    <PartyForm
                      party={p}
                      onSaved={(saved) => {
                        mutate(saved);
                        setEditing(false);
                        notify(i18n.t('parties.saved'));
                      }}
                    />
                  }
                >
                  <Overview party={p} />
                </Show>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}

function Overview(props: { party: AddressBookParty }) {
  const i18n = useI18n();
  const p = () => props.party;
  const figure = (label: string, value: string | null | undefined) => (
    <Show when={value}>
      <div class="figure">
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    </Show>
  );
  return (
    <div class="stack">
      <Card>
        <dl class="figures">
          {figure(i18n.t('parties.type'), i18n.t(`parties.type.${p().type}`))}
          {figure(i18n.t('company.ico'), p().ico)}
          {figure(i18n.t('company.dic'), p().dic)}
          {figure(i18n.t('company.country'), p().country)}
          {figure(i18n.t('company.email'), p().email)}
          {figure(i18n.t('company.phone'), p().phone)}
          {figure(i18n.t('company.web'), p().web)}
        </dl>
        <div class="row">
          <For each={p().roles}>{(r) => <Badge tone="info">{roleLabel(i18n, r)}</Badge>}</For>
          <For each={p().tags}>{(tag) => <Badge>{tag}</Badge>}</For>
        </div>
      </Card>
      <Show when={p().addresses.length > 0}>
        <Card title={i18n.t('parties.addresses')}>
          <dl class="figures">
            <For each={p().addresses}>
              {(a) => (
                <div class="figure">
                  <dt>{i18n.t(`parties.address.${a.kind}`)}</dt>
                  <dd>{[a.street, `${a.zip} ${a.city}`.trim(), a.country].filter(Boolean).join(', ')}</dd>
                </div>
              )}
            </For>
          </dl>
        </Card>
      </Show>
      <Show when={p().contacts.length > 0}>
        <Card title={i18n.t('parties.contacts')}>
          <ul class="stack">
            <For each={p().contacts}>
              {(c) => <li>{[c.name, c.role, c.email, c.phone].filter(Boolean).join(' · ')}</li>}
            </For>
          </ul>
        </Card>
      </Show>
      <Show when={p().bankAccounts.length > 0}>
        <Card title={i18n.t('company.bankAccounts')}>
          <ul class="stack">
            <For each={p().bankAccounts}>
              {(a) => (
                <li class="mono">
                  {[a.accountNumber, a.iban, a.bic, a.currency].filter(Boolean).join(' · ')}
                  <Show when={a.isDefault}> ({i18n.t('company.isDefault')})</Show>
                </li>
              )}
            </For>
          </ul>
        </Card>
      </Show>
      <Show when={p().note}>
        <p>{p().note}</p>
      </Show>
    </div>
  );
}
