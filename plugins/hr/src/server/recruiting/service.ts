import {
  badRequest,
  type FieldError,
  fieldError,
  formatMoney,
  type LocalizedText,
  newId,
  type PluginContext,
  parseMoney,
  problem,
} from '@bureau/core';
import type {
  CandidateInput,
  CandidateUpdate,
  InterviewInput,
  OpeningInput,
  OpeningUpdate,
  ScorecardInput,
  StagesInput,
} from '../../schema.ts';
import { m } from '../messages.ts';
import { pragueDate, ymd, ymdOrNull } from '../services/dates.ts';
import { createEmployee } from '../services/employees.ts';
import type { OfferInput } from './workflow.ts';

type Row = Record<string, any>;

/** The stages a tenant starts with (renamed, reordered, removed or added to on the stages page). */
export const DEFAULT_STAGES: readonly { key: string; label: LocalizedText }[] = [
  { key: 'applied', label: { en: 'Applied', cs: 'Přihlášen' } },
  { key: 'screening', label: { en: 'Screening', cs: 'Předvýběr' } },
  { key: 'interview', label: { en: 'Interview', cs: 'Pohovor' } },
  { key: 'final', label: { en: 'Final round', cs: 'Finální kolo' } },
];

export interface Stage {
  id: string;
  key: string | null;
  /** The tenant's own name, or the default stage's name in both languages. */
  label: LocalizedText;
  position: number;
}

const today = (ctx: PluginContext) => pragueDate(ctx.now());

const toStage = (r: Row): Stage => ({
  id: r.id,
  key: r.key ?? null,
  label: r.name
    ? { en: r.name, cs: r.name }
    : (DEFAULT_STAGES.find((s) => s.key === r.key)?.label ?? { en: '?', cs: '?' }),
  position: r.position,
});

/** The tenant's pipeline in order; the default stages are written the first time it is read. */
export async function stages(ctx: PluginContext): Promise<Stage[]> {
  const t = ctx.tenant.id;
  const read = () =>
    ctx.db
      .selectFrom('hr.recruiting_stages')
      .selectAll()
      .where('tenant_id', '=', t)
      .orderBy('position')
      .orderBy('id')
      .execute();
  let rows = await read();
  if (!rows.length) {
    await ctx.db
      .insertInto('hr.recruiting_stages')
      .values(
        DEFAULT_STAGES.map((s, i) => ({
          tenant_id: t,
          id: newId(),
          key: s.key,
          name: null,
          position: i,
          created_at: ctx.now(),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    rows = await read();
  }
  return rows.map(toStage);
}

/**
 * Replaces the pipeline: kept stages are renamed and moved, new ones added, missing ones removed.
 * A stage with candidates still in the pipeline cannot go (409 `stage_in_use`); closed applications
 * in a removed stage move to the first stage.
 */
export async function saveStages(ctx: PluginContext, input: StagesInput): Promise<Stage[]> {
  const t = ctx.tenant.id;
  const current = await stages(ctx);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.stages.forEach((s, i) => {
    const name = s.name.toLowerCase();
    if (seen.has(name)) errors.push(fieldError(`stages.${i}.name`, m.stage_name_taken));
    seen.add(name);
    if (s.id && !current.some((c) => c.id === s.id)) errors.push(fieldError(`stages.${i}.id`, m.stage_not_found));
  });
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
  const kept = new Set(input.stages.map((s) => s.id).filter(Boolean));
  const removed = current.filter((c) => !kept.has(c.id));
  for (const r of removed) {
    const busy = await ctx.db
      .selectFrom('hr.candidates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', t)
      .where('stage_id', '=', r.id)
      .where('status', 'in', ['active', 'offered'])
      .executeTakeFirstOrThrow();
    if (Number(busy.n) > 0) throw problem(409, m.stage_in_use, { name: r.label, count: Number(busy.n) });
  }
  const ids = input.stages.map((s) => s.id ?? newId());
  for (const [i, s] of input.stages.entries()) {
    const id = ids[i]!;
    if (s.id) {
      await ctx.db
        .updateTable('hr.recruiting_stages')
        .set({ name: s.name, position: i })
        .where('tenant_id', '=', t)
        .where('id', '=', id)
        .execute();
    } else {
      await ctx.db
        .insertInto('hr.recruiting_stages')
        .values({ tenant_id: t, id, key: null, name: s.name, position: i, created_at: ctx.now() })
        .execute();
    }
  }
  if (removed.length) {
    const gone = removed.map((r) => r.id);
    await ctx.db
      .updateTable('hr.candidates')
      .set({ stage_id: ids[0]! })
      .where('tenant_id', '=', t)
      .where('stage_id', 'in', gone)
      .execute();
    await ctx.db.deleteFrom('hr.recruiting_stages').where('tenant_id', '=', t).where('id', 'in', gone).execute();
  }
  await ctx.audit({
    action: 'hr.recruiting.stages_saved',
    entityType: 'hr.recruiting_stages',
    entityId: null,
    after: { stages: input.stages.map((s) => s.name), removed: removed.length },
  });
  return stages(ctx);
}

// Openings -----------------------------------------------------------------------------------------

export interface Opening {
  id: string;
  title: string;
  department: string | null;
  position: string | null;
  managerId: string | null;
  managerName: string | null;
  headcount: number;
  contractType: 'hpp' | 'dpp' | 'dpc' | null;
  description: string | null;
  status: 'open' | 'paused' | 'closed';
  createdAt: string;
  /** Candidates in the pipeline or offered, and hired. */
  active: number;
  hired: number;
}

export const toOpening = (r: Row): Opening => ({
  id: r.id,
  title: r.title,
  department: r.department ?? null,
  position: r.position ?? null,
  managerId: r.manager_id ?? null,
  managerName: r.manager_first_name ? `${r.manager_first_name} ${r.manager_last_name}` : null,
  headcount: r.headcount,
  contractType: r.contract_type ?? null,
  description: r.description ?? null,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  active: Number(r.active ?? 0),
  hired: Number(r.hired ?? 0),
});

/** Openings with their manager's name and candidate counts (for lists and the board). */
export const openingsQuery = (ctx: { db: PluginContext['db']; tenant: { id: string } }) =>
  ctx.db
    .selectFrom('hr.openings as o')
    .leftJoin('hr.employees as mg', (j) =>
      j.onRef('mg.tenant_id', '=', 'o.tenant_id').onRef('mg.id', '=', 'o.manager_id'),
    )
    .selectAll('o')
    .select(['mg.first_name as manager_first_name', 'mg.last_name as manager_last_name'])
    .select((eb) => [
      eb
        .selectFrom('hr.candidates as c')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('c.tenant_id', '=', 'o.tenant_id')
        .whereRef('c.opening_id', '=', 'o.id')
        .where('c.status', 'in', ['active', 'offered'])
        .as('active'),
      eb
        .selectFrom('hr.candidates as c')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('c.tenant_id', '=', 'o.tenant_id')
        .whereRef('c.opening_id', '=', 'o.id')
        .where('c.status', '=', 'hired')
        .as('hired'),
    ])
    .where('o.tenant_id', '=', ctx.tenant.id);

export async function getOpening(ctx: PluginContext, id: string): Promise<Opening> {
  const r = await openingsQuery(ctx).where('o.id', '=', id).executeTakeFirst();
  if (!r) throw problem(404, m.opening_not_found);
  return toOpening(r);
}

async function checkManager(ctx: PluginContext, managerId: string | null | undefined) {
  if (!managerId) return;
  const found = await ctx.db
    .selectFrom('hr.employees')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', managerId)
    .executeTakeFirst();
  if (!found) throw badRequest('invalid_input', m.manager_not_found, [fieldError('managerId', m.manager_not_found)]);
}

const openingColumns = (input: OpeningUpdate): Row => {
  const out: Row = {};
  if (input.title !== undefined) out.title = input.title;
  for (const [k, col] of [
    ['department', 'department'],
    ['position', 'position'],
    ['description', 'description'],
  ] as const)
    if (input[k] !== undefined) out[col] = input[k] || null;
  if (input.managerId !== undefined) out.manager_id = input.managerId;
  if (input.headcount !== undefined) out.headcount = input.headcount;
  if (input.contractType !== undefined) out.contract_type = input.contractType;
  return out;
};

export async function createOpening(ctx: PluginContext, input: OpeningInput): Promise<string> {
  await checkManager(ctx, input.managerId);
  const id = newId();
  await ctx.db
    .insertInto('hr.openings')
    .values({ ...openingColumns(input), tenant_id: ctx.tenant.id, id, status: 'open', created_at: ctx.now() })
    .execute();
  await ctx.audit({ action: 'hr.opening.created', entityType: 'hr.opening', entityId: id, after: input });
  return id;
}

export async function updateOpening(ctx: PluginContext, id: string, input: OpeningUpdate) {
  await checkManager(ctx, input.managerId);
  const cols = openingColumns(input);
  const res = await ctx.db
    .updateTable('hr.openings')
    .set(Object.keys(cols).length ? cols : { id })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!res.numUpdatedRows) throw problem(404, m.opening_not_found);
  await ctx.audit({ action: 'hr.opening.updated', entityType: 'hr.opening', entityId: id, after: input });
}

// Candidates ---------------------------------------------------------------------------------------

export type CandidateStatus = 'active' | 'offered' | 'hired' | 'rejected' | 'withdrawn';

export interface Offer {
  contractType: 'hpp' | 'dpp' | 'dpc';
  startDate: string;
  monthlySalary: string | null;
  hourlyRate: string | null;
  weeklyHours: string | null;
}

/**
 * A candidate as a reader sees them: without `hr.recruiting.personal` the name is cut to initials
 * and contact, notes, consent and offer are withheld (`masked: true`).
 */
export interface Candidate {
  id: string;
  openingId: string;
  openingTitle: string;
  stageId: string;
  status: CandidateStatus;
  masked: boolean;
  anonymised: boolean;
  name: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  source: string | null;
  note: string | null;
  consentUntil: string | null;
  lastContact: string;
  closedOn: string | null;
  offer: Offer | null;
  employeeId: string | null;
  createdAt: string;
}

export const initials = (first: string, last: string) =>
  [first, last].map((s) => (s && s !== ANONYMOUS ? `${[...s][0]!.toUpperCase()}.` : ANONYMOUS)).join(' ');

export const ANONYMOUS = '—';

export function toCandidate(r: Row, personal: boolean): Candidate {
  const anonymised = r.anonymised_at !== null && r.anonymised_at !== undefined;
  const show = personal && !anonymised;
  const offer: Offer | null = r.offer_contract_type
    ? {
        contractType: r.offer_contract_type,
        startDate: ymd(r.offer_start_date),
        monthlySalary: r.offer_monthly_salary_minor === null ? null : formatMoney(r.offer_monthly_salary_minor),
        hourlyRate: r.offer_hourly_rate_minor === null ? null : formatMoney(r.offer_hourly_rate_minor),
        weeklyHours: r.offer_weekly_hours === null ? null : String(Number(r.offer_weekly_hours)),
      }
    : null;
  return {
    id: r.id,
    openingId: r.opening_id,
    openingTitle: r.opening_title ?? '',
    stageId: r.stage_id,
    status: r.status,
    masked: !show,
    anonymised,
    name: anonymised ? ANONYMOUS : show ? `${r.first_name} ${r.last_name}` : initials(r.first_name, r.last_name),
    firstName: show ? r.first_name : null,
    lastName: show ? r.last_name : null,
    email: show ? (r.email ?? null) : null,
    phone: show ? (r.phone ?? null) : null,
    source: show ? (r.source ?? null) : null,
    note: show ? (r.note ?? null) : null,
    consentUntil: show ? ymdOrNull(r.consent_until) : null,
    lastContact: ymd(r.last_contact),
    closedOn: ymdOrNull(r.closed_on),
    offer: show ? offer : null,
    employeeId: r.employee_id ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export const candidatesQuery = (ctx: { db: PluginContext['db']; tenant: { id: string } }) =>
  ctx.db
    .selectFrom('hr.candidates as c')
    .innerJoin('hr.openings as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.opening_id'))
    .selectAll('c')
    .select('o.title as opening_title')
    .where('c.tenant_id', '=', ctx.tenant.id);

export async function candidateRow(ctx: PluginContext, id: string): Promise<Row> {
  const r = await candidatesQuery(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!r) throw problem(404, m.candidate_not_found);
  return r;
}

function checkConsent(ctx: PluginContext, until: string | null | undefined, errors: FieldError[]) {
  if (until && until <= today(ctx)) errors.push(fieldError('consentUntil', m.consent_in_past));
}

export async function createCandidate(ctx: PluginContext, input: CandidateInput): Promise<string> {
  const t = ctx.tenant.id;
  const errors: FieldError[] = [];
  checkConsent(ctx, input.consentUntil, errors);
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
  const opening = await ctx.db
    .selectFrom('hr.openings')
    .select(['id', 'status'])
    .where('tenant_id', '=', t)
    .where('id', '=', input.openingId)
    .executeTakeFirst();
  if (!opening) throw badRequest('invalid_input', m.opening_not_found, [fieldError('openingId', m.opening_not_found)]);
  if (opening.status !== 'open') throw problem(409, m.opening_not_open);
  const first = (await stages(ctx))[0]!;
  const id = newId();
  await ctx.db
    .insertInto('hr.candidates')
    .values({
      tenant_id: t,
      id,
      opening_id: input.openingId,
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email ?? null,
      phone: input.phone || null,
      source: input.source || null,
      note: input.note || null,
      stage_id: first.id,
      status: 'active',
      consent_until: input.consentUntil ?? null,
      last_contact: today(ctx),
      created_at: ctx.now(),
    })
    .execute();
  await ctx.audit({ action: 'hr.candidate.created', entityType: 'hr.candidate', entityId: id, after: input });
  return id;
}

async function openRow(ctx: PluginContext, id: string): Promise<Row> {
  const r = await candidateRow(ctx, id);
  if (r.anonymised_at) throw problem(409, m.candidate_anonymised);
  return r;
}

export async function updateCandidate(ctx: PluginContext, id: string, input: CandidateUpdate) {
  await openRow(ctx, id);
  const errors: FieldError[] = [];
  checkConsent(ctx, input.consentUntil, errors);
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
  const cols: Row = { last_contact: today(ctx) };
  if (input.firstName !== undefined) cols.first_name = input.firstName;
  if (input.lastName !== undefined) cols.last_name = input.lastName;
  for (const k of ['email', 'phone', 'source', 'note'] as const) if (input[k] !== undefined) cols[k] = input[k] || null;
  if (input.consentUntil !== undefined) cols.consent_until = input.consentUntil;
  await ctx.db
    .updateTable('hr.candidates')
    .set(cols)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({ action: 'hr.candidate.updated', entityType: 'hr.candidate', entityId: id, after: input });
}

/** Moves a candidate in the pipeline to another stage (only while in the pipeline). */
export async function moveCandidate(ctx: PluginContext, id: string, stageId: string) {
  const r = await openRow(ctx, id);
  if (r.status !== 'active') throw problem(409, m.candidate_not_active);
  const stage = (await stages(ctx)).find((s) => s.id === stageId);
  if (!stage) throw badRequest('invalid_input', m.stage_not_found, [fieldError('stageId', m.stage_not_found)]);
  await ctx.db
    .updateTable('hr.candidates')
    .set({ stage_id: stageId, last_contact: today(ctx) })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({
    action: 'hr.candidate.moved',
    entityType: 'hr.candidate',
    entityId: id,
    before: { stageId: r.stage_id },
    after: { stageId },
  });
}

/** The offer transition: checks and stores the terms (the hire's first contract). */
export async function writeOffer(ctx: PluginContext, id: string, record: Row, input: OfferInput) {
  if (record.anonymised_at) throw problem(409, m.candidate_anonymised);
  const errors: FieldError[] = [];
  const day = today(ctx);
  if (input.startDate < day) errors.push(fieldError('startDate', m.offer_start_past, { date: day }));
  const monthly = input.monthlySalary ? parseMoney(input.monthlySalary.replace(',', '.')) : null;
  const hourly = input.hourlyRate ? parseMoney(input.hourlyRate.replace(',', '.')) : null;
  if (monthly === null && hourly === null) errors.push(fieldError('monthlySalary', m.salary_required));
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
  await ctx.db
    .updateTable('hr.candidates')
    .set({
      offer_contract_type: input.contractType,
      offer_start_date: input.startDate,
      offer_monthly_salary_minor: monthly === null ? null : String(monthly),
      offer_hourly_rate_minor: monthly === null && hourly !== null ? String(hourly) : null,
      offer_weekly_hours: input.weeklyHours === undefined ? null : String(input.weeklyHours),
      last_contact: day,
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  return { openingId: record.opening_id as string };
}

/** Ends the application (rejected, withdrawn, hired): the retention period runs from today. */
export async function closeCandidate(ctx: PluginContext, id: string, employeeId?: string) {
  const day = today(ctx);
  await ctx.db
    .updateTable('hr.candidates')
    .set({ closed_on: day, last_contact: day, ...(employeeId ? { employee_id: employeeId } : {}) })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
}

/**
 * The hire transition: creates the employee through the employee service (which emits
 * `hr.employee.hired` and starts the onboarding checklist) with the offered terms as the first
 * contract, the opening's department and position and its hiring manager as the manager.
 */
export async function hireCandidate(ctx: PluginContext, id: string, record: Row) {
  if (record.anonymised_at) throw problem(409, m.candidate_anonymised);
  const opening = await ctx.db
    .selectFrom('hr.openings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', record.opening_id)
    .executeTakeFirstOrThrow();
  const startDate = ymd(record.offer_start_date);
  const money = (v: unknown) => (v === null || v === undefined ? undefined : formatMoney(v as string));
  const employeeId = await createEmployee(ctx, {
    firstName: record.first_name,
    lastName: record.last_name,
    ...(record.email ? { email: record.email } : {}),
    ...(record.phone ? { phone: record.phone } : {}),
    ...(opening.department ? { department: opening.department } : {}),
    position: opening.position || opening.title,
    ...(opening.manager_id ? { managerId: opening.manager_id } : {}),
    startDate,
    taxDeclaration: false,
    contract: {
      type: record.offer_contract_type,
      ...(record.offer_monthly_salary_minor !== null
        ? { monthlySalary: money(record.offer_monthly_salary_minor) }
        : { hourlyRate: money(record.offer_hourly_rate_minor) }),
      ...(record.offer_weekly_hours !== null ? { weeklyHours: Number(record.offer_weekly_hours) } : {}),
    },
  });
  await closeCandidate(ctx, id, employeeId);
  return { employeeId, openingId: record.opening_id as string };
}

// Interviews and scorecards ------------------------------------------------------------------------

export interface Scorecard {
  id: string;
  interviewId: string;
  interviewerId: string;
  interviewerName: string;
  rating: number;
  recommendation: 'strong_no' | 'no' | 'yes' | 'strong_yes';
  criteria: { name: string; score: number }[];
  notes: string | null;
  createdAt: string;
}

export interface Interview {
  id: string;
  candidateId: string;
  startsAt: string;
  durationMinutes: number;
  kind: 'onsite' | 'video' | 'phone';
  location: string | null;
  note: string | null;
  interviewers: { id: string; name: string }[];
  scorecards: Scorecard[];
}

export async function scheduleInterview(ctx: PluginContext, candidateId: string, input: InterviewInput) {
  const t = ctx.tenant.id;
  const r = await openRow(ctx, candidateId);
  if (r.status !== 'active' && r.status !== 'offered') throw problem(409, m.candidate_not_active);
  const ids = [...new Set(input.interviewerIds)];
  const found = await ctx.db
    .selectFrom('hr.employees')
    .select('id')
    .where('tenant_id', '=', t)
    .where('id', 'in', ids)
    .execute();
  const missing = ids.map((x, i) => [x, i] as const).filter(([x]) => !found.some((f) => f.id === x));
  if (missing.length)
    throw badRequest(
      'invalid_input',
      m.interviewer_not_found,
      missing.map(([, i]) => fieldError(`interviewerIds.${i}`, m.interviewer_not_found)),
    );
  const id = newId();
  await ctx.db
    .insertInto('hr.interviews')
    .values({
      tenant_id: t,
      id,
      candidate_id: candidateId,
      starts_at: new Date(input.startsAt),
      duration_minutes: input.durationMinutes,
      kind: input.kind,
      location: input.location || null,
      note: input.note || null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.db
    .insertInto('hr.interview_interviewers')
    .values(ids.map((employee_id) => ({ tenant_id: t, interview_id: id, employee_id })))
    .execute();
  await ctx.db
    .updateTable('hr.candidates')
    .set({ last_contact: today(ctx) })
    .where('tenant_id', '=', t)
    .where('id', '=', candidateId)
    .execute();
  await ctx.audit({
    action: 'hr.candidate.interview_scheduled',
    entityType: 'hr.candidate',
    entityId: candidateId,
    after: { interviewId: id, startsAt: input.startsAt, interviewers: ids.length },
  });
  return id;
}

export async function addScorecard(ctx: PluginContext, interviewId: string, input: ScorecardInput) {
  const t = ctx.tenant.id;
  const interview = await ctx.db
    .selectFrom('hr.interviews')
    .select(['id', 'candidate_id'])
    .where('tenant_id', '=', t)
    .where('id', '=', interviewId)
    .executeTakeFirst();
  if (!interview) throw problem(404, m.interview_not_found);
  await openRow(ctx, interview.candidate_id);
  const member = await ctx.db
    .selectFrom('hr.interview_interviewers')
    .select('employee_id')
    .where('tenant_id', '=', t)
    .where('interview_id', '=', interviewId)
    .where('employee_id', '=', input.interviewerId)
    .executeTakeFirst();
  if (!member)
    throw badRequest('invalid_input', m.not_an_interviewer, [fieldError('interviewerId', m.not_an_interviewer)]);
  const id = newId();
  const res = await ctx.db
    .insertInto('hr.scorecards')
    .values({
      tenant_id: t,
      id,
      interview_id: interviewId,
      candidate_id: interview.candidate_id,
      interviewer_id: input.interviewerId,
      rating: input.rating,
      recommendation: input.recommendation,
      criteria: JSON.stringify(input.criteria ?? []),
      notes: input.notes || null,
      created_at: ctx.now(),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'interview_id', 'interviewer_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!res) throw problem(409, m.scorecard_exists);
  await ctx.audit({
    action: 'hr.candidate.scored',
    entityType: 'hr.candidate',
    entityId: interview.candidate_id,
    after: { interviewId, scorecardId: id, rating: input.rating, recommendation: input.recommendation },
  });
  return id;
}

/** A candidate's interviews with interviewers and scorecards (notes only for `personal` readers). */
export async function interviews(ctx: PluginContext, candidateId: string, personal: boolean): Promise<Interview[]> {
  const t = ctx.tenant.id;
  const rows = await ctx.db
    .selectFrom('hr.interviews')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('candidate_id', '=', candidateId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id as string);
  const people = await ctx.db
    .selectFrom('hr.interview_interviewers as i')
    .innerJoin('hr.employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'i.tenant_id').onRef('e.id', '=', 'i.employee_id'),
    )
    .select(['i.interview_id', 'e.id', 'e.first_name', 'e.last_name'])
    .where('i.tenant_id', '=', t)
    .where('i.interview_id', 'in', ids)
    .orderBy('e.last_name')
    .execute();
  const cards = await ctx.db
    .selectFrom('hr.scorecards as s')
    .innerJoin('hr.employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.interviewer_id'),
    )
    .selectAll('s')
    .select(['e.first_name', 'e.last_name'])
    .where('s.tenant_id', '=', t)
    .where('s.interview_id', 'in', ids)
    .orderBy('s.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    candidateId: r.candidate_id,
    startsAt: new Date(r.starts_at).toISOString(),
    durationMinutes: r.duration_minutes,
    kind: r.kind,
    location: r.location ?? null,
    note: personal ? (r.note ?? null) : null,
    interviewers: people
      .filter((p) => p.interview_id === r.id)
      .map((p) => ({ id: p.id, name: `${p.first_name} ${p.last_name}` })),
    scorecards: cards
      .filter((c) => c.interview_id === r.id)
      .map((c) => ({
        id: c.id,
        interviewId: c.interview_id,
        interviewerId: c.interviewer_id,
        interviewerName: `${c.first_name} ${c.last_name}`,
        rating: c.rating,
        recommendation: c.recommendation,
        criteria: typeof c.criteria === 'string' ? JSON.parse(c.criteria) : c.criteria,
        notes: personal ? (c.notes ?? null) : null,
        createdAt: new Date(c.created_at).toISOString(),
      })),
  }));
}
