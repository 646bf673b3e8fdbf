import type { Kysely, Transaction } from 'kysely';
import type { Runtime } from '../runtime.ts';

/** Who is acting: a signed-in user or an API token, possibly on behalf of a provider tenant. */
export interface Actor {
  kind: 'user' | 'token';
  userId: string | null;
  tokenId: string | null;
  /** Set when provider staff act inside a client tenant. */
  providerTenantId: string | null;
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
}

/** Variables of a request inside `/api/t/:tenant/…`, after tenant resolution. */
export interface TenantVariables extends BaseVariables {
  tenant: TenantInfo;
  actor: Actor;
  /** Granted permission patterns (`*`, `hr.*`, `accounting.post`). */
  grants: readonly string[];
  /** The tenant transaction: request role, RLS set to this tenant. Commits if the response is < 400. */
  db: Transaction<any>;
}

export type BaseEnv = { Variables: BaseVariables };
export type TenantEnv = { Variables: TenantVariables };

export type Db = Kysely<any>;
