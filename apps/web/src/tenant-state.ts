import { createMemo, createResource, createRoot, createSignal } from 'solid-js';
import type { MeTenant } from './api/types.ts';
import { loadTenantPlugins } from './plugins.ts';
import { session } from './session.ts';

/** The tenant of the current URL and the plugin UIs it may show, shared by the router, the shell and the dashboard. */
export const tenantState = createRoot(() => {
  const [slug, setSlug] = createSignal<string | undefined>();
  const tenant = createMemo<MeTenant | undefined>(() => {
    const s = slug();
    // `latest` keeps the last answer while /api/me is read again: a refresh (after a module or role change)
    // must not take the tenant away for a moment, which unmounted the whole shell and flashed "no access".
    if (!s) return undefined;
    return session.me.latest?.tenants.find((t) => t.slug === s);
  });
  // Reload plugin UIs only when what decides them changes, not on every /api/me refresh.
  const key = createMemo(() => {
    const t = tenant();
    return t ? JSON.stringify([t.slug, [...t.modules].sort(), [...t.permissions].sort()]) : undefined;
  });
  const [plugins] = createResource(key, () => {
    const t = tenant();
    return t ? loadTenantPlugins(t) : { plugins: [], failed: [] };
  });
  return { slug, setSlug, tenant, plugins };
});

/** The tenant slug of a path (`/t/<slug>/…`). */
export function slugOf(pathname: string): string | undefined {
  const m = /^\/t\/([^/]+)/.exec(pathname);
  return m ? decodeURIComponent(m[1] as string) : undefined;
}
