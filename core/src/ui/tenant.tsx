import { type Accessor, createContext, type JSX, useContext } from 'solid-js';
import { grants } from '../tenancy/permissions.ts';
import { apiFetch } from './api.ts';

/** The current tenant as the shell knows it from GET /api/me. */
export interface CurrentTenant {
  id: string;
  slug: string;
  name: string;
  kind: 'company' | 'provider';
  role: string | null;
  permissions: string[];
  modules: string[];
  /** Set when the user reaches this tenant through a provider's engagement. */
  via: { provider: { id: string; slug: string; name: string } } | null;
}

export interface TenantContextValue {
  tenant: Accessor<CurrentTenant>;
  /** True when the user's grants (patterns such as `*` or `hr.*`) cover `permission`. */
  can: (permission: string) => boolean;
  /** Fetches a path of this tenant's API: `api('/hr/employees')` → `/api/t/<slug>/hr/employees`. */
  api: <T = unknown>(
    path: string,
    init?: { method?: string; body?: unknown; query?: Record<string, string | number | undefined> },
  ) => Promise<T>;
}

const TenantContext = createContext<TenantContextValue>();

export function TenantProvider(props: { tenant: Accessor<CurrentTenant>; children: JSX.Element }) {
  const value: TenantContextValue = {
    tenant: props.tenant,
    can: (p) => grants(props.tenant().permissions, p),
    api: (path, init) => apiFetch(`/api/t/${encodeURIComponent(props.tenant().slug)}${path}`, init),
  };
  return <TenantContext.Provider value={value}>{props.children}</TenantContext.Provider>;
}

/** The current tenant, its permission check and its API, for plugin pages and widgets. */
export function useTenant(): TenantContextValue {
  const ctx = useContext(TenantContext);
  if (!ctx) throw new Error('useTenant() outside a tenant page');
  return ctx;
}

export { grants };
