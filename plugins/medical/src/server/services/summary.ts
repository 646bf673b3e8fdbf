import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';

/**
 * The figures a lab provider acts on, per client (provider console): specimens awaiting receipt,
 * results awaiting release, critical values still open (not yet released) and turnaround-time
 * breaches (ordered tests without a released result past their TAT target).
 */
export async function summary(ctx: PluginContext): Promise<Record<string, number>> {
  const { db, tenant } = ctx;
  const now = ctx.now();
  const awaitingReceipt = await db
    .selectFrom('medical.specimens')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenant.id)
    .where('status', '=', 'collected')
    .executeTakeFirstOrThrow();
  const pending = await db
    .selectFrom('medical.results')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.count<string>(sql`case when flag in ('HH', 'LL') then 1 end`).as('critical'),
    ])
    .where('tenant_id', '=', tenant.id)
    .where('status', '=', 'entered')
    .executeTakeFirstOrThrow();
  const breaches = await db
    .selectFrom('medical.order_tests as ot')
    .innerJoin('medical.orders as o', (j) =>
      j.onRef('o.tenant_id', '=', 'ot.tenant_id').onRef('o.id', '=', 'ot.order_id'),
    )
    .innerJoin('medical.tests as t', (j) =>
      j.onRef('t.tenant_id', '=', 'ot.tenant_id').onRef('t.id', '=', 'ot.test_id'),
    )
    .innerJoin('medical.specimens as s', (j) =>
      j.onRef('s.tenant_id', '=', 'ot.tenant_id').onRef('s.id', '=', 'ot.specimen_id'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ot.tenant_id', '=', tenant.id)
    .where('s.status', '!=', 'rejected')
    .where('t.tat_minutes', 'is not', null)
    .where(sql<boolean>`o.ordered_at + t.tat_minutes * interval '1 minute' < ${now}`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('medical.results as r')
            .select('r.id')
            .whereRef('r.tenant_id', '=', 'ot.tenant_id')
            .whereRef('r.specimen_id', '=', 'ot.specimen_id')
            .whereRef('r.test_id', '=', 'ot.test_id')
            .where('r.status', 'in', ['released', 'superseded']),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return {
    specimensAwaitingReceipt: Number(awaitingReceipt.n),
    resultsAwaitingRelease: Number(pending.n),
    criticalOpen: Number(pending.critical),
    tatBreaches: Number(breaches.n),
  };
}
