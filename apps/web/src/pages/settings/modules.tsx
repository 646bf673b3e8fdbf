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
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import type { ModuleInfo } from '../../api/types.ts';
import { Icon } from '../../icons.tsx';
import { session } from '../../session.ts';

type Pending =
  | { kind: 'disable'; module: ModuleInfo }
  | { kind: 'price'; module: ModuleInfo; problem: ApiError }
  | { kind: 'purge'; module: ModuleInfo };

interface AddonPrice {
  amount: string;
  currency: string;
  period?: string;
  proratedNow?: string;
}

/** The add-on price of a 402 `confirmation_required` answer (`addon: { price, currency, period, proratedNow }`). */
function priceOf(e: ApiError): AddonPrice | null {
  const addon = e.body.addon as Record<string, unknown> | undefined;
  if (!addon || typeof addon.price !== 'string' || typeof addon.currency !== 'string') return null;
  return {
    amount: addon.price,
    currency: addon.currency,
    ...(typeof addon.period === 'string' ? { period: addon.period } : {}),
    ...(typeof addon.proratedNow === 'string' ? { proratedNow: addon.proratedNow } : {}),
  };
}

/**
 * Settings → Modules: enable and disable the departments (requirements and prices shown; billing's
 * price confirmation asked for), and delete a disabled module's data behind a typed confirmation.
 */
export default function Modules() {
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [busy, setBusy] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal<Pending | null>(null);
  const [typed, setTyped] = createSignal('');
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
  const base = () => `/t/${tenant().slug}`;

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
      if (e instanceof ApiError && e.status === 402 && e.code === 'confirmation_required') {
        setPending({ kind: 'price', module: m, problem: e });
      } else if (e instanceof ApiError && e.code === 'not_entitled') {
        notify(i18n.t('modules.notEntitled', { module: i18n.text(m.title) }), 'danger');
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
    } else if (p.kind === 'disable') {
      await unwrap(
        client.api.t[':tenant'].modules[':id'].$delete({ param: { tenant: tenant().slug, id: p.module.id } }),
      );
      await applied(p.module, false);
    } else {
      const res = await unwrap(
        client.api.t[':tenant'].modules[':id'].purge.$post({
          param: { tenant: tenant().slug, id: p.module.id },
          json: { confirm: typed().trim() },
        }),
      );
      const rows = Object.values(res.deleted).reduce((a, n) => a + n, 0);
      notify(i18n.t('modules.purged', { module: i18n.text(p.module.title), count: rows }));
      refetch();
    }
  };
  const open = (p: Pending) => {
    setTyped('');
    setPending(p);
  };
  const title = () => {
    const p = pending();
    if (!p) return '';
    const module = i18n.text(p.module.title);
    return p.kind === 'price'
      ? i18n.t('modules.confirmPriceTitle', { module })
      : p.kind === 'purge'
        ? i18n.t('modules.purgeTitle', { module })
        : i18n.t('modules.confirmDisableTitle', { module });
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
                        <Show when={m.billing?.included}>
                          <Badge tone="accent">{i18n.t('modules.inPlan')}</Badge>
                        </Show>
                        <Show when={!m.billing?.included && m.billing?.addon}>
                          {(addon) => (
                            <Badge tone={m.billing?.addonActive ? 'success' : 'info'}>
                              <Money amount={addon().price} currency={addon().currency} />
                              {` / ${i18n.t(`billing.period.${addon().period}`)}`}
                            </Badge>
                          )}
                        </Show>
                        <Show when={m.billing && !m.billing.entitled}>
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
                  <Show when={m.billing && !m.billing.entitled}>
                    <p class="small">
                      <A href={`${base()}/settings/billing`}>{i18n.t('modules.seePlans')}</A>
                    </p>
                  </Show>
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
                  <Show when={!m.enabled && (m.enabledAt || m.disabledAt)}>
                    <div class="danger-zone">
                      <span>{i18n.t('modules.dataKept')}</span>
                      <button
                        type="button"
                        class="btn btn-ghost btn-sm text-danger"
                        onClick={() => open({ kind: 'purge', module: m })}
                        data-testid={`purge-${m.id}`}
                      >
                        <Icon name="trash" />
                        {i18n.t('modules.purge')}
                      </button>
                    </div>
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
        title={title()}
        description={
          pending()?.kind === 'disable'
            ? i18n.t('modules.confirmDisableText')
            : pending()?.kind === 'purge'
              ? i18n.t('modules.purgeText')
              : i18n.t('modules.confirmPriceText')
        }
        confirmLabel={
          pending()?.kind === 'price'
            ? i18n.t('modules.confirmPrice')
            : pending()?.kind === 'purge'
              ? i18n.t('modules.purgeConfirm')
              : i18n.t('modules.disable')
        }
        danger={pending()?.kind !== 'price'}
        confirmDisabled={pending()?.kind === 'purge' && typed().trim() !== pending()?.module.id}
        onConfirm={confirmPending}
      >
        <Show when={pending()?.kind === 'price' && priceOf((pending() as { problem: ApiError }).problem)}>
          {(price) => (
            <div class="price-box">
              <Money amount={price().amount} currency={price().currency} />
              <Show when={price().period}>
                <span class="muted"> / {i18n.t(`billing.period.${price().period}`)}</span>
              </Show>
              <Show when={price().proratedNow}>
                {(now) => (
                  <div class="muted small">
                    {i18n.t('modules.proratedNow', { amount: i18n.money(now(), price().currency) })}
                  </div>
                )}
              </Show>
            </div>
          )}
        </Show>
        <Show when={pending()?.kind === 'purge'}>
          <label class="purge-confirm">
            <span class="field-label">{i18n.t('modules.purgeType', { id: pending()?.module.id ?? '' })}</span>
            <input
              class="input mono"
              value={typed()}
              onInput={(e) => setTyped(e.currentTarget.value)}
              autocomplete="off"
              spellcheck={false}
              data-testid="purge-confirm"
            />
          </label>
        </Show>
      </ConfirmDialog>
    </>
  );
}
