import { defineMessages } from '../i18n/messages.ts';

export const pm = defineMessages('profile', {
  invalid: { en: 'The company details have errors', cs: 'Údaje o firmě obsahují chyby' },
  bad_ico: { en: 'Not a valid IČO (the check digit does not match)', cs: 'Neplatné IČO (nesedí kontrolní číslice)' },
  bad_cz_dic: {
    en: 'Not a valid Czech DIČ (CZ and an IČO or a birth number)',
    cs: 'Neplatné české DIČ (CZ a IČO nebo rodné číslo)',
  },
  bad_vat_id: {
    en: 'Not a VAT number of the form used in {country}',
    cs: 'DIČ nemá tvar, jaký se používá v zemi {country}',
  },
  dic_required: { en: 'A VAT payer needs a DIČ', cs: 'Plátce DPH musí mít DIČ' },
  period_required: {
    en: 'Choose whether VAT is filed monthly or quarterly',
    cs: 'Zvolte, zda se DPH přiznává měsíčně, nebo čtvrtletně',
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
  bad_currency: { en: 'Not a currency code (ISO 4217)', cs: 'Neznámý kód měny (ISO 4217)' },
  two_defaults: {
    en: 'Only one account per currency can be the default',
    cs: 'Výchozí může být jen jeden účet pro každou měnu',
  },
  logo_type: { en: 'The logo must be a PNG or JPEG image', cs: 'Logo musí být obrázek PNG nebo JPEG' },
  logo_size: {
    en: 'The logo may be at most {kb} kB',
    cs: 'Logo může mít nejvýše {kb} kB',
  },
  no_logo: { en: 'The firm has no logo', cs: 'Firma nemá logo' },
});
