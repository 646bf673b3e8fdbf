import { I18nProvider, ToastRegion } from '@bureau/core/ui';
import { Route, Router, type RouteSectionProps, useLocation } from '@solidjs/router';
import { createEffect, For, lazy, on, Show } from 'solid-js';
import { AuthGate } from './layout/auth-gate.tsx';
import { withSkeleton } from './layout/page-loader.tsx';
import { TenantShell } from './layout/shell.tsx';
import { inMaintenance, MaintenancePage } from './maintenance.tsx';
import { Home, ToTenant } from './pages/home.tsx';
import { NotFound } from './pages/not-found.tsx';
import { routesOf } from './plugins.ts';
import { session } from './session.ts';
import { slugOf, tenantState } from './tenant-state.ts';

const Login = withSkeleton(lazy(() => import('./pages/auth/login.tsx')));
const Signup = withSkeleton(lazy(() => import('./pages/auth/signup.tsx')));
const ResetRequest = withSkeleton(lazy(() => import('./pages/auth/reset-request.tsx')));
const ResetConfirm = withSkeleton(lazy(() => import('./pages/auth/reset-confirm.tsx')));
const AcceptInvite = withSkeleton(lazy(() => import('./pages/auth/accept-invite.tsx')));
const VerifyEmail = withSkeleton(lazy(() => import('./pages/auth/verify-email.tsx')));
const Dashboard = withSkeleton(lazy(() => import('./pages/dashboard.tsx')));
const SettingsLayout = withSkeleton(lazy(() => import('./pages/settings/layout.tsx')));
const Modules = withSkeleton(lazy(() => import('./pages/settings/modules.tsx')));
const Members = withSkeleton(lazy(() => import('./pages/settings/members.tsx')));
const Roles = withSkeleton(lazy(() => import('./pages/settings/roles.tsx')));
const Tokens = withSkeleton(lazy(() => import('./pages/settings/tokens.tsx')));
const Billing = withSkeleton(lazy(() => import('./pages/settings/billing.tsx')));
const Providers = withSkeleton(lazy(() => import('./pages/settings/providers.tsx')));
const Audit = withSkeleton(lazy(() => import('./pages/settings/audit.tsx')));
const Events = withSkeleton(lazy(() => import('./pages/settings/events.tsx')));
const Records = withSkeleton(lazy(() => import('./pages/settings/records.tsx')));
const RecordsLayout = withSkeleton(lazy(() => import('./pages/records/layout.tsx')));
const RetentionSchedule = withSkeleton(lazy(() => import('./pages/records/schedule.tsx')));
const LegalHolds = withSkeleton(lazy(() => import('./pages/records/holds.tsx')));
const Disposal = withSkeleton(lazy(() => import('./pages/records/disposal.tsx')));
const SubjectRequests = withSkeleton(lazy(() => import('./pages/records/requests.tsx')));
const SubjectRequest = withSkeleton(lazy(() => import('./pages/records/request.tsx')));
const ArchiveExports = withSkeleton(lazy(() => import('./pages/records/exports.tsx')));
const Company = withSkeleton(lazy(() => import('./pages/settings/company.tsx')));
const Parties = withSkeleton(lazy(() => import('./pages/settings/parties.tsx')));
const PartyNew = withSkeleton(lazy(() => import('./pages/settings/party-new.tsx')));
const Party = withSkeleton(lazy(() => import('./pages/settings/party.tsx')));
const Security = withSkeleton(lazy(() => import('./pages/settings/security.tsx')));
const Account = withSkeleton(lazy(() => import('./pages/account.tsx')));
const NewFirm = withSkeleton(lazy(() => import('./pages/new-firm.tsx')));
const Inbox = withSkeleton(lazy(() => import('./pages/inbox.tsx')));
const Clients = withSkeleton(lazy(() => import('./pages/provider/clients.tsx')));
const Engagements = withSkeleton(lazy(() => import('./pages/provider/engagements.tsx')));

function Root(props: RouteSectionProps) {
  const location = useLocation();
  createEffect(() => tenantState.setSlug(slugOf(location.pathname)));
  createEffect(
    on(
      () => (session.me.state === 'ready' ? session.me()?.user.locale : undefined),
      (locale) => {
        if (locale === 'cs' || locale === 'en') session.i18n.setLocale(locale);
      },
    ),
  );
  return (
    <>
      {props.children}
      <ToastRegion />
    </>
  );
}

/** Routes of the current tenant's plugin panels, at `/t/:tenant/<plugin id><route path>`. */
function PluginRoutes() {
  return (
    <For each={tenantState.plugins.latest?.plugins ?? []}>
      {(plugin) => (
        <For each={routesOf(plugin, tenantState.tenant()?.permissions ?? [])}>
          {(r) => <Route path={`/${plugin.id}${r.path === '/' ? '' : r.path}`} component={withSkeleton(r.component)} />}
        </For>
      )}
    </For>
  );
}

export function App() {
  return (
    <I18nProvider value={session.i18n}>
      <Show when={!inMaintenance()} fallback={<MaintenancePage />}>
        <Router root={Root}>
          <Route path="/login" component={Login} />
          <Route path="/signup" component={Signup} />
          <Route path="/reset" component={ResetRequest} />
          <Route path="/reset/:token" component={ResetConfirm} />
          <Route path="/reset-password" component={ResetConfirm} />
          <Route path="/invite" component={AcceptInvite} />
          <Route path="/verify-email" component={VerifyEmail} />
          <Route path="/verify-email/:token" component={VerifyEmail} />
          <Route path="/invite/:token" component={AcceptInvite} />
          <Route path="/billing" component={() => <ToTenant section="settings/billing" />} />
          <Route path="/" component={Home} />
          <Route path="/account" component={AuthGate}>
            <Route path="/" component={Account} />
          </Route>
          <Route path="/new-firm" component={AuthGate}>
            <Route path="/" component={NewFirm} />
          </Route>
          <Route path="/t/:tenant" component={TenantShell}>
            <Route path="/" component={Dashboard} />
            <Route path="/settings" component={SettingsLayout}>
              {/* The layout sends /settings to the first section the caller may open. */}
              <Route path="/" component={() => null} />
              <Route path="/company" component={Company} />
              <Route path="/parties" component={Parties} />
              <Route path="/parties/new" component={PartyNew} />
              <Route path="/parties/:id" component={Party} />
              <Route path="/modules" component={Modules} />
              <Route path="/members" component={Members} />
              <Route path="/providers" component={Providers} />
              <Route path="/roles" component={Roles} />
              <Route path="/tokens" component={Tokens} />
              <Route path="/billing" component={Billing} />
              <Route path="/audit" component={Audit} />
              <Route path="/events" component={Events} />
              <Route path="/records" component={RecordsLayout}>
                <Route path="/" component={RetentionSchedule} />
                <Route path="/holds" component={LegalHolds} />
                <Route path="/disposal" component={Disposal} />
                <Route path="/requests" component={SubjectRequests} />
                <Route path="/requests/:id" component={SubjectRequest} />
                <Route path="/exports" component={ArchiveExports} />
                <Route path="/rules" component={Records} />
              </Route>
              <Route path="/security" component={Security} />
            </Route>
            <Route path="/inbox" component={Inbox} />
            <Route path="/clients" component={Clients} />
            <Route path="/engagements" component={Engagements} />
            <PluginRoutes />
            <Route path="*rest" component={NotFound} />
          </Route>
          <Route path="*" component={NotFound} />
        </Router>
      </Show>
    </I18nProvider>
  );
}
