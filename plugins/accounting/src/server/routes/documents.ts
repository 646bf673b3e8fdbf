import {
  defineRoute,
  type ExportColumn,
  json,
  jsonBody,
  type ListInput,
  listQuery,
  listResponse,
  type PluginRouter,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { deductAdvance } from '../services/advances.ts';
import { createCorrection, offsetCredit } from '../services/corrections.ts';
import type { DocumentKind } from '../services/db.ts';
import { cancelDocument, issueDocument } from '../services/document-issue.ts';
import {
  createDocument,
  DOCUMENT_LIST,
  type DocumentInput,
  type DocumentSummary,
  deleteDocument,
  documentsQuery,
  getDocument,
  updateDocument,
} from '../services/documents.ts';
import { loadPdfDocument, renderDocumentPdf } from '../services/pdf.ts';
import {
  BillInputSchema,
  BillPatchSchema,
  Bool,
  CorrectionInputSchema,
  DateString,
  DocumentSchema,
  DocumentStatus,
  DocumentSummarySchema,
  IdParam,
  InvoiceInputSchema,
  InvoicePatchSchema,
  OffsetInputSchema,
  Ok,
} from './schemas.ts';

type InvoiceBody = z.infer<typeof InvoiceInputSchema>;
type BillBody = z.infer<typeof BillInputSchema>;

const toInput = (body: Partial<InvoiceBody> & Partial<BillBody>): Partial<DocumentInput> => {
  const { customerId, vendorId, ...rest } = body;
  const partnerId = customerId ?? vendorId;
  return { ...rest, ...(partnerId ? { partnerId } : {}) } as Partial<DocumentInput>;
};

/** The columns of an invoice or bill export. */
function exportColumns(kind: DocumentKind): ExportColumn<DocumentSummary>[] {
  return [
    { header: { en: 'Number', cs: 'Číslo' }, value: (d) => d.number },
    {
      header: kind === 'invoice' ? { en: 'Customer', cs: 'Odběratel' } : { en: 'Vendor', cs: 'Dodavatel' },
      value: (d) => d.partner.name,
    },
    { header: { en: 'Issue date', cs: 'Datum vystavení' }, value: (d) => d.issueDate },
    { header: { en: 'Due date', cs: 'Datum splatnosti' }, value: (d) => d.dueDate },
    { header: { en: 'Currency', cs: 'Měna' }, value: (d) => d.currency },
    { header: { en: 'Total', cs: 'Celkem' }, value: (d) => d.total, amount: true },
    { header: { en: 'Remaining', cs: 'Zbývá uhradit' }, value: (d) => d.remaining, amount: true },
    { header: { en: 'Status', cs: 'Stav' }, value: (d) => (d.overdue ? 'overdue' : d.status) },
    { header: { en: 'Variable symbol', cs: 'Variabilní symbol' }, value: (d) => d.variableSymbol },
  ];
}

/** Sales invoices (`/invoices`, issued) and purchase bills (`/bills`, posted): drafts, then posting. */
function documentRoutes(r: PluginRouter, kind: DocumentKind) {
  const path = kind === 'invoice' ? '/invoices' : '/bills';
  const post = kind === 'invoice' ? 'issue' : 'post';
  const tags = [`accounting: ${kind}s`];
  const partnerField = kind === 'invoice' ? 'customerId' : 'vendorId';
  return r
    .openapi(
      defineRoute({
        method: 'get',
        path,
        tags,
        summary: `${kind === 'invoice' ? 'Sales invoices' : 'Purchase bills'}, newest first`,
        permission: 'accounting.read',
        request: {
          query: listQuery({
            sort: ['issueDate', 'dueDate', 'number', 'partner', 'total'],
            defaultSort: 'issueDate',
            defaultDir: 'desc',
            filters: {
              status: z
                .enum([...DocumentStatus.options, 'overdue'])
                .optional()
                .openapi({ description: '`overdue`: issued and past its due date' }),
              [partnerField]: z.uuid().optional(),
              from: DateString.optional(),
              to: DateString.optional(),
              overdue: Bool.optional(),
            },
          }),
        },
        responses: { 200: listResponse(DocumentSummarySchema), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        // The partner filter's key depends on the kind, which widens the parsed type: name it again.
        const q = c.req.valid('query') as unknown as ListInput<keyof typeof DOCUMENT_LIST.sort> & {
          status?: z.infer<typeof DocumentStatus> | 'overdue';
          from?: string;
          to?: string;
          overdue?: boolean;
        } & Record<string, unknown>;
        const partnerId = q[partnerField] as string | undefined;
        const overdue = q.overdue || q.status === 'overdue';
        const status = q.status === 'overdue' ? 'issued' : q.status;
        const { query, summary } = documentsQuery(c.var.ctx, kind, { ...q, status, overdue, partnerId });
        return sendList(c, q, query, DOCUMENT_LIST, summary, {
          filename: `${kind}s`,
          title: kind === 'invoice' ? { en: 'Invoices', cs: 'Faktury vydané' } : { en: 'Bills', cs: 'Faktury přijaté' },
          columns: exportColumns(kind),
        });
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path,
        tags,
        summary: `Create a draft ${kind}; VAT per line at the rate valid on the tax date`,
        permission: 'accounting.post',
        request: { body: jsonBody(kind === 'invoice' ? InvoiceInputSchema : BillInputSchema) },
        responses: { 201: json(DocumentSchema, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) =>
        c.json(await createDocument(c.var.ctx, kind, toInput(c.req.valid('json') as never) as DocumentInput), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: `${path}/{id}`,
        tags,
        summary: `One ${kind} with lines and VAT breakdown`,
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(DocumentSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getDocument(c.var.ctx, kind, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: `${path}/{id}/pdf`,
        tags,
        summary:
          kind === 'invoice'
            ? 'The invoice as PDF (Czech for a cs tenant), with a QR Platba code while it is payable to an IBAN in CZK/EUR'
            : 'The bill as PDF',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: {
          200: {
            description: 'PDF (attachment)',
            content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const doc = await loadPdfDocument(c.var.ctx, kind, c.req.valid('param').id);
        const pdf = await renderDocumentPdf(doc);
        const name = (doc.view.number ?? `${kind}-draft-${doc.view.id}`).replace(/[^\w.-]/g, '_');
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${name}.pdf"`,
        }) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: `${path}/{id}`,
        tags,
        summary: `Change a draft ${kind} (lines are replaced when given)`,
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(kind === 'invoice' ? InvoicePatchSchema : BillPatchSchema) },
        responses: { 200: json(DocumentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) =>
        c.json(
          await updateDocument(c.var.ctx, kind, c.req.valid('param').id, toInput(c.req.valid('json') as never)),
          200,
        ),
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: `${path}/{id}`,
        tags,
        summary: `Delete a draft ${kind}`,
        permission: 'accounting.post',
        request: { params: IdParam },
        responses: { 200: json(Ok), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        await deleteDocument(c.var.ctx, kind, c.req.valid('param').id);
        return c.json({ ok: true as const }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: `${path}/{id}/${post}`,
        tags,
        summary:
          kind === 'invoice'
            ? 'Issue: number the invoice and post it (Dr receivable / Cr revenue, output VAT); emits accounting.invoice.issued'
            : 'Post the bill (Dr expense, input VAT / Cr payable)',
        permission: 'accounting.post',
        request: { params: IdParam },
        responses: { 200: json(DocumentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await issueDocument(c.var.ctx, kind, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: `${path}/{id}/cancel`,
        tags,
        summary: `Cancel an unpaid ${kind}: its entry is reversed`,
        permission: 'accounting.post',
        request: {
          params: IdParam,
          body: {
            required: false,
            content: { 'application/json': { schema: z.object({ date: DateString.optional() }) } },
          },
        },
        responses: { 200: json(DocumentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const body = (c.req.valid('json') ?? {}) as { date?: string };
        return c.json(await cancelDocument(c.var.ctx, kind, c.req.valid('param').id, body.date), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: `${path}/{id}/corrections`,
        tags,
        summary: `Issue a credit or debit note (opravný daňový doklad) to an issued ${kind}: its own number series, referencing the original`,
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(CorrectionInputSchema) },
        responses: { 201: json(DocumentSchema, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await createCorrection(c.var.ctx, kind, c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: `${path}/{id}/offsets`,
        tags,
        summary: 'Set an issued credit note off against another open document of the same partner',
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(OffsetInputSchema) },
        responses: {
          200: json(z.object({ amount: z.string(), date: z.string() })),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        return c.json(await offsetCredit(c.var.ctx, kind, c.req.valid('param').id, body.documentId, body.amount), 200);
      },
    );
}

export const invoiceRoutes = (r: PluginRouter) =>
  documentRoutes(r, 'invoice').openapi(
    defineRoute({
      method: 'post',
      path: '/invoices/{id}/advances',
      tags: ['accounting: invoices'],
      summary:
        'Deduct a paid advance invoice from this draft final invoice (its tax documents’ base and VAT, negative); 409 `advance_settled`, `advance_not_paid`',
      permission: 'accounting.post',
      request: { params: IdParam, body: jsonBody(z.object({ advanceId: z.uuid() })) },
      responses: { 200: json(DocumentSchema), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await deductAdvance(c.var.ctx, c.req.valid('param').id, c.req.valid('json').advanceId), 200),
  );
export const billRoutes = (r: PluginRouter) => documentRoutes(r, 'bill');
