import { defineFieldMessages } from '@bureau/core/fields';

/** What a field must look like, in both languages, for schemas' own messages (the field error keeps zod's code). */
export const fm = defineFieldMessages('hr', {
  amount: { en: 'An amount, e.g. 50000 or 182.50', cs: 'Částka, např. 50000 nebo 182.50' },
  code: { en: 'Letters, digits, . _ -', cs: 'Písmena, číslice, . _ -' },
  period: { en: 'YYYY-MM', cs: 'RRRR-MM' },
  symbol: { en: 'Up to 10 digits', cs: 'Nejvýše 10 číslic' },
});
