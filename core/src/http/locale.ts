import type { Context } from 'hono';
import { isLocale, type Locale, negotiateLocale } from '../i18n/locale.ts';

/**
 * The language to answer a request in: the `Accept-Language` header when it names one we speak (the
 * web app sends the language it shows), then the signed-in user's choice (curl sends no header),
 * then the tenant's language, then English.
 */
export function requestLocale(c: Context<any, any, any>): Locale {
  const header = negotiateLocale(c.req.header('accept-language'));
  if (header) return header;
  const user = c.get('user') as { locale?: string } | null | undefined;
  if (user && isLocale(user.locale)) return user.locale;
  const tenant = c.get('tenant') as { locale?: string } | undefined;
  if (tenant && isLocale(tenant.locale)) return tenant.locale;
  return 'en';
}
