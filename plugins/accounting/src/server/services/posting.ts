import { badRequest, notFound } from '@bureau/core';
import type { AccountRole, PostingService } from '../../contract.ts';
import { listBankAccounts } from './bank.ts';
import { type Ctx, dbOf } from './context.ts';
import { entryIdBySource, entryView, post, reverse } from './ledger.ts';
import { pt } from './problem-texts.ts';
import { roleAccount, type AccountRole as SettingsRole } from './settings.ts';

/** The code of the ledger account playing a contract role; `bank` is the default bank account's. */
async function accountFor(ctx: Ctx, role: AccountRole): Promise<string> {
  if (role === 'bank') {
    const banks = (await listBankAccounts(ctx)).filter((b) => b.active);
    const { currency } = await dbOf(ctx)
      .selectFrom('accounting.settings')
      .select('currency')
      .where('tenant_id', '=', ctx.tenant.id)
      .executeTakeFirstOrThrow();
    const bank = banks.find((b) => b.currency === currency) ?? banks[0];
    if (bank) return bank.account;
  }
  const id = await roleAccount(ctx, role === 'bank' ? 'bankRoot' : (role as SettingsRole));
  const row = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select('code')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.code;
}

/** The `accounting.posting` service other modules reach through `ctx.use(postingService)`. */
export function postingServiceFor(ctx: Ctx): PostingService {
  // Accounting's own documents (invoices, payments) post under `accounting.*`; other modules may not.
  const external = (type: string) => {
    if (type.startsWith('accounting.')) {
      throw badRequest('invalid_input', pt.reservedSource, [{ path: 'source.type', message: pt.ownSourceType }]);
    }
  };
  return {
    post: (request) => {
      if (request.source) external(request.source.type);
      return post(ctx, request);
    },
    reverse: (entryId, options = {}) => reverse(ctx, entryId, options),
    async reverseBySource(source, options = {}) {
      external(source.type);
      const id = await entryIdBySource(ctx, source.type, source.id);
      if (!id) throw notFound('Journal entry');
      return reverse(ctx, id, options);
    },
    async findBySource(source) {
      const id = await entryIdBySource(ctx, source.type, source.id);
      return id ? entryView(ctx, id) : null;
    },
    get: (entryId) => entryView(ctx, entryId),
    accountFor: (role) => accountFor(ctx, role),
    async bankAccounts() {
      return (await listBankAccounts(ctx)).map((b) => ({
        id: b.id,
        name: b.name,
        iban: b.iban,
        accountNumber: b.accountNumber,
        currency: b.currency,
        account: b.account,
        active: b.active,
      }));
    },
  };
}
