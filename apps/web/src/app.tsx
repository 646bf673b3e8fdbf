import { I18nProvider, ToastRegion } from '@bureau/core/ui';
import { Navigate, Route, Router, type RouteSectionProps, useLocation } from '@solidjs/router';
import { createEffect, For, lazy, on, Show } from 'solid-js';
import { AuthGate } from './layout/auth-gate.tsx';
import { TenantShell } from './layout/shell.tsx';
import { inMaintenance, MaintenancePage } from './maintenance.tsx';
import { Home, ToTenant } from './pages/home.tsx';
import { NotFound } from './pages/not-found.tsx';
import { routesOf } from './plugins.ts';
import { session } from './session.ts';
import { slugOf, tenantState } from './tenant-state.ts';

const Login = lazy(() => import('./pages/auth/login.tsx'));
const Signup = lazy(() => import('./pages/auth/signup.tsx'));
const ResetRequest = lazy(() => import('./pages/auth/reset-request.tsx'));
const ResetConfirm = lazy(() => import('./pages/auth/reset-confirm.tsx'));
const AcceptInvite = lazy(() => import('./pages/auth/accept-invite.tsx'));
const VerifyEmail = lazy(() => import('./pages/auth/verify-email.tsx'));
const Dashboard = lazy(() => import('./pages/dashboard.tsx'));
const SettingsLayout = lazy(() => import('./pages/settings/layout.tsx'));
const Modules = lazy(() => import('./pages/settings/modules.tsx'));
const Members = lazy(() => import('./pages/settings/members.tsx'));
const Roles = lazy(() => import('./pages/settings/roles.tsx'));
const Tokens = lazy(() => import('./pages/settings/tokens.tsx'));
const Billing = lazy(() => import('./pages/settings/billing.tsx'));
const Providers = lazy(() => import('./pages/settings/providers.tsx'));
const Audit = lazy(() => import('./pages/settings/audit.tsx'));
const Events = lazy(() => import('./pages/settings/events.tsx'));
const Records = lazy(() => import('./pages/settings/records.tsx'));
const RecordsLayout = lazy(() => import('./pages/records/layout.tsx'));
const RetentionSchedule = lazy(() => import('./pages/records/schedule.tsx'));
const LegalHolds = lazy(() => import('./pages/records/holds.tsx'));
const Disposal = lazy(() => import('./pages/records/disposal.tsx'));
const SubjectRequests = lazy(() => import('./pages/records/requests.tsx'));
const SubjectRequest = lazy(() => import('./pages/records/request.tsx'));
const ArchiveExports = lazy(() => import('./pages/records/exports.tsx'));
const Company = lazy(() => import('./pages/settings/company.tsx'));
const Parties = lazy(() => import('./pages/settings/parties.tsx'));
const PartyNew = lazy(() => import('./pages/settings/party-new.tsx'));
const Party = lazy(() => import('./pages/settings/party.tsx'));
const Security = lazy(() => import('./pages/settings/security.tsx'));
const Account = lazy(() => import('./pages/account.tsx'));
const Inbox = lazy(() => import('./pages/inbox.tsx'));
const Clients = lazy(() => import('./pages/provider/clients.tsx'));
const Engagements = lazy(() => import('./pages/provider/engagements.tsx'));

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
          {(r) => <Route path={`/${plugin.id}${r.path === '/' ? '' : r.path}`} component={r.component} />}
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
          <Route path="/t/:tenant" component={TenantShell}>
            <Route path="/" component={Dashboard} />
            <Route path="/settings" component={SettingsLayout}>
              <Route path="/" component={() => <Navigate href="modules" />} />
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
