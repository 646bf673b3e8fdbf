import { defineMessages } from '@bureau/core';

/** What it tells people, in both languages (problems, field errors, transition refusals). */
export const m = defineMessages('it', {
  code_taken: { en: 'Code {code} is taken already', cs: 'Kód {code} už je použitý' },
  asset_not_found: { en: 'No such asset', cs: 'Taková položka neexistuje' },
});
