import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';

/** What an IT provider sees per client in its console: assets in use, in repair, lost. */
export async function summary(ctx: PluginContext): Promise<Record<string, unknown>> {
  const r = await sql<{ deployed: string; in_repair: string; lost: string; total: string }>`
    select count(*) filter (where status = 'deployed') as deployed,
           count(*) filter (where status = 'in_repair') as in_repair,
           count(*) filter (where status = 'lost') as lost,
           count(*) filter (where status <> 'retired') as total
      from it.assets where tenant_id = ${ctx.tenant.id}`.execute(ctx.db);
  const row = r.rows[0];
  return {
    assets: Number(row?.total ?? 0),
    deployed: Number(row?.deployed ?? 0),
    inRepair: Number(row?.in_repair ?? 0),
    lost: Number(row?.lost ?? 0),
  };
}
