import { Badge, grants, type Locale, TenantProvider, unwrap, useI18n } from '@bureau/core/ui';
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { A, type RouteSectionProps, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { client } from '../api/client.ts';
import type { MeTenant } from '../api/types.ts';
import { Icon } from '../icons.tsx';
import { roleLabel } from '../labels.ts';
import { navOf } from '../plugins.ts';
import { session } from '../session.ts';
import { tenantState } from '../tenant-state.ts';
import { setTheme, THEMES, type Theme, theme } from '../theme.ts';
import { RequireSession } from './auth-gate.tsx';
import { Bell } from './bell.tsx';
import { Logo, Monogram } from './logo.tsx';
import { VerifyEmailBanner } from './verify-banner.tsx';

export const LAST_TENANT_KEY = 'bureau.lastTenant';

/** Settings sections and the permission each needs. */
export const SETTINGS_SECTIONS = [
  { id: 'company', icon: 'building', permission: 'tenant.members.read' },
  { id: 'parties', icon: 'contacts', permission: 'tenant.parties.read' },
  { id: 'modules', icon: 'modules', permission: 'tenant.modules.manage' },
  { id: 'members', icon: 'users', permission: 'tenant.members.read' },
  { id: 'providers', icon: 'handshake', permission: 'tenant.members.read' },
  { id: 'roles', icon: 'shield', permission: 'tenant.roles.manage' },
  { id: 'tokens', icon: 'key', permission: 'tenant.tokens.manage' },
  { id: 'billing', icon: 'card', permission: 'tenant.billing.manage' },
  { id: 'audit', icon: 'list', permission: 'tenant.audit.read' },
  { id: 'records', icon: 'book', permission: 'tenant.records.read' },
  { id: 'events', icon: 'list', permission: 'tenant.events.manage' },
  // The signed-in account's own two-step sign-in: every member may open it.
  { id: 'security', icon: 'lock', permission: null },
] as const;

/** Whether a settings section is open to the caller (null: to every member). */
export const canOpenSection = (can: (p: string) => boolean, s: (typeof SETTINGS_SECTIONS)[number]) =>
  s.permission === null || can(s.permission);

export function TenantShell(props: RouteSectionProps) {
  return (
    <RequireSession>
      <Show when={tenantState.tenant()} fallback={<NoAccess />}>
        {(tenant) => <ShellFrame tenant={tenant()}>{props.children}</ShellFrame>}
      </Show>
    </RequireSession>
  );
}

function NoAccess() {
  const i18n = useI18n();
  return (
    <div class="boot">
      <div class="state">
        <p class="state-title">{i18n.t('shell.noAccessTitle')}</p>
        <p class="state-description">{i18n.t('shell.noAccessText')}</p>
        <A class="btn btn-primary" href="/">
          {i18n.t('shell.goHome')}
        </A>
      </div>
    </div>
  );
}

function ShellFrame(props: { tenant: MeTenant; children: any }) {
  const i18n = useI18n();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = createSignal(false);
  const tenant = () => tenantState.tenant() ?? props.tenant;
  const can = (p: string) => {
    const perms = tenant().permissions;
    return grants(perms, p);
  };

  createEffect(() => {
    try {
      localStorage.setItem(LAST_TENANT_KEY, tenant().slug);
    } catch {
      /* ignore */
    }
  });
  // Close the phone drawer on navigation.
  createEffect(() => {
    location.pathname;
    setMenuOpen(false);
  });

  const base = () => `/t/${tenant().slug}`;
  const firstSettings = createMemo(() => SETTINGS_SECTIONS.find((s) => canOpenSection(can, s)));

  return (
    <TenantProvider tenant={tenant}>
      <div class="shell" data-menu-open={menuOpen() ? '' : undefined}>
        <a class="skip-link" href="#main">
          {i18n.t('shell.skipToContent')}
        </a>
        <aside class="sidebar" aria-label={i18n.t('shell.navigation')}>
          <div class="sidebar-top">
            <TenantSwitcher current={tenant()} />
          </div>
          <nav class="nav">
            <A href={base()} end class="nav-item" activeClass="active">
              <Icon name="home" />
              <span>{i18n.t('nav.dashboard')}</span>
            </A>
            <Show when={tenant().kind === 'provider'}>
              <A href={`${base()}/clients`} class="nav-item" activeClass="active">
                <Icon name="briefcase" />
                <span>{i18n.t('nav.clients')}</span>
              </A>
              <A href={`${base()}/engagements`} class="nav-item" activeClass="active">
                <Icon name="handshake" />
                <span>{i18n.t('nav.engagements')}</span>
              </A>
            </Show>
            <Show when={(tenantState.plugins.latest?.plugins.length ?? 0) > 0}>
              <div class="nav-section">{i18n.t('nav.modules')}</div>
              <For each={tenantState.plugins.latest?.plugins ?? []}>
                {(plugin) => (
                  <For each={navOf(plugin, tenant().permissions)}>
                    {(item) => (
                      <A
                        href={`${base()}/${plugin.id}${item.path === '/' ? '' : item.path}`}
                        class="nav-item"
                        activeClass="active"
                        end={item.path === '/'}
                      >
                        <Icon name={item.icon ?? 'modules'} />
                        <span>{i18n.text(item.label)}</span>
                      </A>
                    )}
                  </For>
                )}
              </For>
            </Show>
            <Show when={tenantState.plugins.loading && !tenantState.plugins.latest}>
              <div class="nav-section">{i18n.t('nav.modules')}</div>
              <div class="nav-skeleton skeleton" />
              <div class="nav-skeleton skeleton" />
            </Show>
            <Show when={tenantState.plugins.latest?.failed.length}>
              <div class="nav-note" role="status">
                {i18n.t('shell.pluginLoadFailed', { modules: tenantState.plugins.latest?.failed.join(', ') ?? '' })}
              </div>
            </Show>
          </nav>
          <div class="sidebar-bottom">
            <Show when={firstSettings()}>
              {(s) => (
                <A
                  href={`${base()}/settings/${s().id}`}
                  class="nav-item"
                  classList={{ active: location.pathname.startsWith(`${base()}/settings`) }}
                >
                  <Icon name="settings" />
                  <span>{i18n.t('nav.settings')}</span>
                </A>
              )}
            </Show>
            <UserMenu />
          </div>
        </aside>
        <div class="scrim" onClick={() => setMenuOpen(false)} aria-hidden="true" />
        <div class="main-col">
          <header class="topbar">
            <button
              type="button"
              class="btn btn-ghost icon-btn topbar-menu"
              aria-label={i18n.t('shell.openMenu')}
              aria-expanded={menuOpen()}
              onClick={() => setMenuOpen(!menuOpen())}
            >
              <Icon name="menu" size={18} />
            </button>
            <span class="topbar-title">{tenant().name}</span>
            <Bell slug={tenant().slug} />
            <Logo size={22} />
          </header>
          <Show when={tenant().via}>
            {(via) => (
              <div class="via-banner" role="note">
                <Icon name="briefcase" />
                <span>{i18n.t('shell.actingVia', { provider: via().provider.name, client: tenant().name })}</span>
              </div>
            )}
          </Show>
          <VerifyEmailBanner />
          <main id="main" class="content" tabindex="-1">
            {props.children}
          </main>
        </div>
      </div>
    </TenantProvider>
  );
}

function TenantSwitcher(props: { current: MeTenant }) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const tenants = () => session.me.latest?.tenants ?? [];
  const direct = () => tenants().filter((t) => !t.via);
  const viaGroups = createMemo(() => {
    const groups = new Map<string, { name: string; tenants: MeTenant[] }>();
    for (const t of tenants()) {
      if (!t.via) continue;
      const g = groups.get(t.via.provider.slug) ?? { name: t.via.provider.name, tenants: [] };
      g.tenants.push(t);
      groups.set(t.via.provider.slug, g);
    }
    return [...groups.values()];
  });
  const item = (t: MeTenant) => (
    <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/t/${t.slug}`)} data-tenant={t.slug}>
      <Monogram name={t.name} size={22} />
      <span class="menu-item-text">{t.name}</span>
      <Show when={t.kind === 'provider'}>
        <Badge tone="accent">{i18n.t('tenant.kind.provider')}</Badge>
      </Show>
      <Show when={t.slug === props.current.slug}>
        <Icon name="check" class="menu-check" />
      </Show>
    </DropdownMenu.Item>
  );
  return (
    <DropdownMenu placement="bottom-start" gutter={6}>
      <DropdownMenu.Trigger
        class="tenant-trigger"
        aria-label={i18n.t('shell.switchTenant')}
        data-testid="tenant-switcher"
      >
        <Monogram name={props.current.name} size={28} />
        <span class="tenant-trigger-text">
          <span class="tenant-name">{props.current.name}</span>
          <span class="tenant-meta">
            {props.current.via
              ? i18n.t('shell.clientOf', { provider: props.current.via.provider.name })
              : roleLabel(props.current.role ?? '')}
          </span>
        </span>
        <Icon name="chevrons" class="muted" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu menu-wide">
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-label">{i18n.t('shell.yourWorkspaces')}</DropdownMenu.GroupLabel>
            <For each={direct()}>{item}</For>
          </DropdownMenu.Group>
          <For each={viaGroups()}>
            {(g) => (
              <>
                <DropdownMenu.Separator class="menu-sep" />
                <DropdownMenu.Group>
                  <DropdownMenu.GroupLabel class="menu-label">
                    {i18n.t('shell.clientsOf', { provider: g.name })}
                  </DropdownMenu.GroupLabel>
                  <For each={g.tenants}>{item}</For>
                </DropdownMenu.Group>
              </>
            )}
          </For>
          <DropdownMenu.Separator class="menu-sep" />
          <DropdownMenu.Item class="menu-item" onSelect={() => navigate('/new-firm')} data-testid="new-firm">
            <Icon name="plus" />
            <span class="menu-item-text">{i18n.t('shell.newFirm')}</span>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}

function UserMenu() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const user = () => session.me.latest?.user;
  const signOut = async () => {
    try {
      await unwrap(client.api.auth.logout.$post());
    } finally {
      session.clear();
      navigate('/login', { replace: true });
    }
  };
  return (
    <DropdownMenu placement="top-start" gutter={6}>
      <DropdownMenu.Trigger class="user-trigger" aria-label={i18n.t('shell.userMenu')} data-testid="user-menu">
        <Monogram name={user()?.name || user()?.email || '?'} size={28} />
        <span class="tenant-trigger-text">
          <span class="tenant-name">{user()?.name}</span>
          <span class="tenant-meta">{user()?.email}</span>
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <DropdownMenu.Item class="menu-item" onSelect={() => navigate('/account')}>
            <Icon name="user" />
            <span class="menu-item-text">{i18n.t('nav.account')}</span>
          </DropdownMenu.Item>
          <DropdownMenu.Separator class="menu-sep" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-label">{i18n.t('account.language')}</DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup value={i18n.locale()} onChange={(v) => i18n.setLocale(v as Locale)}>
              <DropdownMenu.RadioItem class="menu-item" value="en" data-locale="en">
                <Icon name="globe" />
                <span class="menu-item-text">English</span>
                <DropdownMenu.ItemIndicator>
                  <Icon name="check" class="menu-check" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
              <DropdownMenu.RadioItem class="menu-item" value="cs" data-locale="cs">
                <Icon name="globe" />
                <span class="menu-item-text">Čeština</span>
                <DropdownMenu.ItemIndicator>
                  <Icon name="check" class="menu-check" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu-sep" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-label">{i18n.t('account.appearance')}</DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup value={theme()} onChange={(v) => setTheme(v as Theme)}>
              <For each={THEMES}>
                {(value) => (
                  <DropdownMenu.RadioItem class="menu-item" value={value} data-theme-choice={value}>
                    <span class="menu-item-text">{i18n.t(`account.theme.${value}`)}</span>
                    <DropdownMenu.ItemIndicator>
                      <Icon name="check" class="menu-check" />
                    </DropdownMenu.ItemIndicator>
                  </DropdownMenu.RadioItem>
                )}
              </For>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu-sep" />
          <DropdownMenu.Item class="menu-item" onSelect={signOut}>
            <Icon name="logout" />
            <span class="menu-item-text">{i18n.t('auth.signOut')}</span>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
