import { defineMessages } from '@bureau/core';

/** What hr tells people, in both languages (problems, field errors, transition refusals). */
export const m = defineMessages('hr', {
  code_taken: { en: 'Code {code} is taken already', cs: 'Kód {code} už je použitý' },
  employee_not_found: { en: 'No such employee', cs: 'Taková položka neexistuje' },
});
