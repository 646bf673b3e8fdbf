import type { Kysely } from 'kysely';
import type { TenantInfo } from '../http/env.ts';

const COLUMNS = ['id', 'slug', 'name', 'kind', 'status', 'country', 'locale', 'currency'] as const;

export async function findTenantBySlug(db: Kysely<any>, slug: string): Promise<TenantInfo | null> {
  if (slug.length > 60) return null;
  const row = await db.selectFrom('core.tenants').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
  return (row as TenantInfo | undefined) ?? null;
}

export async function findTenantById(db: Kysely<any>, id: string): Promise<TenantInfo | null> {
  const row = await db.selectFrom('core.tenants').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return (row as TenantInfo | undefined) ?? null;
}
