/**
 * What other modules may use of accounting: the posting service and the events it emits.
 * Import it as `@bureau/plugin-accounting/contract`; never read accounting's tables.
 *
 *   const posting = ctx.use(postingService);
 *   const { entry, created } = await posting.post({
 *     date: '2026-01-31',
 *     memo: 'Order 1042',
 *     source: { type: 'orders.invoice', id: order.id },
 *     lines: [
 *       { account: '311', debit: '1210.00', partner: customerId },
 *       { account: '604', credit: '1000.00' },
 *       { account: '343200', credit: '210.00' },
 *     ],
 *   });
 *
 * Amounts are decimal strings in the line's currency (the tenant's functional currency unless
 * `currency` is given). All of it runs in the caller's tenant transaction, so the entry commits or
 * rolls back with the caller's own writes.
 */
import { serviceRef } from '@bureau/core';

export interface PostingLine {
  /** Account code from the tenant's chart ("311", "604", "1200"). */
  account: string;
  /** Exactly one of debit or credit: a positive decimal string in the line's currency. */
  debit?: string | undefined;
  credit?: string | undefined;
  /** ISO 4217; defaults to the tenant's functional currency. */
  currency?: string | undefined;
  /** Functional units per one unit of `currency`; required when `currency` is foreign. */
  rate?: string | undefined;
  /** The functional-currency amount, to override `amount × rate` rounding (e.g. the bank's figure). */
  functional?: string | undefined;
  /** A customer or vendor id of accounting (receivable/payable lines). */
  partner?: string | undefined;
  /** Free-text counterparty (an employee, a carrier) when there is no accounting partner. */
  counterparty?: string | undefined;
  costCenter?: string | undefined;
  memo?: string | undefined;
}

export interface PostingRequest {
  /** Business date 'YYYY-MM-DD'; must fall in an open period. */
  date: string;
  memo?: string | undefined;
  /**
   * The document this entry comes from. Posting is idempotent by it: the same source returns the
   * entry already posted and posts nothing; the same source with different lines is refused
   * (`source_conflict`). `type` is `<module>.<document>` (e.g. `orders.invoice`, `hr.payroll`).
   */
  source?: { type: string; id: string } | undefined;
  lines: PostingLine[];
}

export interface PostedEntryLine {
  lineNo: number;
  account: string;
  accountName: string;
  /** Functional currency; one of debit/credit is null. */
  debit: string | null;
  credit: string | null;
  currency: string;
  /** Amount in `currency`. */
  amount: string;
  rate: string;
  partner: string | null;
  counterparty: string | null;
  costCenter: string | null;
  memo: string | null;
}

export interface PostedEntry {
  id: string;
  /** Gapless per fiscal year: "2026-000042". */
  number: string;
  fiscalYear: number;
  date: string;
  memo: string;
  /** Functional currency of the tenant's books. */
  currency: string;
  total: string;
  source: { type: string; id: string } | null;
  reversesId: string | null;
  reversedById: string | null;
  createdAt: string;
  createdBy: string | null;
  lines: PostedEntryLine[];
}

/**
 * The posting service. Every method runs in the caller's transaction and throws a `Problem`
 * (rendered as problem+json when it reaches HTTP) with one of these codes:
 *  - 400 `unbalanced`: debits ≠ credits in the functional currency;
 *  - 400 `invalid_input`: unknown or inactive account, bad amount, date or currency (field errors);
 *  - 400 `not_postable`: a group account that has analytic accounts under it (post to one of those);
 *  - 409 `period_locked`: the date falls in a locked period;
 *  - 409 `source_conflict`: the source was posted before with different lines;
 *  - 409 `already_reversed`: the entry was reversed before;
 *  - 404 `not_found`: no such entry.
 */
export interface PostingService {
  post(request: PostingRequest): Promise<{ entry: PostedEntry; created: boolean }>;
  /** Posts the mirror entry. `date` defaults to the original date, or today if that period is locked. */
  reverse(entryId: string, options?: { date?: string; memo?: string }): Promise<PostedEntry>;
  /** Reverses the entry posted for a source document (e.g. a cancelled order invoice). */
  reverseBySource(
    source: { type: string; id: string },
    options?: { date?: string; memo?: string },
  ): Promise<PostedEntry>;
  findBySource(source: { type: string; id: string }): Promise<PostedEntry | null>;
  get(entryId: string): Promise<PostedEntry>;
  /**
   * The code of the account that plays a role in the tenant's chart (Czech chart: receivable 311,
   * payable 321, bank 221xxx of the default bank account, cash 211, …): post to it instead of
   * hard-coding codes, because group accounts with analytic children are not postable.
   */
  accountFor(role: AccountRole): Promise<string>;
  /** The tenant's bank accounts with the ledger account each posts to. */
  bankAccounts(): Promise<BankAccountRef[]>;
}

/** Roles accounts play in automatic postings. `bank` is the default (first active, functional-currency) bank account. */
export type AccountRole =
  | 'receivable'
  | 'payable'
  | 'bank'
  | 'cash'
  | 'vatInput'
  | 'vatOutput'
  | 'revenue'
  | 'expense'
  | 'fxGain'
  | 'fxLoss'
  | 'bankFee'
  | 'advances';

export interface BankAccountRef {
  id: string;
  name: string;
  iban: string | null;
  accountNumber: string | null;
  currency: string;
  /** Ledger account code the bank account posts to (e.g. "221001"). */
  account: string;
  active: boolean;
}

export const postingService = serviceRef<PostingService>('accounting', 'posting');

/** Error codes of the posting service, for callers that branch on them. */
export const POSTING_ERRORS = [
  'unbalanced',
  'invalid_input',
  'period_locked',
  'source_conflict',
  'already_reversed',
  'not_found',
  'not_postable',
] as const;
export type PostingError = (typeof POSTING_ERRORS)[number];

// ─── Documents: invoices, credit notes and bills issued or recorded by other modules ─────────

/**
 * Who a document is for. `partyId` names a party of the shared address book (core parties); until
 * that lands on main it is an accounting customer or vendor id. Details instead of an id find the
 * customer (vendor) by IČO, or by name when there is no IČO, and create it when there is none.
 */
export type PartyRef =
  | { partyId: string }
  | {
      name: string;
      ico?: string | null | undefined;
      dic?: string | null | undefined;
      email?: string | null | undefined;
      street?: string | null | undefined;
      city?: string | null | undefined;
      postalCode?: string | null | undefined;
      /** ISO 3166 alpha-2; defaults to the tenant's country. */
      country?: string | undefined;
      iban?: string | null | undefined;
      paymentTermsDays?: number | undefined;
    };

/**
 * How VAT applies to a document (Czech VAT Act, zákon č. 235/2004 Sb.):
 *  - `domestic`: Czech VAT at each line's rate (the default);
 *  - `reverse_charge`: domestic reverse charge (§ 92a): the buyer declares the VAT;
 *  - `eu`: with a VAT payer in another member state: sales of goods (§ 64) or services (§ 9(1)) without
 *    VAT; purchases self-assessed (acquisition of goods § 16 / 25, services § 9(1) / 24) on both sides of the return;
 *  - `export`: goods leaving the EU (§ 66), exempt with the right to deduct;
 *  - `import`: goods from outside the EU with the VAT paid at customs (bills: row 42 of the return);
 *  - `outside_eu`: services with the place of supply outside the EU (sales), or received from a
 *    person not established in the EU (purchases, self-assessed under § 108).
 */
export type VatRegime = 'domestic' | 'reverse_charge' | 'eu' | 'export' | 'import' | 'outside_eu';

export interface DocumentLineRequest {
  description: string;
  /** Decimal, default "1". */
  quantity?: string | undefined;
  unit?: string | null | undefined;
  /** Net unit price in the document currency (decimal string); negative for a discount line. */
  unitPrice: string;
  /** Revenue (invoice) or expense (bill) account code; defaults from the accounting settings. */
  account?: string | undefined;
  /** VAT rate code: `standard` | `reduced` | `zero` | `exempt`; resolved at the tax date. */
  vat?: string | undefined;
  /** Goods or services: decides the rows of the VAT return and the EC sales list code for `eu`/`export`. */
  supply?: 'goods' | 'services' | undefined;
  /** Legal basis printed on an exempt line (e.g. "§ 56 odst. 3"); defaults by regime. */
  exemption?: string | undefined;
  /** Subject code of a § 92a reverse-charge supply (control statement `kod_pred_pl`, e.g. "4" construction works). */
  reverseChargeCode?: string | undefined;
  /**
   * Bills only: how much of the input VAT is deductible. `full` (default); `none` (the VAT is a
   * cost, e.g. entertainment § 72(6)); `partial` with `deductiblePercent` (§ 75, mixed use);
   * `coefficient` (§ 76, reduced by the tenant's advance coefficient).
   */
  deduction?: 'full' | 'none' | 'partial' | 'coefficient' | undefined;
  deductiblePercent?: string | undefined;
  costCenter?: string | undefined;
}

interface DocumentRequestBase {
  /**
   * The document of the calling module this one belongs to (`orders.order`, `hr.payrun`). Idempotent:
   * the same source returns the document made before (`created: false`) and changes nothing.
   */
  source: { type: string; id: string };
  regime?: VatRegime | undefined;
  /** Dates 'YYYY-MM-DD'. Issue date defaults to today, tax date (DUZP) to the issue date. */
  issueDate?: string | undefined;
  taxDate?: string | undefined;
  /** Defaults to the issue date plus the partner's payment terms. */
  dueDate?: string | undefined;
  /** ISO 4217, default the functional currency. */
  currency?: string | undefined;
  /** Functional units per unit of `currency`; defaults to the ČNB rate of the tax date when rates were imported. */
  rate?: string | undefined;
  variableSymbol?: string | null | undefined;
  memo?: string | null | undefined;
  lines: DocumentLineRequest[];
  /** Keep the document a draft (numbered and posted later by a person) instead of issuing/posting it now. */
  draft?: boolean | undefined;
}

export interface InvoiceRequest extends DocumentRequestBase {
  customer: PartyRef;
  /** Your reference printed on the invoice (an order number). */
  reference?: string | null | undefined;
}

export interface BillRequest extends DocumentRequestBase {
  vendor: PartyRef;
  /** The vendor's own document number (the evidence number of the tax document). */
  vendorNumber: string;
  /** Date the input VAT is claimed (datum uplatnění odpočtu), not before the tax date; defaults to it. */
  vatDate?: string | undefined;
}

export type DocumentType = 'invoice' | 'credit_note' | 'debit_note' | 'advance' | 'advance_tax' | 'bill';

export interface CorrectionRequest {
  /** The calling module's document (a return, a complaint); the same source returns the note made before. */
  source: { type: string; id: string };
  type: 'credit_note' | 'debit_note';
  /** Its tax date: the day the correction was agreed (ZDPH § 42(2)); default today. */
  date?: string | undefined;
  /** Printed on the note: why the tax base changes (return of goods, discount, complaint). */
  reason: string;
  /** Bills: the vendor's number of its correcting document. */
  vendorNumber?: string | undefined;
  /** What is credited or added, at the original's VAT rates; a credit note without lines credits everything. */
  lines?: DocumentLineRequest[] | undefined;
}

export interface AccountingDocument {
  id: string;
  kind: 'invoice' | 'bill';
  type: DocumentType;
  status: 'draft' | 'issued' | 'paid' | 'cancelled';
  /** Null while a draft. */
  number: string | null;
  partner: { id: string; name: string };
  issueDate: string;
  taxDate: string;
  dueDate: string;
  currency: string;
  rate: string;
  /** Decimal strings in `currency`. */
  subtotal: string;
  vatTotal: string;
  total: string;
  paid: string;
  remaining: string;
  /** Total in the functional currency. */
  totalFunctional: string;
  functionalCurrency: string;
  variableSymbol: string | null;
  /** The journal entry it posted (null while a draft). */
  entryId: string | null;
  source: { type: string; id: string } | null;
}

/**
 * Invoices and bills for other modules (orders invoice a shipment, purchasing records a vendor's
 * bill). Runs in the caller's transaction; refuses with a `Problem` (400 `invalid_input` with
 * field errors, 409 `period_locked`, 409 `source_conflict`, 404 `not_found`).
 */
export interface DocumentsService {
  /** Creates and (unless `draft`) issues a sales invoice: numbered, posted, `accounting.invoice.issued` emitted. */
  issueInvoice(request: InvoiceRequest): Promise<{ document: AccountingDocument; created: boolean }>;
  /** Records and (unless `draft`) posts a vendor's bill. */
  recordBill(request: BillRequest): Promise<{ document: AccountingDocument; created: boolean }>;
  get(documentId: string): Promise<AccountingDocument>;
  findBySource(source: { type: string; id: string }): Promise<AccountingDocument | null>;
  /** Cancels an unpaid document by reversing its entry (a draft is deleted). 409 `document_paid` once paid. */
  cancel(documentId: string, options?: { date?: string | undefined }): Promise<AccountingDocument>;
  /**
   * Issues a credit note (`credit_note`, lowering the document, by default all of it) or a debit note
   * (`debit_note`) to an issued invoice or posted bill: the correcting tax document of ZDPH § 42 / § 45,
   * in its own number series, referencing the original and keeping its rates. A credit note settles
   * what is still open of the original (a paid invoice is cancelled this way: the credit stays with the
   * customer until refunded). Idempotent by `source`. 409 `not_correctable`; 400 `credit_exceeds`.
   */
  correct(documentId: string, request: CorrectionRequest): Promise<{ document: AccountingDocument; created: boolean }>;
  /** The document as PDF (Czech for a Czech tenant), with the QR payment code while payable. */
  pdf(documentId: string): Promise<Uint8Array>;
  /** SPAYD text of the QR payment (QR Platba) while the invoice is payable to an IBAN in CZK or EUR. */
  paymentQr(documentId: string): Promise<string | null>;
}

export const documentsService = serviceRef<DocumentsService>('accounting', 'documents');

// ─── Payments received by other modules (cash on delivery, cash at the door) ──────────────

/**
 * Money another module took in for an invoice: the own courier's cash (`cash`, to the cash account)
 * or a carrier's cash on delivery (`cod`, to money in transit, 261 of the Czech chart, until the
 * carrier's bank transfer arrives and is matched to that account; the cash account when the chart has
 * no 261).
 */
export interface ReceiptRequest {
  /** The invoice paid (an id `documents.issueInvoice` returned). */
  documentId: string;
  /** Decimal string in the invoice's currency. More than the invoice has open stays as the customer's credit. */
  amount: string;
  /** 'YYYY-MM-DD', the day the money was received (the carrier's payout date). */
  date: string;
  method: 'cod' | 'cash';
  /** Printed with the payment and its journal entry (a delivery run, a payout batch). */
  reference: string;
}

export interface ReceiptResult {
  paymentId: string;
  entryId: string;
  /** The invoice after the payment (`paid` once nothing is left open). */
  document: AccountingDocument;
}

export interface CarrierFeeRequest {
  /** The calling module's record the fee belongs to (a payout batch); idempotent like posting. */
  source: { type: string; id: string };
  /** Decimal string in the functional currency. */
  amount: string;
  date: string;
  /** The carrier, kept as the line's counterparty. */
  carrier: string;
  reference: string;
}

/**
 * Payments received by other modules, posted through accounting's own payment code (the same as a
 * matched bank line): `recordReceipt` records a customer payment and allocates it to the invoice,
 * `recordCarrierFee` posts a carrier's fees kept back from a cash-on-delivery payout (Dr the expense
 * account, 518 services, / Cr money in transit). Runs in the caller's transaction; refuses with a
 * `Problem` (404 `not_found`, 400 `invalid_input`, 409 `period_locked`, 409 `source_conflict`).
 */
export interface PaymentsService {
  recordReceipt(request: ReceiptRequest): Promise<ReceiptResult>;
  recordCarrierFee(request: CarrierFeeRequest): Promise<{ entryId: string; created: boolean }>;
}

export const paymentsService = serviceRef<PaymentsService>('accounting', 'payments');

// ─── Partner balances ─────────────────────────────────────────────────────────────────────

export interface PartnerBalance {
  partner: { id: string; name: string; kind: 'customer' | 'vendor' };
  /** Functional currency. */
  currency: string;
  /** What the partner owes us (customer) or we owe them (vendor) on open documents. */
  open: string;
  /** Part of `open` past its due date as of `asOf`. */
  overdue: string;
  openDocuments: number;
  oldestDueDate: string | null;
  /** Payments not yet allocated to a document (overpayments, advances). */
  credit: string;
  asOf: string;
}

export interface PartnerBalancesService {
  /** The balance of one customer (or vendor) by party or accounting partner id; null when accounting does not know it. */
  get(
    ref: { partyId: string } | { partnerId: string },
    options?: { kind?: 'customer' | 'vendor' | undefined; asOf?: string | undefined },
  ): Promise<PartnerBalance | null>;
  /** Partners with something open, largest first. */
  list(options?: {
    kind?: 'customer' | 'vendor' | undefined;
    overdueOnly?: boolean | undefined;
    limit?: number | undefined;
  }): Promise<PartnerBalance[]>;
}

export const partnerBalancesService = serviceRef<PartnerBalancesService>('accounting', 'partnerBalances');

// ─── Fixed assets ─────────────────────────────────────────────────────────────────────────

export interface FixedAssetRequest {
  /** The record of the calling module (e.g. `it.asset`); idempotent like posting. */
  source?: { type: string; id: string } | undefined;
  name: string;
  /** Inventory number; the next `A<year>-<nnnn>` when omitted. */
  inventoryNumber?: string | undefined;
  /** `tangible` (default, account 022) or `intangible` (013). */
  category?: 'tangible' | 'intangible' | undefined;
  /** Asset account code (022, 013, 021, …); defaults by category. */
  account?: string | undefined;
  acquisitionDate: string;
  /** Put into use (zařazení); depreciation starts the month after. Defaults to the acquisition date. */
  inUseDate?: string | undefined;
  /** Acquisition cost in the functional currency (decimal string), without deductible VAT. */
  cost: string;
  /** Accounting depreciation: useful life in months (straight line, monthly). */
  usefulLifeMonths: number;
  /** Tax depreciation group 1–6 (zákon o daních z příjmů, příloha 1); null = not depreciated for tax. */
  taxGroup?: number | null | undefined;
  /** § 31 straight-line (default) or § 32 accelerated. */
  taxMethod?: 'straight' | 'accelerated' | undefined;
  serialNumber?: string | null | undefined;
  location?: string | null | undefined;
  costCenter?: string | null | undefined;
  note?: string | null | undefined;
  /**
   * Post the putting into use now: Dr asset account / Cr `from` (default 042, acquisition in
   * progress). Leave out when the acquisition was posted to the asset account already.
   */
  post?: { from?: string | undefined } | undefined;
}

export interface FixedAsset {
  id: string;
  inventoryNumber: string;
  name: string;
  category: 'tangible' | 'intangible';
  account: string;
  acquisitionDate: string;
  inUseDate: string;
  cost: string;
  currency: string;
  usefulLifeMonths: number;
  taxGroup: number | null;
  taxMethod: 'straight' | 'accelerated';
  status: 'active' | 'disposed';
  /** Accounting depreciation posted so far and the net book value. */
  accumulated: string;
  bookValue: string;
  source: { type: string; id: string } | null;
}

export interface FixedAssetsService {
  /** Creates an asset card (idempotent by source: returns the card made before). */
  create(request: FixedAssetRequest): Promise<{ asset: FixedAsset; created: boolean }>;
  get(assetId: string): Promise<FixedAsset>;
  findBySource(source: { type: string; id: string }): Promise<FixedAsset | null>;
}

export const fixedAssetsService = serviceRef<FixedAssetsService>('accounting', 'fixedAssets');

// Events (outbox, delivered at least once after commit; dedupe by event id).

export interface EntryPostedPayload {
  entryId: string;
  number: string;
  date: string;
  currency: string;
  total: string;
  source: { type: string; id: string } | null;
  reversesId: string | null;
}

export interface InvoiceIssuedPayload {
  invoiceId: string;
  number: string;
  customerId: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  total: string;
  variableSymbol: string | null;
  entryId: string;
}

export interface InvoicePaidPayload {
  invoiceId: string;
  number: string;
  customerId: string;
  /** Date of the payment that settled it. */
  paidAt: string;
  currency: string;
  total: string;
}

export interface PeriodLockedPayload {
  /** 'YYYY-MM'. */
  period: string;
}

export const ACCOUNTING_EVENTS = {
  entryPosted: 'accounting.entry.posted',
  invoiceIssued: 'accounting.invoice.issued',
  invoicePaid: 'accounting.invoice.paid',
  periodLocked: 'accounting.period.locked',
} as const;

export interface AccountingEventPayloads {
  'accounting.entry.posted': EntryPostedPayload;
  'accounting.invoice.issued': InvoiceIssuedPayload;
  'accounting.invoice.paid': InvoicePaidPayload;
  'accounting.period.locked': PeriodLockedPayload;
}
