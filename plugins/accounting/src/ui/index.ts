/**
 * The accounting panels: journal, chart of accounts, invoices and bills, customers and vendors,
 * payments, bank reconciliation and reports, plus two dashboard widgets. Every page is lazy, so this
 * entry (its own chunk, requested only when the module is enabled) stays a few hundred bytes.
 */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const Journal = lazy(() => import('./pages/journal.tsx'));
const EntryForm = lazy(() => import('./pages/entry-form.tsx'));
const Entry = lazy(() => import('./pages/entry.tsx'));
const Accounts = lazy(() => import('./pages/accounts.tsx'));
const Documents = lazy(() => import('./pages/documents.tsx'));
const DocumentForm = lazy(() => import('./pages/document-form.tsx'));
const DocumentDetail = lazy(() => import('./pages/document.tsx'));
const Partners = lazy(() => import('./pages/partners.tsx'));
const Payments = lazy(() => import('./pages/payments.tsx'));
const PaymentOrders = lazy(() => import('./pages/payment-orders.tsx'));
const CashBook = lazy(() => import('./pages/cash.tsx'));
const Bank = lazy(() => import('./pages/bank.tsx'));
const BankImport = lazy(() => import('./pages/bank-import.tsx'));
const Reports = lazy(() => import('./pages/reports.tsx'));
const VatFilings = lazy(() => import('./pages/vat-filings.tsx'));
const Periods = lazy(() => import('./pages/periods.tsx'));
const YearEnd = lazy(() => import('./pages/year-end.tsx'));
const Reminders = lazy(() => import('./pages/reminders.tsx'));
const CostCenters = lazy(() => import('./pages/cost-centers.tsx'));

const read = 'accounting.read';
const post = 'accounting.post';

export default definePluginUi({
  id: 'accounting',
  title: { en: 'Accounting', cs: 'Účetnictví' },
  nav: [
    { label: { en: 'Journal', cs: 'Účetní deník' }, path: '/', icon: 'book', permission: read },
    { label: { en: 'Invoices', cs: 'Faktury vydané' }, path: '/invoices', icon: 'invoice', permission: read },
    { label: { en: 'Reminders', cs: 'Upomínky' }, path: '/reminders', icon: 'invoice', permission: read },
    { label: { en: 'Bills', cs: 'Faktury přijaté' }, path: '/bills', icon: 'receipt', permission: read },
    { label: { en: 'Payments', cs: 'Platby' }, path: '/payments', icon: 'payment', permission: read },
    {
      label: { en: 'Payment orders', cs: 'Příkazy k úhradě' },
      path: '/payment-orders',
      icon: 'payment',
      permission: read,
    },
    { label: { en: 'Cash book', cs: 'Pokladna' }, path: '/cash', icon: 'payment', permission: read },
    { label: { en: 'Bank', cs: 'Banka' }, path: '/bank', icon: 'bank', permission: read },
    {
      label: { en: 'Customers & vendors', cs: 'Odběratelé a dodavatelé' },
      path: '/partners',
      icon: 'contacts',
      permission: read,
    },
    { label: { en: 'Reports', cs: 'Výkazy' }, path: '/reports', icon: 'chart', permission: read },
    { label: { en: 'Cost centres', cs: 'Střediska' }, path: '/cost-centers', icon: 'chart', permission: read },
    { label: { en: 'VAT filings', cs: 'DPH' }, path: '/vat', icon: 'chart', permission: read },
    { label: { en: 'Periods', cs: 'Období' }, path: '/periods', icon: 'book', permission: read },
    { label: { en: 'Year-end', cs: 'Uzávěrka' }, path: '/year-end', icon: 'book', permission: read },
    { label: { en: 'Chart of accounts', cs: 'Účtový rozvrh' }, path: '/accounts', icon: 'tree', permission: read },
  ],
  routes: [
    { path: '/', component: Journal, permission: read },
    { path: '/journal/new', component: EntryForm, permission: post },
    { path: '/journal/:id', component: Entry, permission: read },
    { path: '/accounts', component: Accounts, permission: read },
    { path: '/invoices', component: () => Documents({ kind: 'invoice' }), permission: read },
    { path: '/invoices/new', component: () => DocumentForm({ kind: 'invoice' }), permission: post },
    { path: '/invoices/:id', component: () => DocumentDetail({ kind: 'invoice' }), permission: read },
    { path: '/reminders', component: Reminders, permission: read },
    { path: '/bills', component: () => Documents({ kind: 'bill' }), permission: read },
    { path: '/bills/new', component: () => DocumentForm({ kind: 'bill' }), permission: post },
    { path: '/bills/:id', component: () => DocumentDetail({ kind: 'bill' }), permission: read },
    { path: '/partners', component: Partners, permission: read },
    { path: '/payments', component: Payments, permission: read },
    { path: '/payment-orders', component: PaymentOrders, permission: read },
    { path: '/cash', component: CashBook, permission: read },
    { path: '/bank', component: Bank, permission: read },
    { path: '/bank/import', component: BankImport, permission: post },
    { path: '/reports', component: Reports, permission: read },
    { path: '/cost-centers', component: CostCenters, permission: read },
    { path: '/vat', component: VatFilings, permission: read },
    { path: '/periods', component: Periods, permission: read },
    { path: '/year-end', component: YearEnd, permission: read },
  ],
  widgets: [
    {
      id: 'cash-position',
      title: { en: 'Cash position', cs: 'Peněžní prostředky' },
      component: lazy(() => import('./widgets/cash-position.tsx')),
      permission: read,
    },
    {
      id: 'overdue-receivables',
      title: { en: 'Overdue receivables', cs: 'Pohledávky po splatnosti' },
      component: lazy(() => import('./widgets/overdue.tsx')),
      permission: read,
      span: 2,
    },
  ],
});
