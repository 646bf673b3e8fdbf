import { badRequest, fieldError, notFound, problem } from '../http/problem.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import { sendMail } from '../mail/localized.ts';
import { ADDRESS_BOOK, ADDRESS_BOOK_TITLE, addressBookData, eraseAddressBookData } from '../parties/personal-data.ts';
import { PARTIES_READ } from '../parties/routes.ts';
import { moduleTitle } from '../plugins/titles.ts';
import { grants } from '../tenancy/permissions.ts';
import { addToDate, type DataSubject, findClass, isDue, keepUntilDate, type PersonalDataItem } from './classes.ts';
import { deleteAttachmentsOf } from './disposal.ts';
import { heldKeys } from './holds.ts';
import { mm } from './management-messages.ts';
import { effectivePeriod, tenantPeriods } from './periods.ts';
import { actorLabel, mayReadModule, type RecordsScope, today, ymd } from './scope.ts';
import { periodMonths, SUBJECT_REQUEST_DEADLINE } from './statutes.ts';

type Row = Record<string, any>;

export const toRequest = (r: Row) => ({
  id: r.id as string,
  kind: r.kind as 'access' | 'erasure',
  subject: r.subject as DataSubject,
  status: r.status as 'open' | 'done',
  receivedOn: ymd(r.received_on),
  dueOn: ymd(r.due_on),
  responsibleUserId: (r.responsible_user_id ?? null) as string | null,
  note: (r.note ?? null) as string | null,
  outcome: (r.outcome ?? null) as Record<string, unknown> | null,
  createdAt: isoOrNull(r.created_at) as string,
  createdBy: r.created_by as string,
  completedAt: isoOrNull(r.completed_at),
  completedBy: (r.completed_by ?? null) as string | null,
});

export interface NewRequest {
  kind: 'access' | 'erasure';
  subject: DataSubject;
  receivedOn?: string | undefined;
  responsibleUserId?: string | undefined;
  note?: string | undefined;
}

/**
 * Records a data-subject request with its deadline (one month from receipt, GDPR Art. 12(3)) and
 * e-mails the responsible person (a member of the tenant) in their language.
 */
export async function createRequest(s: RecordsScope, input: NewRequest) {
  const receivedOn = input.receivedOn ?? today(s.runtime);
  let responsible: { id: string; email: string; locale: string } | null = null;
  if (input.responsibleUserId) {
    const row = await s.db
      .selectFrom('core.memberships as m')
      .innerJoin('core.users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email', 'u.locale'])
      .where('m.tenant_id', '=', s.tenant.id)
      .where('u.id', '=', input.responsibleUserId)
      .executeTakeFirst();
    if (!row) {
      throw badRequest('invalid_input', mm.not_a_member, [fieldError('responsibleUserId', mm.not_a_member)]);
    }
    responsible = row as { id: string; email: string; locale: string };
  }
  const row = {
    tenant_id: s.tenant.id,
    id: newId(),
    kind: input.kind,
    subject: JSON.stringify(input.subject),
    status: 'open',
    received_on: receivedOn,
    due_on: addToDate(receivedOn, SUBJECT_REQUEST_DEADLINE.period),
    responsible_user_id: responsible?.id ?? null,
    note: input.note ?? null,
    created_at: s.runtime.clock.now(),
    created_by: actorLabel(s),
  };
  await s.db.insertInto('core.subject_requests').values(row).execute();
  await s.ctx.audit({
    action: 'subject-request.received',
    entityType: 'subject-request',
    entityId: row.id,
    after: { kind: row.kind, dueOn: row.due_on, responsibleUserId: row.responsible_user_id },
  });
  if (responsible) {
    await sendMail(s.runtime, {
      to: responsible.email,
      locale: responsible.locale === 'cs' ? 'cs' : 'en',
      subject: mm.request_mail_subject,
      text: mm.request_mail_text,
      params: { kind: row.kind, due: new Date(`${row.due_on}T12:00:00Z`), firm: s.tenant.name },
    });
  }
  return toRequest({ ...row, subject: input.subject });
}

export async function loadRequest(s: RecordsScope, id: string) {
  const row = await s.db
    .selectFrom('core.subject_requests')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(mm.request_not_found);
  return toRequest(row);
}

export async function listRequests(s: RecordsScope) {
  const rows = await s.db
    .selectFrom('core.subject_requests')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .orderBy('status', 'desc')
    .orderBy('due_on')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(toRequest);
}

export interface ModuleData {
  module: string;
  title: { en: string; cs: string };
  items: (PersonalDataItem & { keepUntil: string | null })[];
}

/**
 * Everything the modules in scope hold about the subject. Modules whose records the caller may not
 * read are listed in `withheld` (the export is then incomplete, and says so).
 */
export async function collectSubjectData(s: RecordsScope, subject: DataSubject) {
  const own = await tenantPeriods(s);
  const modules: ModuleData[] = [];
  const withheld: string[] = [];
  if (s.grants && !grants(s.grants, PARTIES_READ)) withheld.push(ADDRESS_BOOK);
  else {
    const items = await addressBookData(s.ctx, subject);
    if (items.length) modules.push({ module: ADDRESS_BOOK, title: ADDRESS_BOOK_TITLE, items: keepNothing(items) });
  }
  for (const plugin of s.runtime.plugins) {
    if (!s.modules.has(plugin.id) || !plugin.personalData) continue;
    if (!mayReadModule(s, plugin)) {
      withheld.push(plugin.id);
      continue;
    }
    const items = await plugin.personalData.export(s.ctx, subject);
    modules.push({
      module: plugin.id,
      title: moduleTitle(s.runtime, plugin.id),
      items: items.map((i) => {
        const c = findClass(s.runtime.plugins, i.recordClass);
        return { ...i, keepUntil: c ? keepUntilDate(i.triggerDate, effectivePeriod(c, own.get(c.key))) : null };
      }),
    });
  }
  return { modules, withheld };
}

/** The names of withheld modules (the address book included) in both languages. */
export const withheldTitles = (s: RecordsScope, ids: readonly string[]) =>
  ids.map((id) => (id === ADDRESS_BOOK ? ADDRESS_BOOK_TITLE : moduleTitle(s.runtime, id)));

// The address book has no retention duty of its own (see parties/personal-data.ts).
const keepNothing = (items: PersonalDataItem[]) => items.map((i) => ({ ...i, keepUntil: null }));

export type KeepReason =
  | { kind: 'retention'; recordClass: string; keepUntil: string | null; sources: string[] }
  | { kind: 'hold'; holdId: string; reason: string };

/**
 * What an erasure may remove: each record about the person whose class's period is over and that no
 * hold keeps; the rest is kept, with the reason (the statute and until when, or the hold).
 */
export async function erasurePlan(s: RecordsScope, subject: DataSubject) {
  const { modules, withheld } = await collectSubjectData(s, subject);
  const holds = await heldKeys(s);
  const day = today(s.runtime);
  const erase: (PersonalDataItem & { module: string })[] = [];
  const keep: (PersonalDataItem & { module: string; reason: KeepReason })[] = [];
  for (const m of modules) {
    for (const item of m.items) {
      const c = findClass(s.runtime.plugins, item.recordClass);
      const hold = holds.holdOf(item.recordClass, item.id);
      const { keepUntil: _k, ...plain } = item;
      // Only a duty keeps data against the person's wish: the statutory minimum, not a tenant's longer period.
      const duty = m.module === ADDRESS_BOOK ? { years: 0, months: 0 } : c ? c.minimum : null;
      const underDuty = !duty || (periodMonths(duty) > 0 && !isDue(item.triggerDate, duty, day));
      if (hold)
        keep.push({ ...plain, module: m.module, reason: { kind: 'hold', holdId: hold.id, reason: hold.reason } });
      else if (underDuty) {
        keep.push({
          ...plain,
          module: m.module,
          reason: {
            kind: 'retention',
            recordClass: item.recordClass,
            keepUntil: duty ? keepUntilDate(item.triggerDate, duty) : null,
            sources: c ? c.statutes.filter((st) => st.duty).map((st) => st.source) : [],
          },
        });
      } else erase.push({ ...plain, module: m.module });
    }
  }
  return { erase, keep, withheld, withheldTitles: withheldTitles(s, withheld) };
}

const itemKey = (i: { recordClass: string; id: string }) => `${i.recordClass}\n${i.id}`;

/**
 * Erases the listed records about the request's subject through each module's `personalData.erase`,
 * deletes their attachments, and closes the request with the outcome (counts per class and what was
 * kept and why). Any listed record a duty or a hold keeps refuses the whole erasure with 409
 * `retention_duty`, nothing changed.
 */
export async function eraseSubject(
  s: RecordsScope,
  requestId: string,
  requested: readonly { recordClass: string; id: string }[],
) {
  const request = await loadRequest(s, requestId);
  if (request.status === 'done') throw problem(409, mm.request_done);
  const plan = await erasurePlan(s, request.subject);
  const kept = new Map(plan.keep.map((k) => [itemKey(k), k]));
  const erasable = new Map(plan.erase.map((e) => [itemKey(e), e]));
  const blocked = requested.filter((r) => kept.has(itemKey(r)));
  if (blocked.length) {
    throw problem(
      409,
      mm.retention_duty,
      { count: blocked.length },
      {
        extra: {
          kept: blocked.map((b) => {
            const k = kept.get(itemKey(b));
            return { recordClass: b.recordClass, id: b.id, label: k?.label, reason: k?.reason };
          }),
        },
      },
    );
  }
  const unknown = requested.filter((r) => !erasable.has(itemKey(r)));
  if (unknown.length)
    throw badRequest('invalid_input', mm.not_about_subject, [fieldError('items', mm.not_about_subject)]);
  const chosen = requested.map((r) => erasable.get(itemKey(r)) as PersonalDataItem & { module: string });
  await eraseAddressBookData(
    s.ctx,
    chosen.filter((c) => c.module === ADDRESS_BOOK),
  );
  for (const plugin of s.runtime.plugins) {
    const mine = chosen.filter((c) => c.module === plugin.id);
    if (!mine.length || !plugin.personalData) continue;
    await plugin.personalData.erase(s.ctx, mine);
    await deleteAttachmentsOf(s, mine);
  }
  const counts: Record<string, number> = {};
  for (const c of chosen) counts[c.recordClass] = (counts[c.recordClass] ?? 0) + 1;
  const outcome = {
    erased: Object.entries(counts).map(([recordClass, count]) => ({ recordClass, count })),
    kept: plan.keep.map((k) => ({ recordClass: k.recordClass, id: k.id, label: k.label, reason: k.reason })),
    withheld: plan.withheld,
  };
  await complete(s, requestId, outcome);
  await s.ctx.audit({
    action: 'subject-request.erased',
    entityType: 'subject-request',
    entityId: requestId,
    after: { erased: outcome.erased, kept: plan.keep.length },
  });
  return { outcome };
}

export async function complete(s: RecordsScope, id: string, outcome: Record<string, unknown>) {
  const done = await s.db
    .updateTable('core.subject_requests')
    .set({
      status: 'done',
      outcome: JSON.stringify(outcome),
      completed_at: s.runtime.clock.now(),
      completed_by: actorLabel(s),
    })
    .where('tenant_id', '=', s.tenant.id)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  if (!done) throw problem(409, mm.request_done);
  return toRequest(done);
}
