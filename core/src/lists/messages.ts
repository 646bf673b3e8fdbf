import { defineMessages } from '../i18n/messages.ts';

export const lm = defineMessages('lists', {
  invalid_cursor: {
    en: 'The cursor does not belong to this list or sort order',
    cs: 'Kurzor nepatří k tomuto seznamu nebo řazení',
  },
  start_again: { en: 'Start again from the first page', cs: 'Začněte znovu od první stránky' },
  unknown_sort: { en: 'Unknown sort key', cs: 'Neznámý klíč řazení' },
  export_too_large: {
    en: 'An export holds at most {max, number} rows; narrow the filter',
    cs: 'Export pojme nejvýše {max, number} řádků; zužte filtr',
  },
});
