import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';

/**
 * The next number of a document series per year (`SO-2026-00042`): an upsert on the counter row,
 * which serialises concurrent requests on that row, so numbers are unique and without gaps among
 * committed documents.
 */
export async function nextNumber(ctx: PluginContext, series: string, date: string): Promise<string> {
  const year = Number(date.slice(0, 4));
  const row = await sql<{ last: number }>`
    insert into orders.counters (tenant_id, series, year, last) values (${ctx.tenant.id}, ${series}, ${year}, 1)
    on conflict (tenant_id, series, year) do update set last = orders.counters.last + 1
    returning last`.execute(ctx.db);
  return `${series}-${year}-${String(row.rows[0]?.last).padStart(5, '0')}`;
}
