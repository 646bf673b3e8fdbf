import { badRequest, type FieldError, fieldError, newId, type PluginContext, problem } from '@bureau/core';
import type { AttendanceInput, SessionInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { pragueDate, ymd } from '../services/dates.ts';
import { recordTraining } from './training.ts';

export interface Attendee {
  employeeId: string;
  name: string;
  number: string;
  /** Null until attendance is recorded. */
  attended: boolean | null;
  /** The certificate (training) attendance issued. */
  trainingId: string | null;
  certificate: string | null;
  expiresOn: string | null;
}

export interface Session {
  id: string;
  courseId: string;
  courseName: string;
  heldOn: string;
  place: string | null;
  trainer: string | null;
  attendees: Attendee[];
}

type Row = Record<string, any>;

const sessionsQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('hr.training_sessions as s')
    .innerJoin('hr.courses as co', (j) =>
      j.onRef('co.tenant_id', '=', 's.tenant_id').onRef('co.id', '=', 's.course_id'),
    )
    .selectAll('s')
    .select('co.name as course_name')
    .where('s.tenant_id', '=', ctx.tenant.id);

async function attendeesOf(ctx: PluginContext, ids: string[]): Promise<Map<string, Attendee[]>> {
  const out = new Map<string, Attendee[]>();
  if (!ids.length) return out;
  const rows = await ctx.db
    .selectFrom('hr.session_attendees as a')
    .innerJoin('hr.employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.id', '=', 'a.employee_id'),
    )
    .leftJoin('hr.trainings as tr', (j) =>
      j.onRef('tr.tenant_id', '=', 'a.tenant_id').onRef('tr.id', '=', 'a.training_id'),
    )
    .select(['a.session_id', 'a.employee_id', 'a.attended', 'a.training_id', 'e.first_name', 'e.last_name', 'e.number'])
    .select(['tr.certificate', 'tr.expires_on'])
    .where('a.tenant_id', '=', ctx.tenant.id)
    .where('a.session_id', 'in', ids)
    .orderBy('e.last_name')
    .orderBy('e.first_name')
    .execute();
  for (const r of rows as Row[]) {
    const list = out.get(r.session_id) ?? [];
    list.push({
      employeeId: r.employee_id,
      name: `${r.first_name} ${r.last_name}`,
      number: r.number,
      attended: r.attended ?? null,
      trainingId: r.training_id ?? null,
      certificate: r.certificate ?? null,
      expiresOn: r.expires_on ? ymd(r.expires_on) : null,
    });
    out.set(r.session_id, list);
  }
  return out;
}

const toSession = (r: Row, attendees: Attendee[]): Session => ({
  id: r.id,
  courseId: r.course_id,
  courseName: r.course_name,
  heldOn: ymd(r.held_on),
  place: r.place ?? null,
  trainer: r.trainer ?? null,
  attendees,
});

/** Sessions, the latest first (optionally of one course), with their attendees. */
export async function listSessions(ctx: PluginContext, courseId?: string): Promise<Session[]> {
  let q = sessionsQuery(ctx);
  if (courseId) q = q.where('s.course_id', '=', courseId);
  const rows = await q.orderBy('s.held_on', 'desc').orderBy('s.id').limit(200).execute();
  const attendees = await attendeesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSession(r, attendees.get(r.id) ?? []));
}

export async function getSession(ctx: PluginContext, id: string): Promise<Session> {
  const row = await sessionsQuery(ctx).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw problem(404, m.session_not_found);
  return toSession(row, (await attendeesOf(ctx, [id])).get(id) ?? []);
}

/** Plans a session of a course for the listed employees. */
export async function createSession(ctx: PluginContext, input: SessionInput): Promise<string> {
  const t = ctx.tenant.id;
  const errors: FieldError[] = [];
  const course = await ctx.db
    .selectFrom('hr.courses')
    .select('id')
    .where('tenant_id', '=', t)
    .where('id', '=', input.courseId)
    .executeTakeFirst();
  if (!course) errors.push(fieldError('courseId', m.course_not_found));
  const ids = [...new Set(input.employeeIds)];
  const found = await ctx.db
    .selectFrom('hr.employees')
    .select('id')
    .where('tenant_id', '=', t)
    .where('id', 'in', ids)
    .execute();
  if (found.length !== ids.length) errors.push(fieldError('employeeIds', m.employee_not_found));
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
  const id = newId();
  await ctx.db
    .insertInto('hr.training_sessions')
    .values({
      tenant_id: t,
      id,
      course_id: input.courseId,
      held_on: input.heldOn,
      place: input.place || null,
      trainer: input.trainer || null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.db
    .insertInto('hr.session_attendees')
    .values(ids.map((employee_id) => ({ tenant_id: t, session_id: id, employee_id })))
    .execute();
  await ctx.audit({
    action: 'hr.session.created',
    entityType: 'hr.course',
    entityId: input.courseId,
    after: { sessionId: id, ...input },
  });
  return id;
}

/**
 * Records who attended a held session (from its day on): each attendee gets the course's certificate
 * — a training completed on the session's day, its expiry from the course's validity, numbered
 * `<day>/<personal number>` — once; the others on the list are marked absent. Recording again changes
 * nothing for those already certified.
 */
export async function recordAttendance(ctx: PluginContext, id: string, input: AttendanceInput): Promise<Session> {
  const t = ctx.tenant.id;
  const session = await getSession(ctx, id);
  if (session.heldOn > pragueDate(ctx.now())) throw problem(409, m.session_not_held, { date: session.heldOn });
  const listed = new Set(session.attendees.map((a) => a.employeeId));
  const stranger = input.attended.find((e) => !listed.has(e));
  if (stranger) throw badRequest('invalid_input', m.not_on_session, [fieldError('attended', m.not_on_session)]);
  const attended = new Set(input.attended);
  for (const a of session.attendees) {
    let trainingId = a.trainingId;
    if (attended.has(a.employeeId) && !trainingId)
      trainingId = await recordTraining(ctx, {
        employeeId: a.employeeId,
        courseId: session.courseId,
        completedOn: session.heldOn,
        certificate: `${session.heldOn.replaceAll('-', '')}/${a.number}`,
      });
    await ctx.db
      .updateTable('hr.session_attendees')
      .set({ attended: attended.has(a.employeeId) || Boolean(a.trainingId), training_id: trainingId })
      .where('tenant_id', '=', t)
      .where('session_id', '=', id)
      .where('employee_id', '=', a.employeeId)
      .execute();
  }
  await ctx.audit({
    action: 'hr.session.attendance',
    entityType: 'hr.course',
    entityId: session.courseId,
    after: { sessionId: id, attended: input.attended },
  });
  return getSession(ctx, id);
}
