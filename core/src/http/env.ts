import type { Kysely, Transaction } from 'kysely';
import type { PluginContext } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import type { Resolved } from '../tenancy/resolve.ts';

/** Who is acting: a signed-in user or an API token, possibly on behalf of a provider tenant. */
export interface Actor {
  kind: 'user' | 'token';
  userId: string | null;
  tokenId: string | null;
  /** Set when provider staff act inside a client tenant. */
  providerTenantId: string | null;
  /** The engagement provider staff (or their tokens) act through; set with providerTenantId. */
  engagementId?: string | null;
  /** Human-readable, for audit views: the user's email or the token's name. */
  label: string;
}

export interface TenantInfo {
  id: string;
  slug: string;
  name: string;
  kind: 'company' | 'provider';
  status: string;
  country: string;
  locale: string;
  currency: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/** Variables every request has. */
export interface BaseVariables {
  requestId: string;
  runtime: Runtime;
  /** Set when the request carries a valid session cookie. */
  user: SessionUser | null;
  sessionId: string | null;
  /** On a cookie request to a tenant path: what the session's statement read about that tenant. */
  resolved: Resolved | null;
}

/** Variables of a request inside `/api/t/:tenant/…`, after tenant resolution. */
export interface TenantVariables extends BaseVariables {
  tenant: TenantInfo;
  actor: Actor;
  /** Role key for direct members (`owner`, `admin`, `member` or a custom key); null for tokens and provider staff. */
  role: string | null;
  /** Granted permission patterns (`*`, `hr.*`, `accounting.post`). */
  grants: readonly string[];
  /** Modules this caller may use in the tenant; null means every enabled module (provider staff are limited). */
  moduleScope: string[] | null;
  /** The tenant transaction: request role, RLS set to this tenant. Commits if the response is < 400. */
  db: Transaction<any>;
  /** The same transaction as a PluginContext: emit events, write audit rows, call services. */
  ctx: PluginContext;
}

export type BaseEnv = { Variables: BaseVariables };
export type TenantEnv = { Variables: TenantVariables };

export type Db = Kysely<any>;
