import { parseCsv } from './csv.ts';

/**
 * Packeta's cash-on-delivery payout report (výpis vyplacených dobírek): Packeta collects the cash at
 * the pickup point or door and sends it to the shop's bank account in a payout, less its fees, with a
 * list of the parcels the payout covers, exported from the client section (client.packeta.com →
 * Zásilky / Vyúčtování, CSV). Packeta publishes no sample or specification of this export (its API,
 * https://docs.packetery.com, has no payout call; `packetCod` only changes a packet's COD amount), so
 * the file is read by its header row, whatever the column order, in Czech or English, `;` or `,`:
 * the parcel's barcode ("Čárový kód" / "Barcode", "Číslo zásilky", "Packet ID"), the order
 * number ("Číslo objednávky" / "Order number"), the COD amount ("Dobírka" / "COD"), the fee
 * ("Poplatek" / "Fee", optional), the payout date ("Datum výplaty" / "Payout date") and the currency
 * ("Měna" / "Currency", optional, CZK). Amounts take `,` or `.` as the decimal mark and spaces between
 * thousands; dates ISO or Czech `d. m. yyyy`.
 */
const HEADERS = {
  tracking: ['barcode', 'čárový kód', 'carovy kod', 'packet id', 'id zásilky', 'číslo zásilky', 'tracking number'],
  order: ['order number', 'číslo objednávky', 'cislo objednavky', 'order', 'objednávka'],
  cod: ['cod', 'dobírka', 'dobirka', 'cod amount', 'částka dobírky', 'vyplacená dobírka'],
  fee: ['fee', 'poplatek', 'poplatky', 'cod fee', 'poplatek za dobírku'],
  date: ['payout date', 'datum výplaty', 'datum vyplaceni', 'datum vyplacení', 'date'],
  currency: ['currency', 'měna', 'mena'],
} as const;

type Column = keyof typeof HEADERS;

export interface PayoutLine {
  line: number;
  tracking: string;
  reference: string;
  codMinor: bigint;
  feeMinor: bigint;
  date: string;
  currency: string;
}

export type PayoutLineError = { line: number; problem: 'amount' | 'date' | 'parcel' | 'currency' };

/** Minor units of "1 234,50", "1234.5" or "-12"; null when it is not an amount. */
export function parseAmount(text: string): bigint | null {
  const t = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const minor = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -minor : minor;
}

/** 'YYYY-MM-DD' of "2026-12-07" or "7. 12. 2026" / "07.12.2026"; null otherwise. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  const cz = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})/.exec(t);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : cz ? [cz[3], cz[2], cz[1]] : [];
  if (!y || !mo || !d) return null;
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date ? null : date;
}

/**
 * The payout's lines and the lines that cannot be read (each with what is wrong), or null when no
 * header row names the COD amount, the payout date and the parcel (its barcode or order number).
 */
export function parsePacketaPayout(text: string): { lines: PayoutLine[]; errors: PayoutLineError[] } | null {
  const rows = parseCsv(text);
  const find = (header: string[], col: Column) =>
    header.findIndex((c) => (HEADERS[col] as readonly string[]).includes(c));
  const headerAt = rows.findIndex((r) => {
    const h = r.map((c) => c.trim().toLowerCase());
    return find(h, 'cod') >= 0 && find(h, 'date') >= 0 && (find(h, 'tracking') >= 0 || find(h, 'order') >= 0);
  });
  if (headerAt < 0) return null;
  const header = (rows[headerAt] ?? []).map((c) => c.trim().toLowerCase());
  const at = Object.fromEntries((Object.keys(HEADERS) as Column[]).map((k) => [k, find(header, k)])) as Record<
    Column,
    number
  >;
  const cell = (r: string[], col: Column) => (at[col] >= 0 ? (r[at[col]] ?? '').trim() : '');
  const lines: PayoutLine[] = [];
  const errors: PayoutLineError[] = [];
  rows.slice(headerAt + 1).forEach((r, i) => {
    const line = headerAt + i + 2;
    if (r.every((c) => !c.trim())) return;
    const tracking = cell(r, 'tracking').replace(/\s/g, '');
    const reference = cell(r, 'order');
    const cod = parseAmount(cell(r, 'cod'));
    const fee = at.fee >= 0 && cell(r, 'fee') ? parseAmount(cell(r, 'fee')) : 0n;
    const date = parseDate(cell(r, 'date'));
    const currency = (cell(r, 'currency') || 'CZK').toUpperCase();
    if (!tracking && !reference) errors.push({ line, problem: 'parcel' });
    else if (cod === null || cod < 0n || fee === null) errors.push({ line, problem: 'amount' });
    else if (!date) errors.push({ line, problem: 'date' });
    else if (!/^[A-Z]{3}$/.test(currency)) errors.push({ line, problem: 'currency' });
    // A fee is a cost to the shop whichever sign the export gives it.
    else lines.push({ line, tracking, reference, codMinor: cod, feeMinor: fee < 0n ? -fee : fee, date, currency });
  });
  return { lines, errors };
}
