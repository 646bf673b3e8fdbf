import { badRequest, conflict, type FieldError, newId, notFound, Problem } from '@bureau/core';
import { sql } from 'kysely';
import type { EntryPostedPayload, PostedEntry, PostingLine, PostingRequest } from '../../contract.ts';
import { amountOf, convert, decimalText, money, normalizeDecimal, ONE, positiveDecimalOf, sum } from './amounts.ts';
import { actorLabel, type Ctx, dbOf, guarded, settingsOf } from './context.ts';
import { checkCostCenters } from './cost-centers.ts';
import { isDate, monthStart } from './dates.ts';
import { pt } from './problem-texts.ts';
import { bookText, jt } from './texts.ts';
import { assertYearOpen } from './year-lock.ts';

/** One line as the ledger stores it: functional-currency debit or credit plus the original amount. */
export interface LedgerLine {
  accountId: string;
  debit: bigint;
  credit: bigint;
  currency: string;
  /** Amount in `currency` (positive). */
  amount: bigint;
  /** Functional units per unit of `currency` (decimal text). */
  rate: string;
  partnerId?: string | null;
  counterparty?: string | null;
  costCenter?: string | null;
  memo?: string | null;
}

export interface LedgerEntryInput {
  date: string;
  memo: string;
  source?: { type: string; id: string } | null;
  reversesId?: string | null;
  lines: LedgerLine[];
}

export async function isLocked(ctx: Ctx, date: string): Promise<boolean> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.period_locks')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('period', '=', monthStart(date))
    .executeTakeFirst();
  return !!row;
}

export async function assertOpen(ctx: Ctx, date: string): Promise<void> {
  if (await isLocked(ctx, date)) {
    throw conflict(
      'period_locked',
      {
        en: `The period ${date.slice(0, 7)} is locked; post into an open period`,
        cs: `Období ${date.slice(0, 7)} je uzamčené; účtujte do otevřeného období`,
      },
      {
        period: date.slice(0, 7),
      },
    );
  }
}

/**
 * Posts a balanced entry: checks balance and the period, takes the next number of the fiscal
 * year, writes entry and lines, makes the database verify the entry now (its deferred balance
 * trigger) and emits `accounting.entry.posted`.
 */
export async function postLedgerEntry(ctx: Ctx, input: LedgerEntryInput): Promise<{ id: string; number: string }> {
  const debit = sum(input.lines.map((l) => l.debit));
  const credit = sum(input.lines.map((l) => l.credit));
  if (input.lines.length < 2 || debit !== credit || debit === 0n) {
    throw unbalanced(debit, credit, (await settingsOf(ctx)).currency);
  }
  await assertOpen(ctx, input.date);
  await assertYearOpen(ctx, input.date, input.source?.type);
  // A reversal mirrors its original's centres, even one deactivated since.
  const costCenters = input.reversesId
    ? input.lines.map((l) => l.costCenter ?? null)
    : await checkCostCenters(ctx, input.lines);
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const id = newId();
  return guarded(async () => {
    // The database numbers the entry (gapless per fiscal year; the counter row stays locked until commit).
    const { number } = await db
      .insertInto('accounting.journal_entries')
      .values({
        tenant_id: ctx.tenant.id,
        id,
        date: input.date,
        memo: input.memo,
        source_type: input.source?.type ?? null,
        source_id: input.source?.id ?? null,
        reverses_id: input.reversesId ?? null,
        line_count: input.lines.length,
        total: debit,
        created_by: actorLabel(ctx),
      })
      .returning('number')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('accounting.journal_lines')
      .values(
        input.lines.map((l, i) => ({
          tenant_id: ctx.tenant.id,
          id: newId(),
          entry_id: id,
          line_no: i + 1,
          account_id: l.accountId,
          debit: l.debit,
          credit: l.credit,
          currency: l.currency,
          amount: l.amount,
          rate: l.rate,
          partner_id: l.partnerId ?? null,
          counterparty: l.counterparty ?? null,
          cost_center: costCenters[i] ?? null,
          memo: l.memo ?? null,
        })),
      )
      .execute();
    // The balance trigger is deferred to commit; run it now so a failure is this request's 400.
    await sql`set constraints accounting.journal_lines_balanced, accounting.journal_entries_balanced immediate`.execute(
      ctx.db,
    );
    await sql`set constraints accounting.journal_lines_balanced, accounting.journal_entries_balanced deferred`.execute(
      ctx.db,
    );
    const payload: EntryPostedPayload = {
      entryId: id,
      number,
      date: input.date,
      currency: settings.currency,
      total: money(debit, settings.currency),
      source: input.source ?? null,
      reversesId: input.reversesId ?? null,
    };
    await ctx.emit('accounting.entry.posted', payload);
    return { id, number };
  });
}

const entryInvalid = { en: 'The entry is invalid', cs: 'Účetní zápis obsahuje chyby' };

export function unbalanced(debit: bigint, credit: bigint, currency: string): Problem {
  return new Problem(
    400,
    'unbalanced',
    {
      en: `The entry does not balance: debits ${money(debit, currency)} ≠ credits ${money(credit, currency)}`,
      cs: `Zápis není vyrovnaný: má dáti ${money(debit, currency)} ≠ dal ${money(credit, currency)}`,
    },
    {
      extra: {
        debit: money(debit, currency),
        credit: money(credit, currency),
        difference: money(debit - credit, currency),
      },
    },
  );
}

const SOURCE_TYPE = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;

/**
 * Turns a posting request (account codes, decimal strings) into ledger lines, validating every
 * field; collects all field errors before refusing.
 */
export async function resolvePosting(ctx: Ctx, req: PostingRequest, path = ''): Promise<LedgerEntryInput> {
  const settings = await settingsOf(ctx);
  const functional = settings.currency;
  const errors: FieldError[] = [];
  const at = (p: string) => (path ? `${path}.${p}` : p);
  if (!isDate(req.date)) errors.push({ path: at('date'), message: pt.expectedADate });
  if (req.source && (!SOURCE_TYPE.test(req.source.type) || !req.source.id || req.source.id.length > 200)) {
    errors.push({ path: at('source'), message: pt.sourceShape });
  }
  if (!Array.isArray(req.lines) || req.lines.length < 2) {
    errors.push({
      path: at('lines'),
      message: { en: 'An entry needs at least two lines', cs: 'Zápis potřebuje aspoň dva řádky' },
    });
  }
  if (errors.length) throw badRequest('invalid_input', entryInvalid, errors);

  const codes = [...new Set(req.lines.map((l) => l.account))];
  const accounts = await dbOf(ctx)
    .selectFrom('accounting.accounts as a')
    .select([
      'a.id',
      'a.code',
      'a.active',
      sql<boolean>`exists (select 1 from accounting.accounts c where c.tenant_id = a.tenant_id and c.parent_id = a.id)`.as(
        'is_group',
      ),
    ])
    .where('a.tenant_id', '=', ctx.tenant.id)
    .where('a.code', 'in', codes)
    .execute();
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const groups = req.lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => byCode.get(l.account)?.is_group)
    .map(({ l, i }) => ({
      path: at(`lines.${i}.account`),
      message: {
        en: `Account ${l.account} is a group account with analytic accounts under it; post to one of them`,
        cs: `Účet ${l.account} je souhrnný a má pod sebou analytické účty; účtujte na některý z nich`,
      },
    }));
  if (groups.length)
    throw badRequest(
      'not_postable',
      { en: 'Group accounts cannot be posted to', cs: 'Na souhrnné účty nelze účtovat' },
      groups,
    );
  const partnerIds = [...new Set(req.lines.map((l) => l.partner).filter((p): p is string => !!p))];
  const partners = partnerIds.length
    ? await dbOf(ctx)
        .selectFrom('accounting.partners')
        .select('id')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', 'in', partnerIds)
        .execute()
    : [];
  const knownPartners = new Set(partners.map((p) => p.id));

  const lines: LedgerLine[] = [];
  req.lines.forEach((l: PostingLine, i) => {
    const lp = (f: string) => at(`lines.${i}.${f}`);
    const account = byCode.get(l.account);
    if (!account) errors.push({ path: lp('account'), message: pt.noAccount(l.account) });
    else if (!account.active) errors.push({ path: lp('account'), message: pt.inactiveAccount(l.account) });
    if (l.partner && !knownPartners.has(l.partner))
      errors.push({
        path: lp('partner'),
        message: { en: 'Unknown customer or vendor', cs: 'Neznámý odběratel nebo dodavatel' },
      });
    const hasDebit = l.debit !== undefined && l.debit !== null;
    const hasCredit = l.credit !== undefined && l.credit !== null;
    if (hasDebit === hasCredit) {
      errors.push({
        path: lp('debit'),
        message: { en: 'Give exactly one of debit or credit', cs: 'Zadejte právě jednu stranu: má dáti, nebo dal' },
      });
      return;
    }
    const currency = (l.currency ?? functional).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors.push({
        path: lp('currency'),
        message: { en: 'Expected an ISO 4217 currency code', cs: 'Očekáván kód měny podle ISO 4217' },
      });
      return;
    }
    try {
      const amount = amountOf((hasDebit ? l.debit : l.credit) as string, currency, lp(hasDebit ? 'debit' : 'credit'));
      let rate = ONE;
      let functionalAmount = amount;
      if (currency !== functional) {
        if (!l.rate) {
          errors.push({
            path: lp('rate'),
            message: {
              en: `A ${currency} line needs the exchange rate to ${functional}`,
              cs: `Řádek v ${currency} potřebuje kurz k ${functional}`,
            },
          });
          return;
        }
        rate = positiveDecimalOf(l.rate, lp('rate'), 'rate');
        functionalAmount = l.functional
          ? amountOf(l.functional, functional, lp('functional'))
          : convert(amount, currency, functional, rate);
        if (functionalAmount === 0n) {
          errors.push({
            path: lp('functional'),
            message: { en: `The amount is zero in ${functional}`, cs: `Částka v ${functional} je nulová` },
          });
          return;
        }
      }
      lines.push({
        accountId: account?.id ?? '',
        debit: hasDebit ? functionalAmount : 0n,
        credit: hasCredit ? functionalAmount : 0n,
        currency,
        amount,
        rate: decimalText(rate),
        partnerId: l.partner ?? null,
        counterparty: l.counterparty ?? null,
        costCenter: l.costCenter ?? null,
        memo: l.memo ?? null,
      });
    } catch (err) {
      const p = err as { errors?: FieldError[] };
      if (p.errors) errors.push(...p.errors);
      else throw err;
    }
  });
  if (errors.length) throw badRequest('invalid_input', entryInvalid, errors);
  const debit = sum(lines.map((l) => l.debit));
  const credit = sum(lines.map((l) => l.credit));
  if (debit !== credit) throw unbalanced(debit, credit, functional);
  return { date: req.date, memo: req.memo ?? '', source: req.source ?? null, lines };
}

/** Finds the entry posted for a source document, if any. */
export async function entryIdBySource(ctx: Ctx, type: string, id: string): Promise<string | null> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.journal_entries')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('source_type', '=', type)
    .where('source_id', '=', id)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Posts a request idempotently by its source document: the same source returns the entry already
 * posted (`created: false`); a different entry for the same source is a 409.
 */
export async function post(ctx: Ctx, req: PostingRequest): Promise<{ entry: PostedEntry; created: boolean }> {
  const input = await resolvePosting(ctx, req);
  if (input.source) {
    const existing = await entryIdBySource(ctx, input.source.type, input.source.id);
    if (existing) {
      const entry = await entryView(ctx, existing);
      assertSamePosting(entry, input, req);
      return { entry, created: false };
    }
  }
  const { id } = await postLedgerEntry(ctx, input);
  return { entry: await entryView(ctx, id), created: true };
}

function assertSamePosting(entry: PostedEntry, input: LedgerEntryInput, req: PostingRequest) {
  const fmt = (v: bigint | undefined) => (v ? money(v, entry.currency) : null);
  const same =
    entry.date === input.date &&
    entry.lines.length === req.lines.length &&
    req.lines.every((l, i) => {
      const e = entry.lines[i];
      return (
        !!e &&
        e.account === l.account &&
        e.debit === fmt(input.lines[i]?.debit) &&
        e.credit === fmt(input.lines[i]?.credit)
      );
    });
  if (!same) {
    throw conflict(
      'source_conflict',
      {
        en: `Source ${input.source?.type} ${input.source?.id} was already posted as ${entry.number} with different lines`,
        cs: `Zdroj ${input.source?.type} ${input.source?.id} už je zaúčtovaný jako ${entry.number} s jinými řádky`,
      },
      {
        entryId: entry.id,
        number: entry.number,
      },
    );
  }
}

/** Posts the mirror image of an entry (debits ↔ credits). An entry is reversed at most once. */
export async function reverse(
  ctx: Ctx,
  entryId: string,
  opts: {
    date?: string | undefined;
    memo?: string | undefined;
    allowInternal?: boolean;
    source?: { type: string; id: string };
  } = {},
): Promise<PostedEntry> {
  const db = dbOf(ctx);
  const entry = await db
    .selectFrom('accounting.journal_entries')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!entry) throw notFound('Journal entry');
  if (!opts.allowInternal && entry.source_type?.startsWith('accounting.')) {
    throw conflict('use_document_action', {
      en: `Entry ${entry.number} belongs to an accounting document (${entry.source_type}); cancel or void the document instead`,
      cs: `Zápis ${entry.number} patří k účetnímu dokladu (${entry.source_type}); stornujte nebo zrušte doklad`,
    });
  }
  const reversed = await db
    .selectFrom('accounting.journal_entries')
    .select(['id', 'number'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('reverses_id', '=', entryId)
    .executeTakeFirst();
  if (reversed) {
    throw conflict(
      'already_reversed',
      {
        en: `Entry ${entry.number} was already reversed by ${reversed.number}`,
        cs: `Zápis ${entry.number} už je stornovaný zápisem ${reversed.number}`,
      },
      {
        reversalId: reversed.id,
      },
    );
  }
  if (opts.date !== undefined && !isDate(opts.date)) {
    throw badRequest('invalid_input', pt.dateInvalid, [{ path: 'date', message: pt.expectedADate }]);
  }
  const date =
    opts.date ?? ((await isLocked(ctx, entry.date)) ? new Date(ctx.now()).toISOString().slice(0, 10) : entry.date);
  const lines = await db
    .selectFrom('accounting.journal_lines')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('entry_id', '=', entryId)
    .orderBy('line_no')
    .execute();
  const { id } = await postLedgerEntry(ctx, {
    date,
    memo: opts.memo ?? `${bookText(ctx, jt.reversal, { number: entry.number })}${entry.memo ? `: ${entry.memo}` : ''}`,
    source: opts.source ?? null,
    reversesId: entryId,
    lines: lines.map((l) => ({
      accountId: l.account_id,
      debit: BigInt(l.credit),
      credit: BigInt(l.debit),
      currency: l.currency,
      amount: BigInt(l.amount),
      rate: normalizeDecimal(l.rate),
      partnerId: l.partner_id,
      counterparty: l.counterparty,
      costCenter: l.cost_center,
      memo: l.memo,
    })),
  });
  return entryView(ctx, id);
}

/** An entry as the API and the posting contract return it. */
export async function entryView(ctx: Ctx, id: string): Promise<PostedEntry> {
  const db = dbOf(ctx);
  const entry = await db
    .selectFrom('accounting.journal_entries as e')
    .leftJoin('accounting.journal_entries as r', (j) =>
      j.onRef('r.tenant_id', '=', 'e.tenant_id').onRef('r.reverses_id', '=', 'e.id'),
    )
    .select([
      'e.id',
      'e.number',
      'e.fiscal_year',
      'e.date',
      'e.memo',
      'e.source_type',
      'e.source_id',
      'e.reverses_id',
      'e.total',
      'e.created_at',
      'e.created_by',
      'r.id as reversed_by',
    ])
    .where('e.tenant_id', '=', ctx.tenant.id)
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!entry) throw notFound('Journal entry');
  const settings = await settingsOf(ctx);
  const lines = await db
    .selectFrom('accounting.journal_lines as l')
    .innerJoin('accounting.accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'),
    )
    .select([
      'l.line_no',
      'a.code',
      'a.name',
      'l.debit',
      'l.credit',
      'l.currency',
      'l.amount',
      'l.rate',
      'l.partner_id',
      'l.counterparty',
      'l.cost_center',
      'l.memo',
    ])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.entry_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const fc = settings.currency;
  return {
    id: entry.id,
    number: entry.number,
    fiscalYear: entry.fiscal_year,
    date: entry.date,
    memo: entry.memo,
    currency: fc,
    total: money(entry.total, fc),
    source: entry.source_type && entry.source_id ? { type: entry.source_type, id: entry.source_id } : null,
    reversesId: entry.reverses_id,
    reversedById: entry.reversed_by ?? null,
    createdAt: new Date(entry.created_at).toISOString(),
    createdBy: entry.created_by,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      account: l.code,
      accountName: l.name,
      debit: BigInt(l.debit) > 0n ? money(l.debit, fc) : null,
      credit: BigInt(l.credit) > 0n ? money(l.credit, fc) : null,
      currency: l.currency,
      amount: money(l.amount, l.currency),
      rate: normalizeDecimal(l.rate),
      partner: l.partner_id,
      counterparty: l.counterparty,
      costCenter: l.cost_center,
      memo: l.memo,
    })),
  };
}

/** Entries newest first, optionally within dates, touching an account, or matching a number or memo. */
export async function listEntries(
  ctx: Ctx,
  opts: {
    from?: string | undefined;
    to?: string | undefined;
    account?: string | undefined;
    /** Entries with a line of this cost centre (null: a line without one). */
    costCenter?: string | null | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const { currency } = await settingsOf(ctx);
  const db = dbOf(ctx);
  let q = db
    .selectFrom('accounting.journal_entries as e')
    .leftJoin('accounting.journal_entries as r', (j) =>
      j.onRef('r.tenant_id', '=', 'e.tenant_id').onRef('r.reverses_id', '=', 'e.id'),
    )
    .select([
      'e.id',
      'e.number',
      'e.date',
      'e.memo',
      'e.total',
      'e.source_type',
      'e.source_id',
      'e.reverses_id',
      'r.id as reversed_by',
    ])
    .where('e.tenant_id', '=', ctx.tenant.id);
  if (opts.from) q = q.where('e.date', '>=', opts.from);
  if (opts.to) q = q.where('e.date', '<=', opts.to);
  if (opts.account) {
    const code = opts.account;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('accounting.journal_lines as l')
          .innerJoin('accounting.accounts as a', (j) =>
            j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'),
          )
          .select('l.id')
          .whereRef('l.tenant_id', '=', 'e.tenant_id')
          .whereRef('l.entry_id', '=', 'e.id')
          .where('a.code', '=', code),
      ),
    );
  }
  if (opts.costCenter !== undefined) {
    const cc = opts.costCenter;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('accounting.journal_lines as l')
          .select('l.id')
          .whereRef('l.tenant_id', '=', 'e.tenant_id')
          .whereRef('l.entry_id', '=', 'e.id')
          .where((w) => (cc === null ? w('l.cost_center', 'is', null) : w('l.cost_center', '=', cc))),
      ),
    );
  }
  if (opts.q) {
    const like = `%${opts.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const text = opts.q;
    q = q.where((eb) => eb.or([eb('e.number', '=', text), eb(sql`lower(e.memo)`, 'like', like)]));
  }
  const rows = await q
    .orderBy('e.date', 'desc')
    .orderBy('e.seq', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return rows.map((e) => ({
    id: e.id,
    number: e.number,
    date: e.date,
    memo: e.memo,
    currency,
    total: money(e.total, currency),
    source: e.source_type && e.source_id ? { type: e.source_type, id: e.source_id } : null,
    reversesId: e.reverses_id,
    reversedById: e.reversed_by ?? null,
  }));
}
