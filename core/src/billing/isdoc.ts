import { isdocEl, isdocParty, isdocPaymentMeans } from '../lib/isdoc.ts';
import { formatMoney, minorDigits, roundHalfAway } from '../lib/money.ts';
import type { Invoice } from './invoices.ts';
import { vatAmount } from './vat.ts';

/**
 * ISDOC 6.0.2 (the Czech e-invoice format) for an invoice or a credit note (DocumentType 2,
 * amounts stated positively as ISDOC expects; the original invoice is referenced). A test
 * validates the output against the official XSD (shared/oracles/isdoc).
 *
 * Amounts are in the invoice currency, which is the document's LocalCurrencyCode with rate 1
 * (EUR invoices go to buyers outside the Czech Republic, who do not need a CZK conversion).
 */

const el = isdocEl;

export function isdocXml(inv: Invoice, original?: Invoice | null): string {
  const digits = minorDigits(inv.currency);
  const sign = inv.kind === 'credit_note' ? -1n : 1n;
  const m = (v: bigint) => formatMoney(v * sign, digits);
  const rate = inv.vatRate.replace(/\.0+$/, '');
  const vatApplicable = inv.vatMode !== 'outside_eu';
  const reverse = inv.vatMode === 'reverse_charge';
  // VAT per line for the line fields; the invoice-level VAT is computed once on the sum (see vat.ts).
  // Line VAT: the invoice VAT spread over the lines by running sums, so the lines add up to it exactly.
  let cumulative = 0n;
  let spread = 0n;
  const lines = inv.lines.map((l) => {
    cumulative += l.amount;
    const upTo = inv.subtotal === 0n ? 0n : roundHalfAway(cumulative * inv.vatTotal, inv.subtotal);
    const lineVat = upTo - spread;
    spread = upTo;
    const unitVat = vatAmount(l.unitPrice, inv.vatRate);
    return [
      '<InvoiceLine>',
      el('ID', String(l.position)),
      original
        ? `<OriginalDocumentReference ref="orig"><LineID>${l.position}</LineID></OriginalDocumentReference>`
        : '',
      el('InvoicedQuantity', String(l.quantity), ' unitCode="ks"'),
      el('LineExtensionAmount', m(l.amount)),
      el('LineExtensionAmountTaxInclusive', m(l.amount + lineVat)),
      el('LineExtensionTaxAmount', m(lineVat)),
      el('UnitPrice', m(l.unitPrice)),
      el('UnitPriceTaxInclusive', m(l.unitPrice + unitVat)),
      '<ClassifiedTaxCategory>',
      el('Percent', rate),
      el('VATCalculationMethod', '0'),
      el('VATApplicable', String(vatApplicable)),
      '</ClassifiedTaxCategory>',
      `<Item>${el('Description', l.description.slice(0, 250))}</Item>`,
      '</InvoiceLine>',
    ].join('');
  });
  const seller = inv.seller;
  const payment =
    inv.kind === 'invoice'
      ? isdocPaymentMeans({
          amount: m(inv.total),
          dueDate: inv.dueOn,
          iban: seller.iban,
          bic: seller.bic,
          variableSymbol: inv.variableSymbol,
        })
      : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<Invoice xmlns="http://isdoc.cz/namespace/2013" version="6.0.2">',
    el('DocumentType', inv.kind === 'invoice' ? '1' : '2'),
    el('ID', inv.number),
    el('UUID', inv.id.toUpperCase()),
    el('IssuingSystem', 'Bureau'),
    el('IssueDate', inv.issuedOn),
    el('TaxPointDate', inv.taxableOn),
    el('VATApplicable', String(vatApplicable)),
    el('ElectronicPossibilityAgreementReference', ''),
    el('Note', inv.note),
    el('LocalCurrencyCode', inv.currency),
    el('CurrRate', '1'),
    el('RefCurrRate', '1'),
    `<AccountingSupplierParty>${isdocParty(seller)}</AccountingSupplierParty>`,
    `<AccountingCustomerParty>${isdocParty(inv.buyer)}</AccountingCustomerParty>`,
    original
      ? `<OriginalDocumentReferences><OriginalDocumentReference id="orig">${el('ID', original.number)}${el('IssueDate', original.issuedOn)}${el('UUID', original.id.toUpperCase())}</OriginalDocumentReference></OriginalDocumentReferences>`
      : '',
    `<InvoiceLines>${lines.join('')}</InvoiceLines>`,
    '<TaxTotal><TaxSubTotal>',
    el('TaxableAmount', m(inv.subtotal)),
    el('TaxAmount', m(inv.vatTotal)),
    el('TaxInclusiveAmount', m(inv.total)),
    el('AlreadyClaimedTaxableAmount', '0'),
    el('AlreadyClaimedTaxAmount', '0'),
    el('AlreadyClaimedTaxInclusiveAmount', '0'),
    el('DifferenceTaxableAmount', m(inv.subtotal)),
    el('DifferenceTaxAmount', m(inv.vatTotal)),
    el('DifferenceTaxInclusiveAmount', m(inv.total)),
    '<TaxCategory>',
    el('Percent', rate),
    el('VATApplicable', String(vatApplicable)),
    el('LocalReverseChargeFlag', String(reverse && inv.buyer.country === seller.country)),
    '</TaxCategory>',
    '</TaxSubTotal>',
    el('TaxAmount', m(inv.vatTotal)),
    '</TaxTotal>',
    '<LegalMonetaryTotal>',
    el('TaxExclusiveAmount', m(inv.subtotal)),
    el('TaxInclusiveAmount', m(inv.total)),
    el('AlreadyClaimedTaxExclusiveAmount', '0'),
    el('AlreadyClaimedTaxInclusiveAmount', '0'),
    el('DifferenceTaxExclusiveAmount', m(inv.subtotal)),
    el('DifferenceTaxInclusiveAmount', m(inv.total)),
    el('PayableRoundingAmount', '0'),
    el('PaidDepositsAmount', '0'),
    el('PayableAmount', m(inv.total)),
    '</LegalMonetaryTotal>',
    payment,
    '</Invoice>\n',
  ].join('');
}
