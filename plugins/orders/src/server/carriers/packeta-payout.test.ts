import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from './csv.ts';
import { parseAmount, parseDate, parsePacketaPayout } from './packeta-payout.ts';

/** "1 234,50" as a Czech spreadsheet writes minor units. */
const czech = (minor: bigint) => {
  const whole = (minor / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${whole},${(minor % 100n).toString().padStart(2, '0')}`;
};

describe("Packeta's COD payout report", () => {
  it('reads amounts and dates as Czech and English exports write them', () => {
    expect(parseAmount('1 234,50')).toBe(123_450n);
    expect(parseAmount('484')).toBe(48_400n);
    expect(parseAmount('12.5')).toBe(1_250n);
    expect(parseAmount('-25,00')).toBe(-2_500n);
    expect(parseAmount('12,345')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
    expect(parseDate('7. 12. 2026')).toBe('2026-12-07');
    expect(parseDate('2026-12-07')).toBe('2026-12-07');
    expect(parseDate('31. 2. 2026')).toBeNull();
  });

  it('finds the columns by their header in any order and names the lines it cannot read', () => {
    const text = 'Datum výplaty,Dobírka,Čárový kód\n2026-12-07,"1 210,00",Z 123\n2026-12-07,x,Z124\n';
    expect(parsePacketaPayout(text)).toEqual({
      lines: [
        {
          line: 2,
          tracking: 'Z123',
          reference: '',
          codMinor: 121_000n,
          feeMinor: 0n,
          date: '2026-12-07',
          currency: 'CZK',
        },
      ],
      errors: [{ line: 3, problem: 'amount' }],
    });
    expect(parsePacketaPayout('Order number;Barcode\nSO-1;Z1\n')).toBeNull();
  });

  // The batch's cash on delivery and fees are the sums of its rows, whatever the amounts.
  it('keeps every row: the sums of the file are the sums of its lines (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: 100_000n })), {
          minLength: 1,
          maxLength: 30,
        }),
        (amounts) => {
          const rows = amounts.map(([cod, fee], i) =>
            [`SO-2026-${i}`, `Z${i}`, czech(cod), czech(fee), 'CZK', '7. 12. 2026'].map(csvField).join(';'),
          );
          const text = `Číslo objednávky;Čárový kód;Dobírka;Poplatek;Měna;Datum výplaty\r\n${rows.join('\r\n')}\r\n`;
          const parsed = parsePacketaPayout(text);
          expect(parsed?.errors).toEqual([]);
          const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
          expect(sum(parsed?.lines.map((l) => l.codMinor) ?? [])).toBe(sum(amounts.map(([c]) => c)));
          expect(sum(parsed?.lines.map((l) => l.feeMinor) ?? [])).toBe(sum(amounts.map(([, f]) => f)));
          expect(parsed?.lines.map((l) => l.line)).toEqual(amounts.map((_, i) => i + 2));
        },
      ),
      { numRuns: 100 },
    );
  });
});
