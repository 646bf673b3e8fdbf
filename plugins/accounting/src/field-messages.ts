import { defineFieldMessages } from '@bureau/core/fields';

/** What a field must look like, in both languages, for schemas' own messages (the field error keeps zod's code). */
export const fm = defineFieldMessages('accounting', {
  account_code: { en: '1–20 letters, digits, dots or dashes', cs: '1–20 písmen, číslic, teček nebo pomlček' },
  amount: { en: 'A positive decimal amount such as "1234.50"', cs: 'Kladná částka, např. „1234.50“' },
  calendar_date: { en: 'Not a calendar date', cs: 'Takové datum v kalendáři není' },
  cost_center_code: {
    en: 'Up to 20 letters, digits, ".", "_" or "-"',
    cs: 'Nejvýše 20 písmen, číslic, „.“, „_“ nebo „-“',
  },
  country: { en: 'An ISO 3166 alpha-2 code', cs: 'Kód země podle ISO 3166 (dvě písmena)' },
  currency: { en: 'An ISO 4217 code', cs: 'Kód měny podle ISO 4217' },
  cz_dic: { en: 'A Czech DIČ: CZ and 8–10 digits', cs: 'České DIČ: CZ a 8–10 číslic' },
  date: { en: 'A date YYYY-MM-DD', cs: 'Datum RRRR-MM-DD' },
  desk_code: { en: '1–6 letters or digits', cs: '1–6 písmen nebo číslic' },
  five_digits: { en: 'Five digits', cs: 'Pět číslic' },
  month: { en: 'A month YYYY-MM', cs: 'Měsíc RRRR-MM' },
  nace: { en: 'A CZ-NACE code, up to 6 digits', cs: 'Kód CZ-NACE, nejvýše 6 číslic' },
  percentage: { en: 'A percentage such as "60"', cs: 'Procento, např. „60“' },
  quantity: { en: 'A positive decimal quantity such as "1.5"', cs: 'Kladné množství, např. „1.5“' },
  rate: { en: 'A positive decimal rate such as "25.125"', cs: 'Kladný kurz, např. „25.125“' },
  reverse_charge_code: { en: 'A code of the § 92a list such as "4"', cs: 'Kód podle seznamu § 92a, např. „4“' },
  signed_amount: { en: 'A decimal amount such as "-1234.50"', cs: 'Částka, např. „-1234.50“' },
  symbol: { en: 'Up to 10 digits', cs: 'Nejvýše 10 číslic' },
  tax_branch: {
    en: 'The branch code (c_pracufo), up to 4 digits',
    cs: 'Kód územního pracoviště (c_pracufo), nejvýše 4 číslice',
  },
  tax_office: {
    en: 'The tax office code (c_ufo), up to 3 digits',
    cs: 'Kód finančního úřadu (c_ufo), nejvýše 3 číslice',
  },
  vat_period: { en: 'A month (2026-07) or a quarter (2026-Q3)', cs: 'Měsíc (2026-07) nebo čtvrtletí (2026-Q3)' },
  vat_rate: { en: 'A percentage such as "21" or "12.5"', cs: 'Procento, např. „21“ nebo „12.5“' },
});
