import { LoadingState } from '@bureau/core/ui';
import { Navigate, type RouteSectionProps, useLocation } from '@solidjs/router';
import { type JSX, Match, Switch } from 'solid-js';
import { session } from '../session.ts';

/** Renders children for a signed-in user; sends everyone else to /login?next=…. */
export function RequireSession(props: { children: JSX.Element }) {
  const location = useLocation();
  return (
    <Switch
      fallback={
        <div class="boot">
          <LoadingState rows={4} />
        </div>
      }
    >
      <Match when={session.me.state === 'errored'}>
        <div class="boot">
          <div class="alert alert-danger">{session.i18n.t('common.serverUnavailable')}</div>
        </div>
      </Match>
      <Match when={session.me.state === 'ready' && session.me() === null}>
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={session.me.state === 'ready' || session.me.state === 'refreshing'}>{props.children}</Match>
    </Switch>
  );
}

export function AuthGate(props: RouteSectionProps) {
  return (
    <RequireSession>
      <div class="plain-page">{props.children}</div>
    </RequireSession>
  );
}
