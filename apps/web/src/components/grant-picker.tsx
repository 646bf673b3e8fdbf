import { type LocalizedText, useI18n } from '@bureau/core/ui';
import { For, Show } from 'solid-js';

/** A module as GET /modules describes it: enough to choose it and its capabilities. */
export interface PickableModule {
  id: string;
  title: LocalizedText;
  permissions: { key: string; label: LocalizedText }[];
}

export interface Scope {
  modules: string[];
  grants: string[];
}

/** Everything of a module (`hr.*`), or its chosen permissions. */
const grantsOf = (grants: string[], moduleId: string) =>
  grants.filter((g) => g === `${moduleId}.*` || g.startsWith(`${moduleId}.`));

/**
 * Chooses what a provider may do, as people think of it: modules ticked by name and, inside each, either
 * everything or single capabilities by their labels — never typed patterns such as `accounting.*`.
 * With `fixedModules` only the capabilities of those modules are chosen (a team inside an engagement).
 */
export function GrantPicker(props: {
  modules: PickableModule[];
  value: Scope;
  onChange: (scope: Scope) => void;
  /** Only these modules, always on (no module checkbox). */
  fixedModules?: string[];
  legend?: string;
  name: string;
}) {
  const i18n = useI18n();
  const shown = () =>
    props.fixedModules ? props.modules.filter((m) => props.fixedModules?.includes(m.id)) : props.modules;
  const isOn = (id: string) => (props.fixedModules ? true : props.value.modules.includes(id));
  const isAll = (id: string) => props.value.grants.includes(`${id}.*`) || props.value.grants.includes('*');
  const others = (id: string) => props.value.grants.filter((g) => !grantsOf([g], id).length);
  const setModule = (id: string, on: boolean) =>
    props.onChange({
      modules: on ? [...new Set([...props.value.modules, id])] : props.value.modules.filter((m) => m !== id),
      grants: on ? [...others(id), `${id}.*`] : others(id),
    });
  const setAll = (id: string, all: boolean) =>
    props.onChange({ ...props.value, grants: all ? [...others(id), `${id}.*`] : others(id) });
  const setPermission = (id: string, key: string, on: boolean) => {
    const mine = grantsOf(props.value.grants, id).filter((g) => g !== `${id}.*` && g !== key);
    props.onChange({ ...props.value, grants: [...others(id), ...mine, ...(on ? [key] : [])] });
  };
  return (
    <fieldset class="perm-group grant-picker" data-picker={props.name}>
      <legend class="perm-group-head">{props.legend ?? i18n.t('grants.legend')}</legend>
      <For each={shown()} fallback={<p class="muted small">{i18n.t('grants.noModules')}</p>}>
        {(m) => (
          <div class="grant-module">
            <Show when={!props.fixedModules} fallback={<span class="strong">{i18n.text(m.title)}</span>}>
              <label class="check">
                <input
                  type="checkbox"
                  name={`${props.name}-module`}
                  value={m.id}
                  checked={isOn(m.id)}
                  onChange={(e) => setModule(m.id, e.currentTarget.checked)}
                />
                <span class="strong">{i18n.text(m.title)}</span>
              </label>
            </Show>
            <Show when={isOn(m.id)}>
              <div class="grant-caps">
                <label class="check">
                  <input
                    type="checkbox"
                    name={`${props.name}-${m.id}-all`}
                    checked={isAll(m.id)}
                    onChange={(e) => setAll(m.id, e.currentTarget.checked)}
                  />
                  <span>{i18n.t('grants.everything', { module: i18n.text(m.title) })}</span>
                </label>
                <Show when={!isAll(m.id)}>
                  <For each={m.permissions}>
                    {(p) => (
                      <label class="check">
                        <input
                          type="checkbox"
                          name={`${props.name}-${m.id}-perm`}
                          value={p.key}
                          checked={props.value.grants.includes(p.key)}
                          onChange={(e) => setPermission(m.id, p.key, e.currentTarget.checked)}
                        />
                        <span>{i18n.text(p.label)}</span>
                      </label>
                    )}
                  </For>
                </Show>
              </div>
            </Show>
          </div>
        )}
      </For>
    </fieldset>
  );
}
