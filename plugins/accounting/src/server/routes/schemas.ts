import { z } from '@bureau/core';
import { fm } from '../../field-messages.ts';
import { isDate } from '../services/dates.ts';

/** Shared request and response pieces of the accounting API. Amounts are decimal strings. */

export const Amount = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,4})?$/, fm.amount.ref)
  .openapi({ example: '1234.50' });
export const SignedAmount = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,4})?$/, fm.signed_amount.ref)
  .openapi({ example: '-1234.50' });
export const Rate = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, fm.rate.ref)
  .openapi({ example: '25.125' });
export const Quantity = z.string().regex(/^\d{1,14}(\.\d{1,4})?$/, fm.quantity.ref);
export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, fm.date.ref)
  .refine(isDate, fm.calendar_date.ref)
  .openapi({ example: '2026-01-31', format: 'date' });
export const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, fm.month.ref)
  .openapi({ example: '2026-01' });
export const Currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, fm.currency.ref)
  .transform((s) => s.toUpperCase())
  .openapi({ example: 'CZK' });
export const Country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, fm.country.ref)
  .transform((s) => s.toUpperCase())
  .openapi({ example: 'CZ' });
export const AccountCode = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, fm.account_code.ref)
  .openapi({ example: '311' });
export const AccountType = z.enum(['asset', 'liability', 'equity', 'income', 'expense', 'off_balance']);
export const CashFlowCategory = z.enum(['operating', 'investing', 'financing']);
export const Text = (max: number) => z.string().trim().max(max);

export const IdParam = z.object({ id: z.uuid() });
export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
export const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const Ok = z.object({ ok: z.literal(true) });

// ─── Journal ────────────────────────────────────────────────────────────────

export const PostingLineSchema = z
  .object({
    account: AccountCode,
    debit: Amount.optional(),
    credit: Amount.optional(),
    currency: Currency.optional(),
    rate: Rate.optional(),
    functional: Amount.optional(),
    partner: z.uuid().optional(),
    counterparty: Text(200).optional(),
    costCenter: Text(50).optional(),
    memo: Text(500).optional(),
  })
  .openapi('AccountingPostingLine');

export const PostingRequestSchema = z
  .object({
    date: DateString,
    memo: Text(500).optional(),
    source: z.object({ type: z.string().max(100), id: z.string().min(1).max(200) }).optional(),
    lines: z.array(PostingLineSchema).min(2).max(1000),
  })
  .openapi('AccountingPostingRequest');

export const EntryLineSchema = z.object({
  lineNo: z.number().int(),
  account: z.string(),
  accountName: z.string(),
  debit: z.string().nullable(),
  credit: z.string().nullable(),
  currency: z.string(),
  amount: z.string(),
  rate: z.string(),
  partner: z.string().nullable(),
  counterparty: z.string().nullable(),
  costCenter: z.string().nullable(),
  memo: z.string().nullable(),
});

export const EntrySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    fiscalYear: z.number().int(),
    date: z.string(),
    memo: z.string(),
    currency: z.string(),
    total: z.string(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
    reversesId: z.string().nullable(),
    reversedById: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    lines: z.array(EntryLineSchema),
  })
  .openapi('AccountingJournalEntry');

// ─── Partners ───────────────────────────────────────────────────────────────

export const PartnerSchema = z
  .object({
    id: z.string(),
    /** The party of core's address book (GET /api/t/:tenant/parties/{id}); null once it was removed. */
    partyId: z.string().nullable(),
    kind: z.enum(['customer', 'vendor']),
    name: z.string(),
    ico: z.string().nullable(),
    dic: z.string().nullable(),
    iban: z.string().nullable(),
    bic: z.string().nullable(),
    bankAccount: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    street: z.string().nullable(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string(),
    paymentTermsDays: z.number().int(),
    active: z.boolean(),
    note: z.string().nullable(),
    outstanding: z.string(),
    credit: z.string(),
  })
  .openapi('AccountingPartner');

const nullableText = (max: number) => Text(max).nullable().optional();

export const PartnerInputSchema = z
  .object({
    name: Text(200).min(1),
    ico: nullableText(20),
    dic: nullableText(20),
    iban: nullableText(50),
    bic: nullableText(11),
    bankAccount: nullableText(30),
    email: z.email().max(254).nullable().optional(),
    phone: nullableText(40),
    street: nullableText(200),
    city: nullableText(100),
    postalCode: nullableText(20),
    country: Country.optional(),
    paymentTermsDays: z.number().int().min(0).max(365).optional(),
    active: z.boolean().optional(),
    note: nullableText(2000),
    /** A party of core's address book this customer (vendor) is: its details fill what is left out. */
    partyId: z.uuid().optional(),
  })
  .openapi('AccountingPartnerInput');

// ─── Documents ──────────────────────────────────────────────────────────────

export const DocumentLineInputSchema = z.object({
  description: Text(500).min(1),
  quantity: Quantity.optional(),
  unit: nullableText(20),
  unitPrice: SignedAmount,
  account: AccountCode.optional(),
  vat: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,29}$/)
    .optional(),
  supply: z.enum(['goods', 'services']).optional().openapi({ description: 'Decides the rows of the VAT return' }),
  exemption: nullableText(200).openapi({ description: 'Legal basis printed on a line without Czech VAT' }),
  reverseChargeCode: z
    .string()
    .regex(/^\d{1,3}$/, fm.reverse_charge_code.ref)
    .nullable()
    .optional(),
  deduction: z.enum(['full', 'none', 'partial', 'coefficient']).optional(),
  deductiblePercent: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,4})?$/, fm.percentage.ref)
    .nullable()
    .optional(),
  costCenter: nullableText(40),
});

export const VatRegimeSchema = z
  .enum(['domestic', 'reverse_charge', 'eu', 'export', 'import', 'outside_eu'])
  .openapi({ description: 'VAT regime of the document (sales: not `import`; purchases: not `export`)' });

const documentFields = {
  regime: VatRegimeSchema.optional(),
  issueDate: DateString.optional(),
  taxDate: DateString.optional(),
  dueDate: DateString.optional(),
  currency: Currency.optional(),
  rate: Rate.optional(),
  variableSymbol: z
    .string()
    .regex(/^\d{1,10}$/, fm.symbol.ref)
    .nullable()
    .optional(),
  reference: nullableText(100),
  memo: nullableText(1000),
  lines: z.array(DocumentLineInputSchema).min(1).max(500),
};

export const InvoiceInputSchema = z
  .object({
    customerId: z.uuid(),
    /** `advance`: an advance invoice (zálohová faktura), no tax document, series ZF. */
    type: z.enum(['invoice', 'advance']).optional(),
    ...documentFields,
  })
  .openapi('AccountingInvoiceInput');
export const BillInputSchema = z
  .object({ vendorId: z.uuid(), ...documentFields, vatDate: DateString.nullable().optional() })
  .openapi('AccountingBillInput');
export const InvoicePatchSchema = z.object({
  customerId: z.uuid().optional(),
  ...documentFields,
  lines: documentFields.lines.optional(),
});
export const BillPatchSchema = z.object({
  vendorId: z.uuid().optional(),
  ...documentFields,
  vatDate: DateString.nullable().optional(),
  lines: documentFields.lines.optional(),
});

export const DocumentStatus = z.enum(['draft', 'issued', 'paid', 'cancelled']);
export const DocumentTypeSchema = z.enum(['invoice', 'credit_note', 'debit_note', 'advance', 'advance_tax', 'bill']);

export const CorrectionInputSchema = z
  .object({
    type: z.enum(['credit_note', 'debit_note']),
    date: DateString.optional(),
    reason: Text(300).min(1),
    vendorNumber: Text(100).min(1).optional(),
    memo: nullableText(1000),
    lines: z.array(DocumentLineInputSchema).min(1).max(500).optional(),
  })
  .openapi('AccountingCorrectionInput');
export const OffsetInputSchema = z.object({ documentId: z.uuid(), amount: Amount.optional() });

export const DocumentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['invoice', 'bill']),
    type: DocumentTypeSchema,
    regime: VatRegimeSchema,
    selfAssessed: z.boolean(),
    vatPayer: z.boolean().openapi({
      description: 'Made by a VAT payer; a non-payer\'s invoice carries no VAT and prints "Nejsem plátce DPH"',
    }),
    status: DocumentStatus,
    number: z.string().nullable(),
    partner: z.object({ id: z.string(), name: z.string() }),
    issueDate: z.string(),
    taxDate: z.string(),
    vatDate: z.string(),
    dueDate: z.string(),
    corrects: z.object({ id: z.string(), number: z.string().nullable(), taxDate: z.string().nullable() }).nullable(),
    correctionReason: z.string().nullable(),
    advanceId: z.string().nullable(),
    currency: z.string(),
    rate: z.string(),
    variableSymbol: z.string().nullable(),
    reference: z.string().nullable(),
    memo: z.string().nullable(),
    subtotal: z.string(),
    vatTotal: z.string(),
    total: z.string(),
    paid: z.string(),
    remaining: z.string(),
    totalFunctional: z.string(),
    functionalCurrency: z.string(),
    overdue: z.boolean(),
    paidAt: z.string().nullable(),
    entryId: z.string().nullable(),
    cancelEntryId: z.string().nullable(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        description: z.string(),
        quantity: z.string(),
        unit: z.string().nullable(),
        unitPrice: z.string(),
        account: z.string(),
        vat: z.string(),
        vatRate: z.string(),
        net: z.string(),
        vatAmount: z.string(),
        gross: z.string(),
        supply: z.enum(['goods', 'services']),
        exemption: z.string().nullable(),
        exemptionGiven: z.string().nullable(),
        reverseChargeCode: z.string().nullable(),
        deduction: z.enum(['full', 'none', 'partial', 'coefficient']),
        deductiblePercent: z.string().nullable(),
        deductible: z.string(),
        costCenter: z.string().nullable(),
        advanceId: z.string().nullable(),
      }),
    ),
    vatBreakdown: z.array(z.object({ code: z.string(), rate: z.string(), base: z.string(), vat: z.string() })),
  })
  .openapi('AccountingDocument');

export const DocumentSummarySchema = z
  .object({
    id: z.string(),
    type: DocumentTypeSchema,
    status: DocumentStatus,
    number: z.string().nullable(),
    partner: z.object({ id: z.string(), name: z.string() }),
    issueDate: z.string(),
    dueDate: z.string(),
    currency: z.string(),
    total: z.string(),
    paid: z.string(),
    remaining: z.string(),
    variableSymbol: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi('AccountingDocumentSummary');

// ─── Payments ───────────────────────────────────────────────────────────────

export const PaymentSchema = z
  .object({
    id: z.string(),
    direction: z.enum(['in', 'out']),
    partner: z.object({ id: z.string(), name: z.string() }),
    date: z.string(),
    amount: z.string(),
    currency: z.string(),
    rate: z.string(),
    bankAccountId: z.string().nullable(),
    reference: z.string().nullable(),
    memo: z.string().nullable(),
    allocated: z.string(),
    unallocated: z.string(),
    entryId: z.string(),
    voided: z.boolean(),
    voidEntryId: z.string().nullable(),
    allocations: z.array(
      z.object({
        documentId: z.string(),
        kind: z.enum(['invoice', 'bill']),
        number: z.string().nullable(),
        amount: z.string(),
        date: z.string(),
        fxEntryId: z.string().nullable(),
      }),
    ),
  })
  .openapi('AccountingPayment');

export const PaymentSummarySchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  partner: z.object({ id: z.string(), name: z.string() }),
  date: z.string(),
  amount: z.string(),
  currency: z.string(),
  unallocated: z.string(),
  reference: z.string().nullable(),
  voided: z.boolean(),
});

// ─── Bank ───────────────────────────────────────────────────────────────────

const ColumnRef = z.union([z.string().min(1).max(100), z.number().int().min(0).max(200)]);

export const CsvMappingSchema = z
  .object({
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    skipRows: z.number().int().min(0).max(100).optional(),
    hasHeader: z.boolean().optional(),
    dateFormat: z.enum(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYYMMDD']).optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    columns: z.object({
      date: ColumnRef,
      amount: ColumnRef.optional(),
      credit: ColumnRef.optional(),
      debit: ColumnRef.optional(),
      valueDate: ColumnRef.optional(),
      currency: ColumnRef.optional(),
      counterpartyName: ColumnRef.optional(),
      counterpartyAccount: ColumnRef.optional(),
      variableSymbol: ColumnRef.optional(),
      constantSymbol: ColumnRef.optional(),
      specificSymbol: ColumnRef.optional(),
      reference: ColumnRef.optional(),
      message: ColumnRef.optional(),
      externalId: ColumnRef.optional(),
    }),
  })
  .openapi('AccountingCsvMapping');

export const BankAccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    iban: z.string().nullable(),
    accountNumber: z.string().nullable(),
    bic: z.string().nullable(),
    currency: z.string(),
    account: z.string(),
    active: z.boolean(),
    csvMapping: CsvMappingSchema.nullable(),
    balance: z.string(),
    bookBalance: z.string(),
    statementBalance: z.string().nullable(),
    statementDate: z.string().nullable(),
    unmatchedLines: z.number().int(),
  })
  .openapi('AccountingBankAccount');

export const BankLineSchema = z
  .object({
    id: z.string(),
    bankAccountId: z.string(),
    statementId: z.string(),
    date: z.string(),
    valueDate: z.string().nullable(),
    amount: z.string(),
    currency: z.string(),
    counterpartyName: z.string().nullable(),
    counterpartyAccount: z.string().nullable(),
    variableSymbol: z.string().nullable(),
    constantSymbol: z.string().nullable(),
    specificSymbol: z.string().nullable(),
    reference: z.string().nullable(),
    message: z.string().nullable(),
    externalId: z.string().nullable(),
    status: z.enum(['unmatched', 'matched', 'ignored']),
    match: z
      .object({ kind: z.enum(['payment', 'entry']), paymentId: z.string().nullable(), entryId: z.string().nullable() })
      .nullable(),
    suggestedRate: z
      .string()
      .nullable()
      .openapi({ description: 'The ČNB rate of the day for a foreign-currency line' }),
  })
  .openapi('AccountingBankLine');

export const SuggestionSchema = z
  .object({
    kind: z.enum(['invoice', 'bill', 'payment']),
    id: z.string(),
    number: z.string().nullable(),
    partner: z.object({ id: z.string(), name: z.string() }),
    amount: z.string(),
    currency: z.string(),
    score: z.number().int(),
    reasons: z.array(z.enum(['variable_symbol', 'amount', 'counterparty_account', 'counterparty_name', 'reference'])),
  })
  .openapi('AccountingReconciliationSuggestion');

// ─── Reports ────────────────────────────────────────────────────────────────

export const RangeQuery = z.object({
  from: DateString.optional(),
  to: DateString.optional(),
  compare: Bool.optional(),
});
export const PreviousRange = z.object({ from: z.string(), to: z.string() }).nullable();
