import { sql } from 'kysely';
import { money } from './amounts.ts';
import { type Ctx, settingsOf } from './context.ts';
import type { AccountType } from './db.ts';

/**
 * The whole journal in hledger's journal format. Account names are `<type>:<code> <name>`
 * with hledger's top-level type names, so `hledger bs` and `hledger is` work on the export too.
 * Foreign-currency postings carry their functional cost (`@@`), so `hledger balance --cost`
 * reproduces our trial balance exactly.
 */
const TOP: Record<AccountType, string> = {
  asset: 'assets',
  liability: 'liabilities',
  equity: 'equity',
  income: 'revenues',
  expense: 'expenses',
  off_balance: 'offbalance',
};

/** hledger ends an account name at two spaces and splits it at colons; comments start at ';'. */
const clean = (s: string) =>
  s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[:;]/g, ',')
    .replace(/ {2,}/g, ' ')
    .trim();

export const hledgerAccountName = (type: AccountType, code: string, name: string) =>
  `${TOP[type]}:${code} ${clean(name)}`;

const PAGE = 2000;

export async function exportHledger(ctx: Ctx): Promise<string> {
  const { currency } = await settingsOf(ctx);
  const t = ctx.tenant.id;
  const accounts = await sql<{ id: string; code: string; name: string; type: AccountType }>`
    select id, code, name, type from accounting.accounts where tenant_id = ${t} order by code`.execute(ctx.db);
  const names = new Map(accounts.rows.map((a) => [a.id, hledgerAccountName(a.type, a.code, a.name)]));
  const out: string[] = [
    `; Bureau accounting export: ${clean(ctx.tenant.name)} (${ctx.tenant.slug}), functional currency ${currency}`,
    'decimal-mark .',
    '',
  ];
  for (const a of accounts.rows) out.push(`account ${names.get(a.id)}`);
  out.push('');
  let after: { date: string; seq: number; id: string } | null = null;
  for (;;) {
    const cursor: { date: string; seq: number; id: string } | null = after;
    const entries = await sql<{ id: string; date: string; seq: number; number: string; memo: string }>`
      select id, date, seq, number, memo from accounting.journal_entries
      where tenant_id = ${t} ${cursor ? sql`and (date, seq, id) > (${cursor.date}::date, ${cursor.seq}, ${cursor.id}::uuid)` : sql``}
      order by date, seq, id limit ${PAGE}`.execute(ctx.db);
    if (!entries.rows.length) break;
    const ids = entries.rows.map((e) => e.id);
    const lines = await sql<{
      entry_id: string;
      account_id: string;
      debit: string;
      credit: string;
      currency: string;
      amount: string;
      memo: string | null;
    }>`
      select entry_id, account_id, debit::text, credit::text, currency, amount::text, memo
      from accounting.journal_lines where tenant_id = ${t} and entry_id in (${sql.join(ids)})
      order by entry_id, line_no`.execute(ctx.db);
    const byEntry = new Map<string, typeof lines.rows>();
    for (const l of lines.rows) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
    for (const e of entries.rows) {
      out.push(`${e.date} (${e.number}) ${clean(e.memo) || 'entry'}`);
      for (const l of byEntry.get(e.id) ?? []) {
        const functional = BigInt(l.debit) > 0n ? BigInt(l.debit) : -BigInt(l.credit);
        const sign = functional < 0n ? '-' : '';
        const account = names.get(l.account_id) as string;
        let amount: string;
        if (l.currency === currency) {
          amount = `${money(functional, currency)} ${currency}`;
        } else {
          const abs = functional < 0n ? -functional : functional;
          amount = `${sign}${money(l.amount, l.currency)} ${l.currency} @@ ${money(abs, currency)} ${currency}`;
        }
        out.push(`    ${account}  ${amount}${l.memo ? `  ; ${clean(l.memo)}` : ''}`);
      }
      out.push('');
    }
    const last = entries.rows[entries.rows.length - 1] as { date: string; seq: number; id: string };
    after = { date: last.date, seq: last.seq, id: last.id };
    if (entries.rows.length < PAGE) break;
  }
  return out.join('\n');
}
