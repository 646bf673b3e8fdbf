import type { Runtime } from '../runtime.ts';
import { loadInvoices } from './invoices.ts';
import { renewTenant } from './runner.ts';

/**
 * The demo firm's first billing invoice (issue 20 item 9): its trial ends now and the billing run
 * renews it through the same path as every night, so Settings → Billing shows a real invoice with
 * its PDF, ISDOC and QR payment.
 */
export async function seedDemoInvoice(runtime: Runtime, tenantId: string): Promise<number> {
  return runtime.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('core.billing_subscriptions')
      .set({ trial_ends_at: runtime.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'trial')
      .execute();
    await renewTenant(trx, runtime, tenantId);
    return (await loadInvoices(trx, { tenantId })).length;
  });
}
