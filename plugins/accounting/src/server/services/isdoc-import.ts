import { badRequest, czechAccountToIban, parseCzechAccount } from '@bureau/core';
import { XMLParser } from 'fast-xml-parser';
import { normalizeDecimal, parseDecimal } from './amounts.ts';
import { type Ctx, dbOf } from './context.ts';
import type { DocumentLineInput } from './document-compute.ts';
import { createDocument, getDocument } from './documents.ts';
import { isValidDic, isValidIco, normalizeVariableSymbol } from './identifiers.ts';
import { partnerForParty } from './party-ref.ts';

/**
 * A received ISDOC invoice (DocumentType 1) read into a draft vendor bill: the supplier found by IČO
 * in the address book or added as a vendor with its bank account, the vendor's number, dates,
 * variable symbol, currency and rate, and a line per non-zero invoice line with its VAT rate matched
 * to the tenant's rates on the tax date. The draft is checked and posted by a person (POST
 * /bills/:id/post); importing the same file again returns the same draft (by the ISDOC's UUID).
 * `warnings` say where the draft's total differs from the file's (rounding of the issuer's software).
 */
const SOURCE = 'accounting.isdoc';

const m = {
  invalid: { en: 'Not an ISDOC invoice: {reason}', cs: 'Nejde o fakturu ISDOC: {reason}' },
  type: {
    en: 'ISDOC document type {type} cannot be imported as a bill; only invoices (1) can — enter a received credit note as a correction of its bill',
    cs: 'Doklad ISDOC typu {type} nelze načíst jako přijatou fakturu; jen faktury (1) — přijatý opravný doklad zadejte jako opravu jeho faktury',
  },
  rate: {
    en: 'No VAT rate of {percent} % is valid on {date}',
    cs: 'Sazba DPH {percent} % ke dni {date} neplatí',
  },
  noLines: { en: 'The invoice has no line with an amount', cs: 'Faktura nemá žádnou položku s částkou' },
};

type Node = Record<string, unknown>;
const obj = (v: unknown): Node => (v && typeof v === 'object' ? (v as Node) : {});
const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return text((v as Node)['#text']);
  return String(v).trim();
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(reason: string): never {
  throw badRequest('invalid_isdoc', m.invalid, [{ path: 'content', message: m.invalid, params: { reason } }]);
}

/** Decimal text of the file as the API's decimal string, or null. */
const decimal = (v: unknown): string | null => {
  const t = text(v).replace(',', '.');
  return /^-?\d{1,15}(\.\d{1,6})?$/.test(t) ? normalizeDecimal(t) : null;
};

function parse(content: string): Node {
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      removeNSPrefix: true,
      processEntities: true,
      isArray: (name) => ['InvoiceLine', 'TaxSubTotal', 'Payment'].includes(name),
    }).parse(content) as Node;
  } catch (err) {
    invalid((err as Error).message.slice(0, 200));
  }
  const invoice = obj(doc.Invoice);
  if (!doc.Invoice) invalid('the root element is not <Invoice>');
  return invoice;
}

/** Exact decimal a × b = c? (quantity × unit price = line amount) */
function timesEquals(a: string, b: string, c: string): boolean {
  const [x, y, z] = [parseDecimal(a), parseDecimal(b), parseDecimal(c)];
  if (!x || !y || !z) return false;
  const left = x.num * y.num * 10n ** BigInt(z.scale);
  const right = z.num * 10n ** BigInt(x.scale + y.scale);
  return left === right;
}

export async function importIsdocBill(ctx: Ctx, content: string) {
  const inv = parse(content);
  const type = text(inv.DocumentType);
  if (type !== '1')
    throw badRequest('isdoc_unsupported_type', m.type, [{ path: 'content', message: m.type, params: { type } }]);
  const uuid = text(inv.UUID);
  const number = text(inv.ID);
  if (!number) invalid('<ID> is missing');
  if (!uuid) invalid('<UUID> is missing');
  const issueDate = text(inv.IssueDate);
  const taxDate = text(inv.TaxPointDate) || issueDate;
  if (!DATE.test(issueDate) || !DATE.test(taxDate)) invalid('<IssueDate> or <TaxPointDate> is not a date');

  const db = dbOf(ctx);
  const existing = await db
    .selectFrom('accounting.documents')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('source_type', '=', SOURCE)
    .where('source_id', '=', uuid.toUpperCase())
    .executeTakeFirst();
  if (existing) return { document: await getDocument(ctx, 'bill', existing.id), created: false, warnings: [] };

  const supplier = obj(obj(inv.AccountingSupplierParty).Party);
  const address = obj(supplier.PostalAddress);
  const name = text(obj(supplier.PartyName).Name);
  if (!name) invalid('the supplier has no name');
  const payment = obj(list(obj(inv.PaymentMeans).Payment)[0]);
  const details = obj(payment.Details);
  const domestic =
    text(details.ID) && text(details.BankCode)
      ? parseCzechAccount(`${text(details.ID)}/${text(details.BankCode)}`)
      : null;
  const iban = text(details.IBAN).replace(/\s/g, '').toUpperCase() || (domestic ? czechAccountToIban(domestic) : '');
  const warnings: { code: string; expected: string; computed: string }[] = [];
  // An IČO or DIČ that fails its check (the official samples use made-up ones) is left out, and said.
  let ico: string | null = text(obj(supplier.PartyIdentification).ID) || null;
  if (ico && !isValidIco(ico)) {
    warnings.push({ code: 'supplier_ico_invalid', expected: 'IČO', computed: ico });
    ico = null;
  }
  let dic: string | null = text(obj(supplier.PartyTaxScheme).CompanyID) || null;
  if (dic && !isValidDic(dic)) {
    warnings.push({ code: 'supplier_dic_invalid', expected: 'DIČ', computed: dic });
    dic = null;
  }
  const partnerId = await partnerForParty(
    ctx,
    'vendor',
    {
      name,
      ico,
      dic,
      street: [text(address.StreetName), text(address.BuildingNumber)].filter(Boolean).join(' ') || null,
      city: text(address.CityName) || null,
      postalCode: text(address.PostalZone) || null,
      country: text(obj(address.Country).IdentificationCode).toUpperCase() || 'CZ',
      email: text(obj(supplier.Contact).ElectronicMail) || null,
      iban: iban || null,
    },
    'supplier',
  );

  const foreignCurrency = text(inv.ForeignCurrencyCode).toUpperCase();
  const currency = foreignCurrency || text(inv.LocalCurrencyCode).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) invalid('<LocalCurrencyCode> is not a currency');
  const rate = foreignCurrency ? decimal(inv.CurrRate) : null;
  const refRate = foreignCurrency ? (decimal(inv.RefCurrRate) ?? '1') : '1';

  const rates = await db
    .selectFrom('accounting.vat_rates')
    .select(['code', 'rate'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('valid_from', '<=', taxDate)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', taxDate)]))
    .orderBy('valid_from', 'desc')
    .execute();
  const codeFor = (percent: string, applicable: boolean, i: number): string => {
    if (!applicable) return 'exempt';
    const found = rates.find((r) => r.code !== 'exempt' && normalizeDecimal(r.rate) === percent);
    if (!found) {
      throw badRequest('invalid_isdoc', m.rate, [
        { path: `lines.${i}.vat`, message: m.rate, params: { percent, date: taxDate }, code: 'vat_rate_unknown' },
      ]);
    }
    return found.code;
  };

  const lines: DocumentLineInput[] = [];
  list(obj(inv.InvoiceLines).InvoiceLine).forEach((raw, i) => {
    const l = obj(raw);
    const amount = decimal(foreignCurrency ? l.LineExtensionAmountCurr : l.LineExtensionAmount);
    if (amount === null) invalid(`line ${i + 1} has no amount`);
    if (/^-?0(\.0+)?$/.test(amount)) return;
    const quantity = decimal(l.InvoicedQuantity);
    const unitPrice = foreignCurrency ? null : decimal(l.UnitPrice);
    const exact = quantity && unitPrice && !quantity.startsWith('-') && timesEquals(quantity, unitPrice, amount);
    const category = obj(l.ClassifiedTaxCategory);
    const percent = decimal(category.Percent) ?? '0';
    const applicable = text(category.VATApplicable) !== 'false';
    const unit = text(obj(l.InvoicedQuantity)['@unitCode']);
    lines.push({
      description: (text(obj(l.Item).Description) || text(l.Note) || number).slice(0, 500),
      quantity: exact ? (quantity as string) : '1',
      unitPrice: exact ? (unitPrice as string) : amount,
      ...(unit ? { unit: unit.slice(0, 20) } : {}),
      vat: codeFor(percent, applicable, i),
    });
  });
  if (!lines.length) throw badRequest('invalid_isdoc', m.noLines, [{ path: 'content', message: m.noLines }]);

  const dueDate = text(details.PaymentDueDate);
  const view = await createDocument(
    ctx,
    'bill',
    {
      partnerId,
      issueDate,
      taxDate,
      ...(DATE.test(dueDate) ? { dueDate } : {}),
      currency,
      ...(rate ? { rate: refRate === '1' ? rate : normalizeDecimal(divide(rate, refRate)) } : {}),
      variableSymbol: normalizeVariableSymbol(text(details.VariableSymbol)),
      reference: number.slice(0, 100),
      memo: text(inv.Note).slice(0, 500) || null,
      lines,
    },
    { source: { type: SOURCE, id: uuid.toUpperCase() } },
  );
  const expected = decimal(
    foreignCurrency
      ? obj(inv.LegalMonetaryTotal).TaxInclusiveAmountCurr
      : obj(inv.LegalMonetaryTotal).TaxInclusiveAmount,
  );
  if (expected && normalizeDecimal(view.total) !== expected) {
    warnings.push({ code: 'total_differs', expected, computed: view.total });
  }
  return { document: view, created: true, warnings };
}

/** a / b as a decimal string to 12 places (a rate per unit of the reference currency). */
function divide(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y || y.num === 0n) return a;
  const scale = 12n;
  const q = (x.num * 10n ** (scale + BigInt(y.scale))) / (y.num * 10n ** BigInt(x.scale));
  const s = q.toString().padStart(Number(scale) + 1, '0');
  return `${s.slice(0, -Number(scale))}.${s.slice(-Number(scale))}`;
}
