import { badRequest, conflict, notFound } from '@bureau/core';
import type {
  AccountingDocument,
  BillRequest,
  DocumentLineRequest,
  DocumentsService,
  InvoiceRequest,
} from '../../contract.ts';
import type { Ctx } from './context.ts';
import { dbOf } from './context.ts';
import { createCorrection } from './corrections.ts';
import type { DocumentKind } from './db.ts';
import { cancelDocument, issueDocument } from './document-issue.ts';
import { createDocument, type DocumentInput, type DocumentView, deleteDocument, getDocument } from './documents.ts';
import { partnerForParty } from './party-ref.ts';
import { invoiceQr, loadPdfDocument, renderDocumentPdf } from './pdf.ts';
import { pt } from './problem-texts.ts';

const SOURCE_TYPE = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;

function checkSource(source: { type: string; id: string } | undefined) {
  if (!source || !SOURCE_TYPE.test(source.type) || !source.id || source.id.length > 200) {
    throw badRequest('invalid_input', pt.sourceInvalid, [{ path: 'source', message: pt.sourceShape }]);
  }
  if (source.type.startsWith('accounting.')) {
    throw badRequest('invalid_input', pt.reservedSource, [{ path: 'source.type', message: pt.ownSourceType }]);
  }
}

/** The document a source made before, if any. */
async function documentIdBySource(ctx: Ctx, source: { type: string; id: string }) {
  const row = await dbOf(ctx)
    .selectFrom('accounting.documents')
    .select(['id', 'kind'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('source_type', '=', source.type)
    .where('source_id', '=', source.id)
    .executeTakeFirst();
  return row ?? null;
}

async function kindOf(ctx: Ctx, id: string): Promise<DocumentKind> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.documents')
    .select('kind')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Document');
  return row.kind;
}

/** The contract's view of a document: the API view without lines. */
export function contractView(v: DocumentView): AccountingDocument {
  return {
    id: v.id,
    kind: v.kind,
    type: v.type,
    status: v.status,
    number: v.number,
    partner: v.partner,
    issueDate: v.issueDate,
    taxDate: v.taxDate,
    dueDate: v.dueDate,
    currency: v.currency,
    rate: v.rate,
    subtotal: v.subtotal,
    vatTotal: v.vatTotal,
    total: v.total,
    paid: v.paid,
    remaining: v.remaining,
    totalFunctional: v.totalFunctional,
    functionalCurrency: v.functionalCurrency,
    variableSymbol: v.variableSymbol,
    entryId: v.entryId,
    source: v.source,
  };
}

const lineInput = (l: DocumentLineRequest) => ({
  description: l.description,
  quantity: l.quantity,
  unit: l.unit,
  unitPrice: l.unitPrice,
  account: l.account,
  vat: l.vat,
  supply: l.supply,
  exemption: l.exemption,
  reverseChargeCode: l.reverseChargeCode,
  deduction: l.deduction,
  deductiblePercent: l.deductiblePercent,
  costCenter: l.costCenter,
});

/**
 * Creates (and unless `draft`, issues or posts) a document for a source, idempotently: a source
 * seen before returns its document. A different request for the same source is not compared
 * field by field; the first one wins, like an order that is invoiced once.
 */
async function makeDocument(
  ctx: Ctx,
  kind: DocumentKind,
  request: InvoiceRequest | BillRequest,
  partnerId: string,
  extra: Partial<DocumentInput>,
) {
  checkSource(request.source);
  const existing = await documentIdBySource(ctx, request.source);
  if (existing) {
    if (existing.kind !== kind) {
      throw conflict('source_conflict', {
        en: `Source ${request.source.type} ${request.source.id} made a ${existing.kind}`,
        cs: `Ze zdroje ${request.source.type} ${request.source.id} už vznikl doklad jiného druhu (${existing.kind})`,
      });
    }
    return { document: contractView(await getDocument(ctx, kind, existing.id)), created: false };
  }
  const draft = await createDocument(
    ctx,
    kind,
    {
      partnerId,
      regime: request.regime,
      issueDate: request.issueDate,
      taxDate: request.taxDate,
      dueDate: request.dueDate,
      currency: request.currency,
      rate: request.rate,
      variableSymbol: request.variableSymbol,
      memo: request.memo,
      lines: request.lines.map(lineInput),
      ...extra,
    },
    { source: request.source },
  );
  const view = request.draft ? draft : await issueDocument(ctx, kind, draft.id);
  return { document: contractView(view), created: true };
}

/** The `accounting.documents` service of the contract. */
export function documentsServiceFor(ctx: Ctx): DocumentsService {
  return {
    async issueInvoice(request) {
      const partnerId = await partnerForParty(ctx, 'customer', request.customer, 'customer');
      return makeDocument(ctx, 'invoice', request, partnerId, { reference: request.reference ?? null });
    },
    async recordBill(request) {
      if (!request.vendorNumber?.trim()) {
        throw badRequest(
          'invalid_input',
          { en: "The vendor's document number is required", cs: 'Číslo dokladu dodavatele je povinné' },
          [{ path: 'vendorNumber', message: pt.required }],
        );
      }
      const partnerId = await partnerForParty(ctx, 'vendor', request.vendor, 'vendor');
      return makeDocument(ctx, 'bill', request, partnerId, {
        reference: request.vendorNumber.trim(),
        vatDate: request.vatDate,
      });
    },
    async get(id) {
      return contractView(await getDocument(ctx, await kindOf(ctx, id), id));
    },
    async findBySource(source) {
      const row = await documentIdBySource(ctx, source);
      return row ? contractView(await getDocument(ctx, row.kind, row.id)) : null;
    },
    async cancel(id, options = {}) {
      const kind = await kindOf(ctx, id);
      const view = await getDocument(ctx, kind, id);
      if (view.status === 'draft') {
        await deleteDocument(ctx, kind, id);
        return { ...contractView(view), status: 'cancelled' };
      }
      return contractView(await cancelDocument(ctx, kind, id, options.date));
    },
    async correct(id, request) {
      checkSource(request.source);
      const existing = await documentIdBySource(ctx, request.source);
      if (existing)
        return { document: contractView(await getDocument(ctx, existing.kind, existing.id)), created: false };
      const kind = await kindOf(ctx, id);
      const { source, ...input } = request;
      const view = await createCorrection(ctx, kind, id, { ...input, lines: input.lines?.map(lineInput) }, { source });
      return { document: contractView(view), created: true };
    },
    async pdf(id) {
      const doc = await loadPdfDocument(ctx, await kindOf(ctx, id), id);
      return new Uint8Array(await renderDocumentPdf(doc));
    },
    async paymentQr(id) {
      return invoiceQr(await loadPdfDocument(ctx, await kindOf(ctx, id), id));
    },
  };
}
