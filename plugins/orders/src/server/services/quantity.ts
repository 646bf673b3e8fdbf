import { z } from '@bureau/core';
import { m } from '../messages.ts';

/**
 * Quantities are `numeric(14,3)` in the database; the API takes a number or a decimal string and
 * answers numbers. Arithmetic runs on integer thousandths so that sums are exact.
 */
export const Quantity = z
  .union([z.number(), z.string().regex(/^-?\d{1,11}([.,]\d{1,3})?$/)])
  .transform((v) => (typeof v === 'number' ? v : Number(v.replace(',', '.'))))
  .refine((v) => Number.isFinite(v) && Math.abs(v) < 1e11 && Math.round(v * 1000) === Number((v * 1000).toFixed(6)), {
    message: m.three_decimals.ref,
  });

export const milli = (q: number | string): number => Math.round(Number(q) * 1000);
export const fromMilli = (m: number): number => m / 1000;
/** A numeric value for the database. */
export const qtyText = (m: number): string => (m / 1000).toFixed(3);
