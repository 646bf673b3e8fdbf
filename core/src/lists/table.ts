import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';

/**
 * Tabular export of reports as CSV or XLSX (write-excel-file: small, one dependency, fflate).
 * Amount columns hold decimal strings; in XLSX they become number cells only when the decimal
 * has at most 15 significant digits, where the spreadsheet's double holds it exactly; beyond
 * that the cell stays text, so no amount is ever rounded.
 */
export interface Table {
  title: string;
  columns: { header: string; amount?: boolean }[];
  rows: (string | number | null)[][];
}

export function toCsv(table: Table): string {
  return stringify([
    table.columns.map((c) => c.header),
    ...table.rows.map((r) => r.map((v) => (v === null ? '' : String(v)))),
  ]);
}

const exactNumber = (s: string): number | null => {
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  if (s.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) return null;
  return Number(s);
};

export async function toXlsx(table: Table): Promise<Buffer> {
  const header = table.columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const rows = table.rows.map((r) =>
    r.map((v, i) => {
      if (v === null) return null;
      if (table.columns[i]?.amount && typeof v === 'string') {
        const n = exactNumber(v);
        if (n !== null) return { value: n, type: Number, format: '#,##0.00' };
      }
      return { value: String(v), type: String };
    }),
  );
  const sheet = table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  return (await writeXlsxFile([header, ...rows] as never, { sheet }).toBuffer()) as Buffer;
}
