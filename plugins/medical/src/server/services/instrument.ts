/**
 * Instrument result files: ASTM E1394 / CLSI LIS2-A2 messages and a plain CSV. Both parse to the
 * same lines (specimen barcode, the instrument's test code, value, unit); entering them is
 * services/import.ts's job. Parsers never throw on content: a line they cannot read is returned
 * with a reason so the import can name it.
 */

export interface InstrumentLine {
  /** 1-based line (record) number in the file, for messages. */
  line: number;
  specimen: string;
  code: string;
  value: string;
  unit: string | null;
  /** ASTM result status (F final, C correction, P preliminary, X cannot be done…); CSV: F. */
  status: string;
  comment: string | null;
}

export interface ParseProblem {
  line: number;
  reason: 'unreadable' | 'no_order' | 'not_final';
  text: string;
}

export interface Parsed {
  lines: InstrumentLine[];
  problems: ParseProblem[];
}

/** Instruments print "173." or ".5"; the API takes "173" and "0.5". Decimal commas become points. */
export function normaliseNumber(raw: string): string {
  if (!/^-?[\d.,]+$/.test(raw.trim())) return raw.trim();
  let s = raw.trim().replace(',', '.');
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s.startsWith('.')) s = `0${s}`;
  if (s.startsWith('-.')) s = `-0${s.slice(1)}`;
  return s;
}

const [STX, ETX, ETB] = ['\x02', '\x03', '\x17'];
/** `<STX>` frame number, text, `<ETB>` or `<ETX>`, two checksum digits, CR LF (ASTM E1381). */
const FRAME = new RegExp(`${STX}([0-7])([\\s\\S]*?)([${ETX}${ETB}])[0-9A-Fa-f]{2}\\r?\\n?`, 'g');

/**
 * The records of an ASTM transmission. Accepts the low-level frames of ASTM E1381 / LIS1-A
 * (`<STX>` frame number, text, `<ETB>`/`<ETX>`, checksum, CR LF; a record split over ETB frames is
 * joined) or bare records one per line, with or without the frame digit a capture may keep in front.
 */
export function astmRecords(text: string): string[] {
  if (text.includes(STX)) {
    const records: string[] = [];
    let pending = '';
    for (const f of text.matchAll(FRAME)) {
      pending += f[2] ?? '';
      if (f[3] === ETX) {
        records.push(...pending.split('\r').filter((r) => r.length > 0));
        pending = '';
      }
    }
    if (pending) records.push(...pending.split('\r').filter((r) => r.length > 0));
    return records;
  }
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => (/^[0-7][HPOQRCLMS][|]/.test(l) || /^[0-7]H/.test(l) ? l.slice(1) : l));
}

/**
 * Results of an ASTM E1394 message: the header declares the delimiters (field, repeat, component,
 * escape); each O record names its specimen (field 3), each R record after it a result (field 3 the
 * universal test id `^^^CODE`, 4 the value, 5 the unit, 9 the status). Results other than final (F)
 * or corrected (C) are reported, not taken.
 */
export function parseAstm(text: string): Parsed {
  const records = astmRecords(text);
  const lines: InstrumentLine[] = [];
  const problems: ParseProblem[] = [];
  let field = '|';
  let component = '^';
  let repeat = '\\';
  let specimen: string | null = null;
  let lastResult: InstrumentLine | null = null;
  records.forEach((record, i) => {
    const n = i + 1;
    const type = record[0];
    if (type === 'H') {
      field = record[1] ?? '|';
      repeat = record[2] ?? '\\';
      component = record[3] ?? '^';
      return;
    }
    const f = record.split(field);
    if (type === 'P') {
      specimen = null;
      return;
    }
    if (type === 'O') {
      specimen = (f[2] ?? '').split(component)[0]?.trim() || (f[3] ?? '').split(component)[0]?.trim() || null;
      return;
    }
    if (type === 'C' && lastResult) {
      const comment = (f[3] ?? '').split(component).filter(Boolean).join(' ').trim();
      if (comment) lastResult.comment = lastResult.comment ? `${lastResult.comment} ${comment}` : comment;
      return;
    }
    if (type !== 'R') return;
    lastResult = null;
    const id = (f[2] ?? '').split(repeat)[0]?.split(component) ?? [];
    const code = (id[3] ?? id.find((c) => c.trim()) ?? '').trim();
    const value = (f[3] ?? '').split(component)[0] ?? '';
    const status = (f[8] ?? '').trim() || 'F';
    if (!specimen) {
      problems.push({ line: n, reason: 'no_order', text: record.slice(0, 80) });
      return;
    }
    if (!code || !value.trim()) {
      problems.push({ line: n, reason: 'unreadable', text: record.slice(0, 80) });
      return;
    }
    if (status !== 'F' && status !== 'C') {
      problems.push({ line: n, reason: 'not_final', text: record.slice(0, 80) });
      return;
    }
    lastResult = {
      line: n,
      specimen,
      code,
      value: normaliseNumber(value),
      unit: (f[4] ?? '').trim() || null,
      status,
      comment: null,
    };
    lines.push(lastResult);
  });
  return { lines, problems };
}

function splitCsv(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const HEADERS: Record<string, keyof Pick<InstrumentLine, 'specimen' | 'code' | 'value' | 'unit' | 'comment'>> = {
  barcode: 'specimen',
  specimen: 'specimen',
  sample: 'specimen',
  sampleid: 'specimen',
  test: 'code',
  code: 'code',
  value: 'value',
  result: 'value',
  unit: 'unit',
  units: 'unit',
  comment: 'comment',
};

/**
 * A CSV export: a header row naming at least the barcode (or specimen/sample), test (or code) and
 * value (or result) columns, optionally unit and comment, separated by commas or semicolons (a
 * Czech spreadsheet writes `;` and decimal commas).
 */
export function parseCsv(text: string): Parsed {
  const rows = text.split(/\r\n|\r|\n/);
  const lines: InstrumentLine[] = [];
  const problems: ParseProblem[] = [];
  const headerAt = rows.findIndex((r) => r.trim().length > 0);
  if (headerAt < 0) return { lines, problems };
  const head = rows[headerAt] as string;
  const sep = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',';
  const cols = splitCsv(head, sep).map((h) => HEADERS[h.toLowerCase().replace(/[^a-z]/g, '')]);
  if (!cols.includes('specimen') || !cols.includes('code') || !cols.includes('value')) {
    problems.push({ line: headerAt + 1, reason: 'unreadable', text: head.slice(0, 80) });
    return { lines, problems };
  }
  for (let i = headerAt + 1; i < rows.length; i++) {
    const raw = rows[i] as string;
    if (!raw.trim()) continue;
    const cells = splitCsv(raw, sep);
    const get = (k: string) => {
      const at = cols.indexOf(k as never);
      return at < 0 ? '' : (cells[at] ?? '');
    };
    if (!get('specimen') || !get('code') || !get('value')) {
      problems.push({ line: i + 1, reason: 'unreadable', text: raw.slice(0, 80) });
      continue;
    }
    lines.push({
      line: i + 1,
      specimen: get('specimen'),
      code: get('code'),
      value: normaliseNumber(get('value')),
      unit: get('unit') || null,
      status: 'F',
      comment: get('comment') || null,
    });
  }
  return { lines, problems };
}
