import { badRequest, fieldError, notFound, problem } from '../http/problem.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { DataSubject } from './classes.ts';
import { findClass } from './classes.ts';
import { mm } from './management-messages.ts';
import { actorLabel, classesInScope, type RecordsScope } from './scope.ts';

export type HoldScope = 'subject' | 'class' | 'records';

export interface HoldInput {
  scope: HoldScope;
  subject?: DataSubject | undefined;
  recordClass?: string | undefined;
  recordIds?: string[] | undefined;
  reason: string;
}

type Row = Record<string, any>;

export const toHold = (r: Row) => ({
  id: r.id as string,
  scope: r.scope as HoldScope,
  subject: (r.subject ?? null) as DataSubject | null,
  recordClass: (r.class_key ?? null) as string | null,
  recordIds: (r.record_ids ?? null) as string[] | null,
  reason: r.reason as string,
  createdAt: isoOrNull(r.created_at) as string,
  createdBy: r.created_by as string,
  releasedAt: isoOrNull(r.released_at),
  releasedBy: (r.released_by ?? null) as string | null,
});

export async function listHolds(s: RecordsScope, active: boolean) {
  let q = s.db.selectFrom('core.legal_holds').selectAll().where('tenant_id', '=', s.tenant.id);
  if (active) q = q.where('released_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(toHold);
}

/** Places a legal hold; audited as `legal-hold.placed` (ids and the reason, never the person's data). */
export async function placeHold(s: RecordsScope, input: HoldInput) {
  if (input.scope !== 'subject') {
    const c = input.recordClass ? findClass(s.runtime.plugins, input.recordClass) : null;
    if (!c || !s.modules.has(c.plugin.id)) {
      throw badRequest('unknown_record_class', mm.unknown_record_class, [
        fieldError('recordClass', mm.unknown_record_class),
      ]);
    }
  }
  if (input.scope === 'subject' && !hasIdentity(input.subject)) {
    throw badRequest('invalid_input', mm.subject_needs_identity, [fieldError('subject', mm.subject_needs_identity)]);
  }
  if (input.scope === 'records' && !input.recordIds?.length) {
    throw badRequest('invalid_input', mm.hold_needs_records, [fieldError('recordIds', mm.hold_needs_records)]);
  }
  const row = {
    tenant_id: s.tenant.id,
    id: newId(),
    scope: input.scope,
    subject: input.scope === 'subject' ? JSON.stringify(input.subject) : null,
    class_key: input.scope === 'subject' ? null : (input.recordClass ?? null),
    record_ids: input.scope === 'records' ? (input.recordIds ?? []) : null,
    reason: input.reason,
    created_at: s.runtime.clock.now(),
    created_by: actorLabel(s),
  };
  await s.db.insertInto('core.legal_holds').values(row).execute();
  // Holds that now cover proposed or approved records take those records out of disposal.
  await withdrawHeld(s);
  await s.ctx.audit({
    action: 'legal-hold.placed',
    entityType: 'legal-hold',
    entityId: row.id,
    after: {
      scope: row.scope,
      recordClass: row.class_key,
      records: row.record_ids?.length ?? null,
      reason: row.reason,
    },
  });
  return toHold({ ...row, subject: input.scope === 'subject' ? input.subject : null });
}

export async function releaseHold(s: RecordsScope, id: string) {
  const released = await s.db
    .updateTable('core.legal_holds')
    .set({ released_at: s.runtime.clock.now(), released_by: actorLabel(s) })
    .where('tenant_id', '=', s.tenant.id)
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!released) {
    const exists = await s.db
      .selectFrom('core.legal_holds')
      .select('id')
      .where('tenant_id', '=', s.tenant.id)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!exists) throw notFound(mm.hold_not_found);
    throw problem(409, mm.hold_released);
  }
  await s.ctx.audit({
    action: 'legal-hold.released',
    entityType: 'legal-hold',
    entityId: id,
    after: { released: true },
  });
  return toHold(released);
}

export const hasIdentity = (subject: DataSubject | undefined): subject is DataSubject =>
  !!subject && !!(subject.birthNumber || subject.email || subject.name);

/** Which records active holds keep: by class, by listed record, or as a person's records. */
export interface HoldIndex {
  isHeld(classKey: string, recordId: string): boolean;
  /** The hold that keeps a record, for the reason shown. */
  holdOf(classKey: string, recordId: string): { id: string; reason: string } | null;
}

export async function heldKeys(s: RecordsScope): Promise<HoldIndex> {
  const holds = await listHolds(s, true);
  const byKey = new Map<string, { id: string; reason: string }>();
  const byClass = new Map<string, { id: string; reason: string }>();
  for (const h of holds) {
    const ref = { id: h.id, reason: h.reason };
    if (h.scope === 'class' && h.recordClass) byClass.set(h.recordClass, ref);
    if (h.scope === 'records' && h.recordClass)
      for (const r of h.recordIds ?? []) byKey.set(`${h.recordClass}\n${r}`, ref);
    if (h.scope === 'subject' && h.subject) {
      for (const item of await subjectItems(s, h.subject)) byKey.set(`${item.recordClass}\n${item.id}`, ref);
    }
  }
  const holdOf = (classKey: string, id: string) => byClass.get(classKey) ?? byKey.get(`${classKey}\n${id}`) ?? null;
  return { holdOf, isHeld: (classKey, id) => holdOf(classKey, id) !== null };
}

/** Every record about a person in the modules in scope, through each module's `personalData.export`. */
export async function subjectItems(s: RecordsScope, subject: DataSubject) {
  const items = [];
  for (const plugin of s.runtime.plugins) {
    if (!s.modules.has(plugin.id) || !plugin.personalData) continue;
    for (const item of await plugin.personalData.export(s.ctx, subject)) items.push({ ...item, module: plugin.id });
  }
  return items;
}

/** Proposed or approved records that a hold now keeps go back to `held` (they are not disposed of). */
export async function withdrawHeld(s: RecordsScope) {
  const open = await s.db
    .selectFrom('core.disposal_items')
    .select(['id', 'class_key', 'record_id'])
    .where('tenant_id', '=', s.tenant.id)
    .where('status', 'in', ['proposed', 'approved'])
    .execute();
  if (!open.length) return;
  const holds = await heldKeys(s);
  const held = open.filter((i) => holds.isHeld(i.class_key, i.record_id)).map((i) => i.id as string);
  if (!held.length) return;
  await s.db
    .updateTable('core.disposal_items')
    .set({ status: 'held', decided_at: s.runtime.clock.now(), decided_by: actorLabel(s) })
    .where('tenant_id', '=', s.tenant.id)
    .where('id', 'in', held)
    .execute();
}

/** Classes a caller may name in a hold. */
export const holdableClasses = (s: RecordsScope) => classesInScope(s).map((c) => c.key);
