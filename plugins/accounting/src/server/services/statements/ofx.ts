import { XMLParser } from 'fast-xml-parser';
import {
  clean,
  invalidStatement,
  type ParsedLine,
  type ParsedStatement,
  statementAmount,
  symbolsFrom,
} from './types.ts';

/**
 * Reads OFX bank and credit-card statements, both OFX 1.x (SGML: leaf elements are not closed)
 * and OFX 2.x (XML). The SGML body is turned into XML by closing every leaf element, then
 * parsed like OFX 2. Values stay text; amounts never become JS numbers.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['STMTTRN', 'STMTTRNRS', 'CCSTMTTRNRS'].includes(name),
});

type Node = Record<string, any>;

const TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<\/?[A-Za-z0-9._]+>|[^<]+|</g;
const escapeText = (s: string) => s.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi, '&amp;');

/** Closes SGML leaf elements: `<TRNAMT>-34.51` → `<TRNAMT>-34.51</TRNAMT>`; XML input passes unchanged. */
export function sgmlToXml(body: string): string {
  const tokens = body.match(TOKEN) ?? [];
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const open = /^<([A-Za-z0-9._]+)>$/.exec(t);
    if (!open) {
      out.push(t === '<' ? '&lt;' : t.startsWith('<') ? t : escapeText(t));
      continue;
    }
    const name = open[1] as string;
    out.push(t);
    // A value follows (text or CDATA, possibly with whitespace): close it unless the file does.
    let j = i + 1;
    let value = '';
    while (j < tokens.length && !/^<\/?[A-Za-z0-9._]+>$/.test(tokens[j] as string)) {
      value += tokens[j];
      j++;
    }
    if (value.trim() === '') continue;
    out.push(
      value.startsWith('<![CDATA[') || value.trim().startsWith('<![CDATA[') ? value.trim() : escapeText(value.trim()),
    );
    i = j - 1;
    if (tokens[j] !== `</${name}>`) out.push(`</${name}>`);
  }
  return out.join('');
}

/** OFX dates: YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]] → 'YYYY-MM-DD'. */
function ofxDate(v: unknown): string | null {
  const s = clean(v);
  const m = s ? /^(\d{4})(\d{2})(\d{2})/.exec(s) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export function parseOfx(content: string): ParsedStatement[] {
  const start = content.search(/<OFX>/i);
  if (start < 0)
    throw invalidStatement({ en: "Not an OFX file (no '<OFX>' element)", cs: "Není soubor OFX (chybí prvek '<OFX>')" });
  let doc: Node;
  try {
    doc = parser.parse(sgmlToXml(content.slice(start)), true) as Node;
  } catch (err) {
    throw invalidStatement({
      en: `The OFX file cannot be read: ${(err as Error).message}`.slice(0, 300),
      cs: `Soubor OFX nelze přečíst: ${(err as Error).message}`.slice(0, 300),
    });
  }
  const ofx = doc.OFX ?? {};
  const responses: { rs: Node; card: boolean }[] = [
    ...(ofx.BANKMSGSRSV1?.STMTTRNRS ?? []).map((r: Node) => ({ rs: r.STMTRS, card: false })),
    ...(ofx.CREDITCARDMSGSRSV1?.CCSTMTTRNRS ?? []).map((r: Node) => ({ rs: r.CCSTMTRS, card: true })),
  ].filter((r) => r.rs);
  if (!responses.length)
    throw invalidStatement({
      en: 'The OFX file has no bank or credit-card statement',
      cs: 'Soubor OFX neobsahuje výpis z účtu ani z platební karty',
    });
  return responses.map(({ rs, card }, si) => {
    const currency = clean(rs.CURDEF)?.toUpperCase() ?? null;
    if (!currency)
      throw invalidStatement({ en: 'The statement has no currency', cs: 'Výpis nemá měnu' }, [
        { path: `STMTRS.${si}.CURDEF`, message: { en: 'Missing', cs: 'Chybí' } },
      ]);
    const from = card ? rs.CCACCTFROM : rs.BANKACCTFROM;
    const list: Node = rs.BANKTRANLIST ?? {};
    const lines: ParsedLine[] = (list.STMTTRN ?? []).map((t: Node, i: number) => {
      const path = `STMTTRN.${i}`;
      const date = ofxDate(t.DTPOSTED);
      if (!date)
        throw invalidStatement({ en: 'A transaction has no date', cs: 'Transakce nemá datum' }, [
          { path: `${path}.DTPOSTED`, message: { en: 'Missing or invalid', cs: 'Chybí nebo je neplatné' } },
        ]);
      const lineCurrency = clean(t.CURRENCY?.CURSYM) ?? currency;
      const amount = statementAmount(clean(t.TRNAMT) ?? '', lineCurrency);
      if (amount === null || amount === 0n) {
        throw invalidStatement({ en: 'A transaction amount is invalid', cs: 'Neplatná částka transakce' }, [
          {
            path: `${path}.TRNAMT`,
            message: { en: `Not an amount: ${clean(t.TRNAMT)}`, cs: `Není částka: ${clean(t.TRNAMT)}` },
          },
        ]);
      }
      const name = clean(t.NAME) ?? clean(t.PAYEE?.NAME);
      const memo = clean(t.MEMO);
      const symbols = symbolsFrom([memo, clean(t.REFNUM)]);
      return {
        date,
        valueDate: ofxDate(t.DTAVAIL),
        amount,
        currency: lineCurrency,
        counterpartyName: name,
        counterpartyAccount: clean(t.BANKACCTTO?.ACCTID),
        variableSymbol: symbols.vs,
        constantSymbol: symbols.ks,
        specificSymbol: symbols.ss,
        reference:
          clean(t.REFNUM) ?? (clean(t.CHECKNUM) && clean(t.CHECKNUM) !== '0' ? `check ${clean(t.CHECKNUM)}` : null),
        message: memo,
        externalId: clean(t.FITID),
      };
    });
    const ledger = rs.LEDGERBAL?.BALAMT ? statementAmount(clean(rs.LEDGERBAL.BALAMT) ?? '', currency) : null;
    return {
      iban: null,
      accountNumber: clean(from?.ACCTID),
      currency,
      reference: clean(list.DTSTART) && clean(list.DTEND) ? `${clean(list.DTSTART)}-${clean(list.DTEND)}` : null,
      fromDate: ofxDate(list.DTSTART),
      toDate: ofxDate(list.DTEND),
      openingBalance: null,
      closingBalance: ledger,
      lines,
    };
  });
}
