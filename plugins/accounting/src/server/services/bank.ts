import { createHash } from 'node:crypto';
import { badRequest, conflict, type FieldError, newId, notFound } from '@bureau/core';
import { sql } from 'kysely';
import { money, normalizeDecimal } from './amounts.ts';
import { actorLabel, type Ctx, dbOf, settingsOf } from './context.ts';
import type { BankLineStatus } from './db.ts';
import { isValidBic, isValidCzechAccount, normalizeIban } from './identifiers.ts';
import { postLedgerEntry, resolvePosting, reverse } from './ledger.ts';
import { createPayment, undoPayment } from './payments.ts';
import { roleAccount } from './settings.ts';
import { parseCamt053 } from './statements/camt053.ts';
import { type CsvMapping, parseCsvStatement } from './statements/csv.ts';
import { parseOfx } from './statements/ofx.ts';
import type { ParsedLine, ParsedStatement } from './statements/types.ts';

// ─── Bank accounts ──────────────────────────────────────────────────────────

export interface BankAccountInput {
  name: string;
  iban?: string | null | undefined;
  accountNumber?: string | null | undefined;
  bic?: string | null | undefined;
  currency?: string | undefined;
  /** Ledger account code; omitted → a new analytic account under the bank root (221001, 1100001 …). */
  account?: string | undefined;
}

function validateBank(input: Partial<BankAccountInput>) {
  const errors: FieldError[] = [];
  const iban = input.iban ? normalizeIban(input.iban) : input.iban === undefined ? undefined : null;
  if (input.iban && !iban) errors.push({ path: 'iban', message: { en: 'Not a valid IBAN', cs: 'Neplatný IBAN' } });
  if (input.bic && !isValidBic(input.bic))
    errors.push({ path: 'bic', message: { en: 'Not a valid BIC', cs: 'Neplatný kód BIC' } });
  if (
    input.accountNumber &&
    !isValidCzechAccount(input.accountNumber) &&
    !/^[0-9A-Za-z -]{4,34}$/.test(input.accountNumber)
  ) {
    errors.push({ path: 'accountNumber', message: { en: 'Not an account number', cs: 'Neplatné číslo účtu' } });
  }
  if (errors.length)
    throw badRequest(
      'invalid_input',
      { en: 'The bank account is invalid', cs: 'Bankovní účet obsahuje chyby' },
      errors,
    );
  return iban;
}

export async function createBankAccount(ctx: Ctx, input: BankAccountInput) {
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const iban = validateBank(input);
  if (iban) {
    const dup = await db
      .selectFrom('accounting.bank_accounts')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('iban', '=', iban)
      .executeTakeFirst();
    if (dup)
      throw conflict('duplicate_iban', {
        en: `A bank account with IBAN ${iban} already exists`,
        cs: `Bankovní účet s IBAN ${iban} už existuje`,
      });
  }
  let accountId: string;
  if (input.account) {
    const a = await db
      .selectFrom('accounting.accounts')
      .select(['id', 'type', 'active'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('code', '=', input.account)
      .executeTakeFirst();
    if (!a?.active || a.type !== 'asset') {
      throw badRequest('invalid_input', { en: 'Unknown ledger account', cs: 'Neznámý účet v účtovém rozvrhu' }, [
        { path: 'account', message: { en: 'Expected an active asset account code', cs: 'Zadejte aktivní účet aktiv' } },
      ]);
    }
    accountId = a.id;
  } else {
    const rootId = await roleAccount(ctx, 'bankRoot');
    const root = await db
      .selectFrom('accounting.accounts')
      .select(['code', 'cash_flow'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', rootId)
      .executeTakeFirstOrThrow();
    const taken = await db
      .selectFrom('accounting.accounts')
      .select('code')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('code', 'like', `${root.code}___`)
      .execute();
    const used = new Set(taken.map((t) => t.code));
    let n = 1;
    while (used.has(`${root.code}${String(n).padStart(3, '0')}`)) n++;
    accountId = newId();
    await db
      .insertInto('accounting.accounts')
      .values({
        tenant_id: ctx.tenant.id,
        id: accountId,
        code: `${root.code}${String(n).padStart(3, '0')}`,
        name: input.name.slice(0, 200),
        type: 'asset',
        parent_id: rootId,
        cash: true,
        cash_flow: root.cash_flow,
      })
      .execute();
  }
  const id = newId();
  await db
    .insertInto('accounting.bank_accounts')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      name: input.name,
      iban: iban ?? null,
      account_number: input.accountNumber ?? null,
      bic: input.bic?.toUpperCase() ?? null,
      currency: (input.currency ?? settings.currency).toUpperCase(),
      account_id: accountId,
    })
    .execute();
  const view = await getBankAccount(ctx, id);
  await ctx.audit({
    action: 'accounting.bank_account.create',
    entityType: 'accounting.bank_account',
    entityId: id,
    after: view,
  });
  return view;
}

export async function updateBankAccount(
  ctx: Ctx,
  id: string,
  patch: {
    name?: string | undefined;
    bic?: string | null | undefined;
    active?: boolean | undefined;
    csvMapping?: CsvMapping | null | undefined;
  },
) {
  const before = await getBankAccount(ctx, id);
  validateBank({ bic: patch.bic ?? undefined });
  const changes = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.bic !== undefined ? { bic: patch.bic?.toUpperCase() ?? null } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.csvMapping !== undefined
      ? { csv_mapping: patch.csvMapping ? JSON.stringify(patch.csvMapping) : null }
      : {}),
  };
  // An empty patch changes nothing and answers the bank account as it is.
  if (Object.keys(changes).length === 0) return before;
  await dbOf(ctx)
    .updateTable('accounting.bank_accounts')
    .set(changes)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  const after = await getBankAccount(ctx, id);
  await ctx.audit({
    action: 'accounting.bank_account.update',
    entityType: 'accounting.bank_account',
    entityId: id,
    before,
    after,
  });
  return after;
}

function bankAccountsQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.bank_accounts as b')
    .innerJoin('accounting.accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'b.tenant_id').onRef('a.id', '=', 'b.account_id'),
    )
    .selectAll('b')
    .select([
      'a.code as account_code',
      sql<string>`coalesce((select sum(ab.debit - ab.credit) from accounting.account_balances ab
        where ab.tenant_id = b.tenant_id and ab.account_id = b.account_id), 0)::bigint`.as('balance'),
      sql<string>`(select count(*) from accounting.bank_lines l
        where l.tenant_id = b.tenant_id and l.bank_account_id = b.id and l.status = 'unmatched')`.as('unmatched'),
      // The books in the account's own currency: its lines in that currency (all of them for a functional account).
      sql<string>`coalesce((select sum(case when jl.debit > 0 then jl.amount else -jl.amount end)
        from accounting.journal_lines jl
        where jl.tenant_id = b.tenant_id and jl.account_id = b.account_id and jl.currency = b.currency), 0)::bigint`.as(
        'currency_balance',
      ),
      sql<{
        closing: string;
        date: string | null;
      } | null>`(select json_build_object('closing', s.closing_balance::text, 'date', s.to_date::text)
        from accounting.bank_statements s
        where s.tenant_id = b.tenant_id and s.bank_account_id = b.id and s.closing_balance is not null
        order by s.to_date desc nulls last, s.imported_at desc limit 1)`.as('last_statement'),
    ])
    .where('b.tenant_id', '=', ctx.tenant.id);
}

type BankRow = Awaited<ReturnType<ReturnType<typeof bankAccountsQuery>['executeTakeFirstOrThrow']>>;

const bankView = (b: BankRow, functional: string) => ({
  id: b.id,
  name: b.name,
  iban: b.iban,
  accountNumber: b.account_number,
  bic: b.bic,
  currency: b.currency,
  account: b.account_code,
  active: b.active,
  csvMapping: (b.csv_mapping ?? null) as CsvMapping | null,
  /** Ledger balance of the bank's account, functional currency. */
  balance: money(b.balance, functional),
  /** The books' balance in the account's currency (= `balance` for a functional-currency account). */
  bookBalance: b.currency === functional ? money(b.balance, functional) : money(b.currency_balance, b.currency),
  /** The closing balance of the latest imported statement that states one (camt.053, OFX), in the account's currency. */
  statementBalance: b.last_statement ? money(b.last_statement.closing, b.currency) : null,
  statementDate: b.last_statement?.date ?? null,
  unmatchedLines: Number(b.unmatched),
});

export async function listBankAccounts(ctx: Ctx) {
  const { currency } = await settingsOf(ctx);
  return (await bankAccountsQuery(ctx).orderBy('b.name').execute()).map((b) => bankView(b, currency));
}

export async function getBankAccount(ctx: Ctx, id: string) {
  const { currency } = await settingsOf(ctx);
  const row = await bankAccountsQuery(ctx).where('b.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Bank account');
  return bankView(row, currency);
}

// ─── Statement import ───────────────────────────────────────────────────────

/** 409 for a statement line that is matched or ignored already. */
const lineNotOpen = (status: string) =>
  status === 'ignored'
    ? { en: 'The line is ignored', cs: 'Pohyb je označený jako ignorovaný' }
    : { en: 'The line is matched already', cs: 'Pohyb už je spárovaný' };

export interface ImportInput {
  format: 'csv' | 'camt053' | 'ofx';
  /** The file as text … */
  content?: string | undefined;
  /** … or base64 bytes with their encoding (Czech banks still export windows-1250). */
  contentBase64?: string | undefined;
  encoding?: string | undefined;
  fileName?: string | undefined;
  mapping?: CsvMapping | undefined;
  /** Save `mapping` on the bank account for next time (default true). */
  saveMapping?: boolean | undefined;
}

function decode(input: ImportInput): string {
  if (input.content !== undefined) return input.content;
  if (input.contentBase64 === undefined) {
    throw badRequest('invalid_input', { en: 'The file is missing', cs: 'Chybí soubor' }, [
      { path: 'content', message: { en: 'Give content or contentBase64', cs: 'Pošlete content nebo contentBase64' } },
    ]);
  }
  const bytes = Buffer.from(input.contentBase64, 'base64');
  try {
    return new TextDecoder(input.encoding ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('invalid_input', { en: 'The file cannot be decoded', cs: 'Soubor nelze přečíst' }, [
      {
        path: 'encoding',
        message: { en: `Not valid ${input.encoding ?? 'utf-8'}`, cs: `Není platné ${input.encoding ?? 'utf-8'}` },
      },
    ]);
  }
}

/** A line's identity for duplicate detection: the bank's id if it has one, else its content and position among equal lines. */
function fingerprint(l: ParsedLine, occurrence: number): string {
  if (l.externalId) return `id:${l.externalId}`;
  const h = createHash('sha256')
    .update(
      [l.date, l.amount.toString(), l.currency, l.counterpartyAccount, l.variableSymbol, l.reference, l.message]
        .map((v) => v ?? '')
        .join('\u001f'),
    )
    .digest('hex')
    .slice(0, 32);
  return `h:${h}:${occurrence}`;
}

/**
 * Imports a statement file into a bank account. Lines already imported (same bank id, or same
 * content) are skipped and counted as duplicates; importing a file twice adds nothing.
 */
export async function importStatement(ctx: Ctx, bankAccountId: string, input: ImportInput) {
  const db = dbOf(ctx);
  const bank = await db
    .selectFrom('accounting.bank_accounts')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', bankAccountId)
    .executeTakeFirst();
  if (!bank) throw notFound('Bank account');
  const content = decode(input);
  let statements: ParsedStatement[];
  if (input.format === 'csv') {
    const mapping = input.mapping ?? (bank.csv_mapping as CsvMapping | null);
    if (!mapping) {
      throw badRequest(
        'mapping_required',
        {
          en: 'This bank account has no saved CSV mapping; send one',
          cs: 'Tento bankovní účet nemá uložené mapování CSV; pošlete ho',
        },
        [
          {
            path: 'mapping',
            message: { en: 'Required for the first CSV import', cs: 'Povinné při prvním importu CSV' },
          },
        ],
      );
    }
    statements = [parseCsvStatement(content, mapping, bank.currency)];
    if (input.mapping && input.saveMapping !== false) {
      await db
        .updateTable('accounting.bank_accounts')
        .set({ csv_mapping: JSON.stringify(input.mapping) })
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', bankAccountId)
        .execute();
    }
  } else {
    statements = input.format === 'camt053' ? parseCamt053(content) : parseOfx(content);
    if (bank.iban) {
      const other = statements.find((s) => s.iban && s.iban !== bank.iban);
      if (other)
        throw conflict('account_mismatch', {
          en: `The statement is for ${other.iban}, not ${bank.iban}`,
          cs: `Výpis je pro účet ${other.iban}, ne ${bank.iban}`,
        });
    }
  }
  const wrongCurrency = statements.flatMap((s) => s.lines).find((l) => l.currency !== bank.currency);
  if (wrongCurrency) {
    throw badRequest(
      'currency_mismatch',
      `The statement has ${wrongCurrency.currency} lines; the bank account is in ${bank.currency}`,
    );
  }

  let imported = 0;
  let duplicates = 0;
  const statementIds: string[] = [];
  for (const s of statements) {
    const statementId = newId();
    statementIds.push(statementId);
    await db
      .insertInto('accounting.bank_statements')
      .values({
        tenant_id: ctx.tenant.id,
        id: statementId,
        bank_account_id: bankAccountId,
        format: input.format,
        reference: s.reference,
        file_name: input.fileName ?? null,
        from_date: s.fromDate,
        to_date: s.toDate,
        opening_balance: s.openingBalance,
        closing_balance: s.closingBalance,
        line_count: 0,
        duplicate_count: 0,
        imported_by: actorLabel(ctx),
      })
      .execute();
    const seen = new Map<string, number>();
    let added = 0;
    for (const l of s.lines) {
      const base = fingerprint(l, 0);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const inserted = await db
        .insertInto('accounting.bank_lines')
        .values({
          tenant_id: ctx.tenant.id,
          id: newId(),
          bank_account_id: bankAccountId,
          statement_id: statementId,
          date: l.date,
          value_date: l.valueDate,
          amount: l.amount,
          currency: l.currency,
          counterparty_name: l.counterpartyName,
          counterparty_account: l.counterpartyAccount,
          variable_symbol: l.variableSymbol,
          constant_symbol: l.constantSymbol,
          specific_symbol: l.specificSymbol,
          reference: l.reference,
          message: l.message,
          external_id: l.externalId,
          fingerprint: l.externalId ? base : fingerprint(l, n),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'bank_account_id', 'fingerprint']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) added++;
      else duplicates++;
    }
    imported += added;
    await db
      .updateTable('accounting.bank_statements')
      .set({ line_count: added, duplicate_count: s.lines.length - added })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', statementId)
      .execute();
  }
  await ctx.audit({
    action: 'accounting.bank_statement.import',
    entityType: 'accounting.bank_account',
    entityId: bankAccountId,
    after: { format: input.format, fileName: input.fileName ?? null, imported, duplicates },
  });
  return { statementIds, imported, duplicates };
}

export async function listStatements(ctx: Ctx, bankAccountId: string) {
  const bank = await getBankAccount(ctx, bankAccountId);
  const rows = await dbOf(ctx)
    .selectFrom('accounting.bank_statements')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('bank_account_id', '=', bankAccountId)
    .orderBy('imported_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((s) => ({
    id: s.id,
    format: s.format,
    reference: s.reference,
    fileName: s.file_name,
    fromDate: s.from_date,
    toDate: s.to_date,
    openingBalance: s.opening_balance === null ? null : money(s.opening_balance, bank.currency),
    closingBalance: s.closing_balance === null ? null : money(s.closing_balance, bank.currency),
    lines: s.line_count,
    duplicates: s.duplicate_count,
    importedAt: new Date(s.imported_at).toISOString(),
    importedBy: s.imported_by,
  }));
}

// ─── Lines and reconciliation ───────────────────────────────────────────────

function linesQuery(ctx: Ctx) {
  return (
    dbOf(ctx)
      .selectFrom('accounting.bank_lines as l')
      .leftJoin('accounting.reconciliations as r', (j) =>
        j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.line_id', '=', 'l.id'),
      )
      .selectAll('l')
      .select(['r.kind as match_kind', 'r.payment_id', 'r.entry_id'])
      // The ČNB rate of the line's day (the last one declared within ten days), to prefill a foreign line's rate.
      .select(
        sql<string | null>`(select x.rate::text from accounting.exchange_rates x
        where x.tenant_id = l.tenant_id and x.currency = l.currency and x.date <= l.date and x.date >= l.date - 10
        order by x.date desc limit 1)`.as('suggested_rate'),
      )
      .where('l.tenant_id', '=', ctx.tenant.id)
  );
}

type LineRow = Awaited<ReturnType<ReturnType<typeof linesQuery>['executeTakeFirstOrThrow']>>;

const lineView = (l: LineRow) => ({
  id: l.id,
  bankAccountId: l.bank_account_id,
  statementId: l.statement_id,
  date: l.date,
  valueDate: l.value_date,
  amount: money(l.amount, l.currency),
  currency: l.currency,
  counterpartyName: l.counterparty_name,
  counterpartyAccount: l.counterparty_account,
  variableSymbol: l.variable_symbol,
  constantSymbol: l.constant_symbol,
  specificSymbol: l.specific_symbol,
  reference: l.reference,
  message: l.message,
  externalId: l.external_id,
  status: l.status as BankLineStatus,
  match: l.match_kind ? { kind: l.match_kind, paymentId: l.payment_id, entryId: l.entry_id } : null,
  /** For a foreign-currency line: the ČNB rate of its day when rates were imported. */
  suggestedRate: l.suggested_rate ? normalizeDecimal(l.suggested_rate) : null,
});

export type BankLineView = ReturnType<typeof lineView>;

export async function listLines(
  ctx: Ctx,
  opts: {
    bankAccountId?: string | undefined;
    status?: BankLineStatus | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  let q = linesQuery(ctx);
  if (opts.bankAccountId) q = q.where('l.bank_account_id', '=', opts.bankAccountId);
  if (opts.status) q = q.where('l.status', '=', opts.status);
  if (opts.from) q = q.where('l.date', '>=', opts.from);
  if (opts.to) q = q.where('l.date', '<=', opts.to);
  const rows = await q.orderBy('l.date', 'desc').orderBy('l.id').limit(opts.limit).offset(opts.offset).execute();
  return rows.map(lineView);
}

export async function getLine(ctx: Ctx, id: string) {
  const row = await linesQuery(ctx).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Bank statement line');
  return row;
}

export interface Suggestion {
  kind: 'invoice' | 'bill' | 'payment';
  id: string;
  number: string | null;
  partner: { id: string; name: string };
  /** Open amount of the document, or the payment's amount. */
  amount: string;
  currency: string;
  score: number;
  reasons: ('variable_symbol' | 'amount' | 'counterparty_account' | 'counterparty_name' | 'reference')[];
}

const words = (s: string | null | undefined) =>
  new Set(
    (s ?? '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !['sro', 'spol', 'ltd', 'gmbh', 'inc', 'the'].includes(w)),
  );

/**
 * Candidates for an unmatched line, best first: open invoices (money in) or bills (money out)
 * scored by variable symbol, exact open amount, counterparty account and name, and document
 * number in the reference; plus unreconciled payments of the same amount.
 */
export async function suggestions(ctx: Ctx, lineId: string): Promise<Suggestion[]> {
  const line = await getLine(ctx, lineId);
  const db = dbOf(ctx);
  const amount = BigInt(line.amount);
  const abs = amount < 0n ? -amount : amount;
  const kind = amount > 0n ? 'invoice' : 'bill';
  const text = [line.reference, line.message].filter(Boolean).join(' ');
  const account = line.counterparty_account;
  const docs = await db
    .selectFrom('accounting.documents as d')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'),
    )
    .select([
      'd.id',
      'd.number',
      'd.variable_symbol',
      'd.total',
      'd.paid',
      'd.currency',
      'p.id as partner_id',
      'p.name',
      'p.iban',
      'p.bank_account',
    ])
    .where('d.tenant_id', '=', ctx.tenant.id)
    .where('d.kind', '=', kind)
    .where('d.status', '=', 'issued')
    .where('d.currency', '=', line.currency)
    .where((eb) => {
      const ors = [eb(sql`d.total - d.paid`, '=', abs.toString())];
      if (line.variable_symbol) ors.push(eb('d.variable_symbol', '=', line.variable_symbol));
      if (account) ors.push(eb('p.iban', '=', account), eb('p.bank_account', '=', account));
      if (line.counterparty_name) ors.push(eb(sql`lower(p.name)`, '=', line.counterparty_name.toLowerCase()));
      return eb.or(ors);
    })
    .orderBy('d.due_date')
    .limit(50)
    .execute();
  const lineWords = words(line.counterparty_name);
  const out: Suggestion[] = docs.map((d) => {
    const reasons: Suggestion['reasons'] = [];
    let score = 0;
    const open = BigInt(d.total) - BigInt(d.paid);
    if (line.variable_symbol && d.variable_symbol === line.variable_symbol) {
      score += 50;
      reasons.push('variable_symbol');
    }
    if (open === abs) {
      score += 30;
      reasons.push('amount');
    }
    if (account && (d.iban === account || d.bank_account === account)) {
      score += 15;
      reasons.push('counterparty_account');
    }
    const partnerWords = words(d.name);
    if ([...lineWords].some((w) => partnerWords.has(w))) {
      score += 10;
      reasons.push('counterparty_name');
    }
    if (d.number && text.includes(d.number)) {
      score += 20;
      reasons.push('reference');
    }
    return {
      kind,
      id: d.id,
      number: d.number,
      partner: { id: d.partner_id, name: d.name },
      amount: money(open, d.currency),
      currency: d.currency,
      score,
      reasons,
    };
  });
  const payments = await db
    .selectFrom('accounting.payments as y')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'y.tenant_id').onRef('p.id', '=', 'y.partner_id'),
    )
    .leftJoin('accounting.reconciliations as r', (j) =>
      j.onRef('r.tenant_id', '=', 'y.tenant_id').onRef('r.payment_id', '=', 'y.id'),
    )
    .select(['y.id', 'y.reference', 'y.amount', 'y.currency', 'p.id as partner_id', 'p.name'])
    .where('y.tenant_id', '=', ctx.tenant.id)
    .where('r.id', 'is', null)
    .where('y.voided_at', 'is', null)
    .where('y.bank_account_id', '=', line.bank_account_id)
    .where('y.direction', '=', amount > 0n ? 'in' : 'out')
    .where('y.amount', '=', abs.toString())
    .where('y.currency', '=', line.currency)
    .limit(20)
    .execute();
  for (const y of payments) {
    const reasons: Suggestion['reasons'] = ['amount'];
    let score = 40;
    if (y.reference && (y.reference === line.variable_symbol || text.includes(y.reference))) {
      score += 30;
      reasons.push('reference');
    }
    out.push({
      kind: 'payment',
      id: y.id,
      number: y.reference,
      partner: { id: y.partner_id, name: y.name },
      amount: money(y.amount, y.currency),
      currency: y.currency,
      score,
      reasons,
    });
  }
  return out.sort((a, b) => b.score - a.score || (a.number ?? '').localeCompare(b.number ?? '')).slice(0, 10);
}

export interface MatchInput {
  documentId?: string | undefined;
  paymentId?: string | undefined;
  /** Post the line straight to an account (bank fees, interest, transfers). */
  account?: string | undefined;
  memo?: string | undefined;
  /** Exchange rate for a foreign-currency bank line paying a document; defaults to the document's rate. */
  rate?: string | undefined;
}

/** Matches a line: pays a document (a new payment), links an existing payment, or posts to an account. */
export async function matchLine(ctx: Ctx, lineId: string, input: MatchInput) {
  const given = [input.documentId, input.paymentId, input.account].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw badRequest(
      'invalid_input',
      {
        en: 'Give exactly one of documentId, paymentId or account',
        cs: 'Zadejte právě jedno z: documentId, paymentId, account',
      },
      [
        {
          path: 'documentId',
          message: {
            en: 'Exactly one of documentId, paymentId, account',
            cs: 'Právě jedno z: documentId, paymentId, account',
          },
        },
      ],
    );
  }
  const db = dbOf(ctx);
  const line = await getLine(ctx, lineId);
  if (line.status !== 'unmatched') throw conflict('line_not_open', lineNotOpen(line.status));
  const amount = BigInt(line.amount);
  const abs = amount < 0n ? -amount : amount;
  const bank = await db
    .selectFrom('accounting.bank_accounts')
    .select(['account_id'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', line.bank_account_id)
    .executeTakeFirstOrThrow();
  const recon = { tenant_id: ctx.tenant.id, id: newId(), line_id: lineId, created_by: actorLabel(ctx) };

  if (input.documentId) {
    const doc = await db
      .selectFrom('accounting.documents')
      .select(['id', 'kind', 'partner_id', 'rate', 'variable_symbol', 'number'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.documentId)
      .executeTakeFirst();
    if (!doc || doc.kind !== (amount > 0n ? 'invoice' : 'bill')) {
      throw badRequest('invalid_input', amount > 0n ? 'Money in pays an invoice' : 'Money out pays a bill', [
        {
          path: 'documentId',
          message:
            amount > 0n
              ? { en: 'Not an invoice', cs: 'Není vydaná faktura' }
              : { en: 'Not a bill', cs: 'Není přijatá faktura' },
        },
      ]);
    }
    const { currency } = await settingsOf(ctx);
    const payment = await createPayment(
      ctx,
      {
        partnerId: doc.partner_id,
        date: line.date,
        amount: money(abs, line.currency),
        currency: line.currency,
        rate:
          line.currency === currency
            ? undefined
            : (input.rate ??
              (line.suggested_rate ? normalizeDecimal(line.suggested_rate) : normalizeDecimal(doc.rate))),
        bankAccountId: line.bank_account_id,
        reference: line.variable_symbol ?? line.reference ?? doc.number,
        memo: input.memo ?? line.message,
        allocations: [{ documentId: doc.id }],
      },
      { statementLineId: lineId },
    );
    await db
      .insertInto('accounting.reconciliations')
      .values({ ...recon, kind: 'payment', payment_id: payment.id, created_payment: true })
      .execute();
  } else if (input.paymentId) {
    const p = await db
      .selectFrom('accounting.payments as y')
      .leftJoin('accounting.reconciliations as r', (j) =>
        j.onRef('r.tenant_id', '=', 'y.tenant_id').onRef('r.payment_id', '=', 'y.id'),
      )
      .select(['y.id', 'y.amount', 'y.direction', 'y.currency', 'y.bank_account_id', 'y.voided_at', 'r.id as recon_id'])
      .where('y.tenant_id', '=', ctx.tenant.id)
      .where('y.id', '=', input.paymentId)
      .executeTakeFirst();
    if (!p)
      throw badRequest('invalid_input', { en: 'Unknown payment', cs: 'Neznámá platba' }, [
        { path: 'paymentId', message: { en: 'No such payment', cs: 'Taková platba neexistuje' } },
      ]);
    if (p.recon_id)
      throw conflict('payment_reconciled', {
        en: 'The payment is already matched to a bank line',
        cs: 'Platba už je spárovaná s pohybem na výpisu',
      });
    if (p.voided_at) throw conflict('payment_voided', { en: 'The payment is voided', cs: 'Platba je zrušená' });
    if (BigInt(p.amount) !== abs || p.currency !== line.currency || p.direction !== (amount > 0n ? 'in' : 'out')) {
      throw conflict('amount_mismatch', {
        en: 'The payment differs from the bank line in amount, currency or direction',
        cs: 'Platba se od pohybu liší částkou, měnou nebo směrem',
      });
    }
    if (p.bank_account_id !== line.bank_account_id) {
      throw conflict('payment_account_mismatch', {
        en: 'The payment was booked to another bank or cash account',
        cs: 'Platba byla zaúčtována na jiný bankovní účet nebo pokladnu',
      });
    }
    await db
      .insertInto('accounting.reconciliations')
      .values({ ...recon, kind: 'payment', payment_id: p.id, created_payment: false })
      .execute();
  } else {
    const code = input.account as string;
    const a = await db
      .selectFrom('accounting.accounts')
      .select(['id', 'active'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!a?.active)
      throw badRequest('invalid_input', { en: 'Unknown account', cs: 'Neznámý účet' }, [
        { path: 'account', message: { en: `No active account ${code}`, cs: `Aktivní účet ${code} neexistuje` } },
      ]);
    const { currency } = await settingsOf(ctx);
    const rate = input.rate ?? (line.suggested_rate ? normalizeDecimal(line.suggested_rate) : undefined);
    if (line.currency !== currency && !rate) {
      throw badRequest('invalid_input', { en: 'A rate is needed', cs: 'Je potřeba kurz' }, [
        {
          path: 'rate',
          message: { en: `Rate ${line.currency} → ${currency}`, cs: `Kurz ${line.currency} → ${currency}` },
        },
      ]);
    }
    const side = (debit: boolean) => ({
      account: code,
      ...(debit ? { debit: money(abs, line.currency) } : { credit: money(abs, line.currency) }),
      currency: line.currency,
      rate,
    });
    const memo =
      input.memo ?? ([line.counterparty_name, line.message].filter(Boolean).join(' – ') || 'Bank statement line');
    const entryInput = await resolvePosting(ctx, {
      date: line.date,
      memo,
      lines: [side(amount > 0n), side(amount < 0n)],
    });
    // The first line is the bank's own ledger account.
    const first = entryInput.lines[0];
    if (first) first.accountId = bank.account_id;
    const entry = await postLedgerEntry(ctx, { ...entryInput, source: { type: 'accounting.bank', id: recon.id } });
    await db
      .insertInto('accounting.reconciliations')
      .values({ ...recon, kind: 'entry', entry_id: entry.id })
      .execute();
  }
  await db
    .updateTable('accounting.bank_lines')
    .set({ status: 'matched' })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', lineId)
    .execute();
  await ctx.audit({
    action: 'accounting.bank_line.match',
    entityType: 'accounting.bank_line',
    entityId: lineId,
    after: input,
  });
  return lineView(await getLine(ctx, lineId));
}

/** Undoes a match: a payment created by it is voided, a posted entry reversed, a linked payment unlinked. */
export async function unmatchLine(ctx: Ctx, lineId: string) {
  const db = dbOf(ctx);
  const line = await getLine(ctx, lineId);
  if (line.status === 'unmatched')
    throw conflict('line_not_matched', { en: 'The line is not matched', cs: 'Pohyb není spárovaný' });
  const r = await db
    .selectFrom('accounting.reconciliations')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('line_id', '=', lineId)
    .executeTakeFirst();
  if (r) {
    await db
      .deleteFrom('accounting.reconciliations')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', r.id)
      .execute();
    if (r.kind === 'payment' && r.created_payment && r.payment_id) await undoPayment(ctx, r.payment_id);
    if (r.kind === 'entry' && r.entry_id)
      await reverse(ctx, r.entry_id, { allowInternal: true, memo: 'Bank line unmatched' });
  }
  await db
    .updateTable('accounting.bank_lines')
    .set({ status: 'unmatched' })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', lineId)
    .execute();
  await ctx.audit({ action: 'accounting.bank_line.unmatch', entityType: 'accounting.bank_line', entityId: lineId });
  return lineView(await getLine(ctx, lineId));
}

export async function ignoreLine(ctx: Ctx, lineId: string) {
  const line = await getLine(ctx, lineId);
  if (line.status !== 'unmatched') throw conflict('line_not_open', lineNotOpen(line.status));
  await dbOf(ctx)
    .updateTable('accounting.bank_lines')
    .set({ status: 'ignored' })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', lineId)
    .execute();
  await ctx.audit({ action: 'accounting.bank_line.ignore', entityType: 'accounting.bank_line', entityId: lineId });
  return lineView(await getLine(ctx, lineId));
}
