import { defineFieldMessages } from './field-messages.ts';

/** What a field must look like, in both languages, for schemas' own messages (the field error keeps zod's code). */
export const fm = defineFieldMessages('core', {
  backup_name: { en: 'A backup file name from the list', cs: 'Název zálohy ze seznamu' },
  invoice_ref: {
    en: 'An invoice id, optionally followed by .pdf or .isdoc',
    cs: 'ID faktury, případně s příponou .pdf nebo .isdoc',
  },
  lowercase_id: { en: 'Lowercase letters, digits, _ or -', cs: 'Malá písmena, číslice, _ nebo -' },
  module_id: { en: 'Not a module id', cs: 'Neplatné ID modulu' },
  record_id: { en: 'Letters, digits, _ . : -', cs: 'Písmena, číslice, _ . : -' },
  record_kind: {
    en: 'Lowercase `<module>.<entity>`, e.g. hr.employee',
    cs: 'Malými písmeny `<modul>.<entita>`, např. hr.employee',
  },
  time_zone: { en: 'Unknown time zone', cs: 'Neznámé časové pásmo' },
});
