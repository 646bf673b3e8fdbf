import {
  conflict,
  isdocEl as el,
  formatMoney,
  isdocParty,
  isdocPaymentMeans,
  minorDigits,
  readCompanyProfile,
} from '@bureau/core';
import { convert, normalizeDecimal, parseDecimal } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { getDocument } from './documents.ts';
import { loadPdfDocument } from './pdf.ts';

/**
 * An issued sales document as ISDOC 6.0.2, the Czech e-invoice format (`test/isdoc.test.ts` validates
 * it against the official XSD in shared/oracles/isdoc): invoice (DocumentType 1), credit note (2,
 * amounts stated positively, the corrected invoice referenced), debit note (3), advance invoice (4)
 * and the tax document for a received advance (5).
 *
 * A document in a foreign currency states its amounts in that currency (`…Curr`) and in the
 * functional currency at the document's rate (LocalCurrencyCode, CurrRate), as ISDOC asks; VAT
 * (LineExtensionTaxAmount, TaxAmount) is in the functional currency, as the books keep it.
 */
const DOCUMENT_TYPE = { invoice: '1', credit_note: '2', debit_note: '3', advance: '4', advance_tax: '5' } as const;

export async function invoiceIsdoc(ctx: Ctx, id: string): Promise<{ xml: string; fileName: string }> {
  const view = await getDocument(ctx, 'invoice', id);
  if (view.status === 'draft' || !view.number) {
    throw conflict('not_issued', { en: 'Only an issued document has an ISDOC', cs: 'ISDOC má jen vystavený doklad' });
  }
  const type = DOCUMENT_TYPE[view.type as keyof typeof DOCUMENT_TYPE];
  if (!type) throw conflict('not_issued', { en: 'Not a sales document', cs: 'Není to doklad o prodeji' });
  const db = dbOf(ctx);
  const { currency: functional } = await settingsOf(ctx);
  const pdf = await loadPdfDocument(ctx, 'invoice', id);
  const profile = await readCompanyProfile(db, ctx.tenant);
  const partner = await db
    .selectFrom('accounting.partners')
    .select(['name', 'ico', 'dic', 'street', 'city', 'postal_code', 'country', 'email'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', view.partner.id)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('accounting.document_lines')
    .select(['line_no', 'net_functional', 'vat_functional'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', id)
    .orderBy('line_no')
    .execute();
  const functionalOf = new Map(rows.map((r) => [r.line_no, r]));

  const cur = view.currency;
  const foreign = cur !== functional;
  const rate = parseDecimal(view.rate) ?? { num: 1n, scale: 0 };
  const fd = minorDigits(functional);
  const cd = minorDigits(cur);
  const minor = (decimal: string, digits: number) => {
    const d = parseDecimal(decimal.replace('-', '')) ?? { num: 0n, scale: 0 };
    const v = (d.num * 10n ** BigInt(digits)) / 10n ** BigInt(d.scale);
    return decimal.startsWith('-') ? -v : v;
  };
  const local = (v: bigint) => formatMoney(v, fd);
  const curr = (v: bigint) => formatMoney(v, cd);
  /** A pair of amounts: the …Curr one (foreign documents only) before or after the local one. */
  const pair = (name: string, localValue: bigint, currValue: bigint, currFirst: boolean) => {
    if (!foreign) return el(name, curr(currValue));
    const parts = [el(`${name}Curr`, curr(currValue)), el(name, local(localValue))];
    return (currFirst ? parts : parts.reverse()).join('');
  };

  const lines = view.lines.map((l) => {
    const f = functionalOf.get(l.lineNo);
    const net = minor(l.net, cd);
    const vatCurr = minor(l.vatAmount, cd);
    const netLocal = foreign ? BigInt(f?.net_functional ?? 0) : net;
    const vatLocal = foreign ? BigInt(f?.vat_functional ?? 0) : vatCurr;
    const unit = minor(l.unitPrice, cd);
    const unitLocal = convert(unit, cur, functional, rate);
    const rateDecimal = parseDecimal(l.vatRate) ?? { num: 0n, scale: 0 };
    const unitVat = (unitLocal * rateDecimal.num) / (100n * 10n ** BigInt(rateDecimal.scale));
    return [
      '<InvoiceLine>',
      el('ID', String(l.lineNo)),
      el('InvoicedQuantity', l.quantity, l.unit ? ` unitCode="${l.unit.replace(/"/g, '')}"` : ''),
      pair('LineExtensionAmount', netLocal, net, true),
      pair('LineExtensionAmountTaxInclusive', netLocal + vatLocal, net + vatCurr, true),
      el('LineExtensionTaxAmount', local(vatLocal)),
      el('UnitPrice', local(unitLocal)),
      el('UnitPriceTaxInclusive', local(unitLocal + unitVat)),
      '<ClassifiedTaxCategory>',
      el('Percent', normalizeDecimal(l.vatRate)),
      el('VATCalculationMethod', '0'),
      el('VATApplicable', String(view.vatPayer && view.regime === 'domestic' && l.vat !== 'exempt')),
      '</ClassifiedTaxCategory>',
      l.exemption ? el('VATNote', l.exemption) : '',
      `<Item>${el('Description', l.description.slice(0, 250))}</Item>`,
      '</InvoiceLine>',
    ].join('');
  });

  // Per rate: the sums of the lines (VAT as the books have it).
  const byRate = new Map<
    string,
    { base: bigint; baseLocal: bigint; vat: bigint; vatLocal: bigint; applicable: boolean }
  >();
  for (const l of view.lines) {
    const f = functionalOf.get(l.lineNo);
    const key = normalizeDecimal(l.vatRate);
    const s = byRate.get(key) ?? { base: 0n, baseLocal: 0n, vat: 0n, vatLocal: 0n, applicable: false };
    s.base += minor(l.net, cd);
    s.vat += minor(l.vatAmount, cd);
    s.baseLocal += foreign ? BigInt(f?.net_functional ?? 0) : minor(l.net, cd);
    s.vatLocal += foreign ? BigInt(f?.vat_functional ?? 0) : minor(l.vatAmount, cd);
    s.applicable ||= view.vatPayer && view.regime === 'domestic' && l.vat !== 'exempt';
    byRate.set(key, s);
  }
  const zero = (name: string) => pair(name, 0n, 0n, true);
  const subtotals = [...byRate.entries()].map(([percent, s]) =>
    [
      '<TaxSubTotal>',
      pair('TaxableAmount', s.baseLocal, s.base, true),
      pair('TaxAmount', s.vatLocal, s.vat, true),
      pair('TaxInclusiveAmount', s.baseLocal + s.vatLocal, s.base + s.vat, true),
      zero('AlreadyClaimedTaxableAmount'),
      zero('AlreadyClaimedTaxAmount'),
      zero('AlreadyClaimedTaxInclusiveAmount'),
      pair('DifferenceTaxableAmount', s.baseLocal, s.base, true),
      pair('DifferenceTaxAmount', s.vatLocal, s.vat, true),
      pair('DifferenceTaxInclusiveAmount', s.baseLocal + s.vatLocal, s.base + s.vat, true),
      '<TaxCategory>',
      el('Percent', percent),
      el('VATApplicable', String(s.applicable)),
      el('LocalReverseChargeFlag', String(view.regime === 'reverse_charge')),
      '</TaxCategory>',
      '</TaxSubTotal>',
    ].join(''),
  );
  const sums = [...byRate.values()].reduce(
    (a, s) => ({
      base: a.base + s.base,
      baseLocal: a.baseLocal + s.baseLocal,
      vat: a.vat + s.vat,
      vatLocal: a.vatLocal + s.vatLocal,
    }),
    { base: 0n, baseLocal: 0n, vat: 0n, vatLocal: 0n },
  );
  const total = sums.base + sums.vat;
  const totalLocal = sums.baseLocal + sums.vatLocal;
  const after = (name: string, l: bigint, c: bigint) => pair(name, l, c, false);
  const bank = pdf.bank?.iban ? pdf.bank : null;
  const payable = view.type === 'invoice' || view.type === 'debit_note' || view.type === 'advance';

  const seller = {
    name: profile.legalName,
    ico: profile.ico,
    dic: profile.dic,
    street: profile.street,
    city: profile.city,
    zip: profile.zip,
    country: profile.country,
    email: profile.email,
  };
  const buyer = {
    name: partner.name,
    ico: partner.ico,
    dic: partner.dic,
    street: partner.street ?? '',
    city: partner.city ?? '',
    zip: partner.postal_code ?? '',
    country: partner.country,
    email: partner.email,
  };
  const corrects = view.corrects;
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<Invoice xmlns="http://isdoc.cz/namespace/2013" version="6.0.2">',
    el('DocumentType', type),
    el('ID', view.number),
    el('UUID', view.id.toUpperCase()),
    el('IssuingSystem', 'Bureau'),
    el('IssueDate', view.issueDate),
    view.type === 'advance' || !view.vatPayer ? '' : el('TaxPointDate', view.taxDate),
    el('VATApplicable', String(view.type !== 'advance' && view.vatPayer)),
    el('ElectronicPossibilityAgreementReference', ''),
    el('Note', [view.memo, view.correctionReason].filter(Boolean).join(' – ')),
    el('LocalCurrencyCode', functional),
    foreign ? el('ForeignCurrencyCode', cur) : '',
    el('CurrRate', foreign ? normalizeDecimal(view.rate) : '1'),
    el('RefCurrRate', '1'),
    `<AccountingSupplierParty>${isdocParty(seller)}</AccountingSupplierParty>`,
    `<AccountingCustomerParty>${isdocParty(buyer)}</AccountingCustomerParty>`,
    corrects?.number
      ? `<OriginalDocumentReferences><OriginalDocumentReference id="orig">${el('ID', corrects.number)}${el('UUID', corrects.id.toUpperCase())}</OriginalDocumentReference></OriginalDocumentReferences>`
      : '',
    `<InvoiceLines>${lines.join('')}</InvoiceLines>`,
    `<TaxTotal>${subtotals.join('')}${pair('TaxAmount', sums.vatLocal, sums.vat, true)}</TaxTotal>`,
    '<LegalMonetaryTotal>',
    after('TaxExclusiveAmount', sums.baseLocal, sums.base),
    after('TaxInclusiveAmount', totalLocal, total),
    after('AlreadyClaimedTaxExclusiveAmount', 0n, 0n),
    after('AlreadyClaimedTaxInclusiveAmount', 0n, 0n),
    after('DifferenceTaxExclusiveAmount', sums.baseLocal, sums.base),
    after('DifferenceTaxInclusiveAmount', totalLocal, total),
    after('PayableRoundingAmount', 0n, 0n),
    after('PaidDepositsAmount', 0n, 0n),
    after('PayableAmount', totalLocal, total),
    '</LegalMonetaryTotal>',
    payable && bank?.iban
      ? isdocPaymentMeans({
          amount: curr(total),
          dueDate: view.dueDate,
          iban: bank.iban,
          bic: bank.bic,
          variableSymbol: view.variableSymbol,
        })
      : '',
    '</Invoice>\n',
  ].join('');
  return { xml, fileName: `${view.number}.isdoc` };
}
