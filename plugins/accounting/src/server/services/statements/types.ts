import { badRequest, type FieldError, minorDigits, parseMoney } from '@bureau/core';

/** A bank statement line as read from a file: signed amount (positive = money in) in minor units. */
export interface ParsedLine {
  date: string;
  valueDate: string | null;
  amount: bigint;
  currency: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  variableSymbol: string | null;
  constantSymbol: string | null;
  specificSymbol: string | null;
  reference: string | null;
  message: string | null;
  /** The bank's own id of the transaction (FITID, AcctSvcrRef), when the format has one. */
  externalId: string | null;
}

export interface ParsedStatement {
  iban: string | null;
  accountNumber: string | null;
  currency: string | null;
  reference: string | null;
  fromDate: string | null;
  toDate: string | null;
  openingBalance: bigint | null;
  closingBalance: bigint | null;
  lines: ParsedLine[];
}

export const invalidStatement = (message: Parameters<typeof badRequest>[1], errors?: FieldError[]) =>
  badRequest('invalid_statement', message, errors);

/** Parses a decimal amount of `currency`, tolerating trailing zeros beyond the minor digits and a leading '+'. */
export function statementAmount(text: string, currency: string): bigint | null {
  let t = text.trim().replace(/^\+/, '');
  if (/^-?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  const digits = minorDigits(currency);
  const m = /^(-?\d+)\.(\d+)$/.exec(t);
  if (m && (m[2] as string).length > digits && /^0+$/.test((m[2] as string).slice(digits))) {
    t = `${m[1]}.${(m[2] as string).slice(0, digits)}`.replace(/\.$/, '');
  }
  return parseMoney(t, digits);
}

const SYMBOL = (name: string) => new RegExp(`(?:^|[^A-Z])${name}[\\s:/.=-]*(\\d{1,10})(?!\\d)`, 'i');

/** Czech payment symbols (variabilní, konstantní, specifický) found in free-text references. */
export function symbolsFrom(texts: (string | null | undefined)[]): {
  vs: string | null;
  ks: string | null;
  ss: string | null;
} {
  const joined = texts.filter(Boolean).join(' ');
  const find = (name: string) => {
    const m = SYMBOL(name).exec(joined);
    return m ? (m[1] as string).replace(/^0+(?=\d)/, '') : null;
  };
  return { vs: find('VS'), ks: find('KS'), ss: find('SS') };
}

export const clean = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  const s = String(v).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
};
