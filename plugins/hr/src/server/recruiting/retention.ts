import type { ClassRecord, PluginContext, ScheduleDefinition } from '@bureau/core';
import { CANDIDATE_RETENTION } from '../data/recruiting.ts';
import { addDays, addMonths, pragueDate, ymd, ymdOrNull } from '../services/dates.ts';
import { ANONYMOUS, initials } from './service.ts';

type Row = Record<string, any>;
/** The record class of applications (declared in records.ts). */
export const CANDIDATE_CLASS = 'hr.candidates';
const NONE = ['00000000-0000-0000-0000-000000000000'];

/**
 * The last day a closed application's personal data are kept: the end of the selection plus the
 * retention period (versioned data, `data/recruiting.ts`), or the end of the candidate's consent when
 * that is later. Null while the selection runs.
 */
export function keepUntil(
  closedOn: string | null,
  consentUntil: string | null,
  months = CANDIDATE_RETENTION.months,
): string | null {
  if (!closedOn) return null;
  const base = addMonths(closedOn, months);
  return consentUntil && consentUntil > base ? consentUntil : base;
}

/**
 * The trigger date core's disposal counts the class's period from: the end of the selection, or,
 * when consent runs longer, the earliest day from which the period reaches the end of the consent
 * (a month end may make that a day or three later than the consent's end, never earlier).
 */
export function retentionTrigger(
  closedOn: string | null,
  consentUntil: string | null,
  months = CANDIDATE_RETENTION.months,
): string | null {
  const until = keepUntil(closedOn, consentUntil, months);
  if (!closedOn || !until) return null;
  if (until === addMonths(closedOn, months)) return closedOn;
  let trigger = addMonths(until, -months);
  while (addMonths(trigger, months) < until) trigger = addDays(trigger, 1);
  return trigger;
}

/**
 * The months candidates are kept for this tenant: its own period of the `hr.candidates` class when it
 * set one in records management (a tenant may lengthen it), else hr's standard (`data/recruiting.ts`).
 */
export async function candidateMonths(ctx: PluginContext): Promise<number> {
  const own = await ctx.retentionPeriod(CANDIDATE_CLASS);
  return own ? own.years * 12 + own.months : CANDIDATE_RETENTION.months;
}

/**
 * The `hr.candidates` record class: one record per application not yet anonymised. Its trigger date
 * is counted back from `keepUntil` so that core's disposal (trigger + period) and the nightly schedule
 * agree, consent included.
 */
export async function candidateRecords(
  ctx: PluginContext,
  query: { triggeredBy?: string; ids?: readonly string[] },
): Promise<(ClassRecord & { row: Row })[]> {
  let q = ctx.db
    .selectFrom('hr.candidates')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('anonymised_at', 'is', null);
  if (query.ids) q = q.where('id', 'in', query.ids.length ? [...query.ids] : NONE);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  const months = await candidateMonths(ctx);
  return rows
    .map((r) => {
      return {
        id: r.id as string,
        label: `${initials(r.first_name, r.last_name)} ${ymd(r.created_at)}`,
        triggerDate: retentionTrigger(ymdOrNull(r.closed_on), ymdOrNull(r.consent_until), months),
        entityType: 'hr.candidate',
        entityId: r.id as string,
        row: r,
      };
    })
    .filter((r) => !query.triggeredBy || (r.triggerDate !== null && r.triggerDate <= query.triggeredBy));
}

/**
 * Anonymises applications: the row stays (pipeline statistics, the link to a hire's employee), the
 * name becomes "—", contact, source, notes, consent and the offer go, and so do the notes of their
 * interviews and scorecards (ratings stay).
 */
export async function anonymiseCandidates(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  const t = ctx.tenant.id;
  await ctx.db
    .updateTable('hr.candidates')
    .set({
      first_name: ANONYMOUS,
      last_name: ANONYMOUS,
      email: null,
      phone: null,
      source: null,
      note: null,
      consent_until: null,
      offer_monthly_salary_minor: null,
      offer_hourly_rate_minor: null,
      anonymised_at: ctx.now(),
    })
    .where('tenant_id', '=', t)
    .where('id', 'in', [...ids])
    .execute();
  await ctx.db
    .updateTable('hr.interviews')
    .set({ note: null, location: null })
    .where('tenant_id', '=', t)
    .where('candidate_id', 'in', [...ids])
    .execute();
  await ctx.db
    .updateTable('hr.scorecards')
    .set({ notes: null })
    .where('tenant_id', '=', t)
    .where('candidate_id', 'in', [...ids])
    .execute();
}

/** Applications whose personal data are past `keepUntil` on `day` (closed, not anonymised, no consent running). */
export async function expiredCandidates(ctx: PluginContext, day: string): Promise<string[]> {
  const months = await candidateMonths(ctx);
  const rows = await ctx.db
    .selectFrom('hr.candidates')
    .select(['id', 'closed_on', 'consent_until'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('anonymised_at', 'is', null)
    .where('closed_on', 'is not', null)
    .where('closed_on', '<=', addMonths(day, -months))
    .execute();
  return rows
    .filter((r) => {
      const until = keepUntil(ymd(r.closed_on), ymdOrNull(r.consent_until), months);
      return until !== null && until < day;
    })
    .map((r) => r.id as string);
}

/**
 * Nightly: anonymises the candidates whose retention ended by the period's day (`scheduledAt` in
 * Prague, not the wall clock), with one audit row each.
 */
export const candidateRetention: ScheduleDefinition = {
  cron: '30 2 * * *',
  timeZone: 'Europe/Prague',
  label: {
    en: 'Anonymise candidates past their retention period',
    cs: 'Anonymizovat uchazeče po uplynutí doby uchování',
  },
  async run(ctx) {
    const ids = await expiredCandidates(ctx, pragueDate(ctx.schedule.scheduledAt));
    await anonymiseCandidates(ctx, ids);
    const months = await candidateMonths(ctx);
    for (const id of ids)
      await ctx.audit({
        action: 'hr.candidate.anonymised',
        entityType: 'hr.candidate',
        entityId: id,
        after: { reason: 'retention', months },
      });
  },
};
