import { badRequest, conflict, newId, notFound, tenantLocale } from '@bureau/core';
import { DEFAULT_EXEMPTION, exemptionText } from '../data/cz-vat.ts';
import { money, normalizeDecimal } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { dateOf } from './dates.ts';
import type { DocumentKind, DocumentStatus } from './db.ts';
import { type ComputedLine, compute, type DocumentInput } from './document-compute.ts';
import { pt } from './problem-texts.ts';

export type { DocumentInput, DocumentLineInput } from './document-compute.ts';

export const LABEL: Record<DocumentKind, string> = { invoice: 'Invoice', bill: 'Bill' };
const LABEL_CS: Record<DocumentKind, string> = { invoice: 'Faktura', bill: 'Přijatá faktura' };
/** A document's status as a Czech reader reads it in a sentence ("je uhrazená"). */
export const STATUS_CS: Record<DocumentStatus, string> = {
  draft: 'koncept',
  issued: 'vystavená',
  paid: 'uhrazená',
  cancelled: 'stornovaná',
};

/** "Invoice 2026-0001 …" in both languages: `en` and `cs` finish the sentence. */
export const aboutDocument = (kind: DocumentKind, number: string | null, en: string, cs: string) => ({
  en: `${LABEL[kind]} ${number} ${en}`,
  cs: `${LABEL_CS[kind]} ${number ?? ''} ${cs}`.replace(/ {2}/g, ' '),
});
const PARTNER_KIND = { invoice: 'customer', bill: 'vendor' } as const;

export async function partnerOf(ctx: Ctx, kind: DocumentKind, id: string) {
  const p = await dbOf(ctx)
    .selectFrom('accounting.partners')
    .select(['id', 'name', 'payment_terms_days', 'active'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', PARTNER_KIND[kind])
    .where('id', '=', id)
    .executeTakeFirst();
  const field = kind === 'invoice' ? 'customerId' : 'vendorId';
  if (!p)
    throw badRequest('invalid_input', pt.unknownPartner(PARTNER_KIND[kind]), [
      { path: field, message: pt.noSuchPartner(PARTNER_KIND[kind]) },
    ]);
  return p;
}

async function writeLines(ctx: Ctx, documentId: string, lines: ComputedLine[]) {
  await dbOf(ctx)
    .insertInto('accounting.document_lines')
    .values(
      lines.map((l, i) => ({ ...l, tenant_id: ctx.tenant.id, id: newId(), document_id: documentId, line_no: i + 1 })),
    )
    .execute();
}

export async function createDocument(
  ctx: Ctx,
  kind: DocumentKind,
  input: DocumentInput,
  opts: { source?: { type: string; id: string } | undefined } = {},
) {
  const c = await compute(ctx, kind, input, await partnerOf(ctx, kind, input.partnerId));
  const id = newId();
  await dbOf(ctx)
    .insertInto('accounting.documents')
    .values({
      ...c.header,
      tenant_id: ctx.tenant.id,
      id,
      kind,
      status: 'draft',
      source_type: opts.source?.type ?? null,
      source_id: opts.source?.id ?? null,
    })
    .execute();
  await writeLines(ctx, id, c.lines);
  const view = await getDocument(ctx, kind, id);
  await ctx.audit({ action: `accounting.${kind}.create`, entityType: `accounting.${kind}`, entityId: id, after: view });
  return view;
}

export async function draftOf(ctx: Ctx, kind: DocumentKind, id: string) {
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
    throw conflict(
      'not_draft',
      aboutDocument(
        kind,
        row.number,
        `is ${row.status}; only drafts can change`,
        `je ${STATUS_CS[row.status]}; měnit lze jen koncept`,
      ),
    );
  const before = await getDocument(ctx, kind, id);
  const current: DocumentInput = {
    partnerId: row.partner_id,
    type: row.type,
    regime: row.regime,
    issueDate: row.issue_date,
    taxDate: row.tax_date,
    vatDate: row.vat_date,
    dueDate: row.due_date,
    currency: row.currency,
    rate: normalizeDecimal(row.rate),
    variableSymbol: row.variable_symbol,
    reference: row.reference,
    memo: row.memo,
    correctsId: row.corrects_id,
    correctionReason: row.correction_reason,
    lines: before.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      account: l.account,
      vat: l.vat,
      supply: l.supply,
      exemption: l.exemptionGiven,
      reverseChargeCode: l.reverseChargeCode,
      deduction: l.deduction,
      deductiblePercent: l.deductiblePercent,
      costCenter: l.costCenter,
      advanceId: l.advanceId,
      fixedVat: l.advanceId ? l.vatAmount : null,
    })),
  };
  const merged = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as DocumentInput;
  // A new issue date without a new due date keeps the payment terms.
  if (patch.issueDate && !patch.dueDate) merged.dueDate = undefined;
  if (patch.issueDate && !patch.taxDate) merged.taxDate = undefined;
  if (patch.taxDate && !patch.vatDate) merged.vatDate = undefined;
  const c = await compute(ctx, kind, merged, await partnerOf(ctx, kind, merged.partnerId));
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
    throw conflict(
      'not_draft',
      aboutDocument(
        kind,
        row.number,
        `is ${row.status}; cancel it instead`,
        `je ${STATUS_CS[row.status]}; stornujte ji`,
      ),
    );
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
  const lang = tenantLocale(ctx.tenant);
  const corrects = d.corrects_id
    ? await db
        .selectFrom('accounting.documents')
        .select(['number', 'issue_date', 'tax_date'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', d.corrects_id)
        .executeTakeFirst()
    : undefined;
  const legalBasis = (l: (typeof lines)[number]) => {
    const text = exemptionText(d.regime, l.supply, l.exemption);
    if (text) return text[lang];
    return l.vat_code === 'exempt' ? DEFAULT_EXEMPTION[lang] : null;
  };
  return {
    id: d.id,
    kind: d.kind,
    type: d.type,
    regime: d.regime,
    selfAssessed: d.self_assessed,
    /** Made by a VAT payer; a non-payer's document carries no VAT ("Nejsem plátce DPH"). */
    vatPayer: d.vat_payer,
    status: d.status as DocumentStatus,
    number: d.number,
    partner: { id: d.partner_id, name: d.partner_name },
    issueDate: d.issue_date,
    taxDate: d.tax_date,
    vatDate: d.vat_date ?? d.tax_date,
    dueDate: d.due_date,
    corrects: d.corrects_id
      ? { id: d.corrects_id, number: corrects?.number ?? null, taxDate: corrects?.tax_date ?? null }
      : null,
    correctionReason: d.correction_reason,
    advanceId: d.advance_id,
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
    overdue: d.status === 'issued' && d.due_date < today && d.type !== 'advance_tax',
    paidAt: d.paid_at,
    entryId: d.entry_id,
    cancelEntryId: d.cancel_entry_id,
    source: d.source_type && d.source_id ? { type: d.source_type, id: d.source_id } : null,
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
      gross: money(BigInt(l.net) + (d.self_assessed ? 0n : BigInt(l.vat)), cur),
      supply: l.supply,
      /** The legal basis printed for a line without Czech VAT, in the tenant's language. */
      exemption: legalBasis(l),
      exemptionGiven: l.exemption,
      reverseChargeCode: l.rc_code,
      deduction: l.deduction,
      deductiblePercent: l.deductible_percent ? normalizeDecimal(l.deductible_percent) : null,
      deductible: money(l.deductible, functional),
      costCenter: l.cost_center,
      advanceId: l.advance_id,
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

/** How the document list sorts and searches (core's `sendList` does the paging and the export). */
export const DOCUMENT_LIST = {
  sort: {
    issueDate: 'd.issue_date',
    dueDate: 'd.due_date',
    number: 'd.number',
    partner: 'p.name',
    total: 'd.total',
  },
  id: 'd.id',
  search: ['d.number', 'd.variable_symbol', 'p.name'],
} as const;

/** Invoices or bills of the tenant with the list's filters applied, and the row → summary mapping. */
export function documentsQuery(
  ctx: Ctx,
  kind: DocumentKind,
  opts: {
    status?: DocumentStatus | undefined;
    partnerId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    overdue?: boolean | undefined;
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
      'd.type',
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
  type Row = Awaited<ReturnType<typeof q.executeTakeFirstOrThrow>>;
  const summary = (r: Row) => ({
    id: r.id,
    type: r.type,
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
    overdue: r.status === 'issued' && r.due_date < today && r.type !== 'advance_tax',
  });
  return { query: q, summary };
}

export type DocumentSummary = ReturnType<ReturnType<typeof documentsQuery>['summary']>;
