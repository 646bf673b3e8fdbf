import { defineMessages } from '../i18n/messages.ts';

export const ptm = defineMessages('parties', {
  invalid: { en: 'The party has errors', cs: 'Údaje o subjektu obsahují chyby' },
  not_found: { en: 'No such party in the address book', cs: 'Takový subjekt v adresáři není' },
  duplicate_ico: {
    en: '{name} already has IČO {ico}',
    cs: 'IČO {ico} už má {name}',
  },
  ico_taken: { en: 'Another party has this IČO', cs: 'Toto IČO už má jiný subjekt' },
});
