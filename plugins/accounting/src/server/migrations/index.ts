import type { Migration } from 'kysely/migration';
import { ledger } from './0001_ledger.ts';
import { receivables } from './0002_receivables.ts';
import { bank } from './0003_bank.ts';
import { contract } from './0004_contract.ts';
import { guarantees } from './0005_guarantees.ts';
import { rates } from './0006_rates.ts';
import { vat } from './0007_vat.ts';
import { filings } from './0008_filings.ts';
import { parties } from './0009_parties.ts';
import { paymentOrders } from './0010_payment_orders.ts';
import { cashBook } from './0011_cash_book.ts';
import { vatPeriod } from './0012_vat_period.ts';
import { nonPayer } from './0013_non_payer.ts';
import { yearEnd } from './0014_year_end.ts';
import { reminders } from './0015_reminders.ts';
import { costCenters } from './0016_cost_centers.ts';
import { cashCloses } from './0017_cash_closes.ts';
import { documentMails } from './0018_document_mails.ts';

/** The accounting schema's migrations, in order. Keys sort lexicographically; never rename one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001_ledger': ledger,
  '0002_receivables': receivables,
  '0003_bank': bank,
  '0004_contract': contract,
  '0005_guarantees': guarantees,
  '0006_rates': rates,
  '0007_vat': vat,
  '0008_filings': filings,
  '0009_parties': parties,
  '0010_payment_orders': paymentOrders,
  '0011_cash_book': cashBook,
  '0012_vat_period': vatPeriod,
  '0013_non_payer': nonPayer,
  '0014_year_end': yearEnd,
  '0015_reminders': reminders,
  '0016_cost_centers': costCenters,
  '0017_cash_closes': cashCloses,
  '0018_document_mails': documentMails,
};
