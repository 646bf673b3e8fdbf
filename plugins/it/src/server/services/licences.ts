import {
  conflict,
  dateText,
  formatMoney,
  newId,
  notFound,
  type PluginContext,
  parseMoney,
  problem,
} from '@bureau/core';
import { type RawBuilder, sql } from 'kysely';
import { LICENCE_EXPIRING, type LicenceExpiring } from '../../contract.ts';
import type { LicenceInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { type HolderInput, resolveHolder } from './holders.ts';
import { tenantCalendar } from './maintenance.ts';

/**
 * Software licences with seats. A seat goes to a member, an HR employee or a device; the licence's
 * `seats_used` counts open seats and its CHECK `licences_seats_used` (seats_used ≤ seats) is the wall
 * against over-allocation: taking a seat is one `update … set seats_used = seats_used + 1` (a row
 * lock), so of concurrent requests for the last seat one wins and the rest get 409 `no_free_seats`.
 * Lowering `seats` below what is in use fails the same CHECK (409 `seats_in_use`).
 */

export interface Licence {
  id: string;
  name: string;
  vendor: string | null;
  seats: number;
  seatsUsed: number;
  seatsFree: number;
  expiresOn: string | null;
  noticeDays: number;
  expiring: boolean;
  expired: boolean;
  cost: string | null;
  currency: string | null;
  note: string | null;
  createdAt: string;
}

const ymd = (d: unknown) => (d ? (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10)) : null);

/** Days from `from` to `to` (ISO dates). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export const toLicence =
  (today: string) =>
  (r: Record<string, any>): Licence => {
    const expiresOn = ymd(r.expires_on);
    const seats = Number(r.seats);
    const used = Number(r.seats_used);
    const left = expiresOn === null ? null : daysBetween(today, expiresOn);
    return {
      id: r.id,
      name: r.name,
      vendor: r.vendor ?? null,
      seats,
      seatsUsed: used,
      seatsFree: seats - used,
      expiresOn,
      noticeDays: Number(r.notice_days),
      expiring: left !== null && left >= 0 && left <= Number(r.notice_days),
      expired: left !== null && left < 0,
      cost: r.cost_minor === null || r.cost_minor === undefined ? null : formatMoney(r.cost_minor),
      currency: r.currency ?? null,
      note: r.note ?? null,
      createdAt: new Date(r.created_at).toISOString(),
    };
  };

/** Today in the tenant's time zone (its helpdesk hours' zone). */
export const tenantToday = async (ctx: PluginContext, at: Date = ctx.now()) => (await tenantCalendar(ctx, at)).today;

export const licenceQuery = (ctx: PluginContext) =>
  ctx.db.selectFrom('it.licences as l').selectAll('l').where('l.tenant_id', '=', ctx.tenant.id);

export async function getLicence(ctx: PluginContext, id: string): Promise<Licence | null> {
  const row = await licenceQuery(ctx).where('l.id', '=', id).executeTakeFirst();
  return row ? toLicence(await tenantToday(ctx))(row) : null;
}

async function requireLicence(ctx: PluginContext, id: string): Promise<Licence> {
  const licence = await getLicence(ctx, id);
  if (!licence) throw notFound(m.licence_not_found);
  return licence;
}

const isSeatWall = (e: unknown) => {
  const err = e as { code?: string; constraint?: string; message?: string };
  return (
    err?.code === '23514' &&
    (err.constraint === 'licences_seats_used' || !!err.message?.includes('licences_seats_used'))
  );
};

const isOpenSeatTaken = (e: unknown) => {
  const err = e as { code?: string; constraint?: string; message?: string };
  return (
    err?.code === '23505' &&
    (err.constraint === 'licence_seats_open_key' || !!err.message?.includes('licence_seats_open_key'))
  );
};

export async function createLicence(ctx: PluginContext, input: LicenceInput): Promise<string> {
  const taken = await ctx.db
    .selectFrom('it.licences')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where(sql`lower(name)`, '=', input.name.toLowerCase())
    .executeTakeFirst();
  if (taken) throw problem(409, m.licence_taken, { name: input.name });
  const id = newId();
  await ctx.db
    .insertInto('it.licences')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      name: input.name,
      vendor: input.vendor ?? null,
      seats: input.seats,
      expires_on: input.expiresOn ?? null,
      notice_days: input.noticeDays,
      cost_minor: input.cost ? String(parseMoney(input.cost)) : null,
      currency: input.cost ? ctx.tenant.currency : null,
      note: input.note ?? null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.audit({ action: 'it.licence.created', entityType: 'it.licence', entityId: id, after: input });
  return id;
}

/** Seats, expiry (a renewal: the expiry alert re-arms for the new date), notice days, note. */
export async function updateLicence(
  ctx: PluginContext,
  id: string,
  input: {
    seats?: number | undefined;
    expiresOn?: string | null | undefined;
    noticeDays?: number | undefined;
    note?: string | null | undefined;
  },
) {
  const before = await requireLicence(ctx, id);
  const set: Record<string, unknown> = {};
  if (input.seats !== undefined) set.seats = input.seats;
  if (input.expiresOn !== undefined) set.expires_on = input.expiresOn;
  if (input.noticeDays !== undefined) set.notice_days = input.noticeDays;
  if (input.note !== undefined) set.note = input.note;
  if (!Object.keys(set).length) return;
  try {
    await ctx.db
      .updateTable('it.licences')
      .set(set)
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
  } catch (e) {
    if (isSeatWall(e)) throw conflict('seats_in_use', m.seats_in_use, { used: before.seatsUsed });
    throw e;
  }
  await ctx.audit({
    action: 'it.licence.updated',
    entityType: 'it.licence',
    entityId: id,
    before: { seats: before.seats, expiresOn: before.expiresOn, noticeDays: before.noticeDays },
    after: input,
  });
}

/** Gives a seat to one holder (member, employee or asset). */
export async function assignSeat(ctx: PluginContext, licenceId: string, input: HolderInput): Promise<string> {
  const licence = await requireLicence(ctx, licenceId);
  const holder = await resolveHolder(ctx, input, ['user', 'employee', 'asset']);
  const open = await ctx.db
    .selectFrom('it.licence_seats')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('licence_id', '=', licenceId)
    .where('holder_type', '=', holder.type)
    .where('holder_id', '=', holder.id)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  if (open) throw problem(409, m.seat_taken, { holder: holder.label });
  try {
    await sql`update it.licences set seats_used = seats_used + 1 where tenant_id = ${ctx.tenant.id} and id = ${licenceId}`.execute(
      ctx.db,
    );
  } catch (e) {
    if (isSeatWall(e)) throw problem(409, m.no_free_seats, { name: licence.name, seats: licence.seats });
    throw e;
  }
  const id = newId();
  try {
    await ctx.db
      .insertInto('it.licence_seats')
      .values({
        tenant_id: ctx.tenant.id,
        id,
        licence_id: licenceId,
        holder_type: holder.type,
        holder_id: holder.id,
        holder_label: holder.label,
        assigned_at: ctx.now(),
        assigned_by: ctx.actor?.label ?? null,
      })
      .execute();
  } catch (e) {
    if (isOpenSeatTaken(e)) throw problem(409, m.seat_taken, { holder: holder.label });
    throw e;
  }
  await ctx.audit({
    action: 'it.licence.seat_assigned',
    entityType: 'it.licence',
    entityId: licenceId,
    after: { seatId: id, holderType: holder.type, holderId: holder.id },
  });
  return id;
}

/** Frees a seat (the person left, the device was retired). 409 `seat_released` the second time. */
export async function releaseSeat(ctx: PluginContext, licenceId: string, seatId: string) {
  await requireLicence(ctx, licenceId);
  const freed = await releaseSeats(ctx, sql`licence_id = ${licenceId} and id = ${seatId}`);
  if (!freed) {
    const exists = await ctx.db
      .selectFrom('it.licence_seats')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('licence_id', '=', licenceId)
      .where('id', '=', seatId)
      .executeTakeFirst();
    if (!exists) throw notFound(m.seat_not_found);
    throw conflict('seat_released', m.seat_released);
  }
}

/** A holder of seats, as `licence_seats` names it. */
export interface SeatHolder {
  type: 'user' | 'employee' | 'asset';
  id: string;
}

/**
 * Frees every open seat of the holders (a retired device, a leaver past their last day): the seats
 * are released and each licence's `seats_used` drops by what it lost, in the caller's transaction,
 * with an audit row per seat saying why. Returns how many seats were freed.
 */
export async function releaseSeatsOf(ctx: PluginContext, holders: SeatHolder[], reason: string): Promise<number> {
  if (!holders.length) return 0;
  const who = sql.join(
    holders.map((h) => sql`(holder_type = ${h.type} and holder_id = ${h.id})`),
    sql` or `,
  );
  return releaseSeats(ctx, sql`(${who})`, reason);
}

/** Releases the open seats matching `where`, gives them back to their licences, audits each. */
async function releaseSeats(ctx: PluginContext, where: RawBuilder<unknown>, reason?: string): Promise<number> {
  const t = ctx.tenant.id;
  const seats = await sql<{ id: string; licence_id: string; holder_type: string; holder_id: string }>`
    update it.licence_seats set released_at = ${ctx.now()}, released_by = ${ctx.actor?.label ?? null}
     where tenant_id = ${t} and released_at is null and ${where}
    returning id, licence_id, holder_type, holder_id`.execute(ctx.db);
  const perLicence = new Map<string, number>();
  for (const s of seats.rows) perLicence.set(s.licence_id, (perLicence.get(s.licence_id) ?? 0) + 1);
  for (const [licenceId, n] of [...perLicence].sort(([a], [b]) => a.localeCompare(b))) {
    await sql`update it.licences set seats_used = seats_used - ${n} where tenant_id = ${t} and id = ${licenceId}`.execute(
      ctx.db,
    );
  }
  for (const s of seats.rows) {
    await ctx.audit({
      action: 'it.licence.seat_released',
      entityType: 'it.licence',
      entityId: s.licence_id,
      after: { seatId: s.id, holderType: s.holder_type, holderId: s.holder_id, ...(reason ? { reason } : {}) },
    });
  }
  return seats.rows.length;
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export const toSeat = (r: Record<string, any>) => ({
  id: r.id as string,
  licenceId: r.licence_id as string,
  licence: (r.licence_name ?? null) as string | null,
  holderType: r.holder_type as 'user' | 'employee' | 'asset',
  holderId: r.holder_id as string,
  holder: r.holder_label as string,
  assignedAt: new Date(r.assigned_at).toISOString(),
  assignedBy: (r.assigned_by ?? null) as string | null,
  releasedAt: iso(r.released_at),
  releasedBy: (r.released_by ?? null) as string | null,
});

export const seatQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.licence_seats as s')
    .innerJoin('it.licences as l', (j) => j.onRef('l.tenant_id', '=', 's.tenant_id').onRef('l.id', '=', 's.licence_id'))
    .selectAll('s')
    .select('l.name as licence_name')
    .where('s.tenant_id', '=', ctx.tenant.id)
    .orderBy('s.assigned_at', 'desc')
    .orderBy('s.id', 'desc');

/**
 * The `licence-expiry` schedule's work at `at`: each licence whose expiry minus its notice days has
 * come (and that has not expired more than its notice ago) is announced once per expiry date
 * (`notified_for`; a renewal to a new date re-arms it) with the event `it.licence.expiring` and a
 * notification to those who manage assets.
 */
export async function announceExpiring(ctx: PluginContext, at: Date) {
  const today = await tenantToday(ctx, at);
  const rows = await sql<Record<string, any>>`
    update it.licences set notified_for = expires_on
     where tenant_id = ${ctx.tenant.id} and expires_on is not null
       and expires_on - notice_days <= ${today}::date and expires_on >= ${today}::date
       and notified_for is distinct from expires_on
    returning *`.execute(ctx.db);
  for (const r of rows.rows) {
    const l = toLicence(today)(r);
    const payload: LicenceExpiring = {
      licenceId: l.id,
      name: l.name,
      expiresOn: l.expiresOn as string,
      seatsUsed: l.seatsUsed,
    };
    await ctx.emit(LICENCE_EXPIRING, payload);
    await ctx.audit({ action: LICENCE_EXPIRING, entityType: 'it.licence', entityId: l.id, after: payload });
    await ctx.notify({
      to: { permission: 'it.assets.manage' },
      title: m.licence_expiring,
      body: m.licence_expiring_body,
      params: { name: l.name, date: dateText(l.expiresOn as string), seats: l.seatsUsed },
      link: `/it/licences/${l.id}`,
      severity: 'warning',
      category: 'it.licence_expiring',
    });
  }
  return rows.rows.length;
}
