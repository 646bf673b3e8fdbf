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
] as const;
export type PostingError = (typeof POSTING_ERRORS)[number];

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
