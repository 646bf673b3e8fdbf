import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// DejaVu Sans (shipped by the dejavu-fonts-ttf package) covers Czech diacritics; pdfkit embeds a subset.
const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

/**
 * A pdfkit document with the fonts `Sans` and `Sans-Bold` registered, and `finish()` that ends it and
 * resolves to the file's bytes.
 */
export function createPdf(options: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  finish: () => Promise<Buffer>;
} {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('Sans', regular);
  doc.registerFont('Sans-Bold', bold);
  doc.font('Sans');
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}
