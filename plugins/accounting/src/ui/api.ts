/**
 * The accounting API, typed from the plugin's own route chains: a changed route breaks the web build.
 * One `hono/client` proxy serves every area (they share the base `/api/t/<tenant>/accounting`).
 */
import { type PluginClient, pluginClient, useTenant } from '@bureau/core/ui';
import type { accountRoutes } from '../server/routes/accounts.ts';
import type { bankRoutes } from '../server/routes/bank.ts';
import type { cashBookRoutes } from '../server/routes/cash-book.ts';
import type { cashCloseRoutes } from '../server/routes/cash-closes.ts';
import type { costCenterRoutes } from '../server/routes/cost-centers.ts';
import type { billRoutes, invoiceRoutes } from '../server/routes/documents.ts';
import type { invoiceMailRoutes } from '../server/routes/invoice-mail.ts';
import type { isdocRoutes } from '../server/routes/isdoc.ts';
import type { journalRoutes } from '../server/routes/journal.ts';
import type { customerRoutes, vendorRoutes } from '../server/routes/partners.ts';
import type { paymentOrderRoutes } from '../server/routes/payment-orders.ts';
import type { paymentRoutes } from '../server/routes/payments.ts';
import type { reminderRoutes } from '../server/routes/reminders.ts';
import type { reportRoutes } from '../server/routes/reports.ts';
import type { vatRoutes } from '../server/routes/vat.ts';
import type { vatFilingRoutes } from '../server/routes/vat-filings.ts';
import type { yearEndRoutes } from '../server/routes/year-end.ts';

export type AccountingClient = PluginClient<ReturnType<typeof accountRoutes>> &
  PluginClient<ReturnType<typeof journalRoutes>> &
  PluginClient<ReturnType<typeof customerRoutes>> &
  PluginClient<ReturnType<typeof vendorRoutes>> &
  PluginClient<ReturnType<typeof invoiceRoutes>> &
  PluginClient<ReturnType<typeof billRoutes>> &
  PluginClient<ReturnType<typeof isdocRoutes>> &
  PluginClient<ReturnType<typeof invoiceMailRoutes>> &
  PluginClient<ReturnType<typeof paymentRoutes>> &
  PluginClient<ReturnType<typeof paymentOrderRoutes>> &
  PluginClient<ReturnType<typeof cashBookRoutes>> &
  PluginClient<ReturnType<typeof cashCloseRoutes>> &
  PluginClient<ReturnType<typeof bankRoutes>> &
  PluginClient<ReturnType<typeof vatRoutes>> &
  PluginClient<ReturnType<typeof vatFilingRoutes>> &
  PluginClient<ReturnType<typeof reportRoutes>> &
  PluginClient<ReturnType<typeof reminderRoutes>> &
  PluginClient<ReturnType<typeof costCenterRoutes>> &
  PluginClient<ReturnType<typeof yearEndRoutes>>;

/** The accounting client of the current tenant (call inside a tenant page). */
export function useAccounting(): () => AccountingClient {
  const { tenant } = useTenant();
  return () => pluginClient<ReturnType<typeof accountRoutes>>('accounting', tenant().slug) as AccountingClient;
}

/** `/api/t/<tenant>/accounting<path>`: for links the browser follows itself (exports, downloads). */
export function useAccountingUrl(): (path: string, query?: Record<string, string | undefined>) => string {
  const { tenant } = useTenant();
  return (path, query) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
    const s = qs.toString();
    return `/api/t/${encodeURIComponent(tenant().slug)}/accounting${path}${s ? `?${s}` : ''}`;
  };
}

/** One invoice or bill as the document lists show it. */
export type { DocumentSummary } from '../server/services/documents.ts';
