import {
  Async,
  Badge,
  Button,
  Card,
  createForm,
  EmptyState,
  Field,
  notify,
  PageHeader,
  Segmented,
  SelectField,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { ACCOUNT_TYPES, type AccountRow, Icon, ProblemAlert, useProblem, useT } from '../ui.tsx';

type AccountType = (typeof ACCOUNT_TYPES)[number];
interface Node {
  account: AccountRow;
  children: Node[];
  depth: number;
}

const TYPE_TONE = {
  asset: 'info',
  liability: 'warning',
  equity: 'accent',
  income: 'success',
  expense: 'danger',
  off_balance: 'neutral',
} as const;

/** The chart of accounts as a tree: browse, search, add (also sub-accounts), activate and deactivate. */
export default function Accounts() {
  const t = useT();
  const api = useAccounting();
  const problem = useProblem();
  const { tenant, can } = useTenant();
  const [accounts, { refetch, mutate }] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api().accounts.$get({ query: {} }))).accounts,
  );
  const [search, setSearch] = createSignal('');
  const [type, setType] = createSignal<'all' | AccountType>('all');
  const [showInactive, setShowInactive] = createSignal(false);
  const [expanded, setExpanded] = createSignal<Set<string>>(new Set());
  const [adding, setAdding] = createSignal(false);
  const [busy, setBusy] = createSignal<string | null>(null);

  /** The tree of the accounts that pass the filters, with their ancestors kept for context. */
  const tree = createMemo(() => {
    const list = accounts.latest ?? [];
    const q = search().trim().toLowerCase();
    const byCode = new Map(list.map((a) => [a.code, a]));
    const matches = (a: AccountRow) =>
      (type() === 'all' || a.type === type()) &&
      (showInactive() || a.active) &&
      (!q || a.code.toLowerCase().startsWith(q) || a.name.toLowerCase().includes(q));
    const keep = new Set<string>();
    for (const a of list) {
      if (!matches(a)) continue;
      let cur: AccountRow | undefined = a;
      while (cur && !keep.has(cur.code)) {
        keep.add(cur.code);
        cur = cur.parent ? byCode.get(cur.parent) : undefined;
      }
    }
    const nodes = new Map<string, Node>();
    for (const a of list) if (keep.has(a.code)) nodes.set(a.code, { account: a, children: [], depth: 0 });
    const roots: Node[] = [];
    for (const n of nodes.values()) {
      const parent = n.account.parent ? nodes.get(n.account.parent) : undefined;
      if (parent) parent.children.push(n);
      else roots.push(n);
    }
    const sort = (ns: Node[], depth: number) => {
      ns.sort((a, b) => a.account.code.localeCompare(b.account.code, undefined, { numeric: false }));
      for (const n of ns) {
        n.depth = depth;
        sort(n.children, depth + 1);
      }
    };
    sort(roots, 0);
    return roots;
  });
  const searching = () => search().trim() !== '' || type() !== 'all';
  const isOpen = (code: string) => searching() || expanded().has(code);
  const toggle = (code: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  const rows = createMemo(() => {
    const out: Node[] = [];
    const walk = (ns: Node[]) => {
      for (const n of ns) {
        out.push(n);
        if (isOpen(n.account.code)) walk(n.children);
      }
    };
    walk(tree());
    return out;
  });
  const allCodes = () => (accounts.latest ?? []).filter((a) => a.active);

  const setActive = async (a: AccountRow, active: boolean) => {
    setBusy(a.id);
    try {
      const updated = await unwrap(api().accounts[':id'].$patch({ param: { id: a.id }, json: { active } }));
      mutate((list) => list?.map((x) => (x.id === a.id ? updated : x)));
      notify(t(active ? 'accounts.activated' : 'accounts.deactivated', { code: a.code }));
    } catch (e) {
      notify(problem(e), 'danger');
    } finally {
      setBusy(null);
    }
  };

  const form = createForm({
    initial: { code: '', name: '', type: 'expense' as AccountType, parent: '', cash: false },
    validate: (v) => ({
      code: v.code.trim() ? undefined : t('common.required'),
      name: v.name.trim() ? undefined : t('common.required'),
    }),
    onSubmit: async (v) => {
      const created = await unwrap(
        api().accounts.$post({
          json: {
            code: v.code.trim(),
            name: v.name.trim(),
            type: v.type,
            ...(v.parent ? { parent: v.parent } : {}),
            ...(v.cash ? { cash: true } : {}),
          },
        }),
      );
      notify(t('accounts.added', { code: created.code }));
      if (created.parent) setExpanded((s) => new Set([...s, created.parent as string]));
      mutate((list) => [...(list ?? []), created]);
      form.set({ code: '', name: '', parent: v.parent, type: v.type, cash: false });
      setAdding(false);
    },
  });
  const startAdd = (parent?: AccountRow) => {
    form.setErrors({});
    if (parent) form.set({ parent: parent.code, type: parent.type, code: parent.code });
    setAdding(true);
    queueMicrotask(() => document.getElementById('account-form')?.querySelector('input')?.focus());
  };

  return (
    <div class="page acc">
      <PageHeader
        title={t('accounts.title')}
        description={t('accounts.subtitle')}
        actions={
          <Show when={can('accounting.admin')}>
            <Button variant="primary" onClick={() => startAdd()}>
              <Icon name="plus" />
              {t('accounts.add')}
            </Button>
          </Show>
        }
      />
      <Show when={adding()}>
        <Card title={t('accounts.addTitle')}>
          <form id="account-form" class="stack" onSubmit={form.submit} noValidate>
            <div class="form-grid cols-4">
              <Field
                label={t('accounts.code')}
                name="code"
                value={form.values.code}
                onChange={(v) => form.set('code', v)}
                error={form.error('code')}
                required
              />
              <Field
                class="span-2"
                label={t('accounts.name')}
                name="name"
                value={form.values.name}
                onChange={(v) => form.set('name', v)}
                error={form.error('name')}
                required
              />
              <SelectField
                label={t('accounts.type')}
                name="type"
                value={form.values.type}
                onChange={(v) => form.set('type', v as AccountType)}
                options={ACCOUNT_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))}
                error={form.error('type')}
              />
              <SelectField
                class="span-2"
                label={t('accounts.parent')}
                name="parent"
                value={form.values.parent}
                onChange={(v) => {
                  form.set('parent', v);
                  const p = allCodes().find((a) => a.code === v);
                  if (p) form.set('type', p.type);
                }}
                options={[
                  { value: '', label: t('accounts.noParent') },
                  ...allCodes()
                    .slice()
                    .sort((a, b) => a.code.localeCompare(b.code))
                    .map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` })),
                ]}
                error={form.error('parent')}
              />
              <label class="check align-end">
                <input
                  type="checkbox"
                  checked={form.values.cash}
                  onChange={(e) => form.set('cash', e.currentTarget.checked)}
                />
                <span>{t('accounts.cash')}</span>
              </label>
            </div>
            <ProblemAlert error={form.failure()} />
            <div class="form-actions">
              <Button variant="ghost" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="primary" loading={form.submitting()}>
                {t('accounts.save')}
              </Button>
            </div>
          </form>
        </Card>
      </Show>
      <Card padded={false}>
        <div class="toolbar">
          <input
            class="input grow"
            type="search"
            placeholder={t('accounts.search')}
            aria-label={t('accounts.search')}
            value={search()}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <Segmented
            label={t('accounts.type')}
            value={type()}
            onChange={setType}
            options={[
              { value: 'all', label: t('common.all') },
              ...ACCOUNT_TYPES.map((x) => ({ value: x, label: t(`types.${x}`) })),
            ]}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={showInactive()}
              onChange={(e) => setShowInactive(e.currentTarget.checked)}
            />
            <span>{t('accounts.showInactive')}</span>
          </label>
        </div>
        <Async
          resource={accounts}
          refetch={refetch}
          isEmpty={() => rows().length === 0}
          empty={<EmptyState title={t('accounts.noneTitle')} description={t('accounts.noneText')} />}
        >
          {() => (
            <div class="table-wrap">
              <table class="table account-tree">
                <caption class="sr-only">{t('accounts.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('accounts.account')}</th>
                    <th scope="col" class="hide-mobile">
                      {t('accounts.type')}
                    </th>
                    <th scope="col" class="hide-mobile">
                      {t('accounts.status')}
                    </th>
                    <th scope="col" class="end">
                      <span class="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(n) => {
                      const a = n.account;
                      return (
                        <tr
                          data-account={a.code}
                          classList={{ 'is-inactive': !a.active, 'is-group': n.children.length > 0 }}
                        >
                          <td>
                            <div class="tree-cell" style={{ 'padding-left': `${n.depth * 22}px` }}>
                              <Show when={n.children.length > 0} fallback={<span class="tree-spacer" />}>
                                <button
                                  type="button"
                                  class="tree-toggle"
                                  aria-expanded={isOpen(a.code)}
                                  aria-label={t(isOpen(a.code) ? 'accounts.collapse' : 'accounts.expand', {
                                    code: a.code,
                                  })}
                                  onClick={() => toggle(a.code)}
                                  disabled={searching()}
                                >
                                  <Icon name="chevron" size={14} />
                                </button>
                              </Show>
                              <span class="mono account-code">{a.code}</span>
                              <span class="account-name">{a.name}</span>
                              <Show when={a.cash}>
                                <Badge tone="info">{t('accounts.cashBadge')}</Badge>
                              </Show>
                            </div>
                          </td>
                          <td class="hide-mobile">
                            <Badge tone={TYPE_TONE[a.type]}>{t(`type.${a.type}`)}</Badge>
                          </td>
                          <td class="hide-mobile">
                            <Show when={a.active} fallback={<Badge>{t('accounts.inactive')}</Badge>}>
                              <span class="muted small">
                                {a.hasPostings ? t('accounts.inUse') : t('accounts.active')}
                              </span>
                            </Show>
                          </td>
                          <td class="end">
                            <Show when={can('accounting.admin')}>
                              <div class="row end-row">
                                <Show when={a.active}>
                                  <Button size="sm" variant="ghost" onClick={() => startAdd(a)}>
                                    <Icon name="plus" />
                                    <span class="hide-mobile">{t('accounts.addSub')}</span>
                                  </Button>
                                </Show>
                                <Button
                                  size="sm"
                                  variant="ghost"
                                  loading={busy() === a.id}
                                  onClick={() => setActive(a, !a.active)}
                                  aria-label={t(a.active ? 'accounts.deactivateX' : 'accounts.activateX', {
                                    code: a.code,
                                  })}
                                >
                                  {t(a.active ? 'accounts.deactivate' : 'accounts.activate')}
                                </Button>
                              </div>
                            </Show>
                          </td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </Card>
    </div>
  );
}
