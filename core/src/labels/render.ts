import bwipjs from 'bwip-js/node';
import { badRequest, type FieldError, fieldError } from '../http/problem.ts';
import { createPdf } from '../lib/pdf.ts';
import { type LabelLayout, labelsPerPage } from './layouts.ts';
import { lbm } from './messages.ts';

export const SYMBOLOGIES = ['code128', 'qrcode', 'datamatrix'] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];

export interface Label {
  code: string;
  title?: string | undefined;
  subtitle?: string | undefined;
  copies: number;
}

/** A barcode as vector paths in bwip-js units, its size in those units and the units of one module. */
interface Symbol {
  width: number;
  height: number;
  module: number;
  paths: { d: string; strokeWidth: number | null }[];
}

const MM = 72 / 25.4;
/** Narrowest module we print: 0.19 mm for bars (1.5 dots of a 203 dpi printer), 0.25 mm for 2D cells. */
const MIN_MODULE_MM = { code128: 0.19, qrcode: 0.25, datamatrix: 0.25 } as const;
/** Quiet zones in modules: Code 128 needs 10 each side (ISO/IEC 15417), QR 4 (ISO/IEC 18004), DataMatrix 1. */
const QUIET = { code128: 10, qrcode: 4, datamatrix: 1 } as const;
const NAMES = { code128: 'Code 128', qrcode: 'QR', datamatrix: 'DataMatrix' } as const;

/** Renders one symbol with bwip-js at scale 1 (1 unit a bar module, 2 units a 2D cell) and reads its SVG paths. */
export function barcodeSymbol(symbology: Symbology, code: string): Symbol {
  const svg = bwipjs.toSVG({
    bcid: symbology,
    text: code,
    scale: 1,
    ...(symbology === 'code128' ? { height: 10 } : {}),
  });
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!box) throw new Error('bwip-js returned no viewBox');
  const paths = [...svg.matchAll(/<path([^>]*)\/>/g)].map((m) => {
    const attrs = m[1] ?? '';
    const d = /\sd="([^"]+)"/.exec(attrs)?.[1] ?? '';
    const stroke = /stroke-width="([\d.]+)"/.exec(attrs)?.[1];
    return { d, strokeWidth: stroke ? Number(stroke) : null };
  });
  return { width: Number(box[1]), height: Number(box[2]), module: symbology === 'code128' ? 1 : 2, paths };
}

/** The symbol of every distinct code, or a 400 naming each label that cannot be encoded or does not fit. */
function symbolsFor(labels: Label[], symbology: Symbology, layout: LabelLayout): Map<string, Symbol> {
  const symbols = new Map<string, Symbol>();
  const errors: FieldError[] = [];
  const room = codeBox(layout, symbology, true);
  labels.forEach((l, i) => {
    if (symbols.has(l.code)) return;
    // bwip-js would take any text, but scanners read back Code 128 reliably only as printable ASCII.
    if (symbology === 'code128' && /[^\x20-\x7e]/.test(l.code)) {
      errors.push(fieldError(`labels.${i}.code`, lbm.ascii_only));
      return;
    }
    let s: Symbol;
    try {
      s = barcodeSymbol(symbology, l.code);
    } catch {
      errors.push(fieldError(`labels.${i}.code`, lbm.not_encodable, { symbology: NAMES[symbology] }));
      return;
    }
    const modules = s.width / s.module + QUIET[symbology] * 2;
    const module = (symbology === 'code128' ? room.width : Math.min(room.width, room.height)) / modules;
    if (module < MIN_MODULE_MM[symbology] * MM) {
      errors.push(fieldError(`labels.${i}.code`, symbology === 'code128' ? lbm.too_long_bars : lbm.too_long_2d));
      return;
    }
    symbols.set(l.code, s);
  });
  if (errors.length > 0) throw badRequest('invalid_input', lbm.cannot_print, errors);
  return symbols;
}

const PAD = 2 * MM;

/** Font sizes of a label's title and small print: smaller on labels under 30 mm high. */
function sizes(layout: LabelLayout) {
  return layout.label.height < 30 ? { title: 7.5, small: 6.5 } : { title: 9.5, small: 8 };
}

/** Where the code goes on a label (points, relative to the label's corner). */
function codeBox(layout: LabelLayout, symbology: Symbology, withTitle: boolean) {
  const w = layout.label.width * MM - 2 * PAD;
  const h = layout.label.height * MM - 2 * PAD;
  if (symbology === 'code128') {
    const { title, small } = sizes(layout);
    const top = withTitle ? title * 1.3 : 0;
    return { x: PAD, y: PAD + top, width: w, height: h - top - small * 1.3 - 1.5 };
  }
  return { x: PAD, y: PAD, width: h, height: h };
}

function drawSymbol(
  doc: PDFKit.PDFDocument,
  s: Symbol,
  symbology: Symbology,
  box: { x: number; y: number; width: number; height: number },
) {
  const q = QUIET[symbology] * s.module;
  doc.save();
  if (symbology === 'code128') {
    const sx = box.width / (s.width + 2 * q);
    doc.translate(box.x + q * sx, box.y).scale(sx, box.height / s.height);
  } else {
    const m = Math.min(box.width, box.height) / (s.width + 2 * q);
    doc.translate(box.x + q * m, box.y + q * m).scale(m);
  }
  for (const p of s.paths) {
    doc.path(p.d);
    if (p.strokeWidth !== null) doc.lineWidth(p.strokeWidth).stroke('#000');
    else doc.fill('#000', 'even-odd');
  }
  doc.restore();
}

function fitText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  size: number,
  bold = false,
) {
  doc
    .font(bold ? 'Sans-Bold' : 'Sans')
    .fontSize(size)
    .fillColor('#000')
    .text(text, x, y, { width, height: size * 1.3, ellipsis: true, lineBreak: false });
}

function drawLabel(
  doc: PDFKit.PDFDocument,
  label: Label,
  s: Symbol,
  symbology: Symbology,
  layout: LabelLayout,
  x0: number,
  y0: number,
) {
  const w = layout.label.width * MM;
  const h = layout.label.height * MM;
  const { title: titleSize, small } = sizes(layout);
  if (symbology === 'code128') {
    const box = codeBox(layout, symbology, Boolean(label.title));
    if (label.title) fitText(doc, label.title, x0 + PAD, y0 + PAD, w - 2 * PAD, titleSize, true);
    drawSymbol(doc, s, symbology, { ...box, x: x0 + box.x, y: y0 + box.y });
    const below = y0 + box.y + box.height + 1.5;
    const line = [label.code, label.subtitle].filter(Boolean).join(' · ');
    doc.font('Sans').fontSize(small).fillColor('#000');
    doc.text(line, x0 + PAD, below, { width: w - 2 * PAD, align: 'center', lineBreak: false, ellipsis: true });
    return;
  }
  const box = codeBox(layout, symbology, true);
  drawSymbol(doc, s, symbology, { ...box, x: x0 + box.x, y: y0 + box.y });
  const tx = x0 + box.x + box.width + PAD;
  const tw = w - (tx - x0) - PAD;
  let ty = y0 + PAD;
  if (label.title) {
    fitText(doc, label.title, tx, ty, tw, titleSize, true);
    ty += titleSize * 1.4;
  }
  if (label.subtitle) {
    fitText(doc, label.subtitle, tx, ty, tw, small);
    ty += small * 1.4;
  }
  fitText(doc, label.code, tx, Math.max(ty, y0 + h - PAD - small * 1.3), tw, small);
}

/**
 * A PDF of labels on a sheet or roll layout: each label `copies` times, starting after `skip` used
 * positions of the first sheet. Codes that cannot be encoded or would print too small are refused
 * with 400 and a field error per label, before anything is drawn.
 */
export async function labelsPdf(
  labels: Label[],
  options: { symbology: Symbology; layout: LabelLayout; skip: number; title: string },
): Promise<Buffer> {
  const { symbology, layout } = options;
  const symbols = symbolsFor(labels, symbology, layout);
  const { doc, finish } = createPdf({
    size: [layout.page.width * MM, layout.page.height * MM],
    margin: 0,
    autoFirstPage: false,
    info: { Title: options.title, Creator: 'Bureau' },
  });
  const perPage = labelsPerPage(layout);
  let slot = options.skip % perPage;
  doc.addPage();
  for (const label of labels) {
    const s = symbols.get(label.code) as Symbol;
    for (let n = 0; n < label.copies; n++) {
      if (slot === perPage) {
        doc.addPage();
        slot = 0;
      }
      const col = slot % layout.columns;
      const row = Math.floor(slot / layout.columns);
      const x = (layout.margin.left + col * (layout.label.width + layout.gap.x)) * MM;
      const y = (layout.margin.top + row * (layout.label.height + layout.gap.y)) * MM;
      drawLabel(doc, label, s, symbology, layout, x, y);
      slot++;
    }
  }
  return finish();
}

/**
 * Draws the barcode of `code` into a box (points) of any pdfkit document: for documents that carry
 * a code but are not label sheets, such as a shipping label. Throws if the code cannot be encoded.
 */
export function drawBarcode(
  doc: PDFKit.PDFDocument,
  symbology: Symbology,
  code: string,
  box: { x: number; y: number; width: number; height: number },
): void {
  drawSymbol(doc, barcodeSymbol(symbology, code), symbology, box);
}
