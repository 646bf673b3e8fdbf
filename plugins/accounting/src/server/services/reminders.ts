import { conflict, minorDigits, newId, notFound, parseMoney, payToAccount, readCompanyProfile } from '@bureau/core';
import { sql } from 'kysely';
import { money } from './amounts.ts';
import { type Ctx, dbOf } from './context.ts';
import { dateOf, daysBetween } from './dates.ts';
import type { ReminderLevel } from './db.ts';
import { lateInterest } from './late-interest.ts';
import { displayAmount, displayDate, type Lang } from './pdf.ts';
import { reminderPdf } from './reminder-pdf.ts';
import { LEVEL_NAMES, rm } from './reminder-texts.ts';

export interface ReminderSettings {
  firstDays: number;
  secondDays: number;
  finalDays: number;
  autoSend: boolean;
}

const DEFAULTS: ReminderSettings = { firstDays: 7, secondDays: 21, finalDays: 35, autoSend: false };

export async function reminderSettings(ctx: Ctx): Promise<ReminderSettings> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.reminder_settings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  if (!row) return DEFAULTS;
  return {
    firstDays: row.first_days,
    secondDays: row.second_days,
    finalDays: row.final_days,
    autoSend: row.auto_send,
  };
}

/** Saves the levels (days after the due date, strictly increasing: the route checks) and auto-send. */
export async function saveReminderSettings(ctx: Ctx, s: ReminderSettings): Promise<ReminderSettings> {
  const values = {
    first_days: s.firstDays,
    second_days: s.secondDays,
    final_days: s.finalDays,
    auto_send: s.autoSend,
  };
  await dbOf(ctx)
    .insertInto('accounting.reminder_settings')
    .values({ tenant_id: ctx.tenant.id, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
  await ctx.audit({
    action: 'accounting.reminders.settings',
    entityType: 'accounting.reminder_settings',
    entityId: ctx.tenant.id,
    after: s,
  });
  return s;
}

/** The level a delay of `days` calls for (0: none yet). */
export const levelFor = (days: number, s: ReminderSettings): 0 | ReminderLevel =>
  days >= s.finalDays ? 3 : days >= s.secondDays ? 2 : days >= s.firstDays ? 1 : 0;

/** The customer's language: partners hold none, so Czech and Slovak customers read Czech, others English. */
export const customerLang = (country: string): Lang => (country === 'CZ' || country === 'SK' ? 'cs' : 'en');

export interface ReminderView {
  id: string;
  documentId: string;
  level: ReminderLevel;
  status: 'prepared' | 'sent';
  asOf: string;
  daysOverdue: number;
  remaining: string;
  currency: string;
  interest: string | null;
  interestRate: string | null;
  locale: Lang;
  sentTo: string | null;
  preparedAt: string;
  sentAt: string | null;
  sentBy: string | null;
}

const reminderColumns = [
  'id',
  'document_id',
  'level',
  'status',
  'as_of',
  'days_overdue',
  'remaining',
  'currency',
  'interest',
  'interest_rate',
  'locale',
  'sent_to',
  'prepared_at',
  'sent_at',
  'sent_by',
] as const;

type ReminderRow = {
  id: string;
  document_id: string;
  level: ReminderLevel;
  status: 'prepared' | 'sent';
  as_of: string;
  days_overdue: number;
  remaining: string;
  currency: string;
  interest: string | null;
  interest_rate: string | null;
  locale: 'cs' | 'en';
  sent_to: string | null;
  prepared_at: Date;
  sent_at: Date | null;
  sent_by: string | null;
};

const viewOf = (r: ReminderRow): ReminderView => ({
  id: r.id,
  documentId: r.document_id,
  level: Number(r.level) as ReminderLevel,
  status: r.status,
  asOf: r.as_of,
  daysOverdue: r.days_overdue,
  remaining: money(r.remaining, r.currency),
  currency: r.currency,
  interest: r.interest === null ? null : money(r.interest, r.currency),
  interestRate: r.interest_rate,
  locale: r.locale,
  sentTo: r.sent_to,
  preparedAt: new Date(r.prepared_at).toISOString(),
  sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  sentBy: r.sent_by,
});

interface OverdueRow {
  id: string;
  number: string;
  variable_symbol: string | null;
  partner_id: string;
  partner_name: string;
  email: string | null;
  country: string;
  due_date: string;
  currency: string;
  total: string;
  paid: string;
}

/** Issued invoices (and debit notes) with something left to pay after their due date, as of `asOf`. */
async function overdueInvoices(ctx: Ctx, asOf: string, documentId?: string): Promise<OverdueRow[]> {
  const r = await sql<OverdueRow>`
    select d.id, d.number, d.variable_symbol, d.partner_id, p.name as partner_name, p.email, p.country,
           d.due_date::text as due_date, d.currency, d.total::text as total, d.paid::text as paid
      from accounting.documents d
      join accounting.partners p on p.tenant_id = d.tenant_id and p.id = d.partner_id
     where d.tenant_id = ${ctx.tenant.id} and d.kind = 'invoice' and d.type in ('invoice', 'debit_note')
       and d.status = 'issued' and d.total > d.paid and d.due_date < ${asOf}
       ${documentId ? sql`and d.id = ${documentId}` : sql``}
     order by p.name, d.partner_id, d.due_date, d.number`.execute(dbOf(ctx));
  return r.rows;
}

async function remindersOf(ctx: Ctx, documentIds: string[]): Promise<Map<string, ReminderView[]>> {
  const byDocument = new Map<string, ReminderView[]>();
  if (!documentIds.length) return byDocument;
  const rows = await dbOf(ctx)
    .selectFrom('accounting.reminders')
    .select(reminderColumns)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', 'in', documentIds)
    .orderBy('level')
    .execute();
  for (const r of rows) {
    const list = byDocument.get(r.document_id) ?? [];
    list.push(viewOf(r as ReminderRow));
    byDocument.set(r.document_id, list);
  }
  return byDocument;
}

/** The next level to send: one above the last sent, if the delay has reached it (null otherwise). */
function nextLevel(days: number, s: ReminderSettings, reminders: ReminderView[]): ReminderLevel | null {
  const sent = Math.max(0, ...reminders.filter((r) => r.status === 'sent').map((r) => r.level));
  const next = sent + 1;
  return next <= 3 && levelFor(days, s) >= next ? (next as ReminderLevel) : null;
}

/**
 * The reminder run: overdue invoices per customer as of `asOf`, each with its delay, what is left,
 * the statutory interest, the reminders prepared and sent so far and the level to send next.
 */
export async function reminderRun(ctx: Ctx, asOf: string) {
  const s = await reminderSettings(ctx);
  const rows = await overdueInvoices(ctx, asOf);
  const reminders = await remindersOf(
    ctx,
    rows.map((r) => r.id),
  );
  const customers: {
    partner: { id: string; name: string; email: string | null; locale: Lang };
    currency: string;
    invoices: ReturnType<typeof invoiceLine>[];
  }[] = [];
  for (const r of rows) {
    let c = customers.at(-1);
    if (!c || c.partner.id !== r.partner_id) {
      c = {
        partner: { id: r.partner_id, name: r.partner_name, email: r.email, locale: customerLang(r.country) },
        currency: r.currency,
        invoices: [],
      };
      customers.push(c);
    }
    c.invoices.push(invoiceLine(r, asOf, s, reminders.get(r.id) ?? []));
  }
  return { asOf, settings: s, customers };
}

function invoiceLine(r: OverdueRow, asOf: string, s: ReminderSettings, reminders: ReminderView[]) {
  const remaining = BigInt(r.total) - BigInt(r.paid);
  const days = daysBetween(r.due_date, asOf);
  const interest = lateInterest(remaining, r.due_date, asOf);
  return {
    id: r.id,
    number: r.number,
    dueDate: r.due_date,
    daysOverdue: days,
    currency: r.currency,
    total: money(r.total, r.currency),
    paid: money(r.paid, r.currency),
    remaining: money(remaining, r.currency),
    interest: interest ? money(interest.amount, r.currency) : null,
    interestRate: interest?.rate ?? null,
    dueLevel: levelFor(days, s),
    nextLevel: nextLevel(days, s, reminders),
    reminders,
  };
}

/**
 * Prepares, for review, the reminder each overdue invoice has become due for (once per invoice and
 * level) and, when the tenant turned auto-send on, sends them. The daily schedule calls this.
 */
export async function prepareDueReminders(ctx: Ctx, asOf: string): Promise<{ prepared: number; sent: number }> {
  const run = await reminderRun(ctx, asOf);
  let prepared = 0;
  let sent = 0;
  for (const c of run.customers) {
    for (const inv of c.invoices) {
      if (!inv.nextLevel) continue;
      if (!inv.reminders.some((r) => r.level === inv.nextLevel)) {
        await dbOf(ctx)
          .insertInto('accounting.reminders')
          .values({
            tenant_id: ctx.tenant.id,
            id: newId(),
            document_id: inv.id,
            partner_id: c.partner.id,
            level: inv.nextLevel,
            status: 'prepared',
            as_of: asOf,
            days_overdue: inv.daysOverdue,
            remaining: figures(inv).remaining,
            currency: inv.currency,
            interest: figures(inv).interest,
            interest_rate: inv.interestRate,
            locale: c.partner.locale,
            sent_to: null,
            prepared_at: ctx.now(),
          })
          .execute();
        prepared++;
      }
      if (run.settings.autoSend) {
        await sendReminder(ctx, inv.id, asOf);
        sent++;
      }
    }
  }
  return { prepared, sent };
}

/** Minor units of a decimal string this module formatted itself. */
export const minorOf = (decimal: string, currency: string): bigint => parseMoney(decimal, minorDigits(currency)) ?? 0n;
const figures = (inv: { remaining: string; interest: string | null; currency: string }) => ({
  remaining: minorOf(inv.remaining, inv.currency),
  interest: inv.interest === null ? null : minorOf(inv.interest, inv.currency),
});

/**
 * Sends the next reminder of an invoice as of `asOf`: records it (the prepared one becomes sent,
 * with today's figures) and e-mails the customer in their language when they have an address.
 * 404 unknown invoice; 409 `not_overdue` (paid, cancelled, a draft or not past due),
 * `reminder_not_due` (the delay has not reached the next level, or the final notice went out).
 */
export async function sendReminder(ctx: Ctx, documentId: string, asOf: string): Promise<ReminderView> {
  const db = dbOf(ctx);
  const exists = await db
    .selectFrom('accounting.documents')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', documentId)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
  if (!exists) throw notFound('Invoice');
  // Lock the invoice so a concurrent payment or a second send waits for this one.
  await sql`select 1 from accounting.documents where tenant_id = ${ctx.tenant.id} and id = ${documentId} for update`.execute(
    db,
  );
  const [row] = await overdueInvoices(ctx, asOf, documentId);
  if (!row)
    throw conflict('not_overdue', {
      en: 'The invoice is not issued and unpaid past its due date',
      cs: 'Faktura není vystavená a neuhrazená po splatnosti',
    });
  const s = await reminderSettings(ctx);
  const existing = (await remindersOf(ctx, [documentId])).get(documentId) ?? [];
  const inv = invoiceLine(row, asOf, s, existing);
  if (!inv.nextLevel)
    throw conflict(
      'reminder_not_due',
      { en: 'No further reminder is due for this invoice yet', cs: 'Další upomínka k této faktuře zatím není na řadě' },
      {
        dueLevel: inv.dueLevel,
        daysOverdue: inv.daysOverdue,
      },
    );
  const locale = customerLang(row.country);
  const { remaining, interest } = figures(inv);
  const values = {
    status: 'sent' as const,
    as_of: asOf,
    days_overdue: inv.daysOverdue,
    remaining,
    interest,
    interest_rate: inv.interestRate,
    locale,
    sent_to: row.email,
    sent_at: ctx.now(),
    sent_by: ctx.actor?.label ?? null,
  };
  const prepared = existing.find((r) => r.level === inv.nextLevel);
  let id: string;
  if (prepared) {
    id = prepared.id;
    await db
      .updateTable('accounting.reminders')
      .set(values)
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
  } else {
    id = newId();
    await db
      .insertInto('accounting.reminders')
      .values({
        tenant_id: ctx.tenant.id,
        id,
        document_id: documentId,
        partner_id: row.partner_id,
        level: inv.nextLevel,
        currency: row.currency,
        prepared_at: ctx.now(),
        ...values,
      })
      .execute();
  }
  if (row.email) await mailReminder(ctx, row, inv, locale, id);
  await ctx.audit({
    action: 'accounting.reminder.sent',
    entityType: 'accounting.invoice',
    entityId: documentId,
    after: { level: inv.nextLevel, remaining: inv.remaining, interest: inv.interest, sentTo: row.email },
  });
  return getReminder(ctx, id);
}

async function mailReminder(
  ctx: Ctx,
  row: OverdueRow,
  inv: ReturnType<typeof invoiceLine>,
  lang: Lang,
  reminderId: string,
) {
  const letter = await reminderPdf(ctx, reminderId);
  const profile = await readCompanyProfile(dbOf(ctx), ctx.tenant);
  const account = payToAccount(profile, row.currency);
  const fmt = (a: string) => displayAmount(a, row.currency, lang);
  const level = inv.nextLevel ?? 1;
  const params = {
    level: LEVEL_NAMES[lang][level],
    number: row.number,
    seller: profile.legalName,
    due: displayDate(row.due_date, lang),
    remaining: fmt(inv.remaining),
    vs: row.variable_symbol ?? row.number,
    account: account?.iban ?? account?.accountNumber ?? '—',
    days: inv.daysOverdue,
    rate: inv.interestRate ?? '',
    interest: inv.interest ? fmt(inv.interest) : '',
  };
  await ctx.mail({
    to: row.email as string,
    locale: lang,
    subject: rm.mail_subject,
    text: inv.interest ? rm.mail_text_interest : rm.mail_text,
    params,
    attachments: [{ filename: letter.fileName, contentType: 'application/pdf', content: new Uint8Array(letter.bytes) }],
  });
}

export async function getReminder(ctx: Ctx, id: string): Promise<ReminderView> {
  const r = await dbOf(ctx)
    .selectFrom('accounting.reminders')
    .select(reminderColumns)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('Reminder');
  return viewOf(r as ReminderRow);
}

/** The reminders of one invoice, first level first (404 for an unknown invoice). */
export async function invoiceReminders(ctx: Ctx, documentId: string): Promise<ReminderView[]> {
  const doc = await dbOf(ctx)
    .selectFrom('accounting.documents')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', documentId)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
  if (!doc) throw notFound('Invoice');
  return (await remindersOf(ctx, [documentId])).get(documentId) ?? [];
}

export const todayOf = (ctx: Ctx) => dateOf(ctx.now());
