import { describe, expect, it } from 'vitest';
import { cleanFilename } from './filename.ts';

describe('cleanFilename', () => {
  it('keeps only the last path segment', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\eva\\faktura.pdf')).toBe('faktura.pdf');
  });

  it('drops bidi controls so the extension reads as it is', () => {
    expect(cleanFilename('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
  });

  it('drops control characters and quotes', () => {
    expect(cleanFilename('a\u0000b\u0007"c".txt\u009f')).toBe('abc.txt');
  });

  it('never returns a name that climbs or is empty', () => {
    for (const name of ['..', '.', '', '/', 'x/..', '\u202e', '  ']) expect(cleanFilename(name)).toBe('file');
  });

  it('keeps Czech letters and cuts at 200 characters', () => {
    expect(cleanFilename('Výplatní páska – říjen.pdf')).toBe('Výplatní páska – říjen.pdf');
    expect([...cleanFilename('ž'.repeat(300))]).toHaveLength(200);
  });
});
