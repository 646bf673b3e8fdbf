import {
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
  notify,
  StackedCell,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import type { ApiToken, CreatedApiToken, RolesResponse } from '../../api/types.ts';
import { Icon } from '../../icons.tsx';
import { groupPermissions } from './roles.tsx';

export default function Tokens() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const param = () => ({ tenant: tenant().slug });
  const [tokens, { refetch }] = createResource(param, async (p): Promise<ApiToken[]> => {
    const res: { tokens: ApiToken[] } = await unwrap(client.api.t[':tenant'].tokens.$get({ param: p }));
    return res.tokens.filter((t) => !t.revokedAt);
  });
  const [roles] = createResource(
    param,
    async (p): Promise<RolesResponse> => unwrap(client.api.t[':tenant'].roles.$get({ param: p })),
  );
  const groups = createMemo(() => groupPermissions(roles.latest?.permissions ?? []));
  const [secret, setSecret] = createSignal<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = createSignal<ApiToken | null>(null);
  const form = createForm({
    initial: { name: '', permissions: [] as string[] },
    validate: (v) => (v.permissions.length === 0 ? { permissions: i18n.t('tokens.pickOne') } : {}),
    onSubmit: async (v) => {
      const created: CreatedApiToken = await unwrap(
        client.api.t[':tenant'].tokens.$post({ param: param(), json: { name: v.name, permissions: v.permissions } }),
      );
      setSecret(created);
      form.set({ name: '', permissions: [] });
      refetch();
    },
  });
  const has = (k: string) => form.values.permissions.includes(k);
  const toggle = (k: string, on: boolean) =>
    form.set('permissions', (l) => (on ? [...l.filter((x) => x !== k), k] : l.filter((x) => x !== k)));

  return (
    <div class="stack">
      <Card title={i18n.t('tokens.createTitle')}>
        <form class="form" onSubmit={form.submit} noValidate>
          <Field
            label={i18n.t('tokens.name')}
            name="name"
            value={form.values.name}
            onChange={(v) => form.set('name', v)}
            error={form.error('name')}
            placeholder={i18n.t('tokens.namePlaceholder')}
            required
          />
          <fieldset class="perm-groups">
            <legend class="field-label">{i18n.t('tokens.scopes')}</legend>
            <Show when={form.error('permissions')}>
              <div class="field-error">{form.error('permissions')}</div>
            </Show>
            <div class="perm-items compact">
              <For each={groups()}>
                {(g) => (
                  <For each={g.items}>
                    {(p) => (
                      <label class="check">
                        <input
                          type="checkbox"
                          checked={has(p.key)}
                          onChange={(e) => toggle(p.key, e.currentTarget.checked)}
                        />
                        <span>
                          {i18n.text(p.label)} <span class="mono muted">{p.key}</span>
                        </span>
                      </label>
                    )}
                  </For>
                )}
              </For>
            </div>
          </fieldset>
          <FormError error={form.failure()} />
          <div class="row">
            <Button type="submit" variant="primary" loading={form.submitting()}>
              <Icon name="key" />
              {i18n.t('tokens.create')}
            </Button>
          </div>
        </form>
        <Show when={secret()}>
          {(s) => (
            <div class="secret-box" role="status">
              <div>
                <strong>{i18n.t('tokens.shownOnce', { name: s().name })}</strong>
                <p class="muted">{i18n.t('tokens.shownOnceText')}</p>
              </div>
              <div class="secret-row">
                <input
                  class="input mono"
                  readonly
                  value={s().token}
                  aria-label={i18n.t('tokens.secret')}
                  data-testid="token-secret"
                  onFocus={(e) => e.currentTarget.select()}
                />
                <Button
                  onClick={async () => {
                    try {
                      await navigator.clipboard.writeText(s().token);
                      notify(i18n.t('common.copied'), 'info');
                    } catch {
                      /* select manually */
                    }
                  }}
                >
                  <Icon name="copy" />
                  {i18n.t('common.copy')}
                </Button>
                <Button variant="ghost" onClick={() => setSecret(null)}>
                  {i18n.t('common.done')}
                </Button>
              </div>
            </div>
          )}
        </Show>
      </Card>
      <Card title={i18n.t('tokens.title')} padded={false}>
        <AsyncTable
          resource={tokens}
          refetch={refetch}
          empty={<EmptyState title={i18n.t('tokens.noneTitle')} description={i18n.t('tokens.noneText')} />}
          caption={i18n.t('tokens.title')}
          rowKey={(t) => t.id}
          columns={[
            {
              header: i18n.t('tokens.name'),
              cell: (t) => <StackedCell primary={t.name} secondary={<>{t.prefix}…</>} secondaryClass="mono" />,
            },
            {
              header: i18n.t('tokens.scopes'),
              hideOnMobile: true,
              cell: (t) => (
                <div class="row">
                  <For each={t.permissions.slice(0, 3)}>{(p) => <Badge>{p}</Badge>}</For>
                  <Show when={t.permissions.length > 3}>
                    <Badge>+{t.permissions.length - 3}</Badge>
                  </Show>
                </div>
              ),
            },
            { header: i18n.t('tokens.created'), hideOnMobile: true, cell: (t) => <DateText value={t.createdAt} /> },
            {
              header: i18n.t('tokens.lastUsed'),
              cell: (t) =>
                t.lastUsedAt ? i18n.relative(t.lastUsedAt) : <span class="muted">{i18n.t('tokens.never')}</span>,
            },
            {
              header: <span class="sr-only">{i18n.t('common.actions')}</span>,
              align: 'end',
              cell: (t) => (
                <Button size="sm" variant="ghost" onClick={() => setRevoking(t)}>
                  {i18n.t('tokens.revoke')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <ConfirmDialog
        open={revoking() !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={i18n.t('tokens.revokeTitle', { name: revoking()?.name ?? '' })}
        description={i18n.t('tokens.revokeText')}
        confirmLabel={i18n.t('tokens.revoke')}
        danger
        onConfirm={async () => {
          const t = revoking();
          if (!t) return;
          await unwrap(client.api.t[':tenant'].tokens[':id'].$delete({ param: { ...param(), id: t.id } }));
          notify(i18n.t('tokens.revoked', { name: t.name }));
          refetch();
        }}
      />
    </div>
  );
}
