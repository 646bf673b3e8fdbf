import { badRequest, conflict, type FieldError, newId, notFound } from '@bureau/core';
import { sql } from 'kysely';
import type { InvoiceIssuedPayload } from '../../contract.ts';
import {
  amountOf,
  convert,
  type Decimal,
  decimalText,
  money,
  multiply,
  normalizeDecimal,
  ONE,
  percentOf,
  positiveDecimalOf,
  sum,
} from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { addDays, dateOf, fiscalYearOf } from './dates.ts';
import type { DocumentKind, DocumentStatus } from './db.ts';
import { normalizeVariableSymbol } from './identifiers.ts';
import { assertOpen, type LedgerLine, nextNumber, postLedgerEntry, reverse } from './ledger.ts';
import { roleAccount } from './settings.ts';
import { resolveVatRate } from './vat.ts';

export interface DocumentLineInput {
  description: string;
  quantity?: string | undefined;
  unit?: string | null | undefined;
  /** Decimal string in the document currency; may be negative for a discount line. */
  unitPrice: string;
  /** Revenue (invoice) or expense (bill) account code; defaults from the settings. */
  account?: string | undefined;
  /** VAT rate code ('standard', 'reduced', 'zero', 'exempt'); resolved at the tax date. */
  vat?: string | undefined;
}

export interface DocumentInput {
  partnerId: string;
  issueDate?: string | undefined;
  taxDate?: string | undefined;
  dueDate?: string | undefined;
  currency?: string | undefined;
  rate?: string | undefined;
  variableSymbol?: string | null | undefined;
  reference?: string | null | undefined;
  memo?: string | null | undefined;
  lines: DocumentLineInput[];
}

const SERIES: Record<DocumentKind, string> = { invoice: 'invoice', bill: 'bill' };
const LABEL: Record<DocumentKind, string> = { invoice: 'Invoice', bill: 'Bill' };
const PARTNER_KIND = { invoice: 'customer', bill: 'vendor' } as const;

export const documentNumber = (kind: DocumentKind, fiscalYear: number, seq: number) =>
  kind === 'invoice'
    ? `${fiscalYear}${String(seq).padStart(4, '0')}`
    : `B${fiscalYear}-${String(seq).padStart(4, '0')}`;

async function partnerOf(ctx: Ctx, kind: DocumentKind, id: string) {
  const p = await dbOf(ctx)
    .selectFrom('accounting.partners')
    .select(['id', 'name', 'payment_terms_days', 'active'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', PARTNER_KIND[kind])
    .where('id', '=', id)
    .executeTakeFirst();
  const field = kind === 'invoice' ? 'customerId' : 'vendorId';
  if (!p)
    throw badRequest('invalid_input', `Unknown ${PARTNER_KIND[kind]}`, [
      { path: field, message: `No such ${PARTNER_KIND[kind]}` },
    ]);
  return p;
}

interface Computed {
  header: {
    partner_id: string;
    issue_date: string;
    tax_date: string;
    due_date: string;
    currency: string;
    rate: string;
    variable_symbol: string | null;
    reference: string | null;
    memo: string | null;
    subtotal: bigint;
    vat_total: bigint;
    total: bigint;
    total_functional: bigint;
  };
  lines: {
    description: string;
    quantity: string;
    unit: string | null;
    unit_price: bigint;
    account_id: string;
    vat_code: string;
    vat_rate: string;
    net: bigint;
    vat: bigint;
    net_functional: bigint;
    vat_functional: bigint;
  }[];
}

/** Validates a document and computes its lines, VAT (per line, half away from zero) and totals. */
async function compute(ctx: Ctx, kind: DocumentKind, input: DocumentInput): Promise<Computed> {
  const settings = await settingsOf(ctx);
  const partner = await partnerOf(ctx, kind, input.partnerId);
  const today = dateOf(ctx.now());
  const issueDate = input.issueDate ?? today;
  const taxDate = input.taxDate ?? issueDate;
  const dueDate = input.dueDate ?? addDays(issueDate, partner.payment_terms_days);
  const errors: FieldError[] = [];
  if (dueDate < issueDate) errors.push({ path: 'dueDate', message: 'Must not be before the issue date' });
  const currency = (input.currency ?? settings.currency).toUpperCase();
  let rate: Decimal = ONE;
  if (currency !== settings.currency) {
    if (!input.rate)
      errors.push({ path: 'rate', message: `A ${currency} document needs the rate to ${settings.currency}` });
    else rate = positiveDecimalOf(input.rate, 'rate', 'rate');
  }
  const vs =
    input.variableSymbol === undefined || input.variableSymbol === null
      ? null
      : normalizeVariableSymbol(input.variableSymbol);
  if (input.variableSymbol && vs === null) errors.push({ path: 'variableSymbol', message: 'Up to 10 digits' });
  if (!input.lines.length) errors.push({ path: 'lines', message: 'A document needs at least one line' });
  if (errors.length) throw badRequest('invalid_input', `The ${kind} is invalid`, errors);

  const defaultAccount = await roleAccount(ctx, kind === 'invoice' ? 'revenue' : 'expense');
  const codes = [...new Set(input.lines.map((l) => l.account).filter((c): c is string => !!c))];
  const accounts = codes.length
    ? await dbOf(ctx)
        .selectFrom('accounting.accounts')
        .select(['id', 'code', 'active'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('code', 'in', codes)
        .execute()
    : [];
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const lines: Computed['lines'] = [];
  for (const [i, l] of input.lines.entries()) {
    const p = (f: string) => `lines.${i}.${f}`;
    try {
      const qty = positiveDecimalOf(l.quantity ?? '1', p('quantity'), 'quantity');
      if (qty.scale > 4)
        throw badRequest('invalid_input', 'Quantity has too many decimals', [
          { path: p('quantity'), message: 'At most 4 decimals' },
        ]);
      const unitPrice = amountOf(l.unitPrice, currency, p('unitPrice'), { allowNegative: true, allowZero: true });
      const account = l.account ? byCode.get(l.account) : undefined;
      if (l.account && !account?.active) {
        errors.push({ path: p('account'), message: `No active account with code ${l.account}` });
        continue;
      }
      const vatCode = l.vat ?? 'standard';
      const vatRate = await resolveVatRate(ctx, vatCode, taxDate, p('vat'));
      const net = multiply(unitPrice, qty);
      const vat = percentOf(net, vatRate.rate);
      lines.push({
        description: l.description,
        quantity: decimalText(qty),
        unit: l.unit ?? null,
        unit_price: unitPrice,
        account_id: account?.id ?? defaultAccount,
        vat_code: vatCode,
        vat_rate: vatRate.text,
        net,
        vat,
        net_functional: convert(net, currency, settings.currency, rate),
        vat_functional: convert(vat, currency, settings.currency, rate),
      });
    } catch (err) {
      const e = err as { errors?: FieldError[] };
      if (e.errors) errors.push(...e.errors);
      else throw err;
    }
  }
  if (errors.length) throw badRequest('invalid_input', `The ${kind} is invalid`, errors);
  const subtotal = sum(lines.map((l) => l.net));
  const vatTotal = sum(lines.map((l) => l.vat));
  return {
    header: {
      partner_id: partner.id,
      issue_date: issueDate,
      tax_date: taxDate,
      due_date: dueDate,
      currency,
      rate: decimalText(rate),
      variable_symbol: vs,
      reference: input.reference ?? null,
      memo: input.memo ?? null,
      subtotal,
      vat_total: vatTotal,
      total: subtotal + vatTotal,
      total_functional: sum(lines.map((l) => l.net_functional + l.vat_functional)),
    },
    lines,
  };
}

async function writeLines(ctx: Ctx, documentId: string, lines: Computed['lines']) {
  await dbOf(ctx)
    .insertInto('accounting.document_lines')
    .values(
      lines.map((l, i) => ({ ...l, tenant_id: ctx.tenant.id, id: newId(), document_id: documentId, line_no: i + 1 })),
    )
    .execute();
}

export async function createDocument(ctx: Ctx, kind: DocumentKind, input: DocumentInput) {
  const c = await compute(ctx, kind, input);
  const id = newId();
  await dbOf(ctx)
    .insertInto('accounting.documents')
    .values({ ...c.header, tenant_id: ctx.tenant.id, id, kind, status: 'draft' })
    .execute();
  await writeLines(ctx, id, c.lines);
  const view = await getDocument(ctx, kind, id);
  await ctx.audit({ action: `accounting.${kind}.create`, entityType: `accounting.${kind}`, entityId: id, after: view });
  return view;
}

async function draftOf(ctx: Ctx, kind: DocumentKind, id: string) {
  const row = await dbOf(ctx)
    .selectFrom('accounting.documents')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', kind)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(LABEL[kind]);
  return row;
}

export async function updateDocument(ctx: Ctx, kind: DocumentKind, id: string, patch: Partial<DocumentInput>) {
  const row = await draftOf(ctx, kind, id);
  if (row.status !== 'draft')
    throw conflict('not_draft', `${LABEL[kind]} ${row.number} is ${row.status}; only drafts can change`);
  const before = await getDocument(ctx, kind, id);
  const current: DocumentInput = {
    partnerId: row.partner_id,
    issueDate: row.issue_date,
    taxDate: row.tax_date,
    dueDate: row.due_date,
    currency: row.currency,
    rate: normalizeDecimal(row.rate),
    variableSymbol: row.variable_symbol,
    reference: row.reference,
    memo: row.memo,
    lines: before.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      account: l.account,
      vat: l.vat,
    })),
  };
  const merged = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as DocumentInput;
  // A new issue date without a new due date keeps the payment terms.
  if (patch.issueDate && !patch.dueDate) merged.dueDate = undefined;
  if (patch.issueDate && !patch.taxDate) merged.taxDate = undefined;
  const c = await compute(ctx, kind, merged);
  const db = dbOf(ctx);
  await db
    .updateTable('accounting.documents')
    .set(c.header)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await db
    .deleteFrom('accounting.document_lines')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', id)
    .execute();
  await writeLines(ctx, id, c.lines);
  const after = await getDocument(ctx, kind, id);
  await ctx.audit({
    action: `accounting.${kind}.update`,
    entityType: `accounting.${kind}`,
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function deleteDocument(ctx: Ctx, kind: DocumentKind, id: string) {
  const row = await draftOf(ctx, kind, id);
  if (row.status !== 'draft')
    throw conflict('not_draft', `${LABEL[kind]} ${row.number} is ${row.status}; cancel it instead`);
  await dbOf(ctx)
    .deleteFrom('accounting.documents')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({
    action: `accounting.${kind}.delete`,
    entityType: `accounting.${kind}`,
    entityId: id,
    before: { id },
  });
}

/**
 * Issues an invoice (posts a bill): numbers it in its fiscal year and posts it —
 * invoice: Dr receivable / Cr revenue per account / Cr output VAT;
 * bill: Dr expense per account / Dr input VAT / Cr payable.
 */
export async function issueDocument(ctx: Ctx, kind: DocumentKind, id: string) {
  const row = await draftOf(ctx, kind, id);
  if (row.status !== 'draft') throw conflict('not_draft', `${LABEL[kind]} ${row.number} is already ${row.status}`);
  if (BigInt(row.total) <= 0n) throw badRequest('invalid_total', `A ${kind} must total more than zero`);
  await assertOpen(ctx, row.issue_date);
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const lines = await db
    .selectFrom('accounting.document_lines')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', id)
    .orderBy('line_no')
    .execute();
  const partner = await partnerOf(ctx, kind, row.partner_id);
  const fiscalYear = fiscalYearOf(row.issue_date, settings.fiscal_year_start_month);
  const seq = await nextNumber(ctx, SERIES[kind], fiscalYear);
  const number = documentNumber(kind, fiscalYear, seq);
  const vs = row.variable_symbol ?? (kind === 'invoice' ? number.replace(/\D/g, '').slice(-10) : null);

  // Functional amounts per account; the control line takes the exact sum so the entry balances.
  const rate = normalizeDecimal(row.rate);
  const perAccount = new Map<string, { functional: bigint; amount: bigint }>();
  for (const l of lines) {
    const a = perAccount.get(l.account_id) ?? { functional: 0n, amount: 0n };
    a.functional += BigInt(l.net_functional);
    a.amount += BigInt(l.net);
    perAccount.set(l.account_id, a);
  }
  const vatFunctional = sum(lines.map((l) => BigInt(l.vat_functional)));
  const vatAmount = sum(lines.map((l) => BigInt(l.vat)));
  const isInvoice = kind === 'invoice';
  const side = (functional: bigint, amount: bigint, accountId: string, memo: string): LedgerLine | null => {
    if (functional === 0n) return null;
    // Revenue is a credit on invoices and expense a debit on bills; a negative sum flips side.
    const normalCredit = isInvoice;
    const credit = normalCredit ? functional > 0n : functional < 0n;
    const abs = functional < 0n ? -functional : functional;
    const absAmount = amount < 0n ? -amount : amount;
    return {
      accountId,
      debit: credit ? 0n : abs,
      credit: credit ? abs : 0n,
      currency: row.currency,
      amount: absAmount === 0n ? abs : absAmount,
      rate,
      memo,
    };
  };
  const ledgerLines: LedgerLine[] = [];
  const control: LedgerLine = {
    accountId: await roleAccount(ctx, isInvoice ? 'receivable' : 'payable'),
    debit: isInvoice ? BigInt(row.total_functional) : 0n,
    credit: isInvoice ? 0n : BigInt(row.total_functional),
    currency: row.currency,
    amount: BigInt(row.total),
    rate,
    partnerId: row.partner_id,
    memo: `${LABEL[kind]} ${number}`,
  };
  ledgerLines.push(control);
  for (const [accountId, a] of perAccount) {
    const l = side(a.functional, a.amount, accountId, `${LABEL[kind]} ${number}`);
    if (l) ledgerLines.push(l);
  }
  const vatLine = side(
    vatFunctional,
    vatAmount,
    await roleAccount(ctx, isInvoice ? 'vatOutput' : 'vatInput'),
    `VAT ${number}`,
  );
  if (vatLine) ledgerLines.push(vatLine);

  const entry = await postLedgerEntry(ctx, {
    date: row.issue_date,
    memo: `${LABEL[kind]} ${number} – ${partner.name}`,
    source: { type: `accounting.${kind}`, id },
    lines: ledgerLines,
  });
  await db
    .updateTable('accounting.documents')
    .set({
      status: 'issued',
      number,
      fiscal_year: fiscalYear,
      seq,
      variable_symbol: vs,
      entry_id: entry.id,
      issued_at: ctx.now(),
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  const view = await getDocument(ctx, kind, id);
  await ctx.audit({ action: `accounting.${kind}.issue`, entityType: `accounting.${kind}`, entityId: id, after: view });
  if (isInvoice) {
    const payload: InvoiceIssuedPayload = {
      invoiceId: id,
      number,
      customerId: partner.id,
      customerName: partner.name,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      currency: row.currency,
      total: view.total,
      variableSymbol: vs,
      entryId: entry.id,
    };
    await ctx.emit('accounting.invoice.issued', payload);
  }
  return view;
}

/** Cancels an issued, unpaid document by reversing its entry. */
export async function cancelDocument(ctx: Ctx, kind: DocumentKind, id: string, date?: string) {
  const row = await draftOf(ctx, kind, id);
  if (row.status === 'draft') throw conflict('is_draft', `This ${kind} is a draft; delete it instead`);
  if (row.status === 'cancelled')
    throw conflict('already_cancelled', `${LABEL[kind]} ${row.number} is already cancelled`);
  if (BigInt(row.paid) > 0n)
    throw conflict('document_paid', `${LABEL[kind]} ${row.number} has payments; void them first`);
  const reversal = await reverse(ctx, row.entry_id as string, {
    date,
    memo: `Cancellation of ${kind} ${row.number}`,
    allowInternal: true,
  });
  await dbOf(ctx)
    .updateTable('accounting.documents')
    .set({ status: 'cancelled', cancel_entry_id: reversal.id })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  const view = await getDocument(ctx, kind, id);
  await ctx.audit({ action: `accounting.${kind}.cancel`, entityType: `accounting.${kind}`, entityId: id, after: view });
  return view;
}

export async function getDocument(ctx: Ctx, kind: DocumentKind, id: string) {
  const { currency: functional } = await settingsOf(ctx);
  const db = dbOf(ctx);
  const d = await db
    .selectFrom('accounting.documents as d')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'),
    )
    .selectAll('d')
    .select(['p.name as partner_name'])
    .where('d.tenant_id', '=', ctx.tenant.id)
    .where('d.kind', '=', kind)
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!d) throw notFound(LABEL[kind]);
  const lines = await db
    .selectFrom('accounting.document_lines as l')
    .innerJoin('accounting.accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'),
    )
    .selectAll('l')
    .select('a.code')
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.document_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const cur = d.currency;
  const breakdown = new Map<string, { code: string; rate: string; base: bigint; vat: bigint }>();
  for (const l of lines) {
    const key = `${l.vat_code}:${l.vat_rate}`;
    const b = breakdown.get(key) ?? { code: l.vat_code, rate: normalizeDecimal(l.vat_rate), base: 0n, vat: 0n };
    b.base += BigInt(l.net);
    b.vat += BigInt(l.vat);
    breakdown.set(key, b);
  }
  const today = dateOf(ctx.now());
  return {
    id: d.id,
    kind: d.kind,
    status: d.status as DocumentStatus,
    number: d.number,
    partner: { id: d.partner_id, name: d.partner_name },
    issueDate: d.issue_date,
    taxDate: d.tax_date,
    dueDate: d.due_date,
    currency: cur,
    rate: normalizeDecimal(d.rate),
    variableSymbol: d.variable_symbol,
    reference: d.reference,
    memo: d.memo,
    subtotal: money(d.subtotal, cur),
    vatTotal: money(d.vat_total, cur),
    total: money(d.total, cur),
    paid: money(d.paid, cur),
    remaining: money(BigInt(d.total) - BigInt(d.paid), cur),
    totalFunctional: money(d.total_functional, functional),
    functionalCurrency: functional,
    overdue: d.status === 'issued' && d.due_date < today,
    paidAt: d.paid_at,
    entryId: d.entry_id,
    cancelEntryId: d.cancel_entry_id,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      description: l.description,
      quantity: normalizeDecimal(l.quantity),
      unit: l.unit,
      unitPrice: money(l.unit_price, cur),
      account: l.code,
      vat: l.vat_code,
      vatRate: normalizeDecimal(l.vat_rate),
      net: money(l.net, cur),
      vatAmount: money(l.vat, cur),
      gross: money(BigInt(l.net) + BigInt(l.vat), cur),
    })),
    vatBreakdown: [...breakdown.values()].map((b) => ({
      code: b.code,
      rate: b.rate,
      base: money(b.base, cur),
      vat: money(b.vat, cur),
    })),
  };
}

export type DocumentView = Awaited<ReturnType<typeof getDocument>>;

export async function listDocuments(
  ctx: Ctx,
  kind: DocumentKind,
  opts: {
    status?: DocumentStatus | undefined;
    partnerId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    overdue?: boolean | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const today = dateOf(ctx.now());
  let q = dbOf(ctx)
    .selectFrom('accounting.documents as d')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'),
    )
    .select([
      'd.id',
      'd.status',
      'd.number',
      'd.partner_id',
      'p.name as partner_name',
      'd.issue_date',
      'd.due_date',
      'd.currency',
      'd.total',
      'd.paid',
      'd.variable_symbol',
    ])
    .where('d.tenant_id', '=', ctx.tenant.id)
    .where('d.kind', '=', kind);
  if (opts.status) q = q.where('d.status', '=', opts.status);
  if (opts.partnerId) q = q.where('d.partner_id', '=', opts.partnerId);
  if (opts.from) q = q.where('d.issue_date', '>=', opts.from);
  if (opts.to) q = q.where('d.issue_date', '<=', opts.to);
  if (opts.overdue) q = q.where('d.status', '=', 'issued').where('d.due_date', '<', today);
  if (opts.q) {
    const text = opts.q;
    q = q.where((eb) =>
      eb.or([
        eb('d.number', '=', text),
        eb('d.variable_symbol', '=', text),
        eb(sql`lower(p.name)`, 'like', `%${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
      ]),
    );
  }
  const rows = await q
    .orderBy('d.issue_date', 'desc')
    .orderBy('d.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    number: r.number,
    partner: { id: r.partner_id, name: r.partner_name },
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    total: money(r.total, r.currency),
    paid: money(r.paid, r.currency),
    remaining: money(BigInt(r.total) - BigInt(r.paid), r.currency),
    variableSymbol: r.variable_symbol,
    overdue: r.status === 'issued' && r.due_date < today,
  }));
}
