/** Server-side localisation: declared messages, ICU formatting, the reader's and the tenant's language. */

export { defineFieldMessages } from './field-messages.ts';
export { translate, translateBoth, translator } from './format.ts';
export { isLocale, LOCALES, type Locale, negotiateLocale } from './locale.ts';
export { defineMessages, type Message, type MessageText, type Params } from './messages.ts';
export { dateIn, dateText, decimalIn, moneyIn, moneyText } from './values.ts';

import { translate } from './format.ts';
import { isLocale, type Locale } from './locale.ts';
import type { Message, MessageText, Params } from './messages.ts';

/** A tenant's language (`tenant.locale`), English when it is one we do not speak. */
export const tenantLocale = (tenant: { locale: string }): Locale => (isLocale(tenant.locale) ? tenant.locale : 'en');

/**
 * Text Bureau writes for a tenant and stores (a journal entry's description, a default name): in the
 * tenant's language, so a Czech ledger reads Czech whoever posted it.
 */
export const storedText = (tenant: { locale: string }, message: Message | MessageText, params?: Params) =>
  translate(tenantLocale(tenant), message, params);
