import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/write.ts';
import type { Actor } from '../http/env.ts';
import { conflict, notFound, Problem } from '../http/problem.ts';
import { moneyText } from '../i18n/values.ts';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';
import { asDate } from './dates.ts';
import { balanceOf, type Invoice, loadInvoice, loadInvoices } from './invoices.ts';
import { bm } from './messages.ts';
import { parseCamt053, parseCsv, type StatementLine } from './statements.ts';
import { loadSubscription, type Subscription, today, transition } from './subscriptions.ts';

export type BankStatus = 'matched' | 'partial' | 'overpaid' | 'unmatched' | 'ignored';

export interface BankTransaction {
  id: string;
  bookedOn: string;
  amount: bigint;
  currency: string;
  variableSymbol: string | null;
  counterpartyAccount: string | null;
  counterpartyName: string | null;
  message: string | null;
  status: BankStatus;
  unapplied: bigint;
  note: string | null;
  source: string;
  invoices: { id: string; number: string; tenantId: string; amount: bigint }[];
}

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
const normalizeVs = (vs: string) => vs.replace(/^0+(?=\d)/, '');

/** Subscriptions an invoice pays for: the clients on a provider's consolidated invoice, else the buyer. */
async function subjectsOf(_db: Kysely<any>, inv: Invoice): Promise<string[]> {
  const ids = new Set(inv.lines.map((l) => l.subjectTenantId).filter((x): x is string => !!x));
  return ids.size ? [...ids] : [inv.tenantId];
}

/** Unpaid invoices past their due date that cover a tenant's subscription (as buyer or as a provider's client). */
export async function overdueFor(db: Kysely<any>, runtime: Runtime, tenantId: string): Promise<Invoice[]> {
  const rows = await db
    .selectFrom('core.billing_invoices as i')
    .select('i.id')
    .where('i.kind', '=', 'invoice')
    .where('i.status', '=', 'issued')
    .where('i.due_on', '<', today(runtime))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('i.tenant_id', '=', tenantId),
          eb.not(
            eb.exists(
              eb
                .selectFrom('core.billing_invoice_lines as l')
                .select('l.id')
                .whereRef('l.tenant_id', '=', 'i.tenant_id')
                .whereRef('l.invoice_id', '=', 'i.id')
                .where('l.subject_tenant_id', 'is not', null),
            ),
          ),
        ]),
        eb.exists(
          eb
            .selectFrom('core.billing_invoice_lines as l')
            .select('l.id')
            .whereRef('l.tenant_id', '=', 'i.tenant_id')
            .whereRef('l.invoice_id', '=', 'i.id')
            .where('l.subject_tenant_id', '=', tenantId),
        ),
      ]),
    )
    .execute();
  return loadInvoices(db, { ids: rows.map((r) => r.id) });
}

/**
 * Reactivates the subscriptions an invoice covered once nothing overdue is left: past_due and
 * suspended go back to active; canceled (within retention) too. A subscription whose paid period
 * ran out while it was suspended or canceled starts a fresh period today (billed by the next run);
 * the time spent suspended is not charged.
 */
export async function reactivateIfSettled(db: Kysely<any>, runtime: Runtime, inv: Invoice, actor: Actor | null) {
  const now = today(runtime);
  for (const tenantId of await subjectsOf(db, inv)) {
    const sub = await loadSubscription(db, tenantId, { lock: true });
    if (!sub || !['past_due', 'suspended', 'canceled'].includes(sub.status)) continue;
    if (sub.status === 'canceled' && sub.retentionUntil && sub.retentionUntil < now) continue;
    if ((await overdueFor(db, runtime, tenantId)).length) continue;
    await reactivate(db, runtime, sub, sub.status === 'past_due' ? 'payment_received' : 'reactivated', actor);
  }
}

export async function reactivate(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  reason: string,
  actor: Actor | null,
): Promise<Subscription> {
  const now = today(runtime);
  const set: Record<string, unknown> = { retention_until: null, cancel_at_period_end: false };
  if (sub.status !== 'past_due' && sub.currentPeriodEnd <= now) {
    Object.assign(set, {
      anchor_date: now,
      current_period_start: now,
      current_period_end: now,
      paid_price: null,
      period_billed_at: null,
    });
  }
  return transition(db, runtime, sub, 'active', reason, actor, set);
}

/** Applies money to an invoice (a bank payment or a credit note); the invoice is paid at balance zero. */
export async function applyToInvoice(
  db: Kysely<any>,
  runtime: Runtime,
  inv: Invoice,
  amount: bigint,
  source:
    | { kind: 'bank'; bankTransactionId: string; receivedOn: string }
    | { kind: 'credit_note'; creditNoteId: string },
  actor: Actor | null,
): Promise<Invoice> {
  if (amount <= 0n) return inv;
  const now = runtime.clock.now();
  await db
    .insertInto('core.billing_payments')
    .values({
      tenant_id: inv.tenantId,
      id: newId(),
      invoice_id: inv.id,
      kind: source.kind,
      bank_transaction_id: source.kind === 'bank' ? source.bankTransactionId : null,
      credit_note_id: source.kind === 'credit_note' ? source.creditNoteId : null,
      amount: amount.toString(),
      received_on: source.kind === 'bank' ? source.receivedOn : today(runtime),
      created_at: now,
      created_by: actor?.label ?? 'system:billing',
    })
    .execute();
  const settled = inv.amountSettled + amount;
  const paid = settled >= inv.total;
  await db
    .updateTable('core.billing_invoices')
    .set({
      amount_settled: settled.toString(),
      ...(paid && inv.status !== 'paid' ? { status: 'paid', paid_at: now } : {}),
    })
    .where('tenant_id', '=', inv.tenantId)
    .where('id', '=', inv.id)
    .execute();
  await writeAudit(db, {
    tenantId: inv.tenantId,
    actor,
    requestId: null,
    ip: null,
    at: now,
    action: source.kind === 'bank' ? 'billing.payment_received' : 'billing.credit_applied',
    entityType: 'billing_invoice',
    entityId: inv.id,
    after: { amount: amount.toString(), balance: (inv.total - settled).toString(), paid },
  });
  const after = (await loadInvoice(db, inv.tenantId, inv.id)) as Invoice;
  if (paid) await reactivateIfSettled(db, runtime, after, actor);
  return after;
}

function statusFor(amount: bigint, balance: bigint): BankStatus {
  if (amount === balance) return 'matched';
  return amount < balance ? 'partial' : 'overpaid';
}

/** Matches one stored bank line by variable symbol and amount (see docs/billing.md, "Payments"). */
async function autoMatch(db: Kysely<any>, runtime: Runtime, txId: string, line: StatementLine, actor: Actor | null) {
  let status: BankStatus = 'unmatched';
  let unapplied = line.amount;
  let note: string | null = null;
  const vs = line.variableSymbol ? normalizeVs(line.variableSymbol) : null;
  if (!vs) note = 'No variable symbol';
  else {
    const [inv] = await loadInvoices(db, { variableSymbol: vs });
    if (!inv) note = `No invoice with variable symbol ${vs}`;
    else if (inv.currency !== line.currency)
      note = `Currency ${line.currency} differs from invoice ${inv.number} (${inv.currency})`;
    else {
      const balance = balanceOf(inv);
      if (balance <= 0n) {
        status = 'overpaid';
        note = `Invoice ${inv.number} is already paid`;
      } else {
        const apply = minBig(line.amount, balance);
        await applyToInvoice(
          db,
          runtime,
          inv,
          apply,
          { kind: 'bank', bankTransactionId: txId, receivedOn: line.bookedOn },
          actor,
        );
        status = statusFor(line.amount, balance);
        unapplied = line.amount - apply;
        if (status === 'partial') note = `Partial payment of invoice ${inv.number}`;
        if (status === 'overpaid') note = `Overpayment of invoice ${inv.number}`;
      }
    }
  }
  await db
    .updateTable('core.billing_bank_transactions')
    .set({ status, unapplied: unapplied.toString(), note })
    .where('id', '=', txId)
    .execute();
  return status;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  skipped: number;
  matched: number;
  partial: number;
  overpaid: number;
  unmatched: number;
}

/**
 * Imports a bank statement (CSV or camt.053) in the caller's privileged transaction: stores each
 * incoming payment once (re-importing a statement changes nothing) and matches it.
 */
export async function importStatement(
  db: Kysely<any>,
  runtime: Runtime,
  input: { format: 'csv' | 'camt053'; content: string },
  actor: Actor | null,
): Promise<ImportSummary> {
  const parsed = input.format === 'csv' ? parseCsv(input.content) : parseCamt053(input.content);
  const summary: ImportSummary = {
    imported: 0,
    duplicates: 0,
    skipped: parsed.skipped,
    matched: 0,
    partial: 0,
    overpaid: 0,
    unmatched: 0,
  };
  const now = runtime.clock.now();
  for (const line of parsed.lines) {
    const id = newId();
    const row = await db
      .insertInto('core.billing_bank_transactions')
      .values({
        id,
        dedupe_key: line.dedupeKey,
        source: input.format,
        statement_ref: line.statementRef,
        booked_on: line.bookedOn,
        amount: line.amount.toString(),
        currency: line.currency,
        variable_symbol: line.variableSymbol,
        counterparty_account: line.counterpartyAccount,
        counterparty_name: line.counterpartyName,
        message: line.message,
        status: 'unmatched',
        unapplied: line.amount.toString(),
        imported_at: now,
        imported_by: actor?.label ?? 'system:billing',
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      summary.duplicates++;
      continue;
    }
    summary.imported++;
    const status = await autoMatch(db, runtime, id, line, actor);
    if (status !== 'ignored') summary[status]++;
  }
  return summary;
}

export async function listBankTransactions(db: Kysely<any>, statuses: BankStatus[]): Promise<BankTransaction[]> {
  const rows = await db
    .selectFrom('core.billing_bank_transactions')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('booked_on', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute();
  if (!rows.length) return [];
  const pays = await db
    .selectFrom('core.billing_payments as p')
    .innerJoin('core.billing_invoices as i', (j) =>
      j.onRef('i.tenant_id', '=', 'p.tenant_id').onRef('i.id', '=', 'p.invoice_id'),
    )
    .select(['p.bank_transaction_id', 'p.amount', 'i.id', 'i.number', 'i.tenant_id'])
    .where(
      'p.bank_transaction_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bookedOn: asDate(r.booked_on),
    amount: BigInt(r.amount),
    currency: r.currency,
    variableSymbol: r.variable_symbol,
    counterpartyAccount: r.counterparty_account,
    counterpartyName: r.counterparty_name,
    message: r.message,
    status: r.status,
    unapplied: BigInt(r.unapplied),
    note: r.note,
    source: r.source,
    invoices: pays
      .filter((p) => p.bank_transaction_id === r.id)
      .map((p) => ({ id: p.id, number: p.number, tenantId: p.tenant_id, amount: BigInt(p.amount) })),
  }));
}

async function lockBankTransaction(db: Kysely<any>, id: string) {
  const tx = await db
    .selectFrom('core.billing_bank_transactions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!tx) throw notFound(bm.bank_tx_not_found);
  return tx;
}

/** Operator's manual match: applies (part of) a line's unapplied money to an invoice. */
export async function matchManually(
  db: Kysely<any>,
  runtime: Runtime,
  input: { bankTransactionId: string; invoiceId: string; amount?: bigint },
  actor: Actor | null,
) {
  const tx = await lockBankTransaction(db, input.bankTransactionId);
  const unapplied = BigInt(tx.unapplied);
  if (tx.status === 'ignored') throw conflict('transaction_ignored', bm.transaction_ignored);
  if (unapplied <= 0n) throw conflict('nothing_unapplied', bm.nothing_unapplied);
  const inv = await loadInvoice(db, null, input.invoiceId);
  if (inv?.kind !== 'invoice') throw notFound(bm.invoice_not_found);
  if (inv.currency !== tx.currency) throw conflict('currency_mismatch', bm.currency_mismatch);
  const balance = balanceOf(inv);
  if (balance <= 0n) throw conflict('invoice_paid', bm.invoice_paid);
  const limit = unapplied < balance ? unapplied : balance;
  const amount = input.amount ?? limit;
  if (amount <= 0n || amount > limit) {
    throw new Problem(409, 'amount_out_of_range', bm.amount_out_of_range, {
      params: { max: moneyText(limit, inv.currency) },
      extra: { max: limit.toString() },
    });
  }
  await applyToInvoice(
    db,
    runtime,
    inv,
    amount,
    { kind: 'bank', bankTransactionId: tx.id, receivedOn: asDate(tx.booked_on) },
    actor,
  );
  const left = unapplied - amount;
  await db
    .updateTable('core.billing_bank_transactions')
    .set({
      unapplied: left.toString(),
      status: left === 0n ? 'matched' : 'overpaid',
      note: `Matched manually to ${inv.number} by ${actor?.label ?? 'system'}`,
    })
    .where('id', '=', tx.id)
    .execute();
  return (await listBankTransactions(db, ['matched', 'overpaid'])).find((t) => t.id === tx.id) as BankTransaction;
}

/** Operator's dismissal of a line (refunded, not ours, reviewed): it leaves the manual-matching list. */
export async function dismissBankTransaction(db: Kysely<any>, id: string, note: string, actor: Actor | null) {
  const tx = await lockBankTransaction(db, id);
  const status: BankStatus = BigInt(tx.unapplied) === 0n ? 'matched' : 'ignored';
  await db
    .updateTable('core.billing_bank_transactions')
    .set({ status, note: `${note} (${actor?.label ?? 'system'})` })
    .where('id', '=', id)
    .execute();
  return status;
}
