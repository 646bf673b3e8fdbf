import { defineMessages } from '../i18n/messages.ts';

/** What the scheduler's routes tell people, in both languages. */
export const scm = defineMessages('schedules', {
  not_failed: {
    en: 'This run is {status}, not failed',
    cs: 'Tento běh {status, select, running {právě běží} succeeded {proběhl úspěšně} retry_requested {už čeká na opakování} other {je ve stavu {status}}}, neselhal',
  },
  module_not_enabled: {
    en: 'The {module} module is not enabled for this tenant',
    cs: 'Modul {module} není v tomto prostoru zapnutý',
  },
});
