import { badRequest, conflict, type FieldError, minorDigits, newId, parseMoney } from '@bureau/core';
import { parse } from 'csv-parse/sync';
import { money } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { isDate } from './dates.ts';
import { postLedgerEntry, unbalanced } from './ledger.ts';
import { pt } from './problem-texts.ts';
import { csvUnreadable, detectDelimiter, normalizeNumber } from './statements/csv.ts';
import { bookText, jt } from './texts.ts';
import { YEAR_END } from './year-lock.ts';

export interface OpeningRow {
  /** 1-based line of the file (the header is line 1 when there is one). */
  line: number;
  account: string;
  name: string | null;
  debit: string;
  credit: string;
  errors: string[];
}

export interface OpeningPreview {
  date: string;
  currency: string;
  rows: OpeningRow[];
  debit: string;
  credit: string;
  balanced: boolean;
  valid: boolean;
}

/** What is wrong with a row (the preview's codes), for a person. */
const ROW_ERRORS = {
  account_missing: { en: 'No account', cs: 'Chybí účet' },
  account_unknown: { en: 'No such active account', cs: 'Takový aktivní účet není' },
  account_not_postable: {
    en: 'A group account; use its analytic account',
    cs: 'Syntetický účet; použijte jeho analytický',
  },
  account_not_balance_sheet: { en: 'Not a balance sheet account', cs: 'Není rozvahový účet' },
  amount_invalid: { en: 'Not an amount', cs: 'Není částka' },
  amount_missing: { en: 'No amount', cs: 'Chybí částka' },
  both_sides: { en: 'Both debit and credit', cs: 'Má dáti i dal zároveň' },
};
type RowError = keyof typeof ROW_ERRORS;

const HEADER = /^(account|účet|ucet|code|kód)$/i;

/**
 * The opening balances of a firm that starts its books in Bureau mid-life (počáteční stavy účtů): a
 * CSV of `account, debit, credit` (comma, semicolon or tab; decimal point or comma; a header line is
 * optional), each balance sheet account against 701 Počáteční účet rozvažný as Pohoda and Money S3
 * book them. The file must balance (its debits equal its credits, so 701 nets to zero).
 */
export async function previewOpening(ctx: Ctx, date: string, csv: string): Promise<OpeningPreview> {
  const s = await settingsOf(ctx);
  const delimiter = detectDelimiter(csv);
  const digits = minorDigits(s.currency);
  let records: string[][];
  try {
    records = parse(csv, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (err) {
    throw badRequest('invalid_csv', csvUnreadable((err as Error).message));
  }
  let first = 1;
  if (records[0] && HEADER.test(records[0][0] ?? '')) {
    records.shift();
    first = 2;
  }
  if (!records.length)
    throw badRequest('invalid_csv', { en: 'The CSV has no balances', cs: 'CSV neobsahuje žádné zůstatky' });
  const accounts = await dbOf(ctx)
    .selectFrom('accounting.accounts as a')
    .select([
      'a.code',
      'a.name',
      'a.active',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('accounting.accounts as c')
              .select('c.id')
              .whereRef('c.tenant_id', '=', 'a.tenant_id')
              .whereRef('c.parent_id', '=', 'a.id'),
          )
          .as('has_children'),
    ])
    .where('a.tenant_id', '=', ctx.tenant.id)
    .execute();
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const decimal = delimiter !== ',' && /\d,\d/.test(csv) ? ',' : '.';
  let debit = 0n;
  let credit = 0n;
  const rows = records.map((r, i): OpeningRow => {
    const errors: string[] = [];
    const code = (r[0] ?? '').trim();
    const a = byCode.get(code);
    if (!code) errors.push('account_missing');
    else if (!a?.active) errors.push('account_unknown');
    else if (a.has_children) errors.push('account_not_postable');
    else if (!/^[0-4]/.test(code)) errors.push('account_not_balance_sheet');
    const amount = (text: string | undefined) => {
      const t = (text ?? '').trim();
      if (!t) return 0n;
      const v = parseMoney(normalizeNumber(t, decimal), digits);
      if (v === null || v < 0n) {
        errors.push('amount_invalid');
        return 0n;
      }
      return v;
    };
    const d = amount(r[1]);
    const c = amount(r[2]);
    if (d === 0n && c === 0n && !errors.includes('amount_invalid')) errors.push('amount_missing');
    if (d !== 0n && c !== 0n) errors.push('both_sides');
    debit += d;
    credit += c;
    return {
      line: first + i,
      account: code,
      name: a?.name ?? null,
      debit: money(d, s.currency),
      credit: money(c, s.currency),
      errors,
    };
  });
  return {
    date,
    currency: s.currency,
    rows,
    debit: money(debit, s.currency),
    credit: money(credit, s.currency),
    balanced: debit === credit,
    valid: debit === credit && rows.every((r) => r.errors.length === 0),
  };
}

/** Posts the opening balances (one entry, dated `date`); 400 with every row's errors, `unbalanced`; 409 `opening_exists`. */
export async function importOpening(ctx: Ctx, date: string, csv: string, dryRun: boolean) {
  if (!isDate(date))
    throw badRequest('invalid_input', pt.dateInvalid, [
      { path: 'date', message: { en: 'YYYY-MM-DD', cs: 'RRRR-MM-DD' } },
    ]);
  const preview = await previewOpening(ctx, date, csv);
  if (dryRun) return { preview, entryId: null };
  const errors: FieldError[] = preview.rows.flatMap((r) =>
    r.errors.map((code) => ({ path: `rows.${r.line}`, message: ROW_ERRORS[code as RowError], code })),
  );
  if (errors.length)
    throw badRequest(
      'invalid_input',
      { en: 'Some rows of the opening balances are invalid', cs: 'Některé řádky počátečních stavů jsou chybné' },
      errors,
    );
  const s = await settingsOf(ctx);
  const toMinor = (v: string) => parseMoney(v, minorDigits(s.currency)) ?? 0n;
  if (!preview.balanced) throw unbalanced(toMinor(preview.debit), toMinor(preview.credit), s.currency);
  const db = dbOf(ctx);
  const existing = await db
    .selectFrom('accounting.journal_entries')
    .select(['id', 'number'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('source_type', '=', YEAR_END.opening)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('accounting.journal_entries as r')
            .select('r.id')
            .whereRef('r.tenant_id', '=', 'accounting.journal_entries.tenant_id')
            .whereRef('r.reverses_id', '=', 'accounting.journal_entries.id'),
        ),
      ),
    )
    .executeTakeFirst();
  if (existing) {
    throw conflict(
      'opening_exists',
      {
        en: 'The opening balances were imported already ({number})',
        cs: 'Počáteční stavy už jsou zaúčtovány ({number})',
      },
      { number: existing.number, entryId: existing.id },
    );
  }
  const codes = preview.rows.map((r) => r.account);
  const ids = await db
    .selectFrom('accounting.accounts')
    .select(['id', 'code'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', 'in', [...codes, '701'])
    .execute();
  const idOf = new Map(ids.map((a) => [a.code, a.id]));
  const cur = s.currency;
  const lines = preview.rows.map((r) => {
    const d = toMinor(r.debit);
    const c = toMinor(r.credit);
    return { accountId: idOf.get(r.account) as string, debit: d, credit: c, currency: cur, amount: d + c, rate: '1' };
  });
  const total = toMinor(preview.debit);
  const opening = idOf.get('701');
  if (!opening)
    throw conflict('not_czech_books', {
      en: 'The chart has no 701 Počáteční účet rozvažný',
      cs: 'Účtový rozvrh nemá účet 701 Počáteční účet rozvažný',
    });
  // 701 takes the other side of every balance: Dr 701 the liabilities, Cr 701 the assets.
  lines.push(
    { accountId: opening, debit: total, credit: 0n, currency: cur, amount: total, rate: '1' },
    { accountId: opening, debit: 0n, credit: total, currency: cur, amount: total, rate: '1' },
  );
  const entry = await postLedgerEntry(ctx, {
    date,
    memo: bookText(ctx, jt.opening_balances),
    source: { type: YEAR_END.opening, id: newId() },
    lines,
  });
  await ctx.audit({
    action: 'accounting.opening_balances.import',
    entityType: 'accounting.entry',
    entityId: entry.id,
    after: { date, rows: preview.rows.length, total: preview.debit },
  });
  return { preview, entryId: entry.id };
}
