import {
  Async,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  createForm,
  EmptyState,
  Field,
  FormError,
  notify,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import type { CustomRole, Permission, RolesResponse } from '../../api/types.ts';
import { Icon } from '../../icons.tsx';
import { roleLabel } from '../../labels.ts';

type Selection = { kind: 'builtin'; key: string } | { kind: 'custom'; role: CustomRole } | { kind: 'new' };

/** Permission keys grouped by their module (core areas first). */
export function groupPermissions(perms: Permission[]): { module: string; items: Permission[] }[] {
  const map = new Map<string, Permission[]>();
  for (const p of perms) map.set(p.module, [...(map.get(p.module) ?? []), p]);
  return [...map.entries()]
    .sort(([a], [b]) => (a === 'tenant' ? -1 : b === 'tenant' ? 1 : a.localeCompare(b)))
    .map(([module, items]) => ({ module, items }));
}

export default function Roles() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const param = () => ({ tenant: tenant().slug });
  const [data, { refetch }] = createResource(
    param,
    async (p): Promise<RolesResponse> => unwrap(client.api.t[':tenant'].roles.$get({ param: p })),
  );
  const [selected, setSelected] = createSignal<Selection>({ kind: 'builtin', key: 'owner' });
  const editable = () => can('tenant.roles.manage');

  return (
    <Async resource={data} refetch={refetch}>
      {(d) => (
        <div class="split">
          <Card title={i18n.t('roles.title')} padded={false} class="split-list">
            <ul class="role-list">
              <For each={d.builtin}>
                {(r) => (
                  <li>
                    <button
                      type="button"
                      class="role-item"
                      aria-current={(() => {
                        const s = selected();
                        return s.kind === 'builtin' && s.key === r.key ? 'true' : undefined;
                      })()}
                      onClick={() => setSelected({ kind: 'builtin', key: r.key })}
                    >
                      <Icon name="lock" />
                      <span class="grow">{roleLabel(r.key)}</span>
                      <Badge>{i18n.t('roles.builtin')}</Badge>
                    </button>
                  </li>
                )}
              </For>
              <For each={d.custom}>
                {(r) => (
                  <li>
                    <button
                      type="button"
                      class="role-item"
                      aria-current={(() => {
                        const s = selected();
                        return s.kind === 'custom' && s.role.id === r.id ? 'true' : undefined;
                      })()}
                      onClick={() => setSelected({ kind: 'custom', role: r })}
                    >
                      <Icon name="shield" />
                      <span class="grow">{r.name}</span>
                      <span class="muted small">{i18n.t('roles.permCount', { count: r.permissions.length })}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <Show when={editable()}>
              <div class="split-list-foot">
                <Button class="btn-block" onClick={() => setSelected({ kind: 'new' })}>
                  <Icon name="plus" />
                  {i18n.t('roles.new')}
                </Button>
              </div>
            </Show>
          </Card>
          <div class="split-detail">
            {(() => {
              const s = selected();
              if (s.kind === 'builtin') return <BuiltinRole roleKey={s.key} />;
              return (
                <RoleEditor
                  role={s.kind === 'custom' ? s.role : null}
                  permissions={d.permissions}
                  readonly={!editable()}
                  onSaved={async (role) => {
                    await refetch();
                    setSelected(role ? { kind: 'custom', role } : { kind: 'builtin', key: 'owner' });
                  }}
                />
              );
            })()}
          </div>
        </div>
      )}
    </Async>
  );
}

function BuiltinRole(props: { roleKey: string }) {
  const i18n = useI18n();
  return (
    <Card title={roleLabel(props.roleKey)}>
      <p class="muted">{i18n.t(`roles.about.${props.roleKey}`)}</p>
    </Card>
  );
}

function RoleEditor(props: {
  role: CustomRole | null;
  permissions: Permission[];
  readonly: boolean;
  onSaved: (role: CustomRole | null) => void;
}) {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const groups = createMemo(() => groupPermissions(props.permissions));
  const [deleting, setDeleting] = createSignal(false);
  const form = createForm({
    initial: {
      key: props.role?.key ?? '',
      name: props.role?.name ?? '',
      permissions: [...(props.role?.permissions ?? [])] as string[],
    },
    onSubmit: async (v) => {
      const param = { tenant: tenant().slug };
      let saved: CustomRole;
      if (props.role) {
        saved = await unwrap(
          client.api.t[':tenant'].roles[':id'].$patch({
            param: { ...param, id: props.role.id },
            json: { name: v.name, permissions: v.permissions },
          }),
        );
      } else {
        saved = await unwrap(
          client.api.t[':tenant'].roles.$post({
            param,
            json: { key: v.key, name: v.name, permissions: v.permissions },
          }),
        );
      }
      notify(i18n.t('roles.saved', { name: saved.name }));
      props.onSaved(saved);
    },
  });
  const has = (key: string) => form.values.permissions.includes(key);
  const toggle = (key: string, on: boolean) =>
    form.set('permissions', (list) => (on ? [...list.filter((k) => k !== key), key] : list.filter((k) => k !== key)));
  const toggleGroup = (items: Permission[], on: boolean) =>
    form.set('permissions', (list) => {
      const keys = new Set(items.map((p) => p.key));
      const rest = list.filter((k) => !keys.has(k));
      return on ? [...rest, ...keys] : rest;
    });

  return (
    <Card
      title={props.role ? props.role.name : i18n.t('roles.new')}
      actions={
        <Show when={props.role && !props.readonly}>
          <Button size="sm" variant="ghost" onClick={() => setDeleting(true)}>
            <Icon name="trash" />
            {i18n.t('common.delete')}
          </Button>
        </Show>
      }
    >
      <form class="form" onSubmit={form.submit} noValidate>
        <div class="form-grid">
          <Field
            label={i18n.t('roles.name')}
            name="name"
            value={form.values.name}
            onChange={(v) => form.set('name', v)}
            error={form.error('name')}
            disabled={props.readonly}
            required
          />
          <Field
            label={i18n.t('roles.key')}
            name="key"
            value={form.values.key}
            onChange={(v) => form.set('key', v.toLowerCase())}
            error={form.error('key')}
            description={i18n.t('roles.keyHint')}
            disabled={props.role !== null || props.readonly}
            required
          />
        </div>
        <fieldset class="perm-groups" disabled={props.readonly}>
          <legend class="field-label">{i18n.t('roles.permissions')}</legend>
          <Show when={form.error('permissions')}>
            <div class="field-error">{form.error('permissions')}</div>
          </Show>
          <For each={groups()} fallback={<EmptyState title={i18n.t('roles.noPermissions')} />}>
            {(g) => {
              const all = () => g.items.every((p) => has(p.key));
              return (
                <div class="perm-group">
                  <label class="check perm-group-head">
                    <input
                      type="checkbox"
                      checked={all()}
                      onChange={(e) => toggleGroup(g.items, e.currentTarget.checked)}
                    />
                    <span class="perm-module">
                      {i18n.t(`perm.module.${g.module}`) === `perm.module.${g.module}`
                        ? g.module
                        : i18n.t(`perm.module.${g.module}`)}
                    </span>
                  </label>
                  <div class="perm-items">
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
                  </div>
                </div>
              );
            }}
          </For>
        </fieldset>
        <FormError error={form.failure()} />
        <Show when={!props.readonly}>
          <div class="row">
            <Button type="submit" variant="primary" loading={form.submitting()}>
              {i18n.t('common.save')}
            </Button>
          </div>
        </Show>
      </form>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={i18n.t('roles.deleteTitle', { name: props.role?.name ?? '' })}
        description={i18n.t('roles.deleteText')}
        confirmLabel={i18n.t('common.delete')}
        danger
        onConfirm={async () => {
          if (!props.role) return;
          await unwrap(
            client.api.t[':tenant'].roles[':id'].$delete({ param: { tenant: tenant().slug, id: props.role.id } }),
          );
          notify(i18n.t('roles.deleted', { name: props.role.name }));
          props.onSaved(null);
        }}
      />
    </Card>
  );
}
