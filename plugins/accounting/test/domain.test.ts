import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateProportionally,
  convert,
  decimalText,
  multiply,
  parseDecimal,
  percentOf,
} from '../src/server/services/amounts.ts';
import { CZ_CHART, GENERIC_CHART } from '../src/server/services/charts.ts';
import { addMonths, fiscalYearOf, isDate, previousPeriod } from '../src/server/services/dates.ts';
import { isValidCzechAccount, isValidDic, isValidIco, normalizeIban } from '../src/server/services/identifiers.ts';
import { parseCamt053 } from '../src/server/services/statements/camt053.ts';
import { parseCsvStatement } from '../src/server/services/statements/csv.ts';
import { parseOfx, sgmlToXml } from '../src/server/services/statements/ofx.ts';

const ORACLES = new URL('../../../../shared/oracles/', import.meta.url);
const oracle = (path: string) => readFileSync(new URL(path, ORACLES), 'utf8');

describe('identifiers', () => {
  it('checks IČO with the mod-11 digit', () => {
    expect(isValidIco('25596641')).toBe(true);
    expect(isValidIco('27082440')).toBe(true);
    expect(isValidIco('27082441')).toBe(false);
    expect(isValidIco('1234567')).toBe(false);
  });

  it('checks Czech DIČ: CZ + IČO, or CZ + birth number', () => {
    expect(isValidDic('CZ25596641')).toBe(true);
    expect(isValidDic('CZ25596642')).toBe(false);
    expect(isValidDic('CZ7103192745')).toBe(true);
    expect(isValidDic('CZ7103192746')).toBe(false);
    expect(isValidDic('DE123456789')).toBe(true);
    expect(isValidDic('12345678')).toBe(false);
  });

  it('normalises and validates IBANs with ibantools', () => {
    expect(normalizeIban('CZ65 0800 0000 1920 0014 5399')).toBe('CZ6508000000192000145399');
    expect(normalizeIban('CZ65 0800 0000 1920 0014 5398')).toBeNull();
    expect(normalizeIban('GB82 WEST 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
  });

  it('checks Czech domestic account numbers', () => {
    expect(isValidCzechAccount('19-2000145399/0800')).toBe(true);
    expect(isValidCzechAccount('2000145399/0800')).toBe(true);
    expect(isValidCzechAccount('2000145398/0800')).toBe(false);
  });
});

describe('amounts (BigInt only)', () => {
  it('parses decimals exactly and rounds half away from zero', () => {
    expect(parseDecimal('25.125')).toEqual({ num: 25125n, scale: 3 });
    expect(decimalText({ num: 251250n, scale: 4 })).toBe('25.125');
    expect(multiply(1001n, parseDecimal('0.5') as never)).toBe(501n);
    expect(multiply(-1001n, parseDecimal('0.5') as never)).toBe(-501n);
    expect(percentOf(10050n, parseDecimal('21') as never)).toBe(2111n);
    expect(convert(10000n, 'EUR', 'CZK', parseDecimal('25.125') as never)).toBe(251250n);
    expect(convert(1000n, 'JPY', 'CZK', parseDecimal('0.1543') as never)).toBe(15430n);
  });

  it('converts amounts beyond 2^53 without losing a unit', () => {
    const big = 9_007_199_254_740_993n;
    expect(convert(big, 'EUR', 'CZK', parseDecimal('1') as never)).toBe(big);
    expect(multiply(big, parseDecimal('3') as never)).toBe(27_021_597_764_222_979n);
  });

  it('splits a total proportionally without losing or inventing a unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const parts = allocateProportionally(total, weights);
          const sum = parts.reduce((a, b) => a + b, 0n);
          expect(sum).toBe(weights.some((w) => w > 0n) ? total : 0n);
        },
      ),
    );
  });
});

describe('dates', () => {
  it('knows calendar dates, months and fiscal years', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(fiscalYearOf('2026-03-15', 7)).toBe(2025);
    expect(fiscalYearOf('2026-07-01', 7)).toBe(2026);
  });

  it('compares with the previous period of the same shape', () => {
    expect(previousPeriod('2026-01-01', '2026-03-31')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2026-01-10', '2026-01-19')).toEqual({ from: '2025-12-31', to: '2026-01-09' });
  });
});

describe('charts of accounts', () => {
  it('has the Czech synthetic accounts with their Czech names and a consistent tree', () => {
    const byCode = new Map(CZ_CHART.accounts.map((a) => [a.code, a]));
    expect(byCode.get('211')).toMatchObject({ name: 'Pokladna', type: 'asset', cash: true });
    expect(byCode.get('221')).toMatchObject({ name: 'Bankovní účty', type: 'asset', cash: true });
    expect(byCode.get('311')).toMatchObject({ name: 'Odběratelé', type: 'asset' });
    expect(byCode.get('321')).toMatchObject({ name: 'Dodavatelé', type: 'liability' });
    expect(byCode.get('343')).toMatchObject({ name: 'Daň z přidané hodnoty' });
    expect(byCode.get('411')).toMatchObject({ type: 'equity', cashFlow: 'financing' });
    expect(byCode.get('501')).toMatchObject({ name: 'Spotřeba materiálu', type: 'expense' });
    expect(byCode.get('602')).toMatchObject({ name: 'Tržby z prodeje služeb', type: 'income' });
    expect(byCode.get('701')).toMatchObject({ name: 'Počáteční účet rozvažný' });
    expect(CZ_CHART.accounts.length).toBeGreaterThan(180);
    for (const chart of [CZ_CHART, GENERIC_CHART]) {
      const codes = new Set(chart.accounts.map((a) => a.code));
      expect(codes.size).toBe(chart.accounts.length);
      for (const a of chart.accounts) if (a.parent) expect(codes.has(a.parent)).toBe(true);
      for (const code of Object.values(chart.defaults)) expect(codes.has(code)).toBe(true);
    }
  });
});

describe('camt.053 (official samples in shared/oracles/camt)', () => {
  it('reads the sample statement: account, balances and the booked entry', () => {
    const [s] = parseCamt053(oracle('camt/sample-camt053.v2.minimal.xml'));
    expect(s).toMatchObject({
      iban: 'NL26VAYB8060476890',
      currency: 'EUR',
      reference: '253EURNL26VAYB8060476890',
      openingBalance: 1815n,
      fromDate: '2007-10-18',
    });
    expect(s?.closingBalance).toBeNull(); // the sample's CLBD is in SEK, not the account's EUR
    expect(s?.lines).toHaveLength(1);
    expect(s?.lines[0]).toMatchObject({
      date: '2014-12-31',
      valueDate: '2015-01-02',
      amount: 885n,
      currency: 'EUR',
      counterpartyName: 'NAME NAME',
      counterpartyAccount: 'NL56AGDH9619008421',
      reference: '4654654654654654',
      externalId: 'LegalSequenceNumber:100',
    });
  });

  it('refuses the invalid sample (no Stmt) and non-XML', () => {
    expect(() => parseCamt053(oracle('camt/sample-invalid-camt053.v2.wrong.xml'))).toThrow(/no statement/);
    expect(() => parseCamt053('<Document><x>')).toThrow();
    expect(() => parseCamt053('hello')).toThrow(/XML/);
    expect(() => parseCamt053('<Other/>')).toThrow(/camt\.053/);
  });
});

describe('OFX (samples in shared/oracles/ofx)', () => {
  it('reads OFX 1.02 SGML with unclosed leaf elements', () => {
    const [s] = parseOfx(oracle('ofx/sample-checking-ofx102-sgml.ofx'));
    expect(s?.currency).toBe('USD');
    expect(s?.accountNumber).toBe('1452687~7');
    expect(s?.closingBalance).toBe(10099n);
    expect(s?.lines.map((l) => [l.date, l.amount, l.externalId])).toEqual([
      ['2011-03-31', 1n, '0000486'],
      ['2011-04-05', -3451n, '0000487'],
      ['2011-04-07', -2500n, '0000488'],
    ]);
    expect(s?.lines[2]?.reference).toBe('check 319');
    expect(s?.lines[1]?.counterpartyName).toBe('AUTOMATIC WITHDRAWAL, ELECTRIC BILL');
  });

  it('reads OFX 2.00 XML with CDATA', () => {
    const [s] = parseOfx(oracle('ofx/sample-suncorp-ofx200-xml.ofx'));
    expect(s?.currency).toBe('AUD');
    expect(s?.lines).toHaveLength(1);
    expect(s?.lines[0]).toMatchObject({
      date: '2013-12-15',
      amount: -1685n,
      externalId: '1',
      counterpartyName: 'EFTPOS WDL HANDYWAY ALDI STORE',
      message: 'EFTPOS WDL HANDYWAY ALDI STORE GEELONG WEST VICAU',
    });
    expect(s?.closingBalance).toBe(123412n);
  });

  it('closes SGML leaves and escapes stray ampersands', () => {
    expect(sgmlToXml('<A><B>x & y\n<C>1</C></A>')).toBe('<A><B>x &amp; y</B><C>1</C></A>');
    expect(() => parseOfx('no ofx here')).toThrow(/OFX/);
  });
});

describe('CSV statements', () => {
  const mapping = {
    delimiter: ';' as const,
    dateFormat: 'DD.MM.YYYY' as const,
    decimalSeparator: ',' as const,
    columns: { date: 'Datum', amount: 'Objem', variableSymbol: 'VS', counterpartyName: 'Protiúčet', message: 'Zpráva' },
  };
  it('reads Czech-formatted numbers and dates and finds symbols in messages', () => {
    const s = parseCsvStatement(
      'Datum;Objem;VS;Protiúčet;Zpráva\n05.01.2026;1 210,50;20260001;Firma s.r.o.;\n06.01.2026;-99,00;;;poplatek VS:7788\n',
      mapping,
      'CZK',
    );
    expect(s.lines.map((l) => [l.date, l.amount, l.variableSymbol])).toEqual([
      ['2026-01-05', 121050n, '20260001'],
      ['2026-01-06', -9900n, '7788'],
    ]);
  });

  it('names every bad row and mapping error', () => {
    const minimal = { ...mapping, columns: { date: 'Datum', amount: 'Objem' } };
    expect(() => parseCsvStatement('Datum;Objem\n31.02.2026;1,00\n01.02.2026;x\n', minimal, 'CZK')).toThrow(/2 row/);
    expect(() => parseCsvStatement('A;B\n1;2\n', mapping, 'CZK')).toThrow(/mapping/);
  });
});
