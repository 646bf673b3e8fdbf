import { EmptyState, useI18n } from '@bureau/core/ui';
import { Navigate } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { RequireSession } from '../layout/auth-gate.tsx';
import { LAST_TENANT_KEY } from '../layout/shell.tsx';
import { session } from '../session.ts';

/** `/`: the last used tenant, else the first one. */
export function Home() {
  return <ToTenant section="" />;
}

/** Opens a page of the last used tenant (mailed links such as /billing name no tenant). */
export function ToTenant(props: { section: string }) {
  const i18n = useI18n();
  const target = () => {
    const tenants = session.me.latest?.tenants ?? [];
    let last: string | null = null;
    try {
      last = localStorage.getItem(LAST_TENANT_KEY);
    } catch {
      /* ignore */
    }
    return tenants.find((t) => t.slug === last) ?? tenants.find((t) => !t.via) ?? tenants[0];
  };
  return (
    <RequireSession>
      <Switch>
        <Match when={target()}>
          {(t) => <Navigate href={`/t/${t().slug}${props.section ? `/${props.section}` : ''}`} />}
        </Match>
        <Match when={!target()}>
          <div class="boot">
            <EmptyState title={i18n.t('home.noTenantsTitle')} description={i18n.t('home.noTenantsText')} />
          </div>
        </Match>
      </Switch>
    </RequireSession>
  );
}
