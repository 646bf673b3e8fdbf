import { z } from '@bureau/core';
import { m } from '../messages.ts';

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;

/** A decimal as the API takes it: a JSON number or a string like "4.5"; kept as a canonical string. */
export const Decimal = z.union([z.number(), z.string().trim()]).transform((v, ctx) => {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.replace(',', '.');
  if (!DECIMAL.test(s)) {
    ctx.addIssue({ code: 'custom', message: m.not_a_decimal.ref });
    return z.NEVER;
  }
  return s;
});

/** A `numeric` column from either driver as a string (null stays null). */
export const dec = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A `numeric` column as a JS number for comparisons and charts (null stays null). */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A `date` column from either driver as `YYYY-MM-DD`. */
export const ymd = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** A `timestamptz` column as an ISO string. */
export const iso = (d: unknown): string | null => (d == null ? null : new Date(d as string).toISOString());

/** A value with the test's number of decimals, as text ("4.50"). */
export const fixed = (v: unknown, decimals: number): string | null => {
  const n = num(v);
  return n === null ? null : n.toFixed(decimals);
};
