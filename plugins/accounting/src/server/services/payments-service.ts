import { defineMessages, notFound } from '@bureau/core';
import type { PaymentsService } from '../../contract.ts';
import { type Ctx, dbOf } from './context.ts';
import { documentsServiceFor } from './documents-service.ts';
import { post } from './ledger.ts';
import { createPayment } from './payments.ts';
import { roleAccount } from './settings.ts';
import { bookText } from './texts.ts';

/** Journal texts of money other modules took in, in the tenant's language. */
const rt = defineMessages('accounting.receipts', {
  cod_fee: { en: 'Cash-on-delivery fees {carrier} ({reference})', cs: 'Poplatky za dobírky {carrier} ({reference})' },
});

/**
 * Money in transit: 261 "Peníze na cestě" of the Czech chart (vyhláška č. 500/2002 Sb., směrná
 * účtová osnova, účtová skupina 26), where cash on delivery waits between the carrier collecting it
 * and its bank transfer. The cash account when the tenant's chart has no active 261.
 */
async function transitAccount(ctx: Ctx): Promise<{ id: string; code: string }> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select(['id', 'code'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', '261')
    .where('active', '=', true)
    .executeTakeFirst();
  if (row) return row;
  return accountById(ctx, await roleAccount(ctx, 'cash'));
}

async function accountById(ctx: Ctx, id: string) {
  return dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select(['id', 'code'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The `accounting.payments` service of the contract (cash on delivery and cash of other modules). */
export function paymentsServiceFor(ctx: Ctx): PaymentsService {
  return {
    async recordReceipt(request) {
      const doc = await dbOf(ctx)
        .selectFrom('accounting.documents')
        .select(['id', 'partner_id', 'currency', 'status', 'total', 'paid'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', request.documentId)
        .where('kind', '=', 'invoice')
        .executeTakeFirst();
      if (!doc) throw notFound('Invoice');
      const account = request.method === 'cod' ? await transitAccount(ctx) : null;
      // What is open of the invoice is paid; more stays as the customer's credit (createPayment).
      const open = doc.status === 'issued' ? BigInt(doc.total) - BigInt(doc.paid) : 0n;
      const payment = await createPayment(
        ctx,
        {
          partnerId: doc.partner_id,
          date: request.date,
          amount: request.amount,
          currency: doc.currency,
          reference: request.reference,
          allocations: open > 0n ? [{ documentId: doc.id }] : [],
        },
        account ? { cashAccountId: account.id } : {},
      );
      return {
        paymentId: payment.id,
        entryId: payment.entryId,
        document: await documentsServiceFor(ctx).get(doc.id),
      };
    },
    async recordCarrierFee(request) {
      const transit = await transitAccount(ctx);
      const expense = await accountById(ctx, await roleAccount(ctx, 'expense'));
      const { entry, created } = await post(ctx, {
        date: request.date,
        memo: bookText(ctx, rt.cod_fee, { carrier: request.carrier, reference: request.reference }),
        source: request.source,
        lines: [
          { account: expense.code, debit: request.amount, counterparty: request.carrier },
          { account: transit.code, credit: request.amount, counterparty: request.carrier },
        ],
      });
      return { entryId: entry.id, created };
    },
  };
}
