import { minorDigits } from '@bureau/core';
import { type RawBuilder, sql } from 'kysely';

/** Currencies whose minor-unit digits may differ from 2; the CASE below asks core for each. */
const CANDIDATES = [
  'BHD',
  'BIF',
  'CLP',
  'HUF',
  'IQD',
  'ISK',
  'JOD',
  'JPY',
  'KRW',
  'KWD',
  'LYD',
  'OMR',
  'PYG',
  'TND',
  'UGX',
  'VND',
];

/** SQL for the minor-unit digits of a currency column. */
export function digitsSql(currency: RawBuilder<unknown>): RawBuilder<number> {
  const odd = CANDIDATES.filter((c) => minorDigits(c) !== 2);
  if (!odd.length) return sql<number>`2`;
  const whens = odd.map((c) => sql`when ${sql.lit(c)} then ${sql.lit(minorDigits(c))}`);
  return sql<number>`(case ${currency} ${sql.join(whens, sql` `)} else 2 end)`;
}

/**
 * SQL converting minor units of a document currency to functional minor units at the row's rate,
 * rounded half away from zero (Postgres numeric `round`), the same rule as `convert`.
 */
export function functionalSql(
  amount: RawBuilder<unknown>,
  currency: RawBuilder<unknown>,
  rate: RawBuilder<unknown>,
  functional: string,
): RawBuilder<string> {
  const fd = minorDigits(functional);
  return sql<string>`(case when ${currency} = ${functional} then ${amount}::numeric
    else round(${amount}::numeric * ${rate} * power(10::numeric, ${sql.lit(fd)} - ${digitsSql(currency)})) end)`;
}
