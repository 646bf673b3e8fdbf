import { describe, expect, it } from 'vitest';
import { csvField, parseCsv } from './csv.ts';
import { codAmount } from './packeta.ts';

describe('CSV for carrier files', () => {
  it('quotes every field and reads back quotes, separators and line ends (RFC 4180)', () => {
    const text = `${['Jeff "the Dude" Lebowski', 'a;b', ''].map(csvField).join(';')}\r\n"x";"y, z";3\n\n`;
    expect(parseCsv(text)).toEqual([
      ['Jeff "the Dude" Lebowski', 'a;b', ''],
      ['x', 'y, z', '3'],
    ]);
    expect(parseCsv('\uFEFFOrder number,Barcode\nSO-1,Z1\n')).toEqual([
      ['Order number', 'Barcode'],
      ['SO-1', 'Z1'],
    ]);
  });

  it('rounds cash on delivery in CZK to whole crowns, keeps cents in EUR', () => {
    expect(codAmount(48_449n, 'CZK')).toBe('484');
    expect(codAmount(48_450n, 'CZK')).toBe('485');
    expect(codAmount(1_999n, 'EUR')).toBe('19.99');
  });
});
