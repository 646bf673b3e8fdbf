import { defineMessages } from './messages.ts';

/** What a person reads for zod's validation issues, instead of zod's developer-facing English. */
export const zm = defineMessages('zod', {
  required: { en: 'Required', cs: 'Povinný údaj' },
  invalid_type: {
    en: 'Expected {expected, select, string {text} number {a number} int {a whole number} boolean {yes or no} array {a list} object {an object} date {a date} other {a different value}}',
    cs: 'Očekává se {expected, select, string {text} number {číslo} int {celé číslo} boolean {ano, nebo ne} array {seznam} object {objekt} date {datum} other {jiná hodnota}}',
  },
  too_short: {
    en: 'At least {minimum, plural, one {# character} other {# characters}}',
    cs: 'Alespoň {minimum, plural, one {# znak} few {# znaky} many {# znaku} other {# znaků}}',
  },
  too_long: {
    en: 'At most {maximum, plural, one {# character} other {# characters}}',
    cs: 'Nejvýše {maximum, plural, one {# znak} few {# znaky} many {# znaku} other {# znaků}}',
  },
  length_exact: {
    en: 'Exactly {length, plural, one {# character} other {# characters}}',
    cs: 'Přesně {length, plural, one {# znak} few {# znaky} many {# znaku} other {# znaků}}',
  },
  at_least: { en: 'Must be at least {minimum, number}', cs: 'Musí být alespoň {minimum, number}' },
  more_than: { en: 'Must be more than {minimum, number}', cs: 'Musí být větší než {minimum, number}' },
  at_most: { en: 'Must be at most {maximum, number}', cs: 'Musí být nejvýše {maximum, number}' },
  less_than: { en: 'Must be less than {maximum, number}', cs: 'Musí být menší než {maximum, number}' },
  too_few: {
    en: 'Choose at least {minimum, plural, one {# item} other {# items}}',
    cs: 'Vyberte alespoň {minimum, plural, one {# položku} few {# položky} many {# položky} other {# položek}}',
  },
  too_many: {
    en: 'At most {maximum, plural, one {# item} other {# items}}',
    cs: 'Nejvýše {maximum, plural, one {# položka} few {# položky} many {# položky} other {# položek}}',
  },
  email: { en: 'Not a valid e-mail address', cs: 'Neplatná e-mailová adresa' },
  url: { en: 'Not a valid web address', cs: 'Neplatná webová adresa' },
  uuid: { en: 'Not a valid identifier', cs: 'Neplatný identifikátor' },
  date: { en: 'Not a valid date (YYYY-MM-DD)', cs: 'Neplatné datum (RRRR-MM-DD)' },
  datetime: { en: 'Not a valid date and time', cs: 'Neplatné datum a čas' },
  format: { en: 'Invalid format', cs: 'Neplatný formát' },
  one_of: { en: 'Choose one of: {values}', cs: 'Vyberte jednu z možností: {values}' },
  unknown_keys: {
    en: 'Unknown {count, plural, one {field} other {fields}}: {keys}',
    cs: '{count, plural, one {Neznámé pole} other {Neznámá pole}}: {keys}',
  },
  multiple_of: { en: 'Must be a multiple of {divisor, number}', cs: 'Musí být násobkem {divisor, number}' },
  invalid: { en: 'Invalid value', cs: 'Neplatná hodnota' },
});
