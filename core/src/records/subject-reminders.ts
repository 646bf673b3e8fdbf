import { addDays } from '../calendar/index.ts';
import { Problem } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import type { PlatformSchedule } from '../schedules/define.ts';
import { asSystem } from './jobs.ts';
import { mm } from './management-messages.ts';
import { type RecordsScope, today, ymd } from './scope.ts';

/** How long before its deadline an open request is first brought up again. */
export const REMIND_DAYS_BEFORE = 7;

type Stage = 'soon' | 'overdue';
/** A date in both languages, so each reader's notification shows it their way. */
const bothLanguages = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`);
  const long = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  return { en: long('en-GB'), cs: long('cs-CZ') };
};

/**
 * Notifies the responsible member about each open data-subject request a week before its deadline and
 * again once it is overdue (GDPR Art. 12(3): one month), each stage once. Without a responsible member,
 * or when they have left the firm, everyone who may manage privacy requests is told.
 */
export async function remindSubjectRequests(runtime: Runtime): Promise<number> {
  const day = today(runtime);
  const due = await runtime.db
    .selectFrom('core.subject_requests')
    .select(['tenant_id', 'id'])
    .where('status', '=', 'open')
    .where('due_on', '<=', addDays(day, REMIND_DAYS_BEFORE))
    .where((eb) => eb.or([eb('reminded', 'is', null), eb.and([eb('reminded', '=', 'soon'), eb('due_on', '<', day)])]))
    .orderBy('tenant_id')
    .execute();
  const byTenant = new Map<string, string[]>();
  for (const r of due) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
  let sent = 0;
  for (const [tenantId, ids] of byTenant) {
    sent += (await asSystem(runtime, tenantId, 'subject-requests:remind', (s) => remindInTenant(s, ids, day))) ?? 0;
  }
  return sent;
}

async function remindInTenant(s: RecordsScope, ids: string[], day: string): Promise<number> {
  let sent = 0;
  for (const id of ids) {
    const r = await s.db
      .selectFrom('core.subject_requests')
      .selectAll()
      .where('tenant_id', '=', s.tenant.id)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .forUpdate()
      .executeTakeFirst();
    if (!r) continue;
    const dueOn = ymd(r.due_on);
    const stage: Stage = dueOn < day ? 'overdue' : 'soon';
    if (r.reminded === stage || r.reminded === 'overdue') continue;
    const message = {
      title: mm.request_reminder_title,
      body: mm.request_reminder_body,
      params: { stage, kind: r.kind, received: bothLanguages(ymd(r.received_on)), due: bothLanguages(dueOn) },
      link: `/settings/records/requests/${id}`,
      severity: stage === 'overdue' ? ('critical' as const) : ('warning' as const),
    };
    if (!(await notifyFirst(s, message, r.responsible_user_id))) continue;
    await s.db
      .updateTable('core.subject_requests')
      .set({ reminded: stage })
      .where('tenant_id', '=', s.tenant.id)
      .where('id', '=', id)
      .execute();
    sent++;
  }
  return sent;
}

/** The responsible member if they still belong to the firm, else the privacy managers; false when nobody can be told. */
async function notifyFirst(
  s: RecordsScope,
  message: Omit<Parameters<RecordsScope['ctx']['notify']>[0], 'to'>,
  responsible: string | null,
): Promise<boolean> {
  const audiences = [...(responsible ? [[responsible]] : []), { permission: 'tenant.privacy.manage' }];
  for (const to of audiences) {
    try {
      await s.ctx.notify({ ...message, to });
      return true;
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
    }
  }
  s.runtime.log('info', 'subject request reminder: nobody to tell', { tenant: s.tenant.id });
  return false;
}

/** Core's daily reminder of data-subject request deadlines, as a platform schedule. */
export const subjectRequestReminderSchedule: PlatformSchedule = {
  name: 'records-subject-request-reminders',
  cron: '0 7 * * *',
  label: { en: 'Remind of data-subject request deadlines', cs: 'Připomenout lhůty žádostí subjektů údajů' },
  async run(runtime) {
    await remindSubjectRequests(runtime);
  },
};
