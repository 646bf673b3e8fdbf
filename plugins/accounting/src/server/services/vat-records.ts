import { newId } from '@bureau/core';
import type { Selectable } from 'kysely';
import { sum } from './amounts.ts';
import { type Ctx, dbOf } from './context.ts';
import type { DocumentLinesTable, DocumentsTable } from './db.ts';
import { getPartner } from './partners.ts';

type Doc = Selectable<DocumentsTable>;
type Line = Selectable<DocumentLinesTable>;

/**
 * Writes a tax document's VAT records (the evidence for VAT purposes): a record per line in the
 * functional currency, signed (a credit note, and a cancellation, counts negatively), dated for
 * the VAT period by `vatDate`. A purchase under self-assessment writes the output VAT it declares
 * beside the input VAT it deducts. Advance invoices are not tax documents and write nothing, nor do
 * a final invoice's deductions of advances paid without a tax document, nor the documents of a
 * non-payer (zákon 235/2004 Sb. § 100 keeps the VAT evidence of payers).
 */
export async function writeVatRecords(
  ctx: Ctx,
  doc: Doc,
  lines: Line[],
  opts: { sign: 1n | -1n; vatDate: string; kind: string },
): Promise<void> {
  if (doc.type === 'advance' || !doc.vat_payer) return;
  const partnerKind = doc.kind === 'invoice' ? 'customer' : 'vendor';
  const partner = await getPartner(ctx, partnerKind, doc.partner_id);
  const original = doc.corrects_id
    ? await dbOf(ctx)
        .selectFrom('accounting.documents')
        .select(['number', 'total_functional', 'reference'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', doc.corrects_id)
        .executeTakeFirst()
    : undefined;
  const sign = (doc.type === 'credit_note' ? -1n : 1n) * opts.sign;
  // The control statement's 10 000 Kč test looks at the document including VAT (for a correction, at
  // the document it corrects); a self-assessed purchase counts its VAT in.
  const gross = doc.self_assessed
    ? BigInt(doc.total_functional) + sum(lines.map((l) => BigInt(l.vat_functional)))
    : BigInt(doc.total_functional);
  const documentTotal = original ? BigInt(original.total_functional) : gross;
  const vatId = partner.dic ?? null;
  const base = {
    tenant_id: ctx.tenant.id,
    document_id: doc.id,
    kind: opts.kind,
    regime: doc.regime,
    tax_date: doc.tax_date,
    vat_date: opts.vatDate,
    evidence_number: (doc.kind === 'bill' ? (doc.reference ?? doc.number) : doc.number) ?? '',
    partner_id: doc.partner_id,
    partner_name: partner.name,
    partner_country: partner.country,
    partner_vat_id: vatId,
    document_total: documentTotal,
    corrects_number: original
      ? doc.kind === 'bill'
        ? (original.reference ?? original.number)
        : original.number
      : null,
  };
  const rows = [];
  for (const l of lines) {
    // A deduction of an advance paid without a tax document is no supply.
    if (l.advance_id && BigInt(l.vat) === 0n) continue;
    const common = {
      ...base,
      supply: l.supply,
      rate_code: l.vat_code,
      rate: l.vat_rate,
      base: BigInt(l.net_functional) * sign,
      vat: BigInt(l.vat_functional) * sign,
      rc_code: l.rc_code,
      exemption: l.exemption,
    };
    if (doc.kind === 'invoice') {
      rows.push({
        ...common,
        id: newId(),
        direction: 'output' as const,
        self_assessed: false,
        deductible: 0n,
        deduction: 'full' as const,
      });
      continue;
    }
    if (doc.self_assessed) {
      rows.push({
        ...common,
        id: newId(),
        direction: 'output' as const,
        self_assessed: true,
        deductible: 0n,
        deduction: 'full' as const,
      });
    }
    rows.push({
      ...common,
      id: newId(),
      direction: 'input' as const,
      self_assessed: doc.self_assessed,
      deductible: BigInt(l.deductible) * sign,
      deduction: l.deduction,
    });
  }
  if (rows.length) await dbOf(ctx).insertInto('accounting.vat_records').values(rows).execute();
}
