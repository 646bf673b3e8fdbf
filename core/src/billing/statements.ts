import { createHash } from 'node:crypto';
import { parse as parseCsvText } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fieldError, Problem } from '../http/problem.ts';
import { minorDigits, parseMoney } from '../lib/money.ts';
import { bm } from './messages.ts';

/** One incoming payment from a bank statement. */
export interface StatementLine {
  dedupeKey: string;
  statementRef: string | null;
  bookedOn: string;
  /** Minor units; only credits (incoming money) are returned. */
  amount: bigint;
  currency: string;
  variableSymbol: string | null;
  counterpartyAccount: string | null;
  counterpartyName: string | null;
  message: string | null;
}

export interface ParsedStatement {
  lines: StatementLine[];
  /** Debits, reversals and pending entries left out. */
  skipped: number;
}

/** The statement's own wording of what is wrong (line numbers, values) stays as it is, inside our message. */
const invalid = (reason: string) =>
  new Problem(400, 'invalid_statement', bm.statement_invalid, {
    params: { reason },
    errors: [fieldError('content', bm.statement_invalid, { reason })],
  });

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Finds a variable symbol in the texts Czech banks put it in: "VS:123", "/VS/123", "VS123" in a
 * reference or message, or a structured reference made only of digits (at most ten).
 */
export function extractVariableSymbol(structured: (string | null | undefined)[], texts: (string | null | undefined)[]) {
  for (const t of [...structured, ...texts]) {
    if (!t) continue;
    const m = /(?:^|[^A-Z])VS[\s:/]*0*(\d{1,10})(?!\d)/i.exec(t);
    if (m) return m[1] as string;
  }
  for (const t of structured) {
    const v = t?.trim();
    if (v && /^\d{1,10}$/.test(v)) return v.replace(/^0+(?=\d)/, '');
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// camt.053 (ISO 20022 bank-to-customer statement)

const ARRAYS = new Set(['Stmt', 'Ntry', 'TxDtls', 'Ustrd', 'Bal', 'AdrLine', 'Strd', 'NtryDtls']);

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') {
    const t = (v as Record<string, unknown>)['#text'];
    return t === undefined ? null : String(t);
  }
  return String(v);
};

function amountOf(node: unknown, where: string): { amount: bigint; currency: string } {
  const currency = String((node as Record<string, unknown>)?.['@Ccy'] ?? '').toUpperCase();
  const raw = text(node);
  if (!/^[A-Z]{3}$/.test(currency) || raw === null) throw invalid(`${where}: amount or currency missing`);
  const amount = parseMoney(raw, minorDigits(currency));
  if (amount === null) throw invalid(`${where}: amount "${raw}" is not a decimal`);
  return { amount, currency };
}

export function parseCamt053(xml: string): ParsedStatement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw invalid(`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(xml) as any;
  const root = doc?.Document?.BkToCstmrStmt;
  if (!root) throw invalid('Not a camt.053 document (no Document/BkToCstmrStmt)');
  const stmts = root.Stmt as any[] | undefined;
  if (!stmts?.length) throw invalid('The statement has no Stmt element');
  const lines: StatementLine[] = [];
  let skipped = 0;
  stmts.forEach((stmt, si) => {
    const stmtId = text(stmt.Id) ?? `stmt${si}`;
    const account = text(stmt.Acct?.Id?.IBAN) ?? text(stmt.Acct?.Id?.Othr?.Id) ?? '';
    (stmt.Ntry ?? []).forEach((ntry: any, ni: number) => {
      const where = `Stmt ${stmtId}, entry ${ni + 1}`;
      const status = text(ntry.Sts?.Cd) ?? text(ntry.Sts);
      const reversal = text(ntry.RvslInd) === 'true';
      if (text(ntry.CdtDbtInd) !== 'CRDT' || reversal || (status && status !== 'BOOK')) {
        skipped++;
        return;
      }
      const bookedOn = text(ntry.BookgDt?.Dt) ?? text(ntry.BookgDt?.DtTm)?.slice(0, 10) ?? text(ntry.ValDt?.Dt);
      if (!bookedOn || !/^\d{4}-\d{2}-\d{2}/.test(bookedOn)) throw invalid(`${where}: booking date missing`);
      const entryAmount = amountOf(ntry.Amt, where);
      const txs: any[] = (ntry.NtryDtls ?? []).flatMap((d: any) => d.TxDtls ?? []);
      const entryRef = text(ntry.AcctSvcrRef) ?? text(ntry.NtryRef) ?? `${ni}`;
      const parts = txs.length > 1 && txs.every((t) => t.AmtDtls?.TxAmt?.Amt) ? txs : [txs[0]];
      parts.forEach((tx, ti) => {
        const amt = parts.length > 1 ? amountOf(tx.AmtDtls.TxAmt.Amt, where) : entryAmount;
        const refs = tx?.Refs ?? {};
        const strd: any[] = tx?.RmtInf?.Strd ?? [];
        const ustrd: string[] = (tx?.RmtInf?.Ustrd ?? []).map((u: unknown) => text(u) ?? '');
        const structured = [
          ...strd.map((s) => text(s?.CdtrRefInf?.Ref)),
          text(refs.EndToEndId),
          text(refs.InstrId),
          text(refs.PmtInfId),
        ];
        const debtor = tx?.RltdPties?.Dbtr;
        const debtorAccount = tx?.RltdPties?.DbtrAcct?.Id;
        lines.push({
          dedupeKey: `camt:${account}:${stmtId}:${entryRef}:${ti}:${sha(`${bookedOn}|${amt.amount}|${structured.join('|')}`)}`,
          statementRef: stmtId,
          bookedOn: bookedOn.slice(0, 10),
          amount: amt.amount,
          currency: amt.currency,
          variableSymbol: extractVariableSymbol(structured, [...ustrd, text(ntry.AddtlNtryInf)]),
          counterpartyAccount: text(debtorAccount?.IBAN) ?? text(debtorAccount?.Othr?.Id),
          counterpartyName: text(debtor?.Nm) ?? text(debtor?.Pty?.Nm),
          message: ustrd.join(' ').trim() || text(ntry.AddtlNtryInf),
        });
      });
    });
  });
  return { lines, skipped };
}

// ---------------------------------------------------------------------------------------------
// CSV (a bank's export: comma, semicolon or tab separated, Czech or English headers)

const ALIASES: Record<string, string[]> = {
  date: [
    'date',
    'datum',
    'booked',
    'booking date',
    'booked on',
    'datum zauctovani',
    'datum pohybu',
    'datum splatnosti',
  ],
  amount: ['amount', 'castka', 'objem', 'suma'],
  currency: ['currency', 'mena'],
  vs: ['variable_symbol', 'variable symbol', 'vs', 'variabilni symbol'],
  account: ['counterparty_account', 'account', 'protiucet', 'cislo protiuctu', 'iban'],
  name: ['counterparty_name', 'name', 'nazev protiuctu', 'nazev uctu', 'protistrana'],
  message: ['message', 'zprava', 'zprava pro prijemce', 'poznamka', 'popis'],
  id: ['id', 'transaction_id', 'id pohybu', 'id transakce', 'reference'],
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

function csvAmount(raw: string, currency: string): bigint | null {
  let s = raw.replace(/[\s\u00a0']/g, '');
  if (s.includes(',') && s.includes('.')) {
    s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (s.includes(',')) {
    s = s.replace(',', '.');
  }
  if (s.startsWith('+')) s = s.slice(1);
  return parseMoney(s, minorDigits(currency));
}

function csvDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$/.exec(s);
  if (m) return `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return null;
}

export function parseCsv(content: string): ParsedStatement {
  // The header line decides the separator (Czech banks use ';' with decimal commas).
  const first = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].reduce(
    (best, d) => (first.split(d).length > first.split(best).length ? d : best),
    ',',
  );
  let rows: string[][];
  try {
    rows = parseCsvText(content, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (err) {
    throw invalid(`Not a readable CSV file: ${(err as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) throw invalid('The file is empty');
  const col: Record<string, number> = {};
  header.forEach((h, i) => {
    const f = fold(h);
    for (const [name, aliases] of Object.entries(ALIASES))
      if (col[name] === undefined && aliases.includes(f)) col[name] = i;
  });
  if (col.date === undefined || col.amount === undefined)
    throw invalid('The CSV header needs at least a date and an amount column');
  const seen = new Map<string, number>();
  const lines: StatementLine[] = [];
  let skipped = 0;
  body.forEach((r, i) => {
    const get = (name: string) => {
      const idx = col[name];
      const v = idx === undefined ? undefined : r[idx];
      return v ? v : null;
    };
    const where = `Line ${i + 2}`;
    const currency = (get('currency') ?? 'CZK').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw invalid(`${where}: currency "${currency}" is not an ISO code`);
    const bookedOn = csvDate(get('date') ?? '');
    if (!bookedOn) throw invalid(`${where}: date "${get('date') ?? ''}" is neither YYYY-MM-DD nor D.M.YYYY`);
    const amount = csvAmount(get('amount') ?? '', currency);
    if (amount === null) throw invalid(`${where}: amount "${get('amount') ?? ''}" is not a number`);
    if (amount <= 0n) {
      skipped++;
      return;
    }
    const vsRaw = get('vs');
    const message = get('message');
    const natural = [bookedOn, amount, currency, vsRaw, get('account'), get('name'), message].join('|');
    const n = (seen.get(natural) ?? 0) + 1;
    seen.set(natural, n);
    const id = get('id');
    lines.push({
      dedupeKey: id ? `csv:id:${id}` : `csv:${sha(natural)}:${n}`,
      statementRef: null,
      bookedOn,
      amount,
      currency,
      variableSymbol: extractVariableSymbol([vsRaw], [message]),
      counterpartyAccount: get('account'),
      counterpartyName: get('name'),
      message,
    });
  });
  return { lines, skipped };
}
