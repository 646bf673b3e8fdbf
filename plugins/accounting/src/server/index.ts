import { definePlugin } from '@bureau/core';
import type {
  DocumentsService,
  FixedAssetsService,
  PartnerBalancesService,
  PaymentsService,
  PostingService,
} from '../contract.ts';
import { migrations } from './migrations/index.ts';
import { personalData, records } from './records/index.ts';
import { accountRoutes } from './routes/accounts.ts';
import { bankRoutes } from './routes/bank.ts';
import { cashBookRoutes } from './routes/cash-book.ts';
import { cashCloseRoutes } from './routes/cash-closes.ts';
import { costCenterRoutes } from './routes/cost-centers.ts';
import { billRoutes, invoiceRoutes } from './routes/documents.ts';
import { fixedAssetRoutes } from './routes/fixed-assets.ts';
import { invoiceMailRoutes } from './routes/invoice-mail.ts';
import { isdocRoutes } from './routes/isdoc.ts';
import { journalRoutes } from './routes/journal.ts';
import { customerRoutes, vendorRoutes } from './routes/partners.ts';
import { paymentOrderRoutes } from './routes/payment-orders.ts';
import { paymentRoutes } from './routes/payments.ts';
import { rateRoutes } from './routes/rates.ts';
import { reminderRoutes } from './routes/reminders.ts';
import { reportRoutes } from './routes/reports.ts';
import { statementRoutes } from './routes/statements.ts';
import { vatRoutes } from './routes/vat.ts';
import { vatFilingRoutes } from './routes/vat-filings.ts';
import { yearEndRoutes } from './routes/year-end.ts';
import { seedTenant } from './services/accounts.ts';
import { documentsServiceFor } from './services/documents-service.ts';
import { fixedAssetsServiceFor } from './services/fixed-assets.ts';
import { demo, purge, summary } from './services/lifecycle.ts';
import { partnerBalancesServiceFor } from './services/partner-balances.ts';
import { syncFromParty } from './services/partners.ts';
import { paymentsServiceFor } from './services/payments-service.ts';
import { postingServiceFor } from './services/posting.ts';
import { reminderSchedule } from './services/reminder-schedule.ts';

/**
 * Accounting: chart of accounts, a balanced and immutable journal, receivables and payables,
 * bank statements and reconciliation, VAT and reports. Other modules post through the
 * `accounting.posting` service declared in `../contract.ts`.
 */
type AccountingServices = {
  posting: PostingService;
  documents: DocumentsService;
  partnerBalances: PartnerBalancesService;
  fixedAssets: FixedAssetsService;
  payments: PaymentsService;
};

export default definePlugin<'accounting', AccountingServices>({
  id: 'accounting',
  version: '1.0.0',
  title: { en: 'Accounting', cs: 'Účetnictví' },
  description: {
    en: 'Double-entry ledger, invoices and bills, payments, bank reconciliation, VAT and financial reports.',
    cs: 'Podvojné účetnictví, faktury vydané a přijaté, platby, párování banky, DPH a účetní výkazy.',
  },
  permissions: {
    'accounting.read': { en: 'See the books and reports', cs: 'Vidět účetnictví a výkazy' },
    'accounting.post': {
      en: 'Post entries, issue invoices, record payments, import and match bank statements',
      cs: 'Účtovat, vystavovat faktury, zadávat platby, importovat a párovat výpisy',
    },
    'accounting.admin': {
      en: 'Edit the chart of accounts, VAT rates, bank accounts and settings; lock periods',
      cs: 'Upravovat účtový rozvrh, sazby DPH, bankovní účty a nastavení; uzavírat období',
    },
  },
  memberPermissions: ['accounting.read'],
  migrations,
  // The module's purge (services/lifecycle.ts) runs as the owner; nothing else of ours is called directly.
  requestFunctions: ['accounting.purge_tenant()'],
  routes: (router) => {
    accountRoutes(router);
    costCenterRoutes(router);
    journalRoutes(router);
    customerRoutes(router);
    vendorRoutes(router);
    isdocRoutes(router);
    invoiceMailRoutes(router);
    reminderRoutes(router);
    invoiceRoutes(router);
    billRoutes(router);
    paymentRoutes(router);
    paymentOrderRoutes(router);
    cashBookRoutes(router);
    cashCloseRoutes(router);
    bankRoutes(router);
    vatRoutes(router);
    vatFilingRoutes(router);
    reportRoutes(router);
    yearEndRoutes(router);
    statementRoutes(router);
    fixedAssetRoutes(router);
    rateRoutes(router);
    return router;
  },
  services: {
    posting: postingServiceFor,
    documents: documentsServiceFor,
    partnerBalances: partnerBalancesServiceFor,
    fixedAssets: fixedAssetsServiceFor,
    payments: paymentsServiceFor,
  },
  events: {
    'accounting.entry.posted': { en: 'A journal entry was posted', cs: 'Byl zaúčtován účetní zápis' },
    'accounting.invoice.issued': { en: 'A sales invoice was issued', cs: 'Byla vystavena faktura' },
    'accounting.invoice.paid': { en: 'A sales invoice was paid in full', cs: 'Faktura byla plně uhrazena' },
    'accounting.period.locked': { en: 'An accounting period was locked', cs: 'Účetní období bylo uzavřeno' },
  },
  // The address book changed a party: its customer and vendor take over the details (services/partners.ts).
  on: {
    'core.party.updated': (event, ctx) => syncFromParty(ctx, (event.payload as { partyId: string }).partyId),
  },
  schedules: { reminders: reminderSchedule },
  records,
  personalData,
  onEnable: seedTenant,
  purge,
  summary,
  demo,
});
