import type { ColumnType, Kysely } from 'kysely';

/**
 * Typed view of the `accounting` schema. int8 and numeric arrive as strings from both drivers,
 * `date` as 'YYYY-MM-DD'. Money columns are integer minor units; convert with BigInt, never Number.
 */
type Int8 = ColumnType<string, string | bigint, string | bigint>;
type Numeric = ColumnType<string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SettingsTable {
  tenant_id: string;
  id: string;
  currency: string;
  country: string;
  fiscal_year_start_month: Defaulted<number>;
  receivable_account_id: string | null;
  payable_account_id: string | null;
  vat_output_account_id: string | null;
  vat_input_account_id: string | null;
  revenue_account_id: string | null;
  expense_account_id: string | null;
  bank_root_account_id: string | null;
  cash_account_id: string | null;
  fx_gain_account_id: string | null;
  fx_loss_account_id: string | null;
  bank_fee_account_id: string | null;
  advances_account_id: string | null;
  /** Advance coefficient of § 76 ZDPH (percent) for proportional input VAT deduction. */
  vat_coefficient: string | null;
  /** Tax office code (c_ufo) and its branch (c_pracufo) for the Tax Portal filings. */
  tax_office: string | null;
  tax_office_branch: string | null;
  nace: string | null;
  /** P a legal person, F a natural person (typ_ds). */
  filer_kind: Defaulted<'P' | 'F'>;
  /** The firm's own DIČ (CZ + digits), name and seat for the filings' `VetaP`. */
  vat_id: Defaulted<string | null>;
  filer_name: Defaulted<string | null>;
  filer_street: Defaulted<string | null>;
  filer_city: Defaulted<string | null>;
  filer_postal_code: Defaulted<string | null>;
  /** Override of the company profile's VAT period (ZDPH § 99, § 99a) for the filings; null follows the profile. */
  vat_period: Defaulted<'month' | 'quarter' | null>;
  created_at: Timestamp;
}

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense' | 'off_balance';
export type CashFlowCategory = 'operating' | 'investing' | 'financing';

export interface AccountsTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  type: AccountType;
  parent_id: string | null;
  active: Defaulted<boolean>;
  cash: Defaulted<boolean>;
  cash_flow: Defaulted<CashFlowCategory>;
  created_at: Timestamp;
}

export interface CountersTable {
  tenant_id: string;
  id: string;
  series: string;
  fiscal_year: number;
  last_value: Int8;
}

export interface PeriodLocksTable {
  tenant_id: string;
  id: string;
  period: string;
  locked_at: Timestamp;
  locked_by: string | null;
}

export interface JournalEntriesTable {
  tenant_id: string;
  id: string;
  /** Assigned by the database when the entry is inserted. */
  fiscal_year: Defaulted<number>;
  seq: Defaulted<number>;
  number: Defaulted<string>;
  date: string;
  memo: string;
  source_type: string | null;
  source_id: string | null;
  reverses_id: string | null;
  line_count: number;
  total: Int8;
  created_at: Timestamp;
  created_by: string | null;
}

export interface JournalLinesTable {
  tenant_id: string;
  id: string;
  entry_id: string;
  line_no: number;
  date: ColumnType<string, string | undefined, never>;
  account_id: string;
  debit: Int8;
  credit: Int8;
  currency: string;
  amount: Int8;
  rate: Numeric;
  partner_id: string | null;
  counterparty: string | null;
  cost_center: string | null;
  memo: string | null;
}

export interface AccountBalancesTable {
  tenant_id: string;
  id: string;
  account_id: string;
  month: string;
  debit: Int8;
  credit: Int8;
}

export type PartnerKind = 'customer' | 'vendor';

export interface PartnersTable {
  tenant_id: string;
  id: string;
  kind: PartnerKind;
  name: string;
  ico: string | null;
  dic: string | null;
  iban: string | null;
  bic: string | null;
  bank_account: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  postal_code: string | null;
  country: string;
  payment_terms_days: Defaulted<number>;
  active: Defaulted<boolean>;
  note: string | null;
  created_at: Timestamp;
  /** The party of core's address book (core.parties) this partner is a role of. */
  party_id: string | null;
}

export interface VatRatesTable {
  tenant_id: string;
  id: string;
  country: string;
  code: string;
  rate: Numeric;
  valid_from: string;
  valid_to: string | null;
}

export type DocumentKind = 'invoice' | 'bill';
export type DocumentType = 'invoice' | 'credit_note' | 'debit_note' | 'advance' | 'advance_tax' | 'bill';
export type VatRegime = 'domestic' | 'reverse_charge' | 'eu' | 'export' | 'import' | 'outside_eu';
export type Deduction = 'full' | 'none' | 'partial' | 'coefficient';
export type DocumentStatus = 'draft' | 'issued' | 'paid' | 'cancelled';

export interface DocumentsTable {
  tenant_id: string;
  id: string;
  kind: DocumentKind;
  status: DocumentStatus;
  number: string | null;
  fiscal_year: number | null;
  seq: number | null;
  partner_id: string;
  issue_date: string;
  tax_date: string;
  due_date: string;
  currency: string;
  rate: Numeric;
  variable_symbol: string | null;
  reference: string | null;
  memo: string | null;
  subtotal: Int8;
  vat_total: Int8;
  total: Int8;
  total_functional: Int8;
  paid: ColumnType<string, string | bigint | undefined, string | bigint>;
  entry_id: string | null;
  cancel_entry_id: string | null;
  issued_at: Date | null;
  paid_at: string | null;
  source_type: Defaulted<string | null>;
  source_id: Defaulted<string | null>;
  type: Defaulted<DocumentType>;
  regime: Defaulted<VatRegime>;
  corrects_id: Defaulted<string | null>;
  correction_reason: Defaulted<string | null>;
  vat_date: Defaulted<string | null>;
  self_assessed: Defaulted<boolean>;
  /** The issuer was a VAT payer when the document was made (0013). */
  vat_payer: Defaulted<boolean>;
  advance_id: Defaulted<string | null>;
  advance_payment_id: Defaulted<string | null>;
  created_at: Timestamp;
}

export interface ReminderSettingsTable {
  tenant_id: string;
  first_days: Defaulted<number>;
  second_days: Defaulted<number>;
  final_days: Defaulted<number>;
  auto_send: Defaulted<boolean>;
}

export type ReminderLevel = 1 | 2 | 3;

export interface RemindersTable {
  tenant_id: string;
  id: string;
  document_id: string;
  partner_id: string;
  level: ReminderLevel;
  status: 'prepared' | 'sent';
  as_of: string;
  days_overdue: number;
  remaining: Int8;
  currency: string;
  interest: ColumnType<string | null, string | bigint | null, string | bigint | null>;
  interest_rate: ColumnType<string | null, string | null, string | null>;
  locale: 'cs' | 'en';
  sent_to: string | null;
  prepared_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sent_by: string | null;
}

export interface DocumentMailsTable {
  tenant_id: string;
  id: string;
  document_id: string;
  sent_to: string;
  locale: 'cs' | 'en';
  attachments: string[];
  sent_at: Date;
  sent_by: string | null;
}

export interface CostCentersTable {
  tenant_id: string;
  id: string;
  code: string;
  name_cs: string;
  name_en: string;
  active: Defaulted<boolean>;
  created_at: Timestamp;
}

export interface CashClosesTable {
  tenant_id: string;
  id: string;
  desk_id: string;
  date: string;
  opening: Int8;
  receipts: Int8;
  payments: Int8;
  book_balance: Int8;
  counted: Int8;
  difference: Int8;
  difference_document_id: string | null;
  closed_at: Timestamp;
  closed_by: string | null;
}

export interface YearClosingsTable {
  tenant_id: string;
  id: string;
  fiscal_year: number;
  closed_at: Timestamp;
  closed_by: string | null;
  entry_ids: string[];
}

export interface DocumentLinesTable {
  tenant_id: string;
  id: string;
  document_id: string;
  line_no: number;
  description: string;
  quantity: Numeric;
  unit: string | null;
  unit_price: Int8;
  account_id: string;
  vat_code: string;
  vat_rate: Numeric;
  net: Int8;
  vat: Int8;
  net_functional: Int8;
  vat_functional: Int8;
  supply: Defaulted<'goods' | 'services'>;
  exemption: Defaulted<string | null>;
  rc_code: Defaulted<string | null>;
  deduction: Defaulted<Deduction>;
  deductible_percent: Defaulted<string | null>;
  /** Deductible input VAT in the functional currency (bills). */
  deductible: ColumnType<string, string | bigint | undefined, string | bigint>;
  cost_center: Defaulted<string | null>;
  advance_id: Defaulted<string | null>;
}

export interface PaymentsTable {
  tenant_id: string;
  id: string;
  direction: 'in' | 'out';
  partner_id: string;
  date: string;
  amount: Int8;
  currency: string;
  rate: Numeric;
  bank_account_id: string | null;
  reference: string | null;
  memo: string | null;
  allocated: Int8;
  entry_id: string;
  void_entry_id: string | null;
  voided_at: Date | null;
  source_type: Defaulted<string | null>;
  source_id: Defaulted<string | null>;
  created_at: Timestamp;
}

export interface PaymentAllocationsTable {
  tenant_id: string;
  id: string;
  payment_id: string;
  document_id: string;
  amount: Int8;
  date: string;
  fx_entry_id: string | null;
  document_functional: Defaulted<string | null>;
  payment_functional: Defaulted<string | null>;
  created_at: Timestamp;
}

export interface BankAccountsTable {
  tenant_id: string;
  id: string;
  name: string;
  iban: string | null;
  account_number: string | null;
  bic: string | null;
  currency: string;
  account_id: string;
  csv_mapping: ColumnType<unknown, string | null | undefined, string | null>;
  active: Defaulted<boolean>;
  created_at: Timestamp;
}

export interface BankStatementsTable {
  tenant_id: string;
  id: string;
  bank_account_id: string;
  format: 'csv' | 'camt053' | 'ofx';
  reference: string | null;
  file_name: string | null;
  from_date: string | null;
  to_date: string | null;
  opening_balance: Int8 | null;
  closing_balance: Int8 | null;
  line_count: number;
  duplicate_count: number;
  imported_at: Timestamp;
  imported_by: string | null;
}

export type BankLineStatus = 'unmatched' | 'matched' | 'ignored';

export interface BankLinesTable {
  tenant_id: string;
  id: string;
  bank_account_id: string;
  statement_id: string;
  date: string;
  value_date: string | null;
  amount: Int8;
  currency: string;
  counterparty_name: string | null;
  counterparty_account: string | null;
  variable_symbol: string | null;
  constant_symbol: string | null;
  specific_symbol: string | null;
  reference: string | null;
  message: string | null;
  external_id: string | null;
  fingerprint: string;
  status: Defaulted<BankLineStatus>;
  created_at: Timestamp;
}

export interface ReconciliationsTable {
  tenant_id: string;
  id: string;
  line_id: string;
  kind: 'payment' | 'entry';
  payment_id: string | null;
  entry_id: string | null;
  created_payment: Defaulted<boolean>;
  created_at: Timestamp;
  created_by: string | null;
}

export type AssetCategory = 'tangible' | 'intangible';

export interface FixedAssetsTable {
  tenant_id: string;
  id: string;
  /** The next A<year>-<nnnn> when inserted as null. */
  inventory_number: ColumnType<string, string | null, string>;
  name: string;
  category: AssetCategory;
  asset_account_id: string;
  depreciation_account_id: string;
  expense_account_id: string;
  acquisition_date: string;
  in_use_date: string;
  cost: Int8;
  useful_life_months: number;
  tax_group: number | null;
  tax_method: Defaulted<'straight' | 'accelerated'>;
  serial_number: string | null;
  location: string | null;
  cost_center: string | null;
  note: string | null;
  source_type: string | null;
  source_id: string | null;
  status: Defaulted<'active' | 'disposed'>;
  disposed_on: string | null;
  disposal_kind: 'sale' | 'scrap' | 'other' | null;
  activation_entry_id: string | null;
  disposal_entry_id: string | null;
  created_at: Timestamp;
}

export interface AssetDepreciationTable {
  tenant_id: string;
  id: string;
  asset_id: string;
  kind: 'accounting' | 'tax';
  period: string;
  amount: Int8;
  entry_id: string | null;
  created_at: Timestamp;
}

export interface ExchangeRatesTable {
  tenant_id: string;
  id: string;
  currency: string;
  date: string;
  rate: Numeric;
  source: Defaulted<'cnb' | 'manual'>;
  imported_at: Timestamp;
}

export interface DocumentRevaluationsTable {
  tenant_id: string;
  id: string;
  document_id: string;
  date: string;
  rate: Numeric;
  open_amount: Int8;
  delta: Int8;
  entry_id: string;
  created_at: Timestamp;
}

export interface DocumentOffsetsTable {
  tenant_id: string;
  id: string;
  credit_id: string;
  document_id: string;
  amount: Int8;
  date: string;
  credit_functional: Int8;
  document_functional: Int8;
  fx_entry_id: string | null;
  created_at: Timestamp;
}

export interface VatRecordsTable {
  tenant_id: string;
  id: string;
  document_id: string | null;
  cash_document_id: string | null;
  kind: string;
  direction: 'output' | 'input';
  self_assessed: boolean;
  regime: VatRegime;
  supply: 'goods' | 'services';
  rate_code: string;
  rate: Numeric;
  base: Int8;
  vat: Int8;
  deductible: Int8;
  deduction: Deduction;
  tax_date: string;
  vat_date: string;
  evidence_number: string;
  partner_id: string | null;
  partner_name: string | null;
  partner_country: string | null;
  partner_vat_id: string | null;
  document_total: Int8;
  corrects_number: string | null;
  rc_code: string | null;
  exemption: string | null;
  created_at: Timestamp;
}

export interface PaymentOrdersTable {
  tenant_id: string;
  id: string;
  bank_account_id: string;
  currency: string;
  execution_date: string;
  item_count: number;
  total: Int8;
  status: Defaulted<'open' | 'cancelled'>;
  created_at: Timestamp;
  created_by: string | null;
  cancelled_at: Date | null;
}

export interface PaymentOrderItemsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  line_no: number;
  document_id: string;
  amount: Int8;
  creditor_name: string;
  creditor_iban: string | null;
  creditor_bic: string | null;
  /** The Czech domestic form ("19-2000145399/0800"), for ABO. */
  creditor_account: string | null;
  variable_symbol: string | null;
  message: string | null;
}

export interface CashDesksTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Prefix of its document numbers (`HK` → `HK-P2026-0001`). */
  code: string;
  currency: string;
  account_id: string;
  active: Defaulted<boolean>;
  /** Kept by the database (the numbering trigger); never below zero. */
  balance: ColumnType<string, string | bigint | undefined, string | bigint>;
  last_date: Defaulted<string | null>;
  doc_count: Defaulted<number>;
  created_at: Timestamp;
}

export interface CashDocumentsTable {
  tenant_id: string;
  id: string;
  desk_id: string;
  kind: 'receipt' | 'payment';
  date: string;
  /** Assigned by the database when the document is inserted. */
  fiscal_year: Defaulted<number>;
  seq: ColumnType<string, string | bigint | undefined, string | bigint>;
  number: Defaulted<string>;
  amount: Int8;
  currency: string;
  rate: Numeric;
  functional: Int8;
  balance_after: ColumnType<string, string | bigint | undefined, string | bigint>;
  desk_seq: Defaulted<number>;
  description: string;
  person: string | null;
  partner_id: string | null;
  counter_account_id: string | null;
  document_id: string | null;
  payment_id: string | null;
  entry_id: string;
  cancels_id: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

export interface AccountingDatabase {
  'accounting.settings': SettingsTable;
  'accounting.accounts': AccountsTable;
  'accounting.counters': CountersTable;
  'accounting.period_locks': PeriodLocksTable;
  'accounting.journal_entries': JournalEntriesTable;
  'accounting.journal_lines': JournalLinesTable;
  'accounting.account_balances': AccountBalancesTable;
  'accounting.partners': PartnersTable;
  'accounting.vat_rates': VatRatesTable;
  'accounting.documents': DocumentsTable;
  'accounting.year_closings': YearClosingsTable;
  'accounting.reminder_settings': ReminderSettingsTable;
  'accounting.reminders': RemindersTable;
  'accounting.document_mails': DocumentMailsTable;
  'accounting.cost_centers': CostCentersTable;
  'accounting.cash_closes': CashClosesTable;
  'accounting.document_lines': DocumentLinesTable;
  'accounting.payments': PaymentsTable;
  'accounting.payment_allocations': PaymentAllocationsTable;
  'accounting.bank_accounts': BankAccountsTable;
  'accounting.bank_statements': BankStatementsTable;
  'accounting.bank_lines': BankLinesTable;
  'accounting.reconciliations': ReconciliationsTable;
  'accounting.fixed_assets': FixedAssetsTable;
  'accounting.asset_depreciation': AssetDepreciationTable;
  'accounting.exchange_rates': ExchangeRatesTable;
  'accounting.document_revaluations': DocumentRevaluationsTable;
  'accounting.document_offsets': DocumentOffsetsTable;
  'accounting.vat_records': VatRecordsTable;
  'accounting.payment_orders': PaymentOrdersTable;
  'accounting.payment_order_items': PaymentOrderItemsTable;
  'accounting.cash_desks': CashDesksTable;
  'accounting.cash_documents': CashDocumentsTable;
}

export type Db = Kysely<AccountingDatabase>;
