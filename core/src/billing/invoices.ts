import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/write.ts';
import type { Actor } from '../http/env.ts';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';
import type { Seller } from './config.ts';
import { addDays, asDate, yearOf } from './dates.ts';
import { formatNumber, nextNumber } from './numbering.ts';
import { today } from './subscriptions.ts';
import { type VatMode, vatAmount, vatFor } from './vat.ts';

export interface Buyer {
  tenantId: string;
  name: string;
  ico: string | null;
  dic: string | null;
  street: string;
  city: string;
  zip: string;
  country: string;
  email: string | null;
}

export interface InvoiceLineInput {
  description: string;
  quantity: number;
  unitPrice: bigint;
  amount: bigint;
  subjectTenantId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface InvoiceLine extends InvoiceLineInput {
  id: string;
  position: number;
}

export interface Invoice {
  id: string;
  tenantId: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  variableSymbol: string;
  issuedOn: string;
  taxableOn: string;
  dueOn: string;
  currency: string;
  subtotal: bigint;
  vatTotal: bigint;
  total: bigint;
  vatMode: VatMode;
  vatRate: string;
  seller: Seller;
  buyer: Buyer;
  periodStart: string | null;
  periodEnd: string | null;
  correctsInvoiceId: string | null;
  note: string;
  amountSettled: bigint;
  status: 'issued' | 'paid';
  paidAt: Date | null;
  lines: InvoiceLine[];
}

export const balanceOf = (inv: Pick<Invoice, 'total' | 'amountSettled'>) => inv.total - inv.amountSettled;

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

function toInvoice(r: any, lines: any[]): Invoice {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    kind: r.kind,
    number: r.number,
    variableSymbol: r.variable_symbol,
    issuedOn: asDate(r.issued_on),
    taxableOn: asDate(r.taxable_on),
    dueOn: asDate(r.due_on),
    currency: r.currency,
    subtotal: BigInt(r.subtotal),
    vatTotal: BigInt(r.vat_total),
    total: BigInt(r.total),
    vatMode: r.vat_mode,
    vatRate: String(r.vat_rate),
    seller: json(r.seller),
    buyer: json(r.buyer),
    periodStart: r.period_start ? asDate(r.period_start) : null,
    periodEnd: r.period_end ? asDate(r.period_end) : null,
    correctsInvoiceId: r.corrects_invoice_id,
    note: r.note,
    amountSettled: BigInt(r.amount_settled),
    status: r.status,
    paidAt: r.paid_at ? new Date(r.paid_at) : null,
    lines: lines
      .filter((l) => l.invoice_id === r.id)
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        id: l.id,
        position: l.position,
        description: l.description,
        quantity: Number(l.quantity),
        unitPrice: BigInt(l.unit_price),
        amount: BigInt(l.amount),
        subjectTenantId: l.subject_tenant_id,
        periodStart: l.period_start ? asDate(l.period_start) : null,
        periodEnd: l.period_end ? asDate(l.period_end) : null,
      })),
  };
}

export async function loadInvoices(
  db: Kysely<any>,
  filter: { tenantId?: string; ids?: string[]; variableSymbol?: string; limit?: number },
): Promise<Invoice[]> {
  let q = db.selectFrom('core.billing_invoices').selectAll();
  if (filter.tenantId) q = q.where('tenant_id', '=', filter.tenantId);
  if (filter.ids) {
    if (!filter.ids.length) return [];
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.variableSymbol) q = q.where('variable_symbol', '=', filter.variableSymbol).where('kind', '=', 'invoice');
  const rows = await q
    .orderBy('issued_on', 'desc')
    .orderBy('number', 'desc')
    .limit(filter.limit ?? 500)
    .execute();
  if (!rows.length) return [];
  let lq = db
    .selectFrom('core.billing_invoice_lines')
    .selectAll()
    .where(
      'invoice_id',
      'in',
      rows.map((r) => r.id),
    );
  if (filter.tenantId) lq = lq.where('tenant_id', '=', filter.tenantId);
  const lines = await lq.execute();
  return rows.map((r) => toInvoice(r, lines));
}

export async function loadInvoice(db: Kysely<any>, tenantId: string | null, id: string): Promise<Invoice | null> {
  const [inv] = await loadInvoices(db, { ...(tenantId ? { tenantId } : {}), ids: [id] });
  return inv ?? null;
}

/** The buyer as printed: the tenant's billing profile (or its name and country). */
export async function buyerOf(db: Kysely<any>, tenantId: string): Promise<Buyer> {
  const t = await db
    .selectFrom('core.tenants')
    .select(['id', 'name', 'country'])
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const p = await db
    .selectFrom('core.billing_profiles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return {
    tenantId,
    name: p?.name ?? t.name,
    ico: p?.ico ?? null,
    dic: p?.dic ?? null,
    street: p?.street ?? '',
    city: p?.city ?? '',
    zip: p?.zip ?? '',
    country: (p?.country ?? t.country).toUpperCase(),
    email: p?.email ?? null,
  };
}

/**
 * Issues an invoice or credit note in the caller's transaction: VAT by the buyer's country, the
 * next gapless number of the year, lines, an audit entry. Privileged (the numbering counter is
 * platform data): called by the billing run and operator actions, never inside a tenant request.
 */
export async function issueDocument(
  db: Kysely<any>,
  runtime: Runtime,
  input: {
    buyerTenantId: string;
    kind: 'invoice' | 'credit_note';
    currency: string;
    lines: InvoiceLineInput[];
    periodStart?: string | null;
    periodEnd?: string | null;
    corrects?: Invoice;
    note?: string;
    actor?: Actor | null;
  },
): Promise<Invoice> {
  const cfg = runtime.config.billing;
  const now = runtime.clock.now();
  const issuedOn = today(runtime, now);
  const buyer = input.corrects ? input.corrects.buyer : await buyerOf(db, input.buyerTenantId);
  const seller = input.corrects ? input.corrects.seller : cfg.seller;
  const vat = input.corrects
    ? { mode: input.corrects.vatMode, rate: input.corrects.vatRate, note: '' }
    : vatFor(seller.country, buyer);
  const subtotal = input.lines.reduce((a, l) => a + l.amount, 0n);
  const vatTotal = vatAmount(subtotal, vat.rate);
  const year = yearOf(issuedOn);
  const series = input.kind;
  const number = formatNumber(series, year, await nextNumber(db, series, year));
  const id = newId();
  const note = [vat.note, input.note ?? ''].filter(Boolean).join(' ');
  await db
    .insertInto('core.billing_invoices')
    .values({
      tenant_id: input.buyerTenantId,
      id,
      kind: input.kind,
      number,
      variable_symbol: input.corrects ? input.corrects.variableSymbol : number,
      issued_on: issuedOn,
      taxable_on: issuedOn,
      due_on: input.kind === 'invoice' ? addDays(issuedOn, cfg.dueDays) : issuedOn,
      currency: input.currency,
      subtotal: subtotal.toString(),
      vat_total: vatTotal.toString(),
      total: (subtotal + vatTotal).toString(),
      vat_mode: vat.mode,
      vat_rate: vat.rate,
      seller: JSON.stringify(seller),
      buyer: JSON.stringify(buyer),
      period_start: input.periodStart ?? null,
      period_end: input.periodEnd ?? null,
      corrects_invoice_id: input.corrects?.id ?? null,
      note,
      created_at: now,
      amount_settled: '0',
      status: input.kind === 'invoice' && subtotal + vatTotal > 0n ? 'issued' : 'paid',
      paid_at: input.kind === 'invoice' && subtotal + vatTotal > 0n ? null : now,
    })
    .execute();
  if (input.lines.length) {
    await db
      .insertInto('core.billing_invoice_lines')
      .values(
        input.lines.map((l, i) => ({
          tenant_id: input.buyerTenantId,
          id: newId(),
          invoice_id: id,
          position: i + 1,
          description: l.description,
          quantity: String(l.quantity),
          unit_price: l.unitPrice.toString(),
          amount: l.amount.toString(),
          subject_tenant_id: l.subjectTenantId,
          period_start: l.periodStart,
          period_end: l.periodEnd,
        })),
      )
      .execute();
  }
  await writeAudit(db, {
    tenantId: input.buyerTenantId,
    actor: input.actor ?? null,
    requestId: null,
    ip: null,
    at: now,
    action: input.kind === 'invoice' ? 'billing.invoice_issued' : 'billing.credit_note_issued',
    entityType: 'billing_invoice',
    entityId: id,
    after: { number, total: (subtotal + vatTotal).toString(), currency: input.currency },
  });
  return (await loadInvoice(db, input.buyerTenantId, id)) as Invoice;
}
