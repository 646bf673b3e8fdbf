import { type Kysely, sql } from 'kysely';

export type Series = 'invoice' | 'credit_note';

/**
 * The next number of a series in a year, with no gaps: the counter row is created or incremented
 * in the caller's transaction and stays locked until it commits, so concurrent issuers queue and a
 * rolled-back invoice gives its number back.
 */
export async function nextNumber(db: Kysely<any>, series: Series, year: number): Promise<number> {
  const res = await sql<{ last_number: number }>`
    insert into core.billing_counters (series, year, last_number) values (${series}, ${year}, 1)
    on conflict (series, year) do update set last_number = core.billing_counters.last_number + 1
    returning last_number`.execute(db);
  return Number(res.rows[0]?.last_number);
}

/**
 * Invoice numbers are ten digits, YYYY + six-digit sequence, and double as the variable symbol
 * (at most ten digits in Czech payments). Credit notes: "OD" + YYYY + sequence.
 */
export function formatNumber(series: Series, year: number, n: number): string {
  if (n > 999_999) throw new Error('invoice sequence exhausted for the year');
  const seq = String(n).padStart(6, '0');
  return series === 'invoice' ? `${year}${seq}` : `OD${year}${seq}`;
}
