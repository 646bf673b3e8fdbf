/** A retention period in words: "10 let 6 měsíců" / "10 years 6 months". */
export function periodText(p: { years: number; months: number }, locale: 'cs' | 'en', none: string): string {
  const parts: string[] = [];
  const unit = (n: number, u: 'year' | 'month') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
  if (p.years) parts.push(unit(p.years, 'year'));
  if (p.months) parts.push(unit(p.months, 'month'));
  return parts.length ? parts.join(' ') : none;
}

/** A data subject as one line: name, e-mail, birth number — whatever identifies them. */
export function subjectText(s: { name?: string; email?: string; birthNumber?: string } | null | undefined): string {
  if (!s) return '';
  return [s.name, s.email, s.birthNumber].filter(Boolean).join(' · ');
}
