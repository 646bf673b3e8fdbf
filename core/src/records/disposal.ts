import { sql } from 'kysely';
import { badRequest, fieldError, problem } from '../http/problem.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import { findClass, type InstalledClass, isDue } from './classes.ts';
import { heldKeys } from './holds.ts';
import { mm } from './management-messages.ts';
import { dueRecords, effectivePeriod, tenantPeriods } from './periods.ts';
import { actorLabel, classesInScope, type RecordsScope, today, ymd } from './scope.ts';
import { recordStorage } from './storage.ts';

type Row = Record<string, any>;

export const toItem = (r: Row) => ({
  id: r.id as string,
  recordClass: r.class_key as string,
  recordId: r.record_id as string,
  label: r.label as string,
  triggerDate: ymd(r.trigger_date),
  keepUntil: ymd(r.keep_until),
  status: r.status as string,
  runId: (r.run_id ?? null) as string | null,
  proposedAt: isoOrNull(r.proposed_at) as string,
  decidedAt: isoOrNull(r.decided_at),
  decidedBy: (r.decided_by ?? null) as string | null,
});

export const toRun = (r: Row) => ({
  id: r.id as string,
  status: r.status as string,
  total: Number(r.total),
  done: Number(r.done),
  skipped: Number(r.skipped),
  approvedAt: isoOrNull(r.approved_at) as string,
  approvedBy: r.approved_by as string,
  startedAt: isoOrNull(r.started_at),
  finishedAt: isoOrNull(r.finished_at),
  error: (r.error ?? null) as string | null,
});

/**
 * The disposal proposal: every record past retention in the classes in scope that no hold keeps and
 * that is not proposed yet. Run daily by core's schedule and on demand. Returns how many were added.
 */
export async function proposeDisposals(s: RecordsScope): Promise<number> {
  const own = await tenantPeriods(s);
  const holds = await heldKeys(s);
  const day = today(s.runtime);
  let added = 0;
  const classes = classesInScope(s).map((c) => c.key);
  // Held proposals are recomputed: a released hold makes them proposals again.
  if (classes.length) {
    await s.db
      .deleteFrom('core.disposal_items')
      .where('tenant_id', '=', s.tenant.id)
      .where('status', 'in', ['held', 'withdrawn'])
      .where('class_key', 'in', classes)
      .execute();
  }
  for (const c of classesInScope(s)) {
    const due = await dueRecords(s, c, effectivePeriod(c, own.get(c.key)), holds, day);
    for (const d of due) {
      // A record disposed of before (anonymised or archived, so still listed by its plugin) is not proposed again.
      const res = await sql`insert into core.disposal_items
          (tenant_id, id, class_key, record_id, label, trigger_date, keep_until, entity_type, entity_id, status, proposed_at)
        select ${s.tenant.id}, ${newId()}, ${c.key}, ${d.id}, ${d.label.slice(0, 200)}, ${d.triggerDate}, ${d.keepUntil},
          ${d.entityType}, ${d.entityId}, ${d.held ? 'held' : 'proposed'}, ${s.runtime.clock.now()}
        where not exists (select 1 from core.disposal_items x where x.tenant_id = ${s.tenant.id}
          and x.class_key = ${c.key} and x.record_id = ${d.id} and x.status = 'disposed')
        on conflict (tenant_id, class_key, record_id) where status in ('proposed', 'approved', 'held') do nothing`.execute(
        s.db,
      );
      if (!d.held) added += Number(res.numAffectedRows ?? 0n);
    }
  }
  if (added) {
    await s.ctx.audit({
      action: 'disposal.proposed',
      entityType: 'disposal',
      entityId: null,
      after: { proposed: added },
    });
  }
  return added;
}

export async function listProposals(s: RecordsScope, status: string | undefined) {
  const classes = classesInScope(s).map((c) => c.key);
  if (!classes.length) return [];
  let q = s.db
    .selectFrom('core.disposal_items')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .where('class_key', 'in', classes);
  q = status ? q.where('status', '=', status) : q.where('status', 'in', ['proposed', 'approved', 'held']);
  const rows = await q.orderBy('class_key').orderBy('keep_until').orderBy('id').limit(2000).execute();
  return rows.map(toItem);
}

/**
 * Approves proposed records for disposal, per class or per record, and queues a disposal run. A
 * record under a legal hold (or a class held as a whole) refuses the whole approval with 409
 * `records_held`, nothing changed.
 */
export async function approveDisposal(s: RecordsScope, input: { recordClass?: string; itemIds?: string[] }) {
  let c: InstalledClass | null = null;
  if (input.recordClass) {
    c = findClass(s.runtime.plugins, input.recordClass);
    if (!c || !s.modules.has(c.plugin.id)) {
      throw badRequest('unknown_record_class', mm.unknown_record_class, [
        fieldError('recordClass', mm.unknown_record_class),
      ]);
    }
  }
  const inScope = classesInScope(s).map((k) => k.key);
  let q = s.db
    .selectFrom('core.disposal_items')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .where('status', 'in', ['proposed', 'held'])
    .where('class_key', 'in', inScope.length ? inScope : ['-']);
  if (c) q = q.where('class_key', '=', c.key);
  if (input.itemIds?.length) q = q.where('id', 'in', input.itemIds);
  const found = await q.execute();
  if (input.itemIds?.length && found.length !== new Set(input.itemIds).size) {
    throw badRequest('invalid_input', mm.not_proposed, [fieldError('itemIds', mm.not_proposed)]);
  }
  const holds = await heldKeys(s);
  const held = found.filter((i) => i.status === 'held' || holds.isHeld(i.class_key, i.record_id));
  // Listed records under a hold, or a class held as a whole, refuse the approval; a class's other held
  // records simply stay out of it.
  const classHeld = c ? holds.holdOf(c.key, '\u0000') : null;
  if (held.length && (input.itemIds?.length || classHeld)) {
    throw problem(
      409,
      mm.records_held,
      { count: held.length },
      {
        extra: {
          held: held.map((i) => ({
            itemId: i.id,
            recordClass: i.class_key,
            recordId: i.record_id,
            hold: holds.holdOf(i.class_key, i.record_id),
          })),
        },
      },
    );
  }
  const items = found.filter((i) => !held.includes(i));
  if (!items.length) throw problem(409, mm.nothing_to_approve);
  const now = s.runtime.clock.now();
  const run = {
    tenant_id: s.tenant.id,
    id: newId(),
    status: 'queued',
    total: items.length,
    approved_at: now,
    approved_by: actorLabel(s),
  };
  await s.db.insertInto('core.disposal_runs').values(run).execute();
  await s.db
    .updateTable('core.disposal_items')
    .set({ status: 'approved', run_id: run.id, decided_at: now, decided_by: actorLabel(s) })
    .where('tenant_id', '=', s.tenant.id)
    .where(
      'id',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  const perClass = countBy(items.map((i) => i.class_key as string));
  await s.ctx.audit({
    action: 'disposal.approved',
    entityType: 'disposal',
    entityId: run.id,
    after: { runId: run.id, classes: perClass, total: items.length },
  });
  return toRun({ ...run, done: 0, skipped: 0 });
}

function countBy(keys: string[]) {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([recordClass, count]) => ({ recordClass, count }));
}

export async function listRuns(s: RecordsScope) {
  const runs = await s.db
    .selectFrom('core.disposal_runs')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .orderBy('approved_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  const log = await s.db.selectFrom('core.disposal_log').selectAll().where('tenant_id', '=', s.tenant.id).execute();
  return runs.map((r) => ({
    ...toRun(r),
    log: log
      .filter((l) => l.run_id === r.id)
      .map((l) => ({
        recordClass: l.class_key as string,
        disposal: l.disposal as string,
        count: Number(l.count),
        disposedAt: isoOrNull(l.disposed_at) as string,
        approvedBy: l.approved_by as string,
      })),
  }));
}

const BATCH = 100;

/**
 * One step of a disposal run, in the tenant's transaction (the system acts): up to 100 approved
 * records are checked again (a hold placed since, or a trigger that moved, keeps them), disposed of by
 * their plugin's hook, and their attachments marked for purging. Returns whether the run is finished; the last step writes the disposal log and its audit entry.
 */
export async function disposalStep(s: RecordsScope, runId: string): Promise<{ finished: boolean }> {
  const run = await s.db
    .selectFrom('core.disposal_runs')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .where('id', '=', runId)
    .forUpdate()
    .executeTakeFirst();
  if (!run || run.status === 'done' || run.status === 'failed') return { finished: true };
  const now = s.runtime.clock.now();
  if (run.status === 'queued') {
    await s.db
      .updateTable('core.disposal_runs')
      .set({ status: 'running', started_at: now })
      .where('tenant_id', '=', s.tenant.id)
      .where('id', '=', runId)
      .execute();
  }
  const items = await s.db
    .selectFrom('core.disposal_items')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .where('run_id', '=', runId)
    .where('status', '=', 'approved')
    .orderBy('class_key')
    .orderBy('id')
    .limit(BATCH)
    .execute();
  if (items.length) {
    const holds = await heldKeys(s);
    const own = await tenantPeriods(s);
    const day = today(s.runtime);
    const disposed: string[] = [];
    const kept: string[] = [];
    for (const [classKey, group] of groupBy(items, (i) => i.class_key as string)) {
      const c = findClass(s.runtime.plugins, classKey);
      if (!c || !s.modules.has(c.plugin.id)) {
        kept.push(...group.map((i) => i.id));
        continue;
      }
      const period = effectivePeriod(c, own.get(c.key));
      const current = new Map(
        (await c.definition.records(s.ctx, { ids: group.map((i) => i.record_id) })).map((r) => [r.id, r]),
      );
      const go = group.filter((i) => {
        const r = current.get(i.record_id);
        return r && isDue(r.triggerDate, period, day) && !holds.isHeld(classKey, i.record_id);
      });
      kept.push(...group.filter((i) => !go.includes(i)).map((i) => i.id));
      if (!go.length) continue;
      await c.definition.dispose(
        s.ctx,
        go.map((i) => i.record_id),
      );
      await deleteAttachmentsOf(s, go);
      disposed.push(...go.map((i) => i.id));
    }
    if (disposed.length) {
      await s.db
        .updateTable('core.disposal_items')
        .set({ status: 'disposed' })
        .where('tenant_id', '=', s.tenant.id)
        .where('id', 'in', disposed)
        .execute();
    }
    if (kept.length) {
      await s.db
        .updateTable('core.disposal_items')
        .set({ status: 'held', decided_at: now, decided_by: 'system' })
        .where('tenant_id', '=', s.tenant.id)
        .where('id', 'in', kept)
        .execute();
    }
    await s.db
      .updateTable('core.disposal_runs')
      .set({ done: sql`done + ${disposed.length}`, skipped: sql`skipped + ${kept.length}` })
      .where('tenant_id', '=', s.tenant.id)
      .where('id', '=', runId)
      .execute();
    if (items.length === BATCH) return { finished: false };
  }
  await finishRun(s, runId, run.approved_by as string);
  return { finished: true };
}

async function finishRun(s: RecordsScope, runId: string, approvedBy: string) {
  const now = s.runtime.clock.now();
  const counts = await s.db
    .selectFrom('core.disposal_items')
    .select(['class_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', s.tenant.id)
    .where('run_id', '=', runId)
    .where('status', '=', 'disposed')
    .groupBy('class_key')
    .execute();
  const log = counts.map((r) => {
    const c = findClass(s.runtime.plugins, r.class_key);
    return {
      tenant_id: s.tenant.id,
      run_id: runId,
      class_key: r.class_key as string,
      disposal: c?.definition.disposal ?? 'delete',
      count: Number(r.n),
      disposed_at: now,
      approved_by: approvedBy,
    };
  });
  if (log.length) await s.db.insertInto('core.disposal_log').values(log).execute();
  // Disposed rows keep the record's id (so an anonymised record is not proposed again), never its label.
  await s.db
    .updateTable('core.disposal_items')
    .set({ label: '', entity_type: null, entity_id: null })
    .where('tenant_id', '=', s.tenant.id)
    .where('run_id', '=', runId)
    .where('status', '=', 'disposed')
    .execute();
  const run = await s.db
    .updateTable('core.disposal_runs')
    .set({ status: 'done', finished_at: now })
    .where('tenant_id', '=', s.tenant.id)
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await s.ctx.audit({
    action: 'disposal.completed',
    entityType: 'disposal',
    entityId: runId,
    after: {
      runId,
      approvedBy,
      disposed: Number(run.done),
      skipped: Number(run.skipped),
      classes: log.map((l) => ({ recordClass: l.class_key, disposal: l.disposal, count: l.count })),
    },
  });
}

/**
 * Hides the attachments filed under disposed or erased records' entities and marks them for purging:
 * the records job deletes their bytes and rows after this transaction committed. Returns how many.
 */
export async function deleteAttachmentsOf(
  s: RecordsScope,
  refs: readonly { entity_type?: string | null; entity_id?: string | null; entityType?: string; entityId?: string }[],
): Promise<number> {
  let n = 0;
  for (const r of refs) {
    const type = r.entity_type ?? r.entityType;
    const id = r.entity_id ?? r.entityId;
    if (!type || !id) continue;
    const res = await s.db
      .updateTable('core.records')
      .set({ purge: true, deleted_at: s.runtime.clock.now(), deleted_by: actorLabel(s) })
      .where('tenant_id', '=', s.tenant.id)
      .where('entity_type', '=', type)
      .where('entity_id', '=', id)
      .where('purge', '=', false)
      .executeTakeFirst();
    n += Number(res.numUpdatedRows ?? 0n);
  }
  return n;
}

/** Deletes the bytes and rows of attachments marked for purging (every tenant; the records job). */
export async function purgeMarkedFiles(runtime: RecordsScope['runtime']): Promise<number> {
  const storage = recordStorage(runtime);
  let purged = 0;
  for (;;) {
    const rows = await runtime.db
      .selectFrom('core.records')
      .select(['tenant_id', 'id', 'storage_key'])
      .where('purge', '=', true)
      .limit(200)
      .execute();
    if (!rows.length) return purged;
    for (const r of rows) {
      await storage.delete(r.storage_key).catch(() => {});
      await runtime.db.deleteFrom('core.records').where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).execute();
      purged++;
    }
  }
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
