import { defineMessages } from '../i18n/messages.ts';

/** Field errors of identifier checks, shared by billing, the company profile, parties and plugins. */
export const idm = defineMessages('identifiers', {
  bad_ico: { en: 'Not a valid IČO (the check digit does not match)', cs: 'Neplatné IČO (nesedí kontrolní číslice)' },
  bad_cz_dic: {
    en: 'Not a valid Czech DIČ (CZ and an IČO or a birth number)',
    cs: 'Neplatné české DIČ (CZ a IČO nebo rodné číslo)',
  },
  bad_vat_id: {
    en: 'Not a VAT number of the form used in {country}',
    cs: 'DIČ nemá tvar, jaký se používá v zemi {country}',
  },
  bad_dic: {
    en: 'Not a VAT number (two letters of the country and the number)',
    cs: 'Neplatné DIČ (dvě písmena země a číslo)',
  },
  bad_iban: { en: 'Not a valid IBAN', cs: 'Neplatný IBAN' },
  bad_bic: { en: 'Not a valid BIC (SWIFT code)', cs: 'Neplatný BIC (SWIFT)' },
  bad_account: {
    en: 'Not a valid Czech account number (prefix-number/bank code)',
    cs: 'Neplatné číslo účtu (předčíslí-číslo/kód banky)',
  },
  account_mismatch: {
    en: 'The account number does not match the IBAN',
    cs: 'Číslo účtu neodpovídá IBANu',
  },
  two_defaults: {
    en: 'Only one account per currency can be the default',
    cs: 'Výchozí může být jen jeden účet pro každou měnu',
  },
  bad_currency: { en: 'Not a currency code (ISO 4217)', cs: 'Neznámý kód měny (ISO 4217)' },
});
