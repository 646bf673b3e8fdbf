import { defineFieldMessages } from '@bureau/core/fields';

/** What a field must look like, in both languages, for schemas' own messages (the field error keeps zod's code). */
export const fm = defineFieldMessages('medical', {
  positive: { en: 'Must be positive', cs: 'Musí být kladné' },
});
