import type { Kysely } from 'kysely';

/** Enabled module ids per tenant (privileged read across the given tenants). */
export async function enabledModulesOf(db: Kysely<any>, tenantIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!tenantIds.length) return out;
  const rows = await db
    .selectFrom('core.tenant_modules')
    .select(['tenant_id', 'module_id'])
    .where('tenant_id', 'in', tenantIds)
    .where('enabled', '=', true)
    .orderBy('module_id')
    .execute();
  for (const r of rows) out.set(r.tenant_id, [...(out.get(r.tenant_id) ?? []), r.module_id]);
  return out;
}
