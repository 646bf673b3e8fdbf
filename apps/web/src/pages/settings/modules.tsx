import {
  ApiError,
  Async,
  Badge,
  ConfirmDialog,
  EmptyState,
  Money,
  notify,
  problemMessage,
  Toggle,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import type { ModuleInfo } from '../../api/types.ts';
import { session } from '../../session.ts';

type Pending = { kind: 'disable'; module: ModuleInfo } | { kind: 'price'; module: ModuleInfo; problem: ApiError };

/** Reads a price out of a 402 "confirm the price" answer, whatever its exact field names. */
function priceOf(e: ApiError): { amount: string; currency: string; period?: string } | null {
  const b = e.body as Record<string, unknown>;
  const p = (b.price ?? b.addon ?? b) as Record<string, unknown>;
  const amount = p.amount ?? p.price;
  const currency = p.currency;
  if (typeof amount === 'string' && typeof currency === 'string') {
    return { amount, currency, ...(typeof p.period === 'string' ? { period: p.period } : {}) };
  }
  return null;
}

export default function Modules() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [busy, setBusy] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal<Pending | null>(null);
  const [modules, { refetch, mutate }] = createResource(
    () => tenant().slug,
    async (slug): Promise<ModuleInfo[]> => {
      const res: { modules: ModuleInfo[] } = await unwrap(
        client.api.t[':tenant'].modules.$get({ param: { tenant: slug } }),
      );
      return res.modules;
    },
  );
  const titleOf = (id: string) => i18n.text(modules.latest?.find((m) => m.id === id)?.title) || id;

  const applied = async (m: ModuleInfo, enabled: boolean) => {
    mutate((list) => list?.map((x) => (x.id === m.id ? { ...x, enabled } : x)));
    await Promise.all([refetch(), session.refresh()]);
    notify(i18n.t(enabled ? 'modules.enabled' : 'modules.disabled', { module: i18n.text(m.title) }));
  };

  const enable = async (m: ModuleInfo, confirm = false) => {
    await unwrap(
      client.api.t[':tenant'].modules[':id'].$put({
        param: { tenant: tenant().slug, id: m.id },
        json: confirm ? { confirm: true } : {},
      }),
    );
    await applied(m, true);
  };

  const toggle = async (m: ModuleInfo, on: boolean) => {
    if (!on) {
      setPending({ kind: 'disable', module: m });
      return;
    }
    setBusy(m.id);
    try {
      await enable(m);
    } catch (e) {
      if (
        e instanceof ApiError &&
        e.status === 402 &&
        e.code !== 'not_entitled' &&
        e.code !== 'subscription_suspended'
      ) {
        setPending({ kind: 'price', module: m, problem: e });
      } else if (e instanceof ApiError && e.code === 'requirements_not_enabled') {
        const missing = Array.isArray(e.body.missing) ? (e.body.missing as string[]) : m.requires;
        notify(i18n.t('modules.needsFirst', { modules: missing.map(titleOf).join(', ') }), 'danger');
      } else if (e instanceof ApiError && e.code === 'required_by_enabled') {
        const by = Array.isArray(e.body.requiredBy) ? (e.body.requiredBy as string[]) : m.requiredBy;
        notify(i18n.t('modules.neededBy', { modules: by.map(titleOf).join(', ') }), 'danger');
      } else {
        notify(problemMessage(e, i18n.t), 'danger');
      }
    } finally {
      setBusy(null);
    }
  };

  const confirmPending = async () => {
    const p = pending();
    if (!p) return;
    if (p.kind === 'price') {
      await enable(p.module, true);
    } else {
      await unwrap(
        client.api.t[':tenant'].modules[':id'].$delete({ param: { tenant: tenant().slug, id: p.module.id } }),
      );
      await applied(p.module, false);
    }
  };

  return (
    <>
      <Async
        resource={modules}
        refetch={refetch}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState title={i18n.t('modules.noneTitle')} description={i18n.t('modules.noneText')} />}
      >
        {(list) => (
          <div class="module-grid">
            <For each={list}>
              {(m) => (
                <article class="module-card" data-module={m.id} data-enabled={m.enabled ? '' : undefined}>
                  <header class="module-head">
                    <span class="module-glyph" aria-hidden="true">
                      {i18n.text(m.title).slice(0, 1)}
                    </span>
                    <div class="module-titles">
                      <h3 class="module-title">{i18n.text(m.title)}</h3>
                      <div class="row">
                        <Show when={m.enabled}>
                          <Badge tone="success">{i18n.t('modules.on')}</Badge>
                        </Show>
                        <Show when={m.entitlement === 'included'}>
                          <Badge tone="accent">{i18n.t('modules.inPlan')}</Badge>
                        </Show>
                        <Show when={m.price && m.entitlement !== 'included'}>
                          <Badge tone="info">
                            <Money amount={m.price?.amount ?? '0'} currency={m.price?.currency ?? 'CZK'} />
                            {m.price?.period ? ` / ${i18n.t(`billing.period.${m.price.period}`)}` : ''}
                          </Badge>
                        </Show>
                        <Show when={m.entitlement === 'not_entitled'}>
                          <Badge tone="warning">{i18n.t('modules.notInPlan')}</Badge>
                        </Show>
                      </div>
                    </div>
                    <Toggle
                      checked={m.enabled}
                      disabled={busy() === m.id}
                      label={i18n.t(m.enabled ? 'modules.disableX' : 'modules.enableX', { module: i18n.text(m.title) })}
                      hideLabel
                      onChange={(on) => toggle(m, on)}
                    />
                  </header>
                  <p class="module-desc">{i18n.text(m.description)}</p>
                  <Show when={m.requires.length > 0 || m.requiredBy.length > 0}>
                    <footer class="module-foot">
                      <Show when={m.requires.length > 0}>
                        <span>
                          {i18n.t('modules.requires')} <For each={m.requires}>{(r) => <Badge>{titleOf(r)}</Badge>}</For>
                        </span>
                      </Show>
                      <Show when={m.requiredBy.length > 0}>
                        <span>
                          {i18n.t('modules.requiredBy')}{' '}
                          <For each={m.requiredBy}>{(r) => <Badge>{titleOf(r)}</Badge>}</For>
                        </span>
                      </Show>
                    </footer>
                  </Show>
                </article>
              )}
            </For>
          </div>
        )}
      </Async>
      <ConfirmDialog
        open={pending() !== null}
        onOpenChange={(o) => !o && setPending(null)}
        title={
          pending()?.kind === 'price'
            ? i18n.t('modules.confirmPriceTitle', { module: i18n.text(pending()?.module.title) })
            : i18n.t('modules.confirmDisableTitle', { module: i18n.text(pending()?.module.title) })
        }
        description={
          pending()?.kind === 'disable'
            ? i18n.t('modules.confirmDisableText')
            : (pending() as { problem?: ApiError })?.problem?.message
        }
        confirmLabel={pending()?.kind === 'price' ? i18n.t('modules.confirmPrice') : i18n.t('modules.disable')}
        danger={pending()?.kind === 'disable'}
        onConfirm={confirmPending}
      >
        <Show when={pending()?.kind === 'price' && priceOf((pending() as { problem: ApiError }).problem)}>
          {(price) => (
            <div class="price-box">
              <Money amount={price().amount} currency={price().currency} />
              <Show when={price().period}>
                <span class="muted"> / {i18n.t(`billing.period.${price().period}`)}</span>
              </Show>
            </div>
          )}
        </Show>
      </ConfirmDialog>
    </>
  );
}
