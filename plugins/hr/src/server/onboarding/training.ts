import {
  badRequest,
  dateText,
  type FieldError,
  fieldError,
  newId,
  type PluginContext,
  problem,
  type ScheduleDefinition,
} from '@bureau/core';
import { sql } from 'kysely';
import { TRAINING_EXPIRING, type TrainingExpiring } from '../../contract.ts';
import type { CourseInput, TrainingInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { addDays, addMonths, pragueDate, ymd, ymdOrNull } from '../services/dates.ts';

type Row = Record<string, any>;

/** Days before the expiry a training is flagged when the course does not say. */
export const DEFAULT_REMIND_DAYS = 30;

export interface Course {
  id: string;
  name: string;
  validityMonths: number | null;
  remindDays: number;
  description: string | null;
}

export type TrainingStatus = 'valid' | 'expiring' | 'expired' | 'superseded' | 'permanent';

export interface Training {
  id: string;
  employeeId: string;
  employeeName: string;
  courseId: string;
  courseName: string;
  completedOn: string;
  expiresOn: string | null;
  certificate: string | null;
  flaggedOn: string | null;
  status: TrainingStatus;
}

export const toCourse = (r: Row): Course => ({
  id: r.id,
  name: r.name,
  validityMonths: r.validity_months ?? null,
  remindDays: r.remind_days,
  description: r.description ?? null,
});

export async function courses(ctx: PluginContext): Promise<Course[]> {
  const rows = await ctx.db
    .selectFrom('hr.courses')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .orderBy('name')
    .execute();
  return rows.map(toCourse);
}

const nameTaken = () =>
  problem(409, m.course_name_taken, undefined, { errors: [fieldError('name', m.course_name_taken)] });

export async function createCourse(ctx: PluginContext, input: CourseInput): Promise<Course> {
  const id = newId();
  const res = await ctx.db
    .insertInto('hr.courses')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      name: input.name,
      validity_months: input.validityMonths ?? null,
      remind_days: input.remindDays ?? DEFAULT_REMIND_DAYS,
      description: input.description || null,
      created_at: ctx.now(),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!res) throw nameTaken();
  await ctx.audit({ action: 'hr.course.created', entityType: 'hr.course', entityId: id, after: input });
  return toCourse(res);
}

export async function updateCourse(ctx: PluginContext, id: string, input: Partial<CourseInput>): Promise<Course> {
  const cols: Row = {};
  if (input.name !== undefined) cols.name = input.name;
  if (input.validityMonths !== undefined) cols.validity_months = input.validityMonths;
  if (input.remindDays !== undefined) cols.remind_days = input.remindDays;
  if (input.description !== undefined) cols.description = input.description || null;
  if (cols.name) {
    const clash = await ctx.db
      .selectFrom('hr.courses')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('name', '=', cols.name)
      .where('id', '<>', id)
      .executeTakeFirst();
    if (clash) throw nameTaken();
  }
  const row = await ctx.db
    .updateTable('hr.courses')
    .set(Object.keys(cols).length ? cols : { id })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw problem(404, m.course_not_found);
  await ctx.audit({ action: 'hr.course.updated', entityType: 'hr.course', entityId: id, after: input });
  return toCourse(row);
}

/**
 * Trainings with the employee's and the course's names and whether a later completion of the same
 * course by the same employee supersedes them.
 */
export const trainingsQuery = (ctx: { db: PluginContext['db']; tenant: { id: string } }) =>
  ctx.db
    .selectFrom('hr.trainings as tr')
    .innerJoin('hr.employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'tr.tenant_id').onRef('e.id', '=', 'tr.employee_id'),
    )
    .innerJoin('hr.courses as co', (j) =>
      j.onRef('co.tenant_id', '=', 'tr.tenant_id').onRef('co.id', '=', 'tr.course_id'),
    )
    .selectAll('tr')
    .select(['e.first_name', 'e.last_name', 'co.name as course_name', 'co.remind_days'])
    .select(
      sql<boolean>`exists (select 1 from hr.trainings n where n.tenant_id = tr.tenant_id
        and n.employee_id = tr.employee_id and n.course_id = tr.course_id
        and (n.completed_on > tr.completed_on or (n.completed_on = tr.completed_on and n.id > tr.id)))`.as(
        'superseded',
      ),
    )
    .where('tr.tenant_id', '=', ctx.tenant.id);

export function trainingStatus(r: Row, today: string): TrainingStatus {
  if (r.superseded) return 'superseded';
  const expires = ymdOrNull(r.expires_on);
  if (!expires) return 'permanent';
  if (expires < today) return 'expired';
  if (expires <= addDays(today, r.remind_days ?? DEFAULT_REMIND_DAYS)) return 'expiring';
  return 'valid';
}

export const toTraining = (r: Row, today: string): Training => ({
  id: r.id,
  employeeId: r.employee_id,
  employeeName: `${r.first_name} ${r.last_name}`,
  courseId: r.course_id,
  courseName: r.course_name,
  completedOn: ymd(r.completed_on),
  expiresOn: ymdOrNull(r.expires_on),
  certificate: r.certificate ?? null,
  flaggedOn: ymdOrNull(r.flagged_on),
  status: trainingStatus(r, today),
});

/** Records a completed training; the expiry defaults to the completion plus the course's validity. */
export async function recordTraining(ctx: PluginContext, input: TrainingInput): Promise<string> {
  const t = ctx.tenant.id;
  const errors: FieldError[] = [];
  const employee = await ctx.db
    .selectFrom('hr.employees')
    .select('id')
    .where('tenant_id', '=', t)
    .where('id', '=', input.employeeId)
    .executeTakeFirst();
  if (!employee) errors.push(fieldError('employeeId', m.employee_not_found));
  const course = await ctx.db
    .selectFrom('hr.courses')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', input.courseId)
    .executeTakeFirst();
  if (!course) errors.push(fieldError('courseId', m.course_not_found));
  if (input.completedOn > pragueDate(ctx.now())) errors.push(fieldError('completedOn', m.completion_future));
  const expires =
    input.expiresOn !== undefined
      ? input.expiresOn
      : course?.validity_months
        ? addMonths(input.completedOn, course.validity_months)
        : null;
  if (expires && expires < input.completedOn) errors.push(fieldError('expiresOn', m.expiry_before_completion));
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
  const id = newId();
  await ctx.db
    .insertInto('hr.trainings')
    .values({
      tenant_id: t,
      id,
      employee_id: input.employeeId,
      course_id: input.courseId,
      completed_on: input.completedOn,
      expires_on: expires,
      certificate: input.certificate || null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.audit({
    action: 'hr.training.recorded',
    entityType: 'hr.employee',
    entityId: input.employeeId,
    after: { trainingId: id, courseId: input.courseId, completedOn: input.completedOn, expiresOn: expires },
  });
  return id;
}

/**
 * Tells HR (`hr.people.manage`) and the employee's manager, when the manager is linked to a member,
 * that a certificate is about to expire (`due`) or has expired (`expired`) — each stage once per
 * training (`hr.training_reminders`), in each reader's language.
 */
async function remind(ctx: PluginContext, r: Row, stage: 'due' | 'expired', day: string) {
  const fresh = await ctx.db
    .insertInto('hr.training_reminders')
    .values({ tenant_id: ctx.tenant.id, training_id: r.id, stage, sent_on: day })
    .onConflict((oc) => oc.columns(['tenant_id', 'training_id', 'stage']).doNothing())
    .returning('training_id')
    .executeTakeFirst();
  if (!fresh) return;
  const manager = r.manager_id
    ? await ctx.db
        .selectFrom('hr.employees')
        .select('user_id')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', r.manager_id)
        .executeTakeFirst()
    : undefined;
  const message = {
    category: 'hr.training_expiring',
    title: stage === 'due' ? m.training_due : m.training_expired,
    body: m.training_reminder_body,
    params: { course: r.course_name, employee: `${r.first_name} ${r.last_name}`, date: dateText(ymd(r.expires_on)) },
    link: `/hr/employees/${r.employee_id}?tab=training`,
    severity: stage === 'expired' ? ('warning' as const) : ('info' as const),
  };
  await ctx.notify({ to: { permission: 'hr.people.manage' }, ...message });
  if (manager?.user_id) await ctx.notify({ to: [manager.user_id], ...message });
}

/**
 * Nightly: flags each training that falls due within its course's reminder days of the period's day
 * (`scheduledAt` in Prague) and is not superseded by a later completion — once, with the event
 * `hr.training.expiring` and an audit row — and reminds HR and the manager before the expiry and
 * again once it has passed (each stage once).
 */
export const trainingExpiry: ScheduleDefinition = {
  cron: '0 6 * * *',
  timeZone: 'Europe/Prague',
  label: { en: 'Flag trainings about to expire', cs: 'Označit školení, kterým končí platnost' },
  async run(ctx) {
    const day = pragueDate(ctx.schedule.scheduledAt);
    const rows = await trainingsQuery(ctx)
      .select('e.manager_id')
      .where('tr.expires_on', 'is not', null)
      .where(sql<boolean>`tr.expires_on <= ${day}::date + co.remind_days`)
      .where(
        sql<boolean>`not exists (select 1 from hr.training_reminders r
          where r.tenant_id = tr.tenant_id and r.training_id = tr.id and r.stage = 'expired')`,
      )
      .execute();
    for (const r of rows.filter((x) => !x.superseded)) {
      await remind(ctx, r, ymd(r.expires_on) < day ? 'expired' : 'due', day);
      if (r.flagged_on) continue;
      await ctx.db
        .updateTable('hr.trainings')
        .set({ flagged_on: day })
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', r.id)
        .execute();
      const payload: TrainingExpiring = {
        trainingId: r.id,
        employeeId: r.employee_id,
        employeeName: `${r.first_name} ${r.last_name}`,
        courseId: r.course_id,
        courseName: r.course_name,
        expiresOn: ymd(r.expires_on),
      };
      await ctx.emit(TRAINING_EXPIRING, payload);
      await ctx.audit({
        action: TRAINING_EXPIRING,
        entityType: 'hr.employee',
        entityId: r.employee_id,
        after: { trainingId: r.id, expiresOn: payload.expiresOn },
      });
    }
  },
};
