/**
 * Czech VAT rates by class, with the dates they apply from.
 *
 * Source: zákon č. 235/2004 Sb., o dani z přidané hodnoty, § 47 odst. 1; since 1 January 2024 as
 * amended by zákon č. 349/2023 Sb. (the "consolidation package"): základní sazba 21 %, snížená
 * sazba 12 % (the two reduced rates of 15 % and 10 % merged). Before 2024: 21 % / 15 % / 10 %.
 * `zero` is used for exempt supplies with the right to deduct (exports, § 66; EU goods, § 64) and
 * `exempt` for supplies exempt without it (§ 51): both carry no VAT on the document.
 */
export const VAT_CLASSES = ['standard', 'reduced', 'zero', 'exempt'] as const;
export type VatClass = (typeof VAT_CLASSES)[number];

interface RatePeriod {
  from: string;
  rates: Record<VatClass, number>;
}

export const CZ_VAT_RATES: readonly RatePeriod[] = [
  // zákon č. 235/2004 Sb. § 47 ve znění do 31. 12. 2023 (second reduced rate 10 % since 2015)
  { from: '2015-01-01', rates: { standard: 21, reduced: 15, zero: 0, exempt: 0 } },
  // zákon č. 349/2023 Sb., čl. XVII: one reduced rate of 12 % from 1. 1. 2024
  { from: '2024-01-01', rates: { standard: 21, reduced: 12, zero: 0, exempt: 0 } },
];

/** The percentage of a VAT class on a date ('YYYY-MM-DD'). */
export function vatPercent(vatClass: VatClass, date: string): number {
  let found = CZ_VAT_RATES[0] as RatePeriod;
  for (const p of CZ_VAT_RATES) if (p.from <= date) found = p;
  return found.rates[vatClass];
}

/**
 * The class a rate given as a percentage names on a date (the API takes `vatRate: "21"` as well as
 * `"standard"`); null when no class has that rate then. 0 % is read as `zero`.
 */
export function vatClassOf(value: string, date: string): VatClass | null {
  if ((VAT_CLASSES as readonly string[]).includes(value)) return value as VatClass;
  const n = Number(value.replace(',', '.').replace(/%$/, ''));
  if (!Number.isFinite(n)) return null;
  for (const c of ['standard', 'reduced', 'zero'] as const) if (vatPercent(c, date) === n) return c;
  return null;
}
