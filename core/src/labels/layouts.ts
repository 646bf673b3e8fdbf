import type { LocalizedText } from '../plugins/define-plugin.ts';

/** A label stock: page size, grid and label size in millimetres. */
export interface LabelLayout {
  id: string;
  name: LocalizedText;
  page: { width: number; height: number };
  columns: number;
  rows: number;
  label: { width: number; height: number };
  /** Offset of the first label from the page's top-left corner, and the gaps between labels. */
  margin: { top: number; left: number };
  gap: { x: number; y: number };
}

/*
 * Common A4 sheets sold in Czech and EU offices (dimensions as printed on the packs of the usual
 * brands, e.g. Avery Zweckform 3475 = 70 × 36 mm, 3474 = 70 × 37 mm, L7163 = 99.1 × 38.1 mm,
 * 3657 = 48.5 × 25.4 mm) and two roll sizes of thermal label printers (one label per page).
 */
export const LABEL_LAYOUTS = [
  {
    id: 'a4-3x8',
    name: { en: 'A4 sheet, 3 × 8 (70 × 37 mm)', cs: 'Arch A4, 3 × 8 (70 × 37 mm)' },
    page: { width: 210, height: 297 },
    columns: 3,
    rows: 8,
    label: { width: 70, height: 37 },
    margin: { top: 0.5, left: 0 },
    gap: { x: 0, y: 0 },
  },
  {
    id: 'a4-2x7',
    name: { en: 'A4 sheet, 2 × 7 (99.1 × 38.1 mm)', cs: 'Arch A4, 2 × 7 (99,1 × 38,1 mm)' },
    page: { width: 210, height: 297 },
    columns: 2,
    rows: 7,
    label: { width: 99.1, height: 38.1 },
    margin: { top: 15.15, left: 4.65 },
    gap: { x: 2.5, y: 0 },
  },
  {
    id: 'a4-4x10',
    name: { en: 'A4 sheet, 4 × 10 (48.5 × 25.4 mm)', cs: 'Arch A4, 4 × 10 (48,5 × 25,4 mm)' },
    page: { width: 210, height: 297 },
    columns: 4,
    rows: 10,
    label: { width: 48.5, height: 25.4 },
    margin: { top: 21.5, left: 8 },
    gap: { x: 0, y: 0 },
  },
  {
    id: 'roll-50x25',
    name: { en: 'Label printer roll, 50 × 25 mm', cs: 'Role tiskárny štítků, 50 × 25 mm' },
    page: { width: 50, height: 25 },
    columns: 1,
    rows: 1,
    label: { width: 50, height: 25 },
    margin: { top: 0, left: 0 },
    gap: { x: 0, y: 0 },
  },
  {
    id: 'roll-100x50',
    name: { en: 'Label printer roll, 100 × 50 mm', cs: 'Role tiskárny štítků, 100 × 50 mm' },
    page: { width: 100, height: 50 },
    columns: 1,
    rows: 1,
    label: { width: 100, height: 50 },
    margin: { top: 0, left: 0 },
    gap: { x: 0, y: 0 },
  },
] as const satisfies readonly LabelLayout[];

export type LabelLayoutId = (typeof LABEL_LAYOUTS)[number]['id'];
export const LABEL_LAYOUT_IDS = LABEL_LAYOUTS.map((l) => l.id) as [LabelLayoutId, ...LabelLayoutId[]];

export const layoutById = (id: LabelLayoutId): LabelLayout => LABEL_LAYOUTS.find((l) => l.id === id) as LabelLayout;

export const labelsPerPage = (l: LabelLayout) => l.columns * l.rows;
