import { defineMessages } from '../i18n/messages.ts';

export const rm = defineMessages('records', {
  file_too_large: {
    en: 'The file is too large (at most {mb, number} MB)',
    cs: 'Soubor je příliš velký (nejvýše {mb, number} MB)',
  },
  rule_needs_period: { en: 'A rule needs a period', cs: 'Pravidlo potřebuje dobu uchování' },
  duplicate_class: {
    en: 'Each retention class may appear once',
    cs: 'Každá skartační třída smí být uvedena jen jednou',
  },
  class_listed_twice: { en: 'This class is listed twice', cs: 'Tato třída je uvedena dvakrát' },
  file_required: { en: 'Attach a file', cs: 'Přiložte soubor' },
  file_empty: { en: 'The file is empty', cs: 'Soubor je prázdný' },
  retention_active: {
    en: 'This attachment must be kept until {until, date, long}',
    cs: 'Tuto přílohu je nutné uchovat do {until, date, long}',
  },
  attachment_not_found: { en: 'No such attachment', cs: 'Taková příloha neexistuje' },
  entity_not_found: { en: 'No such record', cs: 'Takový záznam neexistuje' },
  unknown_entity_type: {
    en: 'No enabled module keeps attachments of this kind of record',
    cs: 'Žádný zapnutý modul neeviduje přílohy k tomuto druhu záznamu',
  },
  not_an_entity_type: {
    en: '“{entityType}” is not a kind of record of an enabled module',
    cs: '„{entityType}“ není druh záznamu žádného zapnutého modulu',
  },
});
