import { translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale.ts';
import { messageById, type Params } from '../i18n/messages.ts';
import type { Severity } from './define.ts';

export interface NotificationRow {
  id: string;
  severity: Severity;
  category: string | null;
  title_key: string;
  body_key: string | null;
  params: unknown;
  link: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A stored message key in a language (the key itself if its module is no longer installed). */
export function renderKey(locale: Locale, key: string, params: unknown): string {
  const message = messageById(key);
  return message ? translate(locale, message, (params ?? {}) as Params) : key;
}

/** An inbox entry as the reader sees it: title and body in their language. */
export function renderNotification(locale: Locale, row: NotificationRow) {
  return {
    id: row.id,
    severity: row.severity,
    category: row.category,
    title: renderKey(locale, row.title_key, row.params),
    body: row.body_key ? renderKey(locale, row.body_key, row.params) : null,
    link: row.link,
    createdAt: iso(row.created_at) as string,
    readAt: iso(row.read_at),
  };
}
