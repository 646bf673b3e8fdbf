import { defineFieldMessages } from '@bureau/core/fields';

/** What a field must look like, in both languages, for schemas' own messages (the field error keeps zod's code). */
export const fm = defineFieldMessages('orders', {
  code: { en: 'Letters, digits, . _ -', cs: 'Písmena, číslice, . _ -' },
  gtin: { en: '8, 12, 13 or 14 digits', cs: '8, 12, 13 nebo 14 číslic' },
  image_data_url: { en: 'A data: URL of an image', cs: 'Obrázek jako data: URL' },
  number: { en: 'A number', cs: 'Číslo' },
  order_ids: { en: 'Comma-separated order ids', cs: 'ID objednávek oddělená čárkami' },
  price: { en: 'A number, e.g. 12.50', cs: 'Číslo, např. 12.50' },
  tag: { en: 'Letters, digits, . _ / -', cs: 'Písmena, číslice, . _ / -' },
});
