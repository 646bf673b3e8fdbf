import type { T } from './messages.ts';

/** "56 h (7 days)": hours first, days derived, in the reader's number format and plural. */
export const hoursDays = (
  t: T,
  i18n: { number: (v: number) => string },
  hours: number | string,
  days: number | string,
) => t('hoursDays', { count: Number(days), hours: i18n.number(Number(hours)), days: i18n.number(Number(days)) });
