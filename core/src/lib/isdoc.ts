import { extractIBAN } from 'ibantools';

/**
 * Building blocks of ISDOC 6.0.2 (the Czech e-invoice format) shared by core's billing invoices and
 * the accounting module's invoices: escaping, elements, a party, the bank payment. Each writer
 * validates its whole document against the official XSD (shared/oracles/isdoc) in its tests.
 */
export interface IsdocParty {
  name: string;
  ico: string | null;
  dic: string | null;
  street: string;
  city: string;
  zip: string;
  country: string;
  email?: string | null | undefined;
}

export const isdocEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const isdocEl = (name: string, value: string | number, attrs = '') =>
  `<${name}${attrs}>${isdocEscape(String(value))}</${name}>`;

/** Splits "Vodičkova 1" into street and building number as ISDOC wants them. */
export function isdocSplitStreet(street: string): [string, string] {
  const m = /^(.*?)[\s,]+(\d+[a-zA-Z]?(?:\/\d+[a-zA-Z]?)?)$/.exec(street.trim());
  return m ? [m[1] as string, m[2] as string] : [street.trim(), ''];
}

export function isdocParty(p: IsdocParty): string {
  const el = isdocEl;
  const [street, number] = isdocSplitStreet(p.street);
  return [
    '<Party>',
    '<PartyIdentification>',
    el('ID', p.ico ?? ''),
    '</PartyIdentification>',
    `<PartyName>${el('Name', p.name)}</PartyName>`,
    '<PostalAddress>',
    el('StreetName', street),
    el('BuildingNumber', number),
    el('CityName', p.city),
    el('PostalZone', p.zip),
    `<Country>${el('IdentificationCode', p.country)}${el('Name', '')}</Country>`,
    '</PostalAddress>',
    p.dic ? `<PartyTaxScheme>${el('CompanyID', p.dic)}${el('TaxScheme', 'VAT')}</PartyTaxScheme>` : '',
    p.email ? `<Contact>${el('ElectronicMail', p.email)}</Contact>` : '',
    '</Party>',
  ].join('');
}

/** Domestic account number and bank code from a Czech IBAN (CZkk BBBB PPPPPP AAAAAAAAAA). */
function domesticAccount(iban: string): { id: string; bankCode: string } {
  const e = extractIBAN(iban);
  if (e.valid && e.countryCode === 'CZ' && e.bban && e.bban.length === 20) {
    const prefix = e.bban.slice(4, 10).replace(/^0+/, '');
    const number = e.bban.slice(10).replace(/^0+/, '');
    return { id: prefix ? `${prefix}-${number}` : number, bankCode: e.bban.slice(0, 4) };
  }
  return { id: iban, bankCode: '' };
}

/** A bank transfer (PaymentMeansCode 42) of `amount` to `iban` by `dueDate` with the variable symbol. */
export function isdocPaymentMeans(p: {
  amount: string;
  dueDate: string;
  iban: string;
  bic?: string | null | undefined;
  variableSymbol?: string | null | undefined;
}): string {
  const el = isdocEl;
  const account = domesticAccount(p.iban);
  return [
    '<PaymentMeans><Payment>',
    el('PaidAmount', p.amount),
    el('PaymentMeansCode', '42'),
    '<Details>',
    el('PaymentDueDate', p.dueDate),
    el('ID', account.id),
    el('BankCode', account.bankCode),
    el('Name', ''),
    el('IBAN', p.iban),
    el('BIC', p.bic ?? ''),
    el('VariableSymbol', p.variableSymbol ?? ''),
    '</Details>',
    '</Payment></PaymentMeans>',
  ].join('');
}
