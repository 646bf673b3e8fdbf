import { badRequest, conflict, newId } from '@bureau/core';
import { sql } from 'kysely';
import { convert, type Decimal, decimalText, money, normalizeDecimal, parseDecimal, sum } from './amounts.ts';
import { CnbFormatError, parseCnbRates } from './cnb-rates.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { addDays, isDate } from './dates.ts';
import { type LedgerLine, postLedgerEntry } from './ledger.ts';
import { pt } from './problem-texts.ts';
import { roleAccount } from './settings.ts';

/** How far back a published rate still counts for a day (the ČNB declares rates on working days only). */
const RATE_LOOKBACK_DAYS = 10;

/** Imports a ČNB daily or yearly rate file; a rate already imported for the same day is replaced. */
export async function importRates(ctx: Ctx, content: string) {
  await settingsOf(ctx);
  let parsed: ReturnType<typeof parseCnbRates>;
  try {
    parsed = parseCnbRates(content);
  } catch (err) {
    if (err instanceof CnbFormatError) {
      throw badRequest('invalid_rate_file', { en: err.message, cs: `Soubor kurzů ČNB nelze přečíst: ${err.message}` }, [
        {
          path: 'content',
          message: { en: `Line ${err.line}: ${err.message}`, cs: `Řádek ${err.line}: ${err.message}` },
        },
      ]);
    }
    throw err;
  }
  const db = dbOf(ctx);
  for (let i = 0; i < parsed.length; i += 500) {
    await db
      .insertInto('accounting.exchange_rates')
      .values(
        parsed.slice(i, i + 500).map((r) => ({
          tenant_id: ctx.tenant.id,
          id: newId(),
          currency: r.currency,
          date: r.date,
          rate: r.rate,
          source: 'cnb' as const,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'currency', 'date']).doUpdateSet((eb) => ({ rate: eb.ref('excluded.rate') })),
      )
      .execute();
  }
  const dates = [...new Set(parsed.map((r) => r.date))].sort();
  await ctx.audit({
    action: 'accounting.rates.import',
    entityType: 'accounting.exchange_rates',
    entityId: null,
    after: { rates: parsed.length, from: dates[0], to: dates.at(-1) },
  });
  return { imported: parsed.length, from: dates[0] as string, to: dates.at(-1) as string, days: dates.length };
}

export interface RateOn {
  currency: string;
  /** The day the rate was declared for (the last working day on or before the asked day). */
  date: string;
  rate: string;
}

/** The rate valid on a day: the last one declared on or before it (within ten days), or null. */
export async function rateOn(ctx: Ctx, currency: string, date: string): Promise<RateOn | null> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.exchange_rates')
    .select(['date', 'rate'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('currency', '=', currency.toUpperCase())
    .where('date', '<=', date)
    .where('date', '>=', addDays(date, -RATE_LOOKBACK_DAYS))
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { currency: currency.toUpperCase(), date: row.date, rate: normalizeDecimal(row.rate) } : null;
}

export async function listRates(
  ctx: Ctx,
  opts: { currency?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number },
) {
  let q = dbOf(ctx)
    .selectFrom('accounting.exchange_rates')
    .select(['currency', 'date', 'rate', 'source'])
    .where('tenant_id', '=', ctx.tenant.id);
  if (opts.currency) q = q.where('currency', '=', opts.currency.toUpperCase());
  if (opts.from) q = q.where('date', '>=', opts.from);
  if (opts.to) q = q.where('date', '<=', opts.to);
  const rows = await q.orderBy('date', 'desc').orderBy('currency').limit(opts.limit).execute();
  return rows.map((r) => ({ currency: r.currency, date: r.date, rate: normalizeDecimal(r.rate), source: r.source }));
}

/**
 * Year-end revaluation (zákon o účetnictví § 24 odst. 6 and § 4 odst. 12: assets and liabilities
 * in foreign currency are converted at the ČNB rate of the balance-sheet day): every open
 * foreign-currency invoice and bill, and every foreign-currency bank account, is brought to its
 * value at the rate of `date`; the differences go to exchange gains (663) and losses (563) in one
 * entry. Each document's adjustment is remembered so its later payment is compared with the
 * revalued amount.
 */
export async function revalue(ctx: Ctx, date: string) {
  if (!isDate(date)) throw badRequest('invalid_input', pt.dateInvalid, [{ path: 'date', message: pt.expectedDate }]);
  const settings = await settingsOf(ctx);
  const fc = settings.currency;
  const db = dbOf(ctx);
  const done = await db
    .selectFrom('accounting.journal_entries')
    .select('number')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('source_type', '=', 'accounting.revaluation')
    .where('source_id', '=', date)
    .executeTakeFirst();
  if (done)
    throw conflict('already_revalued', {
      en: `Revaluation as of ${date} was posted as ${done.number}`,
      cs: `Přecenění k ${date} už je zaúčtované jako ${done.number}`,
    });

  const t = ctx.tenant.id;
  const docs = await sql<{
    id: string;
    kind: 'invoice' | 'bill';
    number: string;
    partner_id: string;
    currency: string;
    rate: string;
    total: string;
    total_functional: string;
    open: string;
    settled_functional: string;
    revalued: string;
  }>`
    select d.id, d.kind, d.number, d.partner_id, d.currency, d.rate::text, d.total::text, d.total_functional::text,
      (d.total - coalesce((select sum(a.amount) from accounting.payment_allocations a
         where a.tenant_id = d.tenant_id and a.document_id = d.id and a.date <= ${date}), 0)
         - coalesce((select sum(f.amount) from accounting.document_offsets f
         where f.tenant_id = d.tenant_id and f.document_id = d.id and f.date <= ${date}), 0))::text as open,
      (coalesce((select sum(coalesce(a.document_functional, 0)) from accounting.payment_allocations a
         where a.tenant_id = d.tenant_id and a.document_id = d.id and a.date <= ${date}), 0)
       + coalesce((select sum(f.document_functional) from accounting.document_offsets f
         where f.tenant_id = d.tenant_id and f.document_id = d.id and f.date <= ${date}), 0))::text as settled_functional,
      coalesce((select sum(r.delta) from accounting.document_revaluations r
         where r.tenant_id = d.tenant_id and r.document_id = d.id), 0)::text as revalued
    from accounting.documents d
    where d.tenant_id = ${t} and d.status in ('issued', 'paid') and d.currency <> ${fc}
      and d.type in ('invoice', 'debit_note', 'bill') and d.issue_date <= ${date} and d.entry_id is not null
    order by d.number`.execute(ctx.db);

  const rateCache = new Map<string, Decimal>();
  const missing = new Set<string>();
  const rateFor = async (currency: string) => {
    if (rateCache.has(currency)) return rateCache.get(currency) as Decimal;
    const r = await rateOn(ctx, currency, date);
    if (!r) {
      missing.add(currency);
      return null;
    }
    const d = parseDecimal(r.rate) as Decimal;
    rateCache.set(currency, d);
    return d;
  };

  const lines: LedgerLine[] = [];
  const adjustments: { documentId: string; rate: string; open: bigint; delta: bigint }[] = [];
  let gain = 0n;
  let loss = 0n;
  const receivable = await roleAccount(ctx, 'receivable');
  const payable = await roleAccount(ctx, 'payable');
  for (const d of docs.rows) {
    const open = BigInt(d.open);
    if (open <= 0n) continue;
    const rate = await rateFor(d.currency);
    if (!rate) continue;
    // Older allocations may lack their stored share: take it at the document's rate.
    const settled =
      BigInt(d.settled_functional) || convert(BigInt(d.total) - open, d.currency, fc, parseDecimal(d.rate) as Decimal);
    const carrying = BigInt(d.total_functional) + BigInt(d.revalued) - settled;
    const target = convert(open, d.currency, fc, rate);
    const delta = target - carrying;
    if (delta === 0n) continue;
    const abs = delta < 0n ? -delta : delta;
    const asset = d.kind === 'invoice';
    // A receivable worth more is a gain; a payable worth more is a loss.
    if (asset === delta > 0n) gain += abs;
    else loss += abs;
    lines.push({
      accountId: asset ? receivable : payable,
      debit: delta > 0n ? abs : 0n,
      credit: delta > 0n ? 0n : abs,
      currency: fc,
      amount: abs,
      rate: '1',
      partnerId: d.partner_id,
      memo: d.number,
    });
    adjustments.push({ documentId: d.id, rate: decimalText(rate), open, delta });
  }

  const banks = await sql<{ account_id: string; currency: string; name: string; foreign: string; functional: string }>`
    select b.account_id, b.currency, b.name,
      coalesce((select sum(case when l.debit > 0 then l.amount else -l.amount end) from accounting.journal_lines l
        where l.tenant_id = b.tenant_id and l.account_id = b.account_id and l.currency = b.currency and l.date <= ${date}), 0)::text as foreign,
      coalesce((select sum(l.debit - l.credit) from accounting.journal_lines l
        where l.tenant_id = b.tenant_id and l.account_id = b.account_id and l.date <= ${date}), 0)::text as functional
    from accounting.bank_accounts b where b.tenant_id = ${t} and b.currency <> ${fc}`.execute(ctx.db);
  for (const b of banks.rows) {
    const rate = await rateFor(b.currency);
    if (!rate) continue;
    const delta = convert(BigInt(b.foreign), b.currency, fc, rate) - BigInt(b.functional);
    if (delta === 0n) continue;
    const abs = delta < 0n ? -delta : delta;
    if (delta > 0n) gain += abs;
    else loss += abs;
    lines.push({
      accountId: b.account_id,
      debit: delta > 0n ? abs : 0n,
      credit: delta > 0n ? 0n : abs,
      currency: fc,
      amount: abs,
      rate: '1',
      memo: b.name,
    });
  }
  if (missing.size) {
    throw conflict(
      'rate_missing',
      `No ČNB rate for ${[...missing].join(', ')} on or before ${date}; import the rates first`,
      {
        currencies: [...missing],
      },
    );
  }
  if (!lines.length)
    return { date, entryId: null as string | null, documents: 0, gain: money(0n, fc), loss: money(0n, fc) };
  const cz = settings.country === 'CZ';
  if (gain > 0n) {
    lines.push({
      accountId: await roleAccount(ctx, 'fxGain'),
      debit: 0n,
      credit: gain,
      currency: fc,
      amount: gain,
      rate: '1',
    });
  }
  if (loss > 0n) {
    lines.push({
      accountId: await roleAccount(ctx, 'fxLoss'),
      debit: loss,
      credit: 0n,
      currency: fc,
      amount: loss,
      rate: '1',
    });
  }
  const entry = await postLedgerEntry(ctx, {
    date,
    memo: `${cz ? 'Přecenění kurzem ČNB k' : 'Revaluation at the ČNB rate of'} ${date}`,
    source: { type: 'accounting.revaluation', id: date },
    lines,
  });
  if (adjustments.length) {
    await db
      .insertInto('accounting.document_revaluations')
      .values(
        adjustments.map((a) => ({
          tenant_id: t,
          id: newId(),
          document_id: a.documentId,
          date,
          rate: a.rate,
          open_amount: a.open,
          delta: a.delta,
          entry_id: entry.id,
        })),
      )
      .execute();
  }
  await ctx.audit({
    action: 'accounting.revaluation',
    entityType: 'accounting.revaluation',
    entityId: entry.id,
    after: { date, documents: adjustments.length, gain: money(gain, fc), loss: money(loss, fc) },
  });
  return {
    date,
    entryId: entry.id,
    documents: adjustments.length,
    gain: money(gain, fc),
    loss: money(loss, fc),
    net: money(sum([gain, -loss]), fc),
  };
}
