/** Response shapes the pages rely on; checked against the server's AppType at each call site. */
import type { LocalizedText } from '@bureau/core/ui';

export type TenantKind = 'company' | 'provider';

export interface MeTenant {
  id: string;
  slug: string;
  name: string;
  kind: TenantKind;
  role: string | null;
  permissions: string[];
  modules: string[];
  /** Set when reached through a provider engagement. */
  via: { provider: { id: string; slug: string; name: string } } | null;
}

export interface Me {
  user: { id: string; email: string; name: string; locale: string | null; emailVerified?: boolean };
  tenants: MeTenant[];
}

export interface Member {
  id: string;
  userId?: string;
  email: string;
  name: string;
  role: string;
  since: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: string;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  expiresAt: string;
}

export interface CreatedInvitation extends Invitation {
  /** The accept link; shown to the admin once (it is mailed too). */
  link: string;
}

export interface InvitationPreview {
  tenant: { name: string; slug: string };
  email: string;
  role: string;
  expiresAt: string;
  accountExists: boolean;
}

export interface Permission {
  key: string;
  label: LocalizedText;
  module: string;
}

export interface CustomRole {
  id: string;
  key: string;
  name: string;
  permissions: string[];
}

export interface RolesResponse {
  builtin: { key: string }[];
  custom: CustomRole[];
  permissions: Permission[];
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface ModuleInfo {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  enabled: boolean;
  requires: string[];
  requiredBy: string[];
  enabledAt?: string | null;
  disabledAt?: string | null;
  /** Added by billing (GET /modules): included in the plan, sold as an add-on, held, entitled. */
  billing?: {
    included: boolean;
    addon: { price: string; currency: string; period: 'month' | 'year' } | null;
    addonActive: boolean;
    entitled: boolean;
  };
}

export interface AuditEntry {
  id: string;
  seq: string;
  at: string;
  actor: {
    kind: 'user' | 'token' | 'system';
    userId: string | null;
    tokenId: string | null;
    providerTenantId: string | null;
    label: string;
  };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  changes: string[];
  requestId: string | null;
  ip: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  broken: { id: string | null; seq: string; reason: string } | null;
}
