import type { Kysely } from 'kysely';
import { translate } from '../i18n/format.ts';
import type { Message } from '../i18n/messages.ts';
import { dateText, moneyText } from '../i18n/values.ts';
import { newId } from '../lib/ids.ts';
import { formatMoney, minorDigits } from '../lib/money.ts';
import { sendMail } from '../mail/localized.ts';
import type { Runtime } from '../runtime.ts';
import { type ChargeLine, nextPeriod, prorationCharges } from './charges.ts';
import { addDays, daysBetween } from './dates.ts';
import { balanceOf, buyerOf, type Invoice, type InvoiceLineInput, issueDocument, loadInvoice } from './invoices.ts';
import { L, langFor } from './labels.ts';
import { bm } from './messages.ts';
import {
  activePayer,
  billingEmails,
  ensureSubscription,
  loadSubscription,
  recordChange,
  type Status,
  type Subscription,
  today,
  transition,
} from './subscriptions.ts';

/**
 * The billing run (docs/billing.md, "The billing run"): creates missing subscriptions, ends
 * trials, renews periods (invoicing in advance plus prorated changes of the period that ended),
 * issues providers' consolidated invoices and walks overdue invoices through dunning. Every step
 * is idempotent: running it twice, or concurrently, does the work once. Each tenant's work is its
 * own transaction on the privileged connection.
 */
export async function runBilling(runtime: Runtime, now: Date = runtime.clock.now()) {
  const rt: Runtime = { ...runtime, clock: { now: () => now } };
  const report = { created: 0, trialsEnded: 0, renewed: 0, invoices: 0, consolidated: 0, dunning: 0 };
  report.created = await createMissing(rt);
  const r = await renewDue(rt);
  report.trialsEnded = r.trialsEnded;
  report.renewed = r.renewed;
  report.invoices = r.invoices;
  report.consolidated = await consolidateProviders(rt);
  report.dunning = await runDunning(rt, now);
  return report;
}

async function createMissing(rt: Runtime): Promise<number> {
  const tenants = await rt.db
    .selectFrom('core.tenants as t')
    .leftJoin('core.billing_subscriptions as s', 's.tenant_id', 't.id')
    .select(['t.id', 't.name', 't.country', 't.currency'])
    .where('s.id', 'is', null)
    .execute();
  for (const t of tenants) {
    await rt.db.transaction().execute((trx) => ensureSubscription(trx, rt, t));
  }
  return tenants.length;
}

async function renewDue(rt: Runtime) {
  const now = rt.clock.now();
  const day = today(rt);
  const due = await rt.db
    .selectFrom('core.billing_subscriptions')
    .select('tenant_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'trial'), eb('trial_ends_at', '<=', now)]),
        eb.and([eb('status', 'in', ['active', 'past_due']), eb('current_period_end', '<=', day)]),
      ]),
    )
    .execute();
  let trialsEnded = 0;
  let renewed = 0;
  let invoices = 0;
  for (const { tenant_id } of due) {
    const r = await rt.db.transaction().execute((trx) => renewTenant(trx, rt, tenant_id));
    trialsEnded += r.trialEnded ? 1 : 0;
    renewed += r.renewed;
    invoices += r.invoices;
  }
  return { trialsEnded, renewed, invoices };
}

/** Renews one tenant's subscription as many periods as have ended (a run that was missed catches up). */
export async function renewTenant(trx: Kysely<any>, rt: Runtime, tenantId: string) {
  const out = { trialEnded: false, renewed: 0, invoices: 0 };
  const day = today(rt);
  for (let guard = 0; guard < 120; guard++) {
    const sub = await loadSubscription(trx, tenantId, { lock: true });
    if (!sub) break;
    const trialOver = sub.status === 'trial' && sub.trialEndsAt !== null && sub.trialEndsAt <= rt.clock.now();
    const periodOver = (sub.status === 'active' || sub.status === 'past_due') && sub.currentPeriodEnd <= day;
    if (!trialOver && !periodOver) break;
    const issued = await renewOnce(trx, rt, sub);
    out.invoices += issued;
    if (trialOver) out.trialEnded = true;
    else out.renewed++;
  }
  return out;
}

async function renewOnce(trx: Kysely<any>, rt: Runtime, sub: Subscription): Promise<number> {
  const payer = await activePayer(trx, sub.tenantId);
  const payerId = payer?.id ?? sub.tenantId;
  const lang = langFor((await buyerOf(trx, payerId)).country);
  const charges: ChargeLine[] = await prorationCharges(trx, rt, sub, lang);
  const now = rt.clock.now();
  const wasTrial = sub.status === 'trial';
  let after: Subscription;
  if (sub.cancelAtPeriodEnd) {
    after = await transition(trx, rt, sub, 'canceled', 'canceled_by_tenant', null, {
      cancel_at_period_end: false,
      retention_until: addDays(sub.currentPeriodEnd, rt.config.billing.retentionDays),
    });
  } else {
    const next = await nextPeriod(trx, rt, sub, lang);
    charges.push(...next.lines);
    await trx
      .updateTable('core.billing_subscriptions')
      .set({
        period: next.period,
        anchor_date: next.anchor,
        current_period_start: next.start,
        current_period_end: next.end,
        paid_price: next.state.price.toString(),
        period_billed_at: now,
        extra_seats: next.extraSeats,
        pending_period: null,
      })
      .where('tenant_id', '=', sub.tenantId)
      .where('id', '=', sub.id)
      .execute();
    after = (await loadSubscription(trx, sub.tenantId)) as Subscription;
    await recordChange(trx, rt, after, wasTrial ? 'trial_ended' : 'renewal');
    if (wasTrial) after = await transition(trx, rt, after, 'active', 'trial_ended');
  }
  if (!charges.length) return 0;
  const rows = charges.map((c) => ({
    tenant_id: sub.tenantId,
    id: newId(),
    subscription_id: sub.id,
    payer_tenant_id: payerId,
    kind: c.kind,
    description: c.description,
    quantity: String(c.quantity),
    unit_price: c.unitPrice.toString(),
    amount: c.amount.toString(),
    currency: sub.currency,
    period_start: c.periodStart,
    period_end: c.periodEnd,
    charged_on: today(rt),
    created_at: now,
  }));
  await trx.insertInto('core.billing_charges').values(rows).execute();
  if (payerId !== sub.tenantId) return 0; // the provider's consolidated invoice picks them up
  const inv = await issueDocument(trx, rt, {
    buyerTenantId: sub.tenantId,
    kind: 'invoice',
    currency: sub.currency,
    lines: charges.map((c) => ({
      description: c.description,
      quantity: c.quantity,
      unitPrice: c.unitPrice,
      amount: c.amount,
      subjectTenantId: null,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
    })),
    periodStart: after.status === 'canceled' ? sub.currentPeriodStart : after.currentPeriodStart,
    periodEnd: after.status === 'canceled' ? sub.currentPeriodEnd : after.currentPeriodEnd,
  });
  await markInvoiced(
    trx,
    rows.map((r) => r.id),
    sub.tenantId,
    inv,
  );
  await mailInvoice(rt, trx, inv);
  return 1;
}

async function markInvoiced(trx: Kysely<any>, ids: string[], tenantId: string | null, inv: Invoice) {
  let q = trx
    .updateTable('core.billing_charges')
    .set({ invoice_id: inv.id, invoice_tenant_id: inv.tenantId })
    .where('id', 'in', ids);
  if (tenantId) q = q.where('tenant_id', '=', tenantId);
  await q.execute();
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Providers that pay for clients get one invoice per calendar month, issued on the first day of
 * the next month, with one line per client summing what that client's subscription was charged.
 */
async function consolidateProviders(rt: Runtime): Promise<number> {
  const cutoff = firstOfMonth(today(rt));
  const payers = await rt.db
    .selectFrom('core.billing_charges')
    .select(['payer_tenant_id', 'currency'])
    .distinct()
    .where('invoice_id', 'is', null)
    .whereRef('payer_tenant_id', '<>', 'tenant_id')
    .where('charged_on', '<', cutoff)
    .execute();
  let issued = 0;
  for (const p of payers) {
    issued += await rt.db.transaction().execute(async (trx) => {
      // Serialize with a concurrent run: lock the payer's unbilled charges.
      const charges = await trx
        .selectFrom('core.billing_charges as c')
        .innerJoin('core.tenants as t', 't.id', 'c.tenant_id')
        .select(['c.id', 'c.tenant_id', 't.name', 'c.description', 'c.amount', 'c.period_start', 'c.period_end'])
        .where('c.payer_tenant_id', '=', p.payer_tenant_id)
        .where('c.currency', '=', p.currency)
        .where('c.invoice_id', 'is', null)
        .where('c.charged_on', '<', cutoff)
        .orderBy('t.name')
        .orderBy('c.period_start')
        .orderBy('c.id')
        .forUpdate(['c'] as never)
        .execute();
      if (!charges.length) return 0;
      const lang = langFor((await buyerOf(trx, p.payer_tenant_id)).country);
      const byClient = new Map<string, typeof charges>();
      for (const c of charges) byClient.set(c.tenant_id, [...(byClient.get(c.tenant_id) ?? []), c]);
      const lines: InvoiceLineInput[] = [...byClient.entries()].map(([clientId, cs]) => {
        const amount = cs.reduce((a, c) => a + BigInt(c.amount), 0n);
        const starts = cs.map((c) => String(c.period_start).slice(0, 10)).sort();
        const ends = cs.map((c) => String(c.period_end).slice(0, 10)).sort();
        return {
          description: `${L.client(lang, cs[0]?.name ?? clientId)}${cs.map((c) => c.description).join('; ')}`,
          quantity: 1,
          unitPrice: amount,
          amount,
          subjectTenantId: clientId,
          periodStart: starts[0] ?? null,
          periodEnd: ends[ends.length - 1] ?? null,
        };
      });
      const inv = await issueDocument(trx, rt, {
        buyerTenantId: p.payer_tenant_id,
        kind: 'invoice',
        currency: p.currency,
        lines,
        periodStart: `${addDays(cutoff, -1).slice(0, 8)}01`,
        periodEnd: cutoff,
      });
      await markInvoiced(
        trx,
        charges.map((c) => c.id),
        null,
        inv,
      );
      await mailInvoice(rt, trx, inv);
      return 1;
    });
  }
  return issued;
}

// ---------------------------------------------------------------------------------------------
// Dunning

const _money = (inv: Invoice, v: bigint) => `${formatMoney(v, minorDigits(inv.currency))} ${inv.currency}`;

async function mailInvoice(rt: Runtime, trx: Kysely<any>, inv: Invoice) {
  const locale = langFor(inv.buyer.country);
  const link = `${rt.config.publicUrl}/billing`;
  for (const to of await billingEmails(trx, inv.tenantId)) {
    await sendMail(rt, {
      to,
      locale,
      subject: bm.invoice_mail_subject,
      text: bm.invoice_mail_text,
      params: {
        number: inv.number,
        seller: inv.seller.name,
        total: moneyText(inv.total, inv.currency),
        due: dateText(inv.dueOn),
        iban: inv.seller.iban,
        vs: inv.variableSymbol,
        link,
      },
    });
  }
}

type StepKind = 'past_due' | 'reminder' | 'suspend' | 'cancel';
interface Step {
  key: string;
  kind: StepKind;
  day: number;
  /** A later step is already due: record it without mailing (a late run does not send stale reminders). */
  superseded: boolean;
}

function stepsFor(rt: Runtime, daysPastDue: number): Step[] {
  const cfg = rt.config.billing;
  const steps: Step[] = [{ key: 'past_due', kind: 'past_due', day: 1, superseded: false }];
  const reminders = cfg.reminderDays.filter((d) => d < cfg.suspendDays);
  reminders.forEach((d, i) => {
    const next = reminders[i + 1] ?? cfg.suspendDays;
    steps.push({ key: `reminder_${d}`, kind: 'reminder', day: d, superseded: daysPastDue >= next });
  });
  steps.push({ key: 'suspend', kind: 'suspend', day: cfg.suspendDays, superseded: false });
  steps.push({ key: 'cancel', kind: 'cancel', day: cfg.cancelDays, superseded: false });
  return steps.filter((s) => daysPastDue >= s.day).sort((a, b) => a.day - b.day);
}

/**
 * Dunning for every unpaid invoice past its due date: past_due the day after the due date,
 * reminders on the configured days, suspension, then cancellation. Each step of each invoice is
 * claimed by inserting its row in billing_dunning_steps in the same transaction as its effects, so a
 * run repeated (or concurrent) finds the row and sends nothing twice.
 */
export async function runDunning(runtime: Runtime, now: Date = runtime.clock.now()): Promise<number> {
  const rt: Runtime = { ...runtime, clock: { now: () => now } };
  const day = today(rt);
  const overdue = await rt.db
    .selectFrom('core.billing_invoices')
    .select(['tenant_id', 'id', 'due_on'])
    .where('kind', '=', 'invoice')
    .where('status', '=', 'issued')
    .where('due_on', '<', day)
    .orderBy('due_on')
    .execute();
  let taken = 0;
  for (const row of overdue) {
    taken += await rt.db.transaction().execute(async (trx) => {
      const inv = await loadInvoice(trx, row.tenant_id, row.id);
      if (inv?.status !== 'issued' || balanceOf(inv) <= 0n) return 0;
      const dpd = daysBetween(inv.dueOn, day);
      let n = 0;
      for (const step of stepsFor(rt, dpd)) {
        const claimed = await trx
          .insertInto('core.billing_dunning_steps')
          .values({
            tenant_id: inv.tenantId,
            id: newId(),
            invoice_id: inv.id,
            step: step.key,
            done_at: now,
            skipped: step.superseded,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'invoice_id', 'step']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!claimed) continue;
        n++;
        const mailed = await takeStep(trx, rt, inv, step, dpd);
        if (mailed.length) {
          await trx
            .updateTable('core.billing_dunning_steps')
            .set({ mailed_to: mailed })
            .where('tenant_id', '=', inv.tenantId)
            .where('id', '=', claimed.id)
            .execute();
        }
      }
      return n;
    });
  }
  return taken;
}

function subjectsOf(inv: Invoice): string[] {
  const ids = [...new Set(inv.lines.map((l) => l.subjectTenantId).filter((x): x is string => !!x))];
  return ids.length ? ids : [inv.tenantId];
}

async function takeStep(trx: Kysely<any>, rt: Runtime, inv: Invoice, step: Step, dpd: number): Promise<string[]> {
  const cfg = rt.config.billing;
  const subjects = subjectsOf(inv);
  const move = async (from: Status[], to: Status, reason: string, set: Record<string, unknown> = {}) => {
    for (const tenantId of subjects) {
      const sub = await loadSubscription(trx, tenantId, { lock: true });
      if (sub && from.includes(sub.status)) {
        await transition(trx, rt, sub, to, reason, null, set);
      }
    }
  };
  if (step.kind === 'past_due') {
    await move(['active'], 'past_due', `invoice_overdue:${inv.number}`);
    return [];
  }
  if (step.kind === 'suspend') await move(['active', 'past_due'], 'suspended', `unpaid_invoice:${inv.number}`);
  if (step.kind === 'cancel') {
    await move(['active', 'past_due', 'suspended'], 'canceled', `unpaid_invoice:${inv.number}`, {
      retention_until: addDays(today(rt), cfg.retentionDays),
    });
  }
  if (step.superseded) return [];
  const to = await billingEmails(trx, inv.tenantId);
  const locale = langFor(inv.buyer.country);
  const pay = translate(locale, bm.pay_line, {
    owed: moneyText(balanceOf(inv), inv.currency),
    iban: inv.seller.iban,
    vs: inv.variableSymbol,
  });
  const params = {
    number: inv.number,
    due: dateText(inv.dueOn),
    days: dpd,
    pay,
    suspendDays: cfg.suspendDays,
    cancelDays: cfg.cancelDays,
    retentionDays: cfg.retentionDays,
  };
  const texts: Record<Exclude<StepKind, 'past_due'>, [Message, Message]> = {
    reminder: [bm.reminder_subject, bm.reminder_text],
    suspend: [bm.suspend_subject, bm.suspend_text],
    cancel: [bm.cancel_subject, bm.cancel_text],
  };
  const [subject, text] = texts[step.kind];
  for (const addr of to) await sendMail(rt, { to: addr, locale, subject, text, params });
  return to;
}
