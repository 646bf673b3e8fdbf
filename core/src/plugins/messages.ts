import { defineMessages } from '../i18n/messages.ts';

export const pm = defineMessages('modules', {
  module_not_found: { en: 'No such module', cs: 'Takový modul neexistuje' },
  not_in_scope: {
    en: 'Your access to this workspace does not cover the {module} module',
    cs: 'Váš přístup do tohoto prostoru nezahrnuje modul {module}',
  },
  not_enabled: {
    en: 'The {module} module is not enabled in this workspace',
    cs: 'Modul {module} není v tomto prostoru zapnutý',
  },
  not_installed: { en: 'The {module} module is not installed', cs: 'Modul {module} není nainstalovaný' },
  service_missing: { en: 'A service of the {module} module is missing', cs: 'Chybí služba modulu {module}' },
  requirements: {
    en: 'The {module} module needs {missing} enabled first',
    cs: 'Modul {module} potřebuje nejdříve zapnout: {missing}',
  },
  required_by: {
    en: 'The {module} module is required by {requiredBy}; disable {count, plural, one {it} other {them}} first',
    cs: 'Modul {module} potřebuje {requiredBy}; nejdříve {count, plural, one {ho} other {je}} vypněte',
  },
  confirm_mismatch: {
    en: 'Type the module id "{id}" to confirm',
    cs: 'Pro potvrzení napište identifikátor modulu „{id}“',
  },
  confirm_exactly: { en: 'Must be exactly "{id}"', cs: 'Musí být přesně „{id}“' },
  module_enabled: {
    en: 'Disable the {module} module before deleting its data',
    cs: 'Před smazáním dat modul {module} vypněte',
  },
});
