import { XMLParser } from 'fast-xml-parser';
import { normalizeIban } from '../identifiers.ts';
import {
  clean,
  invalidStatement,
  type ParsedLine,
  type ParsedStatement,
  statementAmount,
  symbolsFrom,
} from './types.ts';

/**
 * Reads an ISO 20022 camt.053 bank-to-customer statement (001.02 and later versions: the
 * namespace is ignored, element names are the same). Every value is read as text: no amount is
 * ever parsed as a JS number.
 */
const ARRAYS = new Set(['Stmt', 'Ntry', 'Bal', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'AdrLine']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, any>;

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return clean((v as Node)['#text']);
  return clean(v);
};
const list = <T = Node>(v: unknown): T[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]) as T[];
const dateOf = (v: Node | undefined): string | null => {
  const d = text(v?.Dt) ?? text(v?.DtTm);
  return d ? d.slice(0, 10) : null;
};

function amountOf(amt: unknown, fallbackCurrency: string | null, path: string): { amount: bigint; currency: string } {
  const value = text(amt);
  const currency = (typeof amt === 'object' && amt ? clean((amt as Node)['@Ccy']) : null) ?? fallbackCurrency;
  if (!value || !currency)
    throw invalidStatement({ en: 'An amount or its currency is missing', cs: 'Chybí částka nebo její měna' }, [
      { path, message: { en: 'Missing Amt or Ccy', cs: 'Chybí Amt nebo Ccy' } },
    ]);
  const amount = statementAmount(value, currency);
  if (amount === null)
    throw invalidStatement({ en: 'An amount is invalid', cs: 'Neplatná částka' }, [
      { path, message: { en: `Not an amount: ${value}`, cs: `Není částka: ${value}` } },
    ]);
  return { amount, currency };
}

function account(acct: Node | undefined): string | null {
  const id = acct?.Id;
  if (!id) return null;
  const iban = text(id.IBAN);
  if (iban) return iban;
  return text(id.Othr?.Id);
}

export function parseCamt053(xml: string): ParsedStatement[] {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (err) {
    throw invalidStatement({
      en: `Not well-formed XML: ${(err as Error).message}`.slice(0, 300),
      cs: `Chybně utvořené XML: ${(err as Error).message}`.slice(0, 300),
    });
  }
  const root = doc.Document?.BkToCstmrStmt;
  if (!root)
    throw invalidStatement({
      en: 'Not a camt.053 statement (no Document/BkToCstmrStmt)',
      cs: 'Není výpis camt.053 (chybí Document/BkToCstmrStmt)',
    });
  const statements = list(root.Stmt);
  if (!statements.length)
    throw invalidStatement({
      en: 'The camt.053 message has no statement (Stmt)',
      cs: 'Zpráva camt.053 neobsahuje žádný výpis (Stmt)',
    });
  return statements.map((stmt, si) => {
    const currency = text(stmt.Acct?.Ccy);
    const iban = text(stmt.Acct?.Id?.IBAN);
    let opening: bigint | null = null;
    let closing: bigint | null = null;
    for (const bal of list(stmt.Bal)) {
      const code = text(bal.Tp?.CdOrPrtry?.Cd);
      const { amount, currency: c } = amountOf(bal.Amt, currency, `Stmt.${si}.Bal`);
      if (currency && c !== currency) continue;
      const signed = text(bal.CdtDbtInd) === 'DBIT' ? -amount : amount;
      if (code === 'OPBD' || code === 'PRCD') opening ??= signed;
      if (code === 'CLBD') closing = signed;
    }
    const lines: ParsedLine[] = [];
    list(stmt.Ntry).forEach((ntry, ni) => {
      const path = `Stmt.${si}.Ntry.${ni}`;
      const status = text(ntry.Sts?.Cd) ?? text(ntry.Sts);
      if (status && status !== 'BOOK') return; // pending or informational entries are not booked yet
      const { amount, currency: ccy } = amountOf(ntry.Amt, currency, `${path}.Amt`);
      const credit = text(ntry.CdtDbtInd) === 'CRDT';
      if (!credit && text(ntry.CdtDbtInd) !== 'DBIT') {
        throw invalidStatement(
          { en: 'An entry has no credit/debit indicator', cs: 'Pohybu chybí příznak příjmu či výdaje' },
          [{ path: `${path}.CdtDbtInd`, message: { en: 'Expected CRDT or DBIT', cs: 'Očekáváno CRDT nebo DBIT' } }],
        );
      }
      const date = dateOf(ntry.BookgDt) ?? dateOf(ntry.ValDt);
      if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        throw invalidStatement({ en: 'An entry has no booking date', cs: 'Pohybu chybí datum zaúčtování' }, [
          { path: `${path}.BookgDt`, message: { en: 'Missing date', cs: 'Chybí datum' } },
        ]);
      }
      const txs = list(ntry.NtryDtls).flatMap((d) => list(d.TxDtls));
      // A batch entry with per-transaction amounts becomes one line per transaction.
      const split = txs.length > 1 && txs.every((tx) => tx.AmtDtls?.TxAmt?.Amt ?? tx.Amt);
      const parts = split ? txs : [txs[0]];
      parts.forEach((tx: Node | undefined, ti) => {
        const txAmount = split
          ? amountOf(tx?.AmtDtls?.TxAmt?.Amt ?? tx?.Amt, ccy, `${path}.TxDtls.${ti}`).amount
          : amount;
        const parties = tx?.RltdPties ?? {};
        const counterparty = credit ? parties.Dbtr : parties.Cdtr;
        const counterpartyAcct = credit ? parties.DbtrAcct : parties.CdtrAcct;
        const refs = tx?.Refs ?? {};
        const strdRef = list(tx?.RmtInf?.Strd)
          .map((s) => text(s.CdtrRefInf?.Ref))
          .find(Boolean);
        const endToEnd = text(refs.EndToEndId);
        const ustrd = list(tx?.RmtInf?.Ustrd).map(text).filter(Boolean).join(' ') || null;
        const message = ustrd ?? text(ntry.AddtlNtryInf) ?? text(tx?.AddtlTxInf);
        const symbols = symbolsFrom([endToEnd, ustrd, text(ntry.AddtlNtryInf)]);
        const vs = symbols.vs ?? (strdRef && /^\d{1,10}$/.test(strdRef) ? strdRef.replace(/^0+(?=\d)/, '') : null);
        const prtry = refs.Prtry ? `${text(refs.Prtry.Tp) ?? 'ref'}:${text(refs.Prtry.Ref)}` : null;
        const externalId =
          text(refs.AcctSvcrRef) ??
          text(ntry.AcctSvcrRef) ??
          text(refs.TxId) ??
          (split ? null : text(ntry.NtryRef)) ??
          prtry;
        const acct = account(counterpartyAcct);
        lines.push({
          date,
          valueDate: dateOf(ntry.ValDt),
          amount: credit ? txAmount : -txAmount,
          currency: ccy,
          counterpartyName: text(counterparty?.Nm) ?? text(counterparty?.Pty?.Nm),
          counterpartyAccount: acct ? (normalizeIban(acct) ?? acct) : null,
          variableSymbol: vs,
          constantSymbol: symbols.ks,
          specificSymbol: symbols.ss,
          reference: strdRef ?? (endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : null),
          message,
          externalId: externalId ? `${externalId}${split ? `#${ti}` : ''}` : null,
        });
      });
    });
    const from = text(stmt.FrToDt?.FrDtTm);
    const to = text(stmt.FrToDt?.ToDtTm);
    return {
      iban: iban ? (normalizeIban(iban) ?? iban) : null,
      accountNumber: text(stmt.Acct?.Id?.Othr?.Id),
      currency,
      reference: text(stmt.Id),
      fromDate: from ? from.slice(0, 10) : null,
      toDate: to ? to.slice(0, 10) : null,
      openingBalance: opening,
      closingBalance: closing,
      lines,
    };
  });
}
