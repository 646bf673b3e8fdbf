import type { Kysely } from 'kysely';
import type { Actor, TenantInfo } from '../http/env.ts';
import { providerReach } from '../providers/access.ts';
import { intersectGrants } from '../providers/grants.ts';
import type { Access, Runtime } from '../runtime.ts';
import { roleGrants } from '../tenancy/access.ts';
import { hashSecret } from './tokens.ts';

const TOKEN_TOUCH_MS = 60_000;
/** Tokens minted by tokens form a chain; longer chains than this are refused. */
const MAX_CHAIN = 8;

interface TokenRow {
  id: string;
  name: string;
  permissions: string[];
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
  created_by: string | null;
  engagement_id: string | null;
  parent_token_id: string | null;
}

const COLUMNS = [
  'id',
  'name',
  'permissions',
  'last_used_at',
  'revoked_at',
  'created_by',
  'engagement_id',
  'parent_token_id',
] as const;

/** The human a token acts for, and the path they reach the tenant by, as of now. */
export interface CreatorPath {
  grants: string[];
  modules: string[] | null;
  providerTenantId: string | null;
}

/**
 * The creator's current path into the tenant: a direct membership (their role's grants), or, for a
 * token made by provider staff, the same engagement still active with them still on a team of it.
 * Null when the path is gone. Tokens from before creators were recorded (no creator, no parent) keep
 * their own permissions.
 */
export async function creatorPath(
  runtime: Runtime,
  tenantId: string,
  row: Pick<TokenRow, 'created_by' | 'engagement_id'>,
): Promise<CreatorPath | null> {
  if (row.engagement_id) {
    if (!row.created_by) return null;
    const reach = await providerReach(runtime.db, tenantId, row.created_by);
    if (!reach || reach.engagementId !== row.engagement_id) return null;
    return { grants: reach.grants, modules: reach.modules, providerTenantId: reach.provider.id };
  }
  if (!row.created_by) return { grants: ['*'], modules: null, providerTenantId: null };
  const m = await runtime.db
    .selectFrom('core.memberships')
    .select('role')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', row.created_by)
    .executeTakeFirst();
  if (!m) return null;
  return { grants: await roleGrants(runtime, runtime.db, tenantId, m.role), modules: null, providerTenantId: null };
}

async function tokenById(db: Kysely<any>, tenantId: string, id: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('core.api_tokens')
    .select([...COLUMNS])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst() as Promise<TokenRow | undefined>;
}

/**
 * A token's access, re-checked on every use (issue 11, items 2 and 5): every token up its chain of
 * minting tokens must be live, and its permissions are at most what each of them holds and what
 * its creator holds today. A token whose creator's path is gone is revoked for good here.
 * `dead` means the secret names a token that no longer works (answer 401); `null` means no token of
 * this tenant has that secret.
 */
export async function tokenAccess(
  runtime: Runtime,
  tenant: TenantInfo,
  secret: string,
): Promise<Access | 'dead' | null> {
  const row = (await runtime.db
    .selectFrom('core.api_tokens')
    .select([...COLUMNS])
    .where('tenant_id', '=', tenant.id)
    .where('token_hash', '=', hashSecret(secret))
    .executeTakeFirst()) as TokenRow | undefined;
  if (!row) return null;
  if (row.revoked_at) return 'dead';
  const now = runtime.clock.now();
  let permissions = row.permissions;
  let cursor = row;
  for (let depth = 0; cursor.parent_token_id; depth++) {
    const parent = depth < MAX_CHAIN ? await tokenById(runtime.db, tenant.id, cursor.parent_token_id) : undefined;
    if (!parent || parent.revoked_at) return revoke(runtime, tenant.id, row.id, now);
    permissions = intersectGrants(permissions, parent.permissions);
    cursor = parent;
  }
  const path = await creatorPath(runtime, tenant.id, row);
  if (!path) return revoke(runtime, tenant.id, row.id, now);
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOKEN_TOUCH_MS) {
    await runtime.db
      .updateTable('core.api_tokens')
      .set({ last_used_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', row.id)
      .execute();
  }
  return {
    actor: {
      kind: 'token',
      userId: null,
      tokenId: row.id,
      providerTenantId: path.providerTenantId,
      engagementId: row.engagement_id,
      label: `token:${row.name}`,
    },
    role: null,
    grants: intersectGrants(permissions, path.grants),
    modules: path.modules,
  };
}

async function revoke(runtime: Runtime, tenantId: string, id: string, now: Date): Promise<'dead'> {
  await runtime.db
    .updateTable('core.api_tokens')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return 'dead';
}

/**
 * The binding a new token (or invitation) inherits from whoever creates it: a person (with the
 * engagement they work through, for provider staff), or a token minting another (its creator and
 * engagement, and itself as parent). `db` is the request's tenant transaction.
 */
export async function newTokenBinding(
  db: Kysely<any>,
  tenant: TenantInfo,
  actor: Actor,
): Promise<{ created_by: string | null; engagement_id: string | null; parent_token_id: string | null }> {
  if (actor.kind === 'token' && actor.tokenId) {
    const parent = await tokenById(db, tenant.id, actor.tokenId);
    return {
      created_by: parent?.created_by ?? null,
      engagement_id: parent?.engagement_id ?? null,
      parent_token_id: actor.tokenId,
    };
  }
  return {
    created_by: actor.userId,
    engagement_id: actor.providerTenantId ? (actor.engagementId ?? null) : null,
    parent_token_id: null,
  };
}
