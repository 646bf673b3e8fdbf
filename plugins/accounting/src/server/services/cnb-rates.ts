import { type Decimal, decimalText, parseDecimal } from './amounts.ts';

/**
 * The Czech National Bank's exchange-rate files, as published at cnb.cz
 * ("Kurzy devizového trhu"):
 *  - the daily file (denni_kurz.txt): `05.01.2026 #3`, a header `země|měna|množství|kód|kurz`,
 *    then a line per currency `EMU|euro|1|EUR|24,335` (the rate is for `množství` units);
 *  - the yearly file (rok.txt): a header `Datum|1 AUD|1 BGN|…|100 JPY|…` and a line per day
 *    `02.01.2026|13,775|…`; the header may repeat when the set of currencies changes.
 * Rates are returned per one unit of the currency, as exact decimals.
 */
export interface CnbRate {
  /** 'YYYY-MM-DD' the rate was declared for. */
  date: string;
  currency: string;
  /** CZK per one unit. */
  rate: string;
}

export class CnbFormatError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

const DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;

function isoDate(text: string, line: number): string {
  const m = DATE.exec(text.trim());
  if (!m) throw new CnbFormatError(`Expected a date DD.MM.YYYY, found "${text.slice(0, 20)}"`, line);
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
    throw new CnbFormatError(`Not a calendar date: ${text}`, line);
  return iso;
}

/** "24,335" per `units` → CZK per one unit, exactly (a decimal division by a power of ten or by the unit count). */
function perUnit(text: string, units: number, line: number): string {
  const d = parseDecimal(text.trim().replace(/\s/g, '').replace(',', '.'));
  if (!d || d.num <= 0n) throw new CnbFormatError(`Not a rate: "${text}"`, line);
  if (!Number.isInteger(units) || units <= 0) throw new CnbFormatError(`Not a unit count: ${units}`, line);
  // Units are 1, 100, 1000…: divide by moving the decimal point; other counts are divided exactly to 12 places.
  let r: Decimal = d;
  if (/^10*$/.test(String(units))) r = { num: d.num, scale: d.scale + String(units).length - 1 };
  else r = { num: (d.num * 10n ** 12n) / BigInt(units), scale: d.scale + 12 };
  if (r.scale > 12) r = { num: r.num / 10n ** BigInt(r.scale - 12), scale: 12 };
  return decimalText(r);
}

/** Parses a daily or yearly ČNB file; throws `CnbFormatError` naming the line. */
export function parseCnbRates(content: string): CnbRate[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new CnbFormatError('The file is empty', 1);
  const head = (lines[first] as string).trim();
  const out: CnbRate[] = [];
  if (/^\d{2}\.\d{2}\.\d{4}\s+#\d+/.test(head)) {
    const date = isoDate(head.split(/\s+/)[0] as string, first + 1);
    for (let i = first + 2; i < lines.length; i++) {
      const l = (lines[i] as string).trim();
      if (!l) continue;
      const cells = l.split('|');
      if (cells.length !== 5) throw new CnbFormatError('Expected země|měna|množství|kód|kurz', i + 1);
      const code = (cells[3] as string).trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(code)) throw new CnbFormatError(`Not a currency code: ${cells[3]}`, i + 1);
      out.push({ date, currency: code, rate: perUnit(cells[4] as string, Number(cells[2]), i + 1) });
    }
  } else if (/^Datum\|/i.test(head)) {
    let columns: { code: string; units: number }[] = [];
    for (let i = first; i < lines.length; i++) {
      const l = (lines[i] as string).trim();
      if (!l) continue;
      const cells = l.split('|');
      if (/^Datum$/i.test((cells[0] as string).trim())) {
        columns = cells.slice(1).map((c, j) => {
          const m = /^(\d+)\s+([A-Z]{3})$/.exec(c.trim());
          if (!m) throw new CnbFormatError(`Column ${j + 2}: expected "<units> <code>", found "${c}"`, i + 1);
          return { units: Number(m[1]), code: m[2] as string };
        });
        continue;
      }
      const date = isoDate(cells[0] as string, i + 1);
      if (cells.length - 1 !== columns.length)
        throw new CnbFormatError('The line has a different number of columns', i + 1);
      columns.forEach((col, j) => {
        const v = (cells[j + 1] as string).trim();
        if (v) out.push({ date, currency: col.code, rate: perUnit(v, col.units, i + 1) });
      });
    }
  } else {
    throw new CnbFormatError('Not a ČNB rate file: expected "DD.MM.YYYY #n" or a "Datum|…" header', first + 1);
  }
  if (!out.length) throw new CnbFormatError('The file has no rates', first + 1);
  return out;
}
