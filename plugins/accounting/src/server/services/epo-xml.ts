import { EPO_FORMS, REGULAR_FILING, RETURN_CELLS, type ReturnCellKey } from '../data/cz-vat-filings.ts';
import type { VatFiler } from './vat-filer.ts';
import type {
  ControlStatement,
  EcSalesRow,
  KhDocumentRow,
  ReturnFigures,
  SlotAmounts,
  VatPeriod,
} from './vat-filings.ts';

/**
 * The Tax Portal's (EPO) XML of the VAT filings: `<Pisemnost><DPHDP3|DPHKH1|DPHSHV>` with one
 * element per record type (`VetaD` header, `VetaP` filer, then the sections), every value an
 * attribute. The structure is the Financial Administration's schemas in `shared/oracles/epo`;
 * tests validate every file generated here against them.
 */
type Attrs = Record<string, string | number | bigint | null | undefined>;

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const el = (name: string, attrs: Attrs, children: string[] = []): string => {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
  return children.length ? `<${name}${a}>${children.join('')}</${name}>` : `<${name}${a}/>`;
};

/** `DD.MM.YYYY`, the schemas' `dateInMultiFormat`. */
export const epoDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Haléře as koruny with two decimals (DPHKH1 amounts, `fractionDigits 2`). */
export const kc2 = (minor: bigint) => {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

const digits = (vatId: string) => vatId.replace(/^[A-Z]{2}/, '');

const periodAttrs = (p: VatPeriod) => ({ rok: p.year, mesic: p.month ?? undefined, ctvrt: p.quarter ?? undefined });

function vetaP(f: VatFiler & { vatId: string; taxOffice: string }, extra: Attrs = {}): string {
  const person =
    f.kind === 'P'
      ? { zkrobchjm: f.name.slice(0, 255) }
      : (() => {
          const parts = f.name.trim().split(/\s+/);
          return { prijmeni: parts.pop()?.slice(0, 36), jmeno: parts.join(' ').slice(0, 20) || undefined };
        })();
  return el('VetaP', {
    c_ufo: f.taxOffice,
    c_pracufo: f.taxOfficeBranch,
    dic: digits(f.vatId),
    typ_ds: f.kind,
    ...person,
    ulice: f.street,
    naz_obce: f.city,
    psc: f.postalCode,
    ...extra,
  });
}

const document = (form: string, body: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${el('Pisemnost', { nazevSW: 'Bureau' }, [el(form, {}, body)])}\n`;

/** The VAT return (DPHDP3) in whole koruny. */
export function returnXml(
  period: VatPeriod,
  filer: VatFiler & { vatId: string; taxOffice: string },
  figures: ReturnFigures,
  today: string,
): string {
  const vety = new Map<string, Attrs>();
  for (const [k, v] of Object.entries(figures.filed) as [ReturnCellKey, bigint][]) {
    const cell = RETURN_CELLS[k];
    const veta = vety.get(cell.veta) ?? {};
    veta[cell.attr] = v;
    vety.set(cell.veta, veta);
  }
  if (figures.filed.r52Deduction !== undefined && filer.coefficient) {
    const v5 = vety.get('Veta5') ?? {};
    v5[RETURN_CELLS.r52Coefficient.attr] = Math.round(Number(filer.coefficient));
    vety.set('Veta5', v5);
  }
  const body = [
    el('VetaD', {
      dokument: EPO_FORMS.return.dokument,
      k_uladis: 'DPH',
      dapdph_forma: REGULAR_FILING.return,
      typ_platce: 'P',
      ...periodAttrs(period),
      c_okec: filer.nace,
      d_poddp: epoDate(today),
    }),
    vetaP(filer),
    ...['Veta1', 'Veta2', 'Veta3', 'Veta4', 'Veta5', 'Veta6']
      .filter((v) => vety.has(v))
      .map((v) => el(v, vety.get(v) as Attrs)),
  ];
  return document(EPO_FORMS.return.element, body);
}

const slots = (a: SlotAmounts, withVat = true): Attrs => {
  const out: Attrs = {};
  for (const n of [1, 2, 3] as const) {
    const base = a[`base${n}`];
    const vat = a[`vat${n}`];
    if (base === 0n && vat === 0n) continue;
    out[`zakl_dane${n}`] = kc2(base);
    if (withVat) out[`dan${n}`] = kc2(vat);
  }
  return out;
};

const anySlot = (a: SlotAmounts) => Object.values(a).some((v) => v !== 0n);

/** The control statement (DPHKH1), amounts in koruny with haléře. */
export function controlXml(
  period: VatPeriod,
  filer: VatFiler & { vatId: string; taxOffice: string },
  kh: ControlStatement,
  today: string,
): string {
  const rows = (name: string, list: KhDocumentRow[], attrs: (r: KhDocumentRow) => Attrs) =>
    list.map((r, i) => el(name, { c_radku: i + 1, ...attrs(r) }));
  const body = [
    el('VetaD', {
      dokument: EPO_FORMS.control.dokument,
      k_uladis: 'DPH',
      khdph_forma: REGULAR_FILING.control,
      ...periodAttrs(period),
      d_poddp: epoDate(today),
    }),
    vetaP(filer),
    ...rows('VetaA1', kh.a1, (r) => ({
      dic_odb: digits(r.vatId ?? ''),
      c_evid_dd: r.evidenceNumber,
      duzp: epoDate(r.date),
      zakl_dane1: kc2(r.base1),
      kod_pred_pl: r.subjectCode,
    })),
    ...rows('VetaA2', kh.a2, (r) => ({
      k_stat: r.country,
      vatid_dod: r.vatId,
      c_evid_dd: r.evidenceNumber,
      dppd: epoDate(r.date),
      ...slots(r),
    })),
    ...rows('VetaA4', kh.a4, (r) => ({
      dic_odb: digits(r.vatId ?? ''),
      c_evid_dd: r.evidenceNumber,
      dppd: epoDate(r.date),
      ...slots(r),
      kod_rezim_pl: '0',
      zdph_44: 'N',
    })),
    ...(anySlot(kh.a5) ? [el('VetaA5', slots(kh.a5))] : []),
    ...rows('VetaB1', kh.b1, (r) => ({
      dic_dod: digits(r.vatId ?? ''),
      c_evid_dd: r.evidenceNumber,
      duzp: epoDate(r.date),
      ...slots(r),
      kod_pred_pl: r.subjectCode,
    })),
    ...rows('VetaB2', kh.b2, (r) => ({
      dic_dod: digits(r.vatId ?? ''),
      c_evid_dd: r.evidenceNumber,
      dppd: epoDate(r.date),
      ...slots(r),
      pomer: r.proportional ? 'A' : 'N',
      zdph_44: 'N',
    })),
    ...(anySlot(kh.b3) ? [el('VetaB3', slots(kh.b3))] : []),
    el('VetaC', {
      obrat23: kc2(kh.c.obrat23),
      obrat5: kc2(kh.c.obrat5),
      pln23: kc2(kh.c.pln23),
      pln5: kc2(kh.c.pln5),
      pln_rez_pren: kc2(kh.c.plnRezPren),
      rez_pren23: kc2(kh.c.rezPren23),
      rez_pren5: kc2(kh.c.rezPren5),
      celk_zd_a2: kc2(kh.c.celkZdA2),
    }),
  ];
  return document(EPO_FORMS.control.element, body);
}

/** The EC sales list (DPHSHV), values in whole koruny. */
export function ecSalesXml(
  period: VatPeriod,
  filer: VatFiler & { vatId: string; taxOffice: string },
  rows: EcSalesRow[],
  today: string,
): string {
  const body = [
    el('VetaD', {
      k_uladis: 'DPH',
      dokument: EPO_FORMS.ecSales.dokument,
      shvies_forma: REGULAR_FILING.ecSales,
      ...periodAttrs(period),
      d_poddp: epoDate(today),
    }),
    vetaP(filer),
    ...rows.map((r, i) =>
      el('VetaR', {
        c_rad: i + 1,
        k_stat: r.country,
        c_vat: r.vatId,
        k_pln_eu: r.code,
        pln_pocet: r.count,
        pln_hodnota: r.value,
      }),
    ),
  ];
  return document(EPO_FORMS.ecSales.element, body);
}
