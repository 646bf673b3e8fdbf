import { defineFieldMessages } from '@bureau/core/fields';

/** What a field must look like, in both languages, for schemas' own messages (the field error keeps zod's code). */
export const fm = defineFieldMessages('it', {
  field_keys_unique: { en: 'Field keys must differ', cs: 'Klíče polí se nesmí opakovat' },
  tag: { en: 'Letters, digits, . _ / -', cs: 'Písmena, číslice, . _ / -' },
});
