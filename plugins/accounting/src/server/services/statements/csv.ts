import { type FieldError, Problem } from '@bureau/core';
import { parse } from 'csv-parse/sync';
import { isDate } from '../dates.ts';
import { normalizeVariableSymbol } from '../identifiers.ts';
import { pt } from '../problem-texts.ts';
import {
  clean,
  invalidStatement,
  type ParsedLine,
  type ParsedStatement,
  statementAmount,
  symbolsFrom,
} from './types.ts';

/** The CSV parser's complaint, in the reader's language around it. */
export const csvUnreadable = (reason: string) => ({
  en: `The CSV cannot be read: ${reason}`.slice(0, 300),
  cs: `CSV nelze přečíst: ${reason}`.slice(0, 300),
});

const rowsUnreadable = {
  en: '{count} row(s) of the CSV cannot be read',
  cs: '{count, plural, one {# řádek} few {# řádky} other {# řádků}} CSV nelze přečíst',
};

/** A column by header name (case-insensitive) or by 0-based index. */
export type ColumnRef = string | number;

/** How to read one bank's CSV export; saved per bank account and reused on the next import. */
export interface CsvMapping {
  delimiter?: ',' | ';' | '\t' | '|' | undefined;
  /** Lines to skip before the header (banks often print an account summary first). */
  skipRows?: number | undefined;
  hasHeader?: boolean | undefined;
  dateFormat?: 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'YYYYMMDD' | undefined;
  decimalSeparator?: '.' | ',' | undefined;
  columns: {
    date: ColumnRef;
    /** Signed amount (positive = money in) … */
    amount?: ColumnRef | undefined;
    /** … or separate money-in / money-out columns (both positive). */
    credit?: ColumnRef | undefined;
    debit?: ColumnRef | undefined;
    valueDate?: ColumnRef | undefined;
    currency?: ColumnRef | undefined;
    counterpartyName?: ColumnRef | undefined;
    counterpartyAccount?: ColumnRef | undefined;
    variableSymbol?: ColumnRef | undefined;
    constantSymbol?: ColumnRef | undefined;
    specificSymbol?: ColumnRef | undefined;
    reference?: ColumnRef | undefined;
    message?: ColumnRef | undefined;
    externalId?: ColumnRef | undefined;
  };
}

function toIsoDate(text: string, format: NonNullable<CsvMapping['dateFormat']>): string | null {
  const t = text.trim();
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let r: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      r = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
      [y, m, d] = [r?.[1], r?.[2], r?.[3]];
      break;
    case 'DD.MM.YYYY':
      r = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})/.exec(t);
      [d, m, y] = [r?.[1], r?.[2], r?.[3]];
      break;
    case 'DD/MM/YYYY':
      r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
      [d, m, y] = [r?.[1], r?.[2], r?.[3]];
      break;
    case 'MM/DD/YYYY':
      r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
      [m, d, y] = [r?.[1], r?.[2], r?.[3]];
      break;
    case 'YYYYMMDD':
      r = /^(\d{4})(\d{2})(\d{2})/.exec(t);
      [y, m, d] = [r?.[1], r?.[2], r?.[3]];
      break;
  }
  if (!y || !m || !d) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isDate(iso) ? iso : null;
}

/** "1 234,50" (decimal ',') or "1,234.50" (decimal '.') → "1234.50"; a trailing minus or (parentheses) mean negative. */
export function normalizeNumber(text: string, decimal: '.' | ','): string {
  let t = text.replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.endsWith('-')) {
    negative = true;
    t = t.slice(0, -1);
  }
  t = decimal === ',' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  t = t.replace(/^[A-Z]{3}|[A-Z]{3}$/g, '');
  if (negative) t = t.startsWith('-') ? t.slice(1) : `-${t}`;
  return t;
}

export function parseCsvStatement(content: string, mapping: CsvMapping, defaultCurrency: string): ParsedStatement {
  const delimiter = mapping.delimiter ?? detectDelimiter(content);
  let records: string[][];
  try {
    records = parse(content, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      from_line: (mapping.skipRows ?? 0) + 1,
    }) as string[][];
  } catch (err) {
    throw invalidStatement(csvUnreadable((err as Error).message));
  }
  const hasHeader = mapping.hasHeader ?? true;
  const header = hasHeader ? (records.shift() ?? []).map((h) => h.trim().toLowerCase()) : [];
  const errors: FieldError[] = [];
  const index = (ref: ColumnRef | undefined, name: string): number | null => {
    if (ref === undefined) return null;
    if (typeof ref === 'number') return ref;
    const i = header.indexOf(ref.trim().toLowerCase());
    if (i < 0) {
      errors.push({
        path: `mapping.columns.${name}`,
        message: hasHeader
          ? { en: `No column named "${ref}"`, cs: `Sloupec „${ref}“ neexistuje` }
          : { en: 'Without a header, give a column index', cs: 'Bez záhlaví zadejte pořadí sloupce' },
      });
      return null;
    }
    return i;
  };
  const cols = Object.fromEntries(
    Object.entries(mapping.columns).map(([k, v]) => [k, index(v as ColumnRef | undefined, k)]),
  ) as Record<keyof CsvMapping['columns'], number | null>;
  if (cols.amount === null && (cols.credit === null || cols.debit === null)) {
    errors.push({
      path: 'mapping.columns.amount',
      message: {
        en: 'Map an amount column, or both credit and debit columns',
        cs: 'Přiřaďte sloupec částky, nebo oba sloupce příjmů a výdajů',
      },
    });
  }
  if (errors.length)
    throw invalidStatement(
      { en: 'The column mapping does not fit the file', cs: 'Přiřazení sloupců k souboru nesedí' },
      errors,
    );

  const dateFormat = mapping.dateFormat ?? 'YYYY-MM-DD';
  const decimal = mapping.decimalSeparator ?? (delimiter === ';' ? ',' : '.');
  const lines: ParsedLine[] = [];
  records.forEach((row, r) => {
    const rowNo = r + 1;
    const get = (c: number | null) => (c === null ? null : clean(row[c]));
    const dateText = get(cols.date);
    if (!dateText && row.every((v) => !v?.trim())) return;
    const date = dateText ? toIsoDate(dateText, dateFormat) : null;
    if (!date) {
      errors.push({
        path: `rows.${rowNo}.date`,
        message: {
          en: `Not a ${dateFormat} date: ${dateText ?? '(empty)'}`,
          cs: `Není datum ve tvaru ${dateFormat}: ${dateText ?? '(prázdné)'}`,
        },
      });
      return;
    }
    const currency = (get(cols.currency) ?? defaultCurrency).toUpperCase();
    let amount: bigint | null;
    if (cols.amount !== null) {
      amount = statementAmount(normalizeNumber(get(cols.amount) ?? '', decimal), currency);
    } else {
      const credit = get(cols.credit);
      const debit = get(cols.debit);
      const c = credit ? statementAmount(normalizeNumber(credit, decimal), currency) : 0n;
      const d = debit ? statementAmount(normalizeNumber(debit, decimal), currency) : 0n;
      amount = c === null || d === null ? null : (c < 0n ? -c : c) - (d < 0n ? -d : d);
    }
    if (amount === null) {
      errors.push({ path: `rows.${rowNo}.amount`, message: pt.notAnAmount });
      return;
    }
    if (amount === 0n) return;
    const valueDateText = get(cols.valueDate);
    const message = get(cols.message);
    const reference = get(cols.reference);
    const symbols = symbolsFrom([message, reference]);
    lines.push({
      date,
      valueDate: valueDateText ? toIsoDate(valueDateText, dateFormat) : null,
      amount,
      currency,
      counterpartyName: get(cols.counterpartyName),
      counterpartyAccount: get(cols.counterpartyAccount),
      variableSymbol: normalizeVariableSymbol(get(cols.variableSymbol)) ?? symbols.vs,
      constantSymbol: get(cols.constantSymbol) ?? symbols.ks,
      specificSymbol: get(cols.specificSymbol) ?? symbols.ss,
      reference,
      message,
      externalId: get(cols.externalId),
    });
  });
  if (errors.length)
    throw new Problem(400, 'invalid_statement', rowsUnreadable, {
      params: { count: errors.length },
      errors: errors.slice(0, 50),
    });
  const dates = lines.map((l) => l.date).sort();
  return {
    iban: null,
    accountNumber: null,
    currency: null,
    reference: null,
    fromDate: dates[0] ?? null,
    toDate: dates[dates.length - 1] ?? null,
    openingBalance: null,
    closingBalance: null,
    lines,
  };
}

export function detectDelimiter(content: string): ',' | ';' | '\t' {
  const first = content.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  const semi = count(';');
  const tab = count('\t');
  const comma = count(',');
  if (tab > semi && tab > comma) return '\t';
  return semi > comma ? ';' : ',';
}
