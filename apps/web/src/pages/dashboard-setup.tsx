import { Badge, Card, unwrap, useI18n, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { client } from '../api/client.ts';
import { Icon } from '../icons.tsx';
import { tenantState } from '../tenant-state.ts';

const STEP_ICON: Record<string, string> = {
  profile: 'building',
  bank: 'bank',
  modules: 'modules',
  people: 'users',
  client: 'handshake',
};

/**
 * The first-hour checklist on the dashboard (issue 20 item 6): for a firm's administrator the company profile,
 * a bank account, modules and people; for a provider also its first client; each step links to the page
 * that does it and is ticked from the data. Gone once every step is done. A member without administration
 * rights sees instead the modules they can work in, or whom to ask when there are none.
 */
export function SetupChecklist() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  // Keyed by what changes the answer: the tenant, its modules and the caller's permissions.
  const [setup] = createResource(
    () => JSON.stringify([tenant().slug, tenant().modules, tenant().permissions]),
    async () => unwrap(client.api.t[':tenant'].setup.$get({ param: { tenant: tenant().slug } })),
  );
  const base = () => `/t/${tenant().slug}`;
  const open = () => (setup.latest?.steps ?? []).filter((s) => !s.done).length;
  const moduleTitle = (id: string) =>
    i18n.text(tenantState.plugins.latest?.plugins.find((p) => p.id === id)?.title) || id;
  return (
    <Show when={setup.latest}>
      {(s) => (
        <>
          <Show when={s().audience !== 'member' && open() > 0}>
            <Card
              title={i18n.t('setup.title')}
              class="setup-checklist"
              actions={
                <Badge tone="accent">
                  {i18n.t('setup.progress', { done: s().steps.length - open(), count: s().steps.length })}
                </Badge>
              }
            >
              <ol class="plain-list setup-steps">
                <For each={s().steps}>
                  {(step) => (
                    <li class="row setup-step" data-step={step.id} data-done={step.done ? '' : undefined}>
                      <span class="setup-mark" aria-hidden="true">
                        <Icon name={step.done ? 'check' : (STEP_ICON[step.id] ?? 'list')} size={16} />
                      </span>
                      <span class="grow">
                        <span class="setup-step-title">{i18n.t(`setup.step.${step.id}`)}</span>
                        <span class="setup-step-text">{i18n.t(`setup.step.${step.id}.text`)}</span>
                      </span>
                      <Show when={!step.done} fallback={<span class="setup-done">{i18n.t('setup.done')}</span>}>
                        <A class="btn btn-sm" href={`${base()}${step.path}`}>
                          {i18n.t(`setup.step.${step.id}.action`)}
                        </A>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </Card>
          </Show>
          <Show when={s().audience === 'member'}>
            <Card title={i18n.t('setup.memberTitle')} class="setup-checklist">
              <Show when={s().canUse.length > 0} fallback={<p class="muted">{i18n.t('setup.memberNothing')}</p>}>
                <p class="muted">{i18n.t('setup.memberText', { count: s().canUse.length })}</p>
                <ul class="plain-list setup-steps">
                  <For each={s().canUse}>
                    {(id) => (
                      <li class="row" data-module={id}>
                        <Icon name="modules" size={16} />
                        <A class="grow" href={`${base()}/${id}`}>
                          {moduleTitle(id)}
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Card>
          </Show>
        </>
      )}
    </Show>
  );
}
