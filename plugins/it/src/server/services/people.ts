import { type BureauEvent, conflict, dateText, notFound, type PluginContext, storedText } from '@bureau/core';
import { type EmployeeHired, type EmployeeLeft, people } from '@bureau/plugin-hr/contract';
import { sql } from 'kysely';
import { m } from '../messages.ts';
import { ticketWorkflow } from '../ticket-workflow.ts';
import { releaseSeatsOf, type SeatHolder, tenantToday } from './licences.ts';
import { createTicket } from './tickets.ts';

/**
 * HR's hires and leavers as IT sees them. A leaver gets a **return checklist**: every asset, accessory
 * loan and licence seat held by the employee (or by the member with the employee's e-mail), with a
 * notification to those who check equipment in. A hire gets an **onboarding ticket** asking for their
 * equipment. Each event is handled once (the row's id is the event's id). A leaver's **licence seats
 * are freed** once their last day has passed: at once when HR reports it late, otherwise by the daily
 * `licence-expiry` schedule the day after (`freeLeaversSeats`).
 */

/** Records the event; false when it was handled before (a redelivery). */
async function record(
  ctx: PluginContext,
  event: BureauEvent<unknown>,
  row: { kind: 'hired' | 'left'; employeeId: string; name: string; email: string | null; onDate: string },
): Promise<boolean> {
  const inserted = await ctx.db
    .insertInto('it.people_changes')
    .values({
      tenant_id: ctx.tenant.id,
      id: event.id,
      kind: row.kind,
      employee_id: row.employeeId,
      name: row.name,
      email: row.email,
      on_date: row.onDate,
      created_at: ctx.now(),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!inserted;
}

export async function onEmployeeHired(event: BureauEvent<EmployeeHired>, ctx: PluginContext) {
  const p = event.payload;
  const fresh = await record(ctx, event, {
    kind: 'hired',
    employeeId: p.employeeId,
    name: p.name,
    email: p.email,
    onDate: p.startDate,
  });
  if (!fresh) return;
  const params = {
    name: p.name,
    date: dateText(p.startDate),
    department: p.department ?? '—',
    position: p.position ?? '—',
  };
  const ticketId = await createTicket(ctx, {
    title: storedText(ctx.tenant, m.hire_ticket_title, params),
    description: storedText(ctx.tenant, m.hire_ticket_body, params),
    priority: 'normal',
    requesterLabel: 'HR',
  });
  await ctx.workflow(ticketWorkflow).start(ticketId);
  await ctx.db
    .updateTable('it.people_changes')
    .set({ ticket_id: ticketId })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', event.id)
    .execute();
  await ctx.audit({
    action: 'it.ticket.created',
    entityType: 'it.ticket',
    entityId: ticketId,
    after: { source: 'hr.employee.hired', employeeId: p.employeeId },
  });
}

export async function onEmployeeLeft(event: BureauEvent<EmployeeLeft>, ctx: PluginContext) {
  const p = event.payload;
  const email = (await ctx.isEnabled('hr')) ? ((await ctx.use(people).get(p.employeeId))?.email ?? null) : null;
  const fresh = await record(ctx, event, {
    kind: 'left',
    employeeId: p.employeeId,
    name: p.name,
    email,
    onDate: p.endDate,
  });
  if (!fresh) return;
  await freeLeaversSeats(ctx, ctx.now());
  const list = await returnChecklist(ctx, event.id);
  await ctx.audit({
    action: 'it.returns.opened',
    entityType: 'it.returns',
    entityId: event.id,
    after: { employeeId: p.employeeId, items: list.items.length },
  });
  if (!list.items.length) return;
  await ctx.notify({
    to: { permission: 'it.assets.assign' },
    title: m.leaver_returns,
    body: m.leaver_returns_body,
    params: { name: p.name, date: dateText(p.endDate), count: list.items.length },
    link: `/it/returns/${event.id}`,
    severity: 'warning',
    category: 'it.returns',
  });
}

export interface ReturnItem {
  kind: 'asset' | 'accessory' | 'licence';
  /** The assignment, loan or seat. */
  id: string;
  /** The asset, stock item or licence. */
  targetId: string;
  label: string;
  quantity: number;
  holder: string;
}

export interface ReturnChecklist {
  id: string;
  employeeId: string;
  name: string;
  endDate: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  items: ReturnItem[];
}

const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** Who a leaver is as a holder: the employee, and the member with the same e-mail. */
async function leaverHolders(ctx: PluginContext, employeeId: string, email: string | null): Promise<SeatHolder[]> {
  const users = email
    ? await ctx.db
        .selectFrom('core.memberships as ms')
        .innerJoin('core.users as u', 'u.id', 'ms.user_id')
        .select('u.id')
        .where('ms.tenant_id', '=', ctx.tenant.id)
        .where(sql`lower(u.email)`, '=', email.toLowerCase())
        .execute()
    : [];
  return [
    { type: 'employee' as const, id: employeeId },
    ...users.map((u) => ({ type: 'user' as const, id: String(u.id) })),
  ];
}

/**
 * Frees the licence seats of every leaver whose last day is before `at`'s date in the tenant's
 * calendar and whose seats were not freed yet (each leaver once). Returns the seats freed.
 */
export async function freeLeaversSeats(ctx: PluginContext, at: Date): Promise<number> {
  const today = await tenantToday(ctx, at);
  const due = await ctx.db
    .updateTable('it.people_changes')
    .set({ seats_freed_at: ctx.now() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', 'left')
    .where('seats_freed_at', 'is', null)
    .where('on_date', '<', today)
    .returning(['id', 'employee_id', 'email'])
    .execute();
  let freed = 0;
  for (const r of due) {
    freed += await releaseSeatsOf(ctx, await leaverHolders(ctx, r.employee_id, r.email ?? null), 'employee_left');
  }
  return freed;
}

/** What a leaver still holds: as the employee, or as the member with the same e-mail. */
async function outstanding(ctx: PluginContext, employeeId: string, email: string | null): Promise<ReturnItem[]> {
  const t = ctx.tenant.id;
  const held = (type: string, id: string) => sql<boolean>`(holder_type = ${type} and holder_id = ${id})`;
  const who = sql.join(
    (await leaverHolders(ctx, employeeId, email)).map((h) => held(h.type, h.id)),
    sql` or `,
  );
  const assets = await sql<{ id: string; asset_id: string; tag: string; name: string; holder_label: string }>`
    select g.id, g.asset_id, a.tag, a.name, g.holder_label from it.assignments g
      join it.assets a on a.tenant_id = g.tenant_id and a.id = g.asset_id
     where g.tenant_id = ${t} and g.checked_in_at is null and (${who}) order by a.tag`.execute(ctx.db);
  const loans = await sql<{ id: string; item_id: string; name: string; quantity: number; holder_label: string }>`
    select o.id, o.item_id, s.name, o.quantity, o.holder_label from it.stock_loans o
      join it.stock_items s on s.tenant_id = o.tenant_id and s.id = o.item_id
     where o.tenant_id = ${t} and o.checked_in_at is null and (${who}) order by s.name`.execute(ctx.db);
  const seats = await sql<{ id: string; licence_id: string; name: string; holder_label: string }>`
    select s.id, s.licence_id, l.name, s.holder_label from it.licence_seats s
      join it.licences l on l.tenant_id = s.tenant_id and l.id = s.licence_id
     where s.tenant_id = ${t} and s.released_at is null and (${who}) order by l.name`.execute(ctx.db);
  return [
    ...assets.rows.map((r) => ({
      kind: 'asset' as const,
      id: r.id,
      targetId: r.asset_id,
      label: `${r.tag} ${r.name}`,
      quantity: 1,
      holder: r.holder_label,
    })),
    ...loans.rows.map((r) => ({
      kind: 'accessory' as const,
      id: r.id,
      targetId: r.item_id,
      label: r.name,
      quantity: Number(r.quantity),
      holder: r.holder_label,
    })),
    ...seats.rows.map((r) => ({
      kind: 'licence' as const,
      id: r.id,
      targetId: r.licence_id,
      label: r.name,
      quantity: 1,
      holder: r.holder_label,
    })),
  ];
}

const toChecklist = async (ctx: PluginContext, r: Record<string, any>): Promise<ReturnChecklist> => ({
  id: r.id,
  employeeId: r.employee_id,
  name: r.name,
  endDate: ymd(r.on_date),
  createdAt: new Date(r.created_at).toISOString(),
  closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
  closedBy: r.closed_by ?? null,
  items: r.closed_at ? [] : await outstanding(ctx, r.employee_id, r.email ?? null),
});

export async function returnChecklist(ctx: PluginContext, id: string): Promise<ReturnChecklist> {
  const row = await ctx.db
    .selectFrom('it.people_changes')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .where('kind', '=', 'left')
    .executeTakeFirst();
  if (!row) throw notFound(m.returns_not_found);
  return toChecklist(ctx, row);
}

/** Leavers' checklists, open ones first (by end date), at most 200. */
export async function returnChecklists(ctx: PluginContext, open: boolean): Promise<ReturnChecklist[]> {
  let q = ctx.db
    .selectFrom('it.people_changes')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', 'left');
  if (open) q = q.where('closed_at', 'is', null);
  const rows = await q.orderBy('closed_at', 'desc').orderBy('on_date').orderBy('id').limit(200).execute();
  const out: ReturnChecklist[] = [];
  for (const r of rows) out.push(await toChecklist(ctx, r));
  return out;
}

/** Closes a checklist once nothing is outstanding (409 `returns_outstanding` otherwise). */
export async function closeChecklist(ctx: PluginContext, id: string): Promise<ReturnChecklist> {
  const list = await returnChecklist(ctx, id);
  if (list.closedAt) return list;
  if (list.items.length)
    throw conflict('returns_outstanding', m.returns_outstanding, { outstanding: list.items.length });
  await ctx.db
    .updateTable('it.people_changes')
    .set({ closed_at: ctx.now(), closed_by: ctx.actor?.label ?? null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({ action: 'it.returns.closed', entityType: 'it.returns', entityId: id, after: { name: list.name } });
  return returnChecklist(ctx, id);
}
