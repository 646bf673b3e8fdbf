import { badRequest, conflict } from '@bureau/core';
import type { Selectable } from 'kysely';
import { REDUCED_CODES, STANDARD_CODES } from '../data/cz-vat.ts';
import { KH_DETAIL_THRESHOLD, RETURN_CELLS, type ReturnCellKey, SHV_CODES } from '../data/cz-vat-filings.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { addDays, addMonths } from './dates.ts';
import type { VatRecordsTable } from './db.ts';

type Rec = Selectable<VatRecordsTable>;

/** A VAT period: a calendar month (`2026-07`) or quarter (`2026-Q3`). */
export interface VatPeriod {
  text: string;
  year: number;
  month: number | null;
  quarter: number | null;
  from: string;
  to: string;
}

export function parseVatPeriod(text: string): VatPeriod {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  const q = /^(\d{4})-Q([1-4])$/.exec(text);
  if (!m && !q) {
    throw badRequest(
      'invalid_input',
      {
        en: 'The period is a month (2026-07) or a quarter (2026-Q3)',
        cs: 'Obdobím je měsíc (2026-07) nebo čtvrtletí (2026-Q3)',
      },
      [{ path: 'period', message: { en: 'Expected YYYY-MM or YYYY-Qn', cs: 'Očekáváno RRRR-MM nebo RRRR-Qn' } }],
    );
  }
  const year = Number((m ?? q)?.[1]);
  const firstMonth = m ? Number(m[2]) : (Number(q?.[2]) - 1) * 3 + 1;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const to = addDays(addMonths(from, m ? 1 : 3), -1);
  return { text, year, month: m ? firstMonth : null, quarter: q ? Number(q[2]) : null, from, to };
}

/** Slot of a rate in the control statement: 1 standard, 2 reduced, 3 the second reduced rate (before 2024). */
const rateSlot = (code: string): 1 | 2 | 3 | null =>
  STANDARD_CODES.has(code) ? 1 : code === 'second_reduced' ? 3 : REDUCED_CODES.has(code) ? 2 : null;

/** The cells of the VAT return one record fills, with the amount it adds (functional minor units). */
export function returnCellsOf(r: Rec): [ReturnCellKey, bigint][] {
  const slot = rateSlot(r.rate_code);
  const std = slot === 1;
  const base = BigInt(r.base);
  const vat = BigInt(r.vat);
  const pair = (s: string, rd: string, kind: 'Base' | 'Vat'): ReturnCellKey =>
    `${std ? s : rd}${kind}` as ReturnCellKey;
  if (r.direction === 'output') {
    if (!r.self_assessed) {
      switch (r.regime) {
        case 'domestic':
          if (slot)
            return [
              [pair('r1', 'r2', 'Base'), base],
              [pair('r1', 'r2', 'Vat'), vat],
            ];
          return r.rate_code === 'exempt' ? [['r50', base]] : [];
        case 'reverse_charge':
          return [['r25', base]];
        case 'eu':
          return [[r.supply === 'goods' ? 'r20' : 'r21', base]];
        case 'export':
          return [['r22', base]];
        case 'outside_eu':
          return [['r26', base]];
        default:
          return [];
      }
    }
    if (!slot) return [];
    const row =
      r.regime === 'reverse_charge'
        ? ['r10', 'r11']
        : r.regime === 'outside_eu'
          ? ['r12', 'r13']
          : r.supply === 'goods'
            ? ['r3', 'r4']
            : ['r5', 'r6'];
    return [
      [pair(row[0] as string, row[1] as string, 'Base'), base],
      [pair(row[0] as string, row[1] as string, 'Vat'), vat],
    ];
  }
  if (r.deduction === 'none' || !slot) return [];
  const deductible = BigInt(r.deductible);
  const [s, rd] = r.self_assessed ? ['r43', 'r44'] : r.regime === 'import' ? ['r42', 'r42'] : ['r40', 'r41'];
  const row = (std ? s : rd) as string;
  const out: [ReturnCellKey, bigint][] = [[`${row}Base` as ReturnCellKey, base]];
  // The § 76 coefficient: the tax goes to the "reduced" column and the deduction it gives to row 52.
  if (r.deduction === 'coefficient') {
    out.push([`${row}Reduced` as ReturnCellKey, vat], ['r52Deduction', deductible]);
  } else {
    out.push([`${row}Full` as ReturnCellKey, deductible]);
  }
  return out;
}

/** Half away from zero to whole koruny (the return is in whole CZK, dphdp3 `fractionDigits 0`). */
export const wholeCzk = (minor: bigint): bigint => {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const whole = (abs + 50n) / 100n;
  return neg ? -whole : whole;
};

export interface ReturnFigures {
  /** Exact sums per cell in haléře. */
  exact: Partial<Record<ReturnCellKey, bigint>>;
  /** The cells as filed: whole koruny, with the computed rows 46, 62–65. */
  filed: Partial<Record<ReturnCellKey, bigint>>;
  outputVat: bigint;
  deductibleVat: bigint;
}

const FULL_COLUMN: ReturnCellKey[] = ['r40Full', 'r41Full', 'r42Full', 'r43Full', 'r44Full'];
const REDUCED_COLUMN: ReturnCellKey[] = ['r40Reduced', 'r41Reduced', 'r42Reduced', 'r43Reduced', 'r44Reduced'];
const OUTPUT_VAT: ReturnCellKey[] = [
  'r1Vat',
  'r2Vat',
  'r3Vat',
  'r4Vat',
  'r5Vat',
  'r6Vat',
  'r10Vat',
  'r11Vat',
  'r12Vat',
  'r13Vat',
];

export function computeReturn(records: Rec[]): ReturnFigures {
  const exact: Partial<Record<ReturnCellKey, bigint>> = {};
  for (const r of records) {
    for (const [k, v] of returnCellsOf(r)) exact[k] = (exact[k] ?? 0n) + v;
  }
  const filed: Partial<Record<ReturnCellKey, bigint>> = {};
  for (const [k, v] of Object.entries(exact) as [ReturnCellKey, bigint][]) filed[k] = wholeCzk(v);
  const total = (keys: ReturnCellKey[], from = filed) => keys.reduce((a, k) => a + (from[k] ?? 0n), 0n);
  if (FULL_COLUMN.some((k) => k in filed)) filed.r46Full = total(FULL_COLUMN);
  if (REDUCED_COLUMN.some((k) => k in filed)) filed.r46Reduced = total(REDUCED_COLUMN);
  const r62 = total(OUTPUT_VAT);
  const r63 = (filed.r46Full ?? 0n) + (filed.r52Deduction ?? 0n);
  filed.r62 = r62;
  filed.r63 = r63;
  if (r62 >= r63) filed.r64 = r62 - r63;
  else filed.r65 = r63 - r62;
  return {
    exact,
    filed,
    outputVat: total(OUTPUT_VAT, exact),
    deductibleVat: total([...FULL_COLUMN, 'r52Deduction'], exact),
  };
}

/** Amounts per rate slot of the control statement (haléře). */
export interface SlotAmounts {
  base1: bigint;
  vat1: bigint;
  base2: bigint;
  vat2: bigint;
  base3: bigint;
  vat3: bigint;
}
const noAmounts = (): SlotAmounts => ({ base1: 0n, vat1: 0n, base2: 0n, vat2: 0n, base3: 0n, vat3: 0n });
const addTo = (a: SlotAmounts, r: Rec) => {
  const slot = rateSlot(r.rate_code);
  if (!slot) return;
  a[`base${slot}`] += BigInt(r.base);
  a[`vat${slot}`] += BigInt(r.vat);
};

export interface KhDocumentRow extends SlotAmounts {
  documentId: string | null;
  evidenceNumber: string;
  date: string;
  partnerName: string | null;
  /** The partner's VAT number: country prefix and the rest. */
  country: string | null;
  vatId: string | null;
  subjectCode: string | null;
  proportional: boolean;
}

export interface ControlStatement {
  a1: KhDocumentRow[];
  a2: KhDocumentRow[];
  a4: KhDocumentRow[];
  a5: SlotAmounts;
  b1: KhDocumentRow[];
  b2: KhDocumentRow[];
  b3: SlotAmounts;
  /** VetaC: the cross-check totals against the return (haléře). */
  c: {
    obrat23: bigint;
    obrat5: bigint;
    pln23: bigint;
    pln5: bigint;
    plnRezPren: bigint;
    rezPren23: bigint;
    rezPren5: bigint;
    celkZdA2: bigint;
  };
}

const splitVatId = (v: string | null): { country: string | null; vatId: string | null } => {
  if (!v) return { country: null, vatId: null };
  const m = /^([A-Z]{2})(.+)$/.exec(v.replace(/\s/g, '').toUpperCase());
  return m ? { country: m[1] as string, vatId: m[2] as string } : { country: null, vatId: v };
};

const czVatPayer = (v: string | null) => !!v && /^CZ\d{8,10}$/.test(v.replace(/\s/g, '').toUpperCase());

function byDocument(records: Rec[], key: (r: Rec) => string, date: (r: Rec) => string): KhDocumentRow[] {
  const rows = new Map<string, KhDocumentRow>();
  for (const r of records) {
    const k = key(r);
    let row = rows.get(k);
    if (!row) {
      row = {
        ...noAmounts(),
        documentId: r.document_id,
        evidenceNumber: r.evidence_number,
        date: date(r),
        partnerName: r.partner_name,
        ...splitVatId(r.partner_vat_id),
        subjectCode: r.rc_code,
        proportional: false,
      };
      rows.set(k, row);
    }
    if (r.deduction === 'partial') row.proportional = true;
    if (r.regime === 'reverse_charge' && !r.self_assessed) {
      row.base1 += BigInt(r.base); // A.1 has one base, whatever the rate
    } else addTo(row, r);
  }
  return [...rows.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.evidenceNumber.localeCompare(b.evidenceNumber),
  );
}

/**
 * The control statement (DPHKH1) from the VAT records: A.1 reverse-charge supplies made (§ 92a),
 * A.2 purchases from abroad taxed by us, A.4 / A.5 domestic supplies over / up to the threshold,
 * B.1 reverse-charge purchases, B.2 / B.3 domestic purchases claimed, over / up to the threshold.
 * Documents are keyed by the VAT record's document and date (a cancellation is its own line).
 */
export function computeControlStatement(records: Rec[]): ControlStatement {
  const out = records.filter((r) => r.direction === 'output');
  const inp = records.filter((r) => r.direction === 'input' && r.deduction !== 'none');
  const docKey = (r: Rec) => `${r.document_id}|${r.vat_date}|${r.kind}`;
  const big = (r: Rec) => {
    const t = BigInt(r.document_total);
    return (t < 0n ? -t : t) > KH_DETAIL_THRESHOLD;
  };
  const taxable = (r: Rec) => rateSlot(r.rate_code) !== null;
  const a1 = byDocument(
    out.filter((r) => !r.self_assessed && r.regime === 'reverse_charge'),
    (r) => `${docKey(r)}|${r.rc_code}`,
    (r) => r.tax_date,
  );
  const a2 = byDocument(
    out.filter((r) => r.self_assessed && (r.regime === 'eu' || r.regime === 'outside_eu') && taxable(r)),
    docKey,
    (r) => r.tax_date,
  );
  const domesticOut = out.filter((r) => !r.self_assessed && r.regime === 'domestic' && taxable(r));
  const a4Records = domesticOut.filter((r) => czVatPayer(r.partner_vat_id) && big(r));
  const a4 = byDocument(a4Records, docKey, (r) => r.tax_date);
  const a5 = noAmounts();
  for (const r of domesticOut) if (!a4Records.includes(r)) addTo(a5, r);
  // B.1 lists what we owe as the customer (the output side), whether or not we deduct it.
  const b1 = byDocument(
    out.filter((r) => r.self_assessed && r.regime === 'reverse_charge' && taxable(r)),
    (r) => `${docKey(r)}|${r.rc_code}`,
    (r) => r.tax_date,
  );
  const domesticIn = inp.filter((r) => !r.self_assessed && r.regime === 'domestic' && taxable(r));
  const b2Records = domesticIn.filter((r) => czVatPayer(r.partner_vat_id) && big(r));
  const b2 = byDocument(b2Records, docKey, (r) => r.vat_date);
  const b3 = noAmounts();
  for (const r of domesticIn) if (!b2Records.includes(r)) addTo(b3, r);
  const s = (rows: SlotAmounts[], k: keyof SlotAmounts) => rows.reduce((a, r) => a + r[k], 0n);
  return {
    a1,
    a2,
    a4,
    a5,
    b1,
    b2,
    b3,
    c: {
      obrat23: s([...a4, a5], 'base1'),
      obrat5: s([...a4, a5], 'base2') + s([...a4, a5], 'base3'),
      pln23: s([...b2, b3], 'base1'),
      pln5: s([...b2, b3], 'base2') + s([...b2, b3], 'base3'),
      plnRezPren: s(a1, 'base1'),
      rezPren23: s(b1, 'base1'),
      rezPren5: s(b1, 'base2') + s(b1, 'base3'),
      celkZdA2: s(a2, 'base1') + s(a2, 'base2') + s(a2, 'base3'),
    },
  };
}

export interface EcSalesRow {
  country: string;
  vatId: string;
  code: string;
  /** Whole koruny (dphshv `pln_hodnota`, fractionDigits 0). */
  value: bigint;
  count: number;
}

/** The EC sales list (DPHSHV): supplies to other member states per customer VAT number and code. */
export function computeEcSales(records: Rec[]): { rows: EcSalesRow[]; missingVatId: string[] } {
  const eu = records.filter((r) => r.direction === 'output' && !r.self_assessed && r.regime === 'eu');
  const groups = new Map<string, { country: string; vatId: string; code: string; base: bigint; docs: Set<string> }>();
  const missing = new Set<string>();
  for (const r of eu) {
    const { country, vatId } = splitVatId(r.partner_vat_id);
    if (!country || !vatId) {
      missing.add(r.evidence_number);
      continue;
    }
    const code = SHV_CODES[r.supply];
    const key = `${country}|${vatId}|${code}`;
    const g = groups.get(key) ?? { country, vatId, code, base: 0n, docs: new Set<string>() };
    g.base += BigInt(r.base);
    if (r.document_id && r.kind !== 'cancellation') g.docs.add(r.document_id);
    groups.set(key, g);
  }
  const rows = [...groups.values()]
    .map((g) => ({ country: g.country, vatId: g.vatId, code: g.code, value: wholeCzk(g.base), count: g.docs.size }))
    .sort((a, b) => `${a.country}${a.vatId}${a.code}`.localeCompare(`${b.country}${b.vatId}${b.code}`));
  return { rows, missingVatId: [...missing].sort() };
}

export interface UnpostedDocument {
  id: string;
  kind: string;
  type: string;
  taxDate: string;
  partnerName: string;
}

/** The period's VAT records, and the drafts dated in it (a filing names them: they are not in it). */
export async function periodRecords(
  ctx: Ctx,
  period: VatPeriod,
): Promise<{ records: Rec[]; unposted: UnpostedDocument[] }> {
  const s = await settingsOf(ctx);
  if (s.country !== 'CZ' || s.currency !== 'CZK') {
    throw conflict('not_czech_books', {
      en: 'The Czech VAT filings need books kept in CZK in the Czech Republic',
      cs: 'Přiznání a hlášení k DPH vyžadují účetnictví vedené v Kč v České republice',
    });
  }
  const db = dbOf(ctx);
  const records = (await db
    .selectFrom('accounting.vat_records')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('vat_date', '>=', period.from)
    .where('vat_date', '<=', period.to)
    .orderBy('vat_date')
    .orderBy('evidence_number')
    .execute()) as Rec[];
  const drafts = await db
    .selectFrom('accounting.documents as d')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'),
    )
    .select(['d.id', 'd.kind', 'd.type', 'd.tax_date', 'd.vat_date', 'p.name'])
    .where('d.tenant_id', '=', ctx.tenant.id)
    .where('d.status', '=', 'draft')
    .where('d.type', '<>', 'advance')
    .where((eb) =>
      eb.or([
        eb.and([eb('d.tax_date', '>=', period.from), eb('d.tax_date', '<=', period.to)]),
        eb.and([eb('d.vat_date', '>=', period.from), eb('d.vat_date', '<=', period.to)]),
      ]),
    )
    .orderBy('d.tax_date')
    .execute();
  return {
    records,
    unposted: drafts.map((d) => ({ id: d.id, kind: d.kind, type: d.type, taxDate: d.tax_date, partnerName: d.name })),
  };
}

export { RETURN_CELLS };
