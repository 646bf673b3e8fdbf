import {
  type ClassRecordQuery,
  type DataSubject,
  idsOrNone,
  onlyTriggered,
  type PersonalDataItem,
  type PluginContext,
  type PluginPersonalData,
  type PluginRecords,
  pragueDay,
  yearEnd,
} from '@bureau/core';
import { sql } from 'kysely';

/**
 * IT's records (issue 18): the kinds of records the department keeps, how long and why, and what
 * disposal does to each. No Czech statute sets a period for an IT department's own records: an
 * asset's check-out history, helpdesk tickets, maintenance work orders and licence assignments are
 * kept as evidence should a claim arise (a damaged or lost device, a disputed repair, a licence
 * audit), so each class takes the general limitation period of the civil code (core's
 * `cz.civil.limitation`, § 629 odst. 1: three years) as a default, **not a duty** — a firm may
 * lengthen it (or shorten it: no statutory minimum applies). Purchase invoices of the equipment are
 * accounting documents and belong to accounting's classes, not these.
 */

/** Today in Prague (YYYY-MM-DD), by the request's clock. */
const today = (ctx: PluginContext) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(ctx.now());

/** Stands in for a person's name once it is erased or disposed of. */
const GONE = '—';

/**
 * Assets with their check-out history (who had what, when): triggered at the end of the year the
 * asset was retired (its last retirement in the workflow's history); an asset in use, not yet.
 */
export async function assetRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('it.assets as a')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('core.status_history')
          .select(['entity_id', sql<Date>`max(at)`.as('at')])
          .where('tenant_id', '=', ctx.tenant.id)
          .where('entity_type', '=', 'it.asset')
          .where('to_state', '=', 'retired')
          .groupBy('entity_id')
          .as('r'),
      (j) => j.on(sql`r.entity_id`, '=', sql`a.id::text`),
    )
    .select(['a.id', 'a.tag', 'a.name', 'a.status'])
    .select(pragueDay('r.at').as('retired_on'))
    .where('a.tenant_id', '=', ctx.tenant.id);
  if (q.ids) query = query.where('a.id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('a.created_at').orderBy('a.id').execute();
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: `${r.tag} ${r.name}`,
      triggerDate: r.status === 'retired' && r.retired_on ? yearEnd(r.retired_on) : null,
      entityType: 'it.asset',
      entityId: r.id as string,
    })),
    q,
  );
}

/** Helpdesk tickets: triggered on the day a ticket was closed; an open or resolved ticket, not yet. */
export async function ticketRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('it.tickets')
    .select(['id', 'number', 'title'])
    .select(pragueDay('closed_at').as('closed_on'))
    .where('tenant_id', '=', ctx.tenant.id);
  if (q.ids) query = query.where('id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: `${r.number} ${r.title}`,
      triggerDate: (r.closed_on as string | null) ?? null,
      entityType: 'it.ticket',
      entityId: r.id as string,
    })),
    q,
  );
}

/** Maintenance work orders: triggered at the end of the year one was completed or skipped. */
export async function maintenanceRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('it.work_orders')
    .select(['id', 'number', 'title', 'status'])
    .select(pragueDay('completed_at').as('closed_on'))
    .where('tenant_id', '=', ctx.tenant.id);
  if (q.ids) query = query.where('id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('opened_at').orderBy('id').execute();
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: `${r.number} ${r.title}`,
      triggerDate: r.status !== 'open' && r.closed_on ? yearEnd(r.closed_on) : null,
      entityType: 'it.work_order',
      entityId: r.id as string,
    })),
    q,
  );
}

/** Licences with their seat assignments: triggered at the end of the year a licence expired. */
export async function licenceRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('it.licences')
    .select(['id', 'name', sql<string | null>`to_char(expires_on, 'YYYY-MM-DD')`.as('expires_on')])
    .where('tenant_id', '=', ctx.tenant.id);
  if (q.ids) query = query.where('id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  const now = today(ctx);
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: r.name as string,
      triggerDate: r.expires_on && r.expires_on < now ? yearEnd(r.expires_on) : null,
      entityType: 'it.licence',
      entityId: r.id as string,
    })),
    q,
  );
}

/** The people in assets' check-out histories become a dash; the assets and dates stay. */
async function anonymiseAssetHistory(ctx: PluginContext, assetIds: readonly string[], assignmentIds?: string[]) {
  if (!assetIds.length) return;
  let q = ctx.db
    .updateTable('it.assignments')
    .set({ holder_label: GONE, holder_id: GONE, checked_out_by: null, checked_in_by: null, note: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('asset_id', 'in', [...assetIds])
    .where('holder_type', 'in', ['user', 'employee']);
  if (assignmentIds) q = q.where('id', 'in', idsOrNone(assignmentIds));
  await q.execute();
}

/** Closed tickets go with their conversation (a hire's record keeps that it happened, not the ticket). */
async function deleteTickets(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  const t = ctx.tenant.id;
  await ctx.db
    .updateTable('it.people_changes')
    .set({ ticket_id: null })
    .where('tenant_id', '=', t)
    .where('ticket_id', 'in', [...ids])
    .execute();
  await ctx.db
    .deleteFrom('it.ticket_messages')
    .where('tenant_id', '=', t)
    .where('ticket_id', 'in', [...ids])
    .execute();
  await ctx.db
    .deleteFrom('it.tickets')
    .where('tenant_id', '=', t)
    .where('id', 'in', [...ids])
    .execute();
}

/** Who completed a work order, and the notes, go; what was done, the time, parts and cost stay. */
async function anonymiseWorkOrders(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  await ctx.db
    .updateTable('it.work_orders')
    .set({ completed_by: null, completed_by_label: GONE, notes: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', [...ids])
    .where('completed_by_label', 'is not', null)
    .execute();
}

/** The people a licence's released seats were given to become a dash; the counts stay. */
async function anonymiseSeats(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  await ctx.db
    .updateTable('it.licence_seats')
    .set({ holder_label: GONE, holder_id: GONE, assigned_by: null, released_by: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('licence_id', 'in', [...ids])
    .where('holder_type', 'in', ['user', 'employee'])
    .where('released_at', 'is not', null)
    .execute();
}

const CIVIL = ['cz.civil.limitation'];

export const RECORD_CLASSES: NonNullable<PluginRecords['classes']> = {
  // Who had a device, and when, is evidence if it comes back damaged or is lost (labour code's
  // liability for entrusted items is claimed within the civil code's limitation): a default.
  'it.assets': {
    label: { en: 'Assets and their check-out history', cs: 'Majetek a historie výdejů' },
    statutes: CIVIL,
    trigger: 'year_end',
    disposal: 'anonymise',
    records: assetRecords,
    dispose: (ctx, ids) => anonymiseAssetHistory(ctx, ids),
  },
  'it.tickets': {
    label: { en: 'Helpdesk tickets', cs: 'Tikety helpdesku' },
    statutes: CIVIL,
    trigger: 'last_contact',
    disposal: 'delete',
    records: ticketRecords,
    dispose: deleteTickets,
  },
  // Statutory inspections of some equipment (e.g. electrical revisions) have rules of their own;
  // a firm subject to them lengthens the period.
  'it.maintenance': {
    label: { en: 'Maintenance work orders', cs: 'Pracovní příkazy údržby' },
    statutes: CIVIL,
    trigger: 'year_end',
    disposal: 'anonymise',
    records: maintenanceRecords,
    dispose: anonymiseWorkOrders,
  },
  'it.licences': {
    label: { en: 'Software licences and their seats', cs: 'Softwarové licence a jejich přidělení' },
    statutes: CIVIL,
    trigger: 'year_end',
    disposal: 'anonymise',
    records: licenceRecords,
    dispose: anonymiseSeats,
  },
};

/** The members whose e-mail (case-insensitively) or name is the subject's. */
async function membersOf(ctx: PluginContext, subject: DataSubject): Promise<string[]> {
  const email = subject.email?.trim().toLowerCase();
  const name = subject.name?.trim().toLowerCase();
  if (!email && !name) return [];
  const rows = await ctx.db
    .selectFrom('core.memberships as ms')
    .innerJoin('core.users as u', 'u.id', 'ms.user_id')
    .select('u.id')
    .where('ms.tenant_id', '=', ctx.tenant.id)
    .where((eb) =>
      eb.or([
        ...(email ? [eb(sql`lower(u.email)`, '=', email)] : []),
        ...(name ? [eb(sql`lower(trim(u.name))`, '=', name)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.id as string);
}

/** Whether a row names the subject: one of their member ids, or their name as the label. */
const names = (ids: string[], name: string | undefined, idCol: string, labelCol: string) => {
  const n = name?.trim().toLowerCase();
  return sql<boolean>`(${sql.ref(idCol)}::text in (${sql.join(idsOrNone(ids))}) ${
    n ? sql`or lower(trim(${sql.ref(labelCol)})) = ${n}` : sql``
  })`;
};

/**
 * People named on tickets (as the requester) and in check-out histories (as the holder): each of
 * their tickets and each asset they held is one item, under the class that decides its erasure.
 */
export const personalData: PluginPersonalData = {
  fields: {
    'it.ticket': ['requester_label', 'description', 'ticket_messages.author_label', 'ticket_messages.body'],
    'it.asset': ['assignments.holder_label', 'assignments.holder_id', 'assignments.note'],
  },
  async export(ctx, subject) {
    const ids = await membersOf(ctx, subject);
    if (!ids.length && !subject.name?.trim()) return [];
    const t = ctx.tenant.id;
    const tickets = await ctx.db
      .selectFrom('it.tickets')
      .select(['id', 'number', 'title', 'description', 'created_at'])
      .where('tenant_id', '=', t)
      .where(names(ids, subject.name, 'requester_id', 'requester_label'))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const ticketRecs = new Map(
      (await ticketRecords(ctx, { ids: tickets.map((r) => r.id as string) })).map((r) => [r.id, r]),
    );
    const held = await ctx.db
      .selectFrom('it.assignments as g')
      .innerJoin('it.assets as a', (j) => j.onRef('a.tenant_id', '=', 'g.tenant_id').onRef('a.id', '=', 'g.asset_id'))
      .select(['g.id', 'g.asset_id', 'a.tag', 'a.name', 'g.checked_out_at', 'g.checked_in_at', 'g.note'])
      .where('g.tenant_id', '=', t)
      .where('g.holder_type', 'in', ['user', 'employee'])
      .where(names(ids, subject.name, 'g.holder_id', 'g.holder_label'))
      .orderBy('g.checked_out_at')
      .orderBy('g.id')
      .execute();
    const assetIds = [...new Set(held.map((g) => g.asset_id as string))];
    const assetRecs = new Map((await assetRecords(ctx, { ids: assetIds })).map((r) => [r.id, r]));
    const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
    return [
      ...tickets.map(
        (r): PersonalDataItem => ({
          recordClass: 'it.tickets',
          id: r.id as string,
          label: `${r.number} ${r.title}`,
          triggerDate: ticketRecs.get(r.id as string)?.triggerDate ?? null,
          entityType: 'it.ticket',
          entityId: r.id as string,
          data: { number: r.number, title: r.title, description: r.description, createdAt: iso(r.created_at) },
        }),
      ),
      ...assetIds.map((assetId): PersonalDataItem => {
        const mine = held.filter((g) => g.asset_id === assetId);
        return {
          recordClass: 'it.assets',
          id: assetId,
          label: `${mine[0]?.tag} ${mine[0]?.name}`,
          triggerDate: assetRecs.get(assetId)?.triggerDate ?? null,
          // No entity: the asset is the firm's, only its holder history speaks of her, and erasing an
          // item that names an entity deletes that entity's files (the purchase invoice, the warranty).
          data: {
            tag: mine[0]?.tag,
            assignmentIds: mine.map((g) => g.id),
            checkouts: mine.map((g) => ({
              checkedOutAt: iso(g.checked_out_at),
              checkedInAt: iso(g.checked_in_at),
              note: g.note ?? null,
            })),
          },
        };
      }),
    ];
  },
  async erase(ctx, items) {
    const t = ctx.tenant.id;
    const ticketIds = items.filter((i) => i.recordClass === 'it.tickets').map((i) => i.id);
    if (ticketIds.length) {
      // The requester's identity and words go; what IT did (its replies, dates, SLA figures) stays.
      const tickets = await ctx.db
        .selectFrom('it.tickets')
        .select(['id', 'requester_id'])
        .where('tenant_id', '=', t)
        .where('id', 'in', ticketIds)
        .execute();
      for (const ticket of tickets) {
        await ctx.db
          .updateTable('it.ticket_messages')
          .set({ author_id: null, author_label: GONE, body: GONE })
          .where('tenant_id', '=', t)
          .where('ticket_id', '=', ticket.id)
          .where(ticket.requester_id ? sql<boolean>`author_id = ${ticket.requester_id}` : sql<boolean>`false`)
          .execute();
      }
      await ctx.db
        .updateTable('it.tickets')
        .set({ requester_id: null, requester_label: GONE, description: GONE })
        .where('tenant_id', '=', t)
        .where('id', 'in', ticketIds)
        .execute();
    }
    for (const item of items.filter((i) => i.recordClass === 'it.assets'))
      await anonymiseAssetHistory(ctx, [item.id], (item.data.assignmentIds as string[] | undefined) ?? []);
  },
};
