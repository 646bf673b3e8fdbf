import { conflict } from '@bureau/core';
import { FILING_DUE_DAY, RETURN_CELLS, type ReturnCellKey } from '../data/cz-vat-filings.ts';
import { money } from './amounts.ts';
import type { Ctx } from './context.ts';
import { addDays } from './dates.ts';
import { controlXml, ecSalesXml, returnXml } from './epo-xml.ts';
import { getVatFiler, requireFiler } from './vat-filer.ts';
import {
  computeControlStatement,
  computeEcSales,
  computeReturn,
  type KhDocumentRow,
  parseVatPeriod,
  periodRecords,
  type SlotAmounts,
} from './vat-filings.ts';
import { requireVatPayer } from './vat-payer.ts';

const czk = (minor: bigint) => money(minor, 'CZK');
const slotBase = (a: SlotAmounts) => a.base1 + a.base2 + a.base3;
const slotVat = (a: SlotAmounts) => a.vat1 + a.vat2 + a.vat3;

const khRow = (r: KhDocumentRow) => ({
  documentId: r.documentId,
  evidenceNumber: r.evidenceNumber,
  date: r.date,
  partnerName: r.partnerName,
  vatId: r.vatId ? `${r.country ?? ''}${r.vatId}` : null,
  subjectCode: r.subjectCode,
  base: czk(slotBase(r)),
  vat: czk(slotVat(r)),
});

const summed = (a: SlotAmounts, label: string) =>
  slotBase(a) === 0n && slotVat(a) === 0n
    ? []
    : [
        {
          documentId: null,
          evidenceNumber: label,
          date: '',
          partnerName: null,
          vatId: null,
          subjectCode: null,
          base: czk(slotBase(a)),
          vat: czk(slotVat(a)),
        },
      ];

/** The three filings' figures of a month or quarter, as the VAT filings page shows them. */
export async function vatFilings(ctx: Ctx, periodText: string) {
  const period = parseVatPeriod(periodText);
  await requireVatPayer(ctx);
  const { records, unposted } = await periodRecords(ctx, period);
  const ret = computeReturn(records);
  const kh = computeControlStatement(records);
  const shv = computeEcSales(records);
  const order = Object.keys(RETURN_CELLS) as ReturnCellKey[];
  return {
    period: period.text,
    from: period.from,
    to: period.to,
    currency: 'CZK',
    due: addDays(period.to, FILING_DUE_DAY),
    unposted,
    vatReturn: {
      cells: order
        .filter((k) => ret.filed[k] !== undefined)
        .map((k) => ({
          key: k,
          row: RETURN_CELLS[k].row,
          attr: RETURN_CELLS[k].attr,
          label: RETURN_CELLS[k].label,
          exact: czk(ret.exact[k] ?? (ret.filed[k] as bigint) * 100n),
          filed: String(ret.filed[k]),
        })),
      outputVat: czk(ret.outputVat),
      deductibleVat: czk(ret.deductibleVat),
      payable: String((ret.filed.r64 ?? 0n) - (ret.filed.r65 ?? 0n)),
    },
    controlStatement: {
      sections: {
        'A.1': kh.a1.map(khRow),
        'A.2': kh.a2.map(khRow),
        'A.4': kh.a4.map(khRow),
        'A.5': summed(kh.a5, 'A.5'),
        'B.1': kh.b1.map(khRow),
        'B.2': kh.b2.map(khRow),
        'B.3': summed(kh.b3, 'B.3'),
      },
      totals: Object.fromEntries(Object.entries(kh.c).map(([k, v]) => [k, czk(v)])),
    },
    ecSalesList: {
      rows: shv.rows.map((r) => ({ ...r, value: String(r.value) })),
      missingVatId: shv.missingVatId,
    },
  };
}

export type FilingForm = 'dphdp3.xml' | 'dphkh1.xml' | 'dphshv.xml';

/**
 * One filing as the Tax Portal's XML. Refused (409) while documents dated in the period are still
 * drafts (`unposted_documents`, naming them), while the filer lacks a DIČ or tax office, and for an
 * EC sales list with a customer without a VAT number.
 */
export async function filingXml(ctx: Ctx, periodText: string, form: FilingForm, today: string): Promise<string> {
  const period = parseVatPeriod(periodText);
  await requireVatPayer(ctx);
  const { records, unposted } = await periodRecords(ctx, period);
  if (unposted.length) {
    throw conflict(
      'unposted_documents',
      {
        en: 'Documents dated in {period} are not issued yet: {documents}',
        cs: 'Doklady s datem v období {period} ještě nejsou vystaveny: {documents}',
      },
      {
        period: period.text,
        documents: unposted.map((d) => `${d.partnerName} (${d.taxDate})`).join(', '),
        unposted,
      },
    );
  }
  const filer = requireFiler(await getVatFiler(ctx));
  if (form === 'dphdp3.xml') return returnXml(period, filer, computeReturn(records), today);
  if (form === 'dphkh1.xml') {
    if (filer.kind === 'P' && period.quarter) {
      throw conflict('control_statement_monthly', {
        en: 'A legal person files the control statement for each month (ZDPH § 101e)',
        cs: 'Právnická osoba podává kontrolní hlášení za každý měsíc (§ 101e ZDPH)',
      });
    }
    return controlXml(period, filer, computeControlStatement(records), today);
  }
  const shv = computeEcSales(records);
  if (shv.missingVatId.length) {
    throw conflict(
      'missing_vat_id',
      {
        en: 'Supplies to other member states need the customer’s VAT number: {documents}',
        cs: 'Plnění do jiných členských států vyžadují DIČ odběratele: {documents}',
      },
      { documents: shv.missingVatId.join(', ') },
    );
  }
  return ecSalesXml(period, filer, shv.rows, today);
}
