import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPdf } from './lib/pdf.ts';
import { pdfText } from './pdf-text.ts';

// Letters that DejaVu's ligatures join ("fi", "fl", "ffi") come often enough to be tried.
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9ěščřžýáíéúůťďňĚŠČŘŽÝÁÍÉÚŮ.,:%-]{1,24}$/),
  fc.stringMatching(/^[fil]{2,6}$/),
);

describe('pdfText', () => {
  it('reads back every line written in both fonts, on several pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 60 }),
        async (lines) => {
          const { doc, finish } = createPdf({ size: 'A4', margin: 50 });
          lines.forEach((l, i) => {
            doc
              .font(i % 3 === 0 ? 'Sans-Bold' : 'Sans')
              .fontSize(7 + (i % 3))
              .text(l.join(' '));
          });
          const text = pdfText(await finish());
          for (const l of lines) expect(text).toContain(l.join(' '));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('reads text after a ligature: pdfkit maps the "fi" glyph to two characters', async () => {
    // The cause of a flaky invoice test: a firm name with "fi" shifted every later glyph of its font by one.
    const { doc, finish } = createPdf({ size: 'A4', margin: 50 });
    doc.font('Sans-Bold').text('office fifl BUYER Müller GmbH 𝔸');
    expect(pdfText(await finish())).toContain('office fifl BUYER Müller GmbH 𝔸');
  });
});
