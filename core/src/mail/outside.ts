import type { Kysely } from 'kysely';
import { writeEvent } from '../events/outbox.ts';
import type { TenantInfo } from '../http/env.ts';
import { isLocale, type Locale } from '../i18n/locale.ts';
import { type Message, messageById, type Params } from '../i18n/messages.ts';
import { renderKey } from '../notifications/render.ts';
import type { BureauEvent } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';

/** The outbox event that sends one e-mail to an address outside the tenant after the transaction committed. */
export const OUTSIDE_MAIL_EVENT = 'core.mail.outside';

/**
 * An e-mail to someone who is not a member (a party's contact: a referring clinic, a supplier): two
 * declared messages, sent in `locale`, after commit. The params go into the outbox: keep personal
 * data out of them.
 */
export interface OutsideMail {
  to: string;
  locale: Locale;
  subject: Message;
  text: Message;
  params?: Params;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Writes the mail's outbox event in the caller's transaction; refuses a programming error of the caller. */
export async function queueOutsideMail(
  db: Kysely<any>,
  tenantId: string,
  now: Date,
  mail: OutsideMail,
): Promise<string> {
  for (const m of [mail.subject, mail.text]) {
    if (!m?.id || messageById(m.id) !== m)
      throw new Error('mail: subject and text must be declared with defineMessages');
  }
  if (!EMAIL.test(mail.to)) throw new Error('mail: `to` must be an e-mail address');
  if (!isLocale(mail.locale)) throw new Error('mail: unknown locale');
  const params = JSON.parse(JSON.stringify(mail.params ?? {}, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
  return writeEvent(db, {
    tenantId,
    type: OUTSIDE_MAIL_EVENT,
    payload: { to: mail.to, locale: mail.locale, subject: mail.subject.id, text: mail.text.id, params },
    occurredAt: now,
  });
}

/** Sends the e-mail of one `core.mail.outside` event (delivery after commit; at least once). */
export async function mailOutside(runtime: Runtime, tenant: TenantInfo, event: BureauEvent): Promise<void> {
  const p = event.payload as { to: string; locale: string; subject: string; text: string; params: Params };
  const locale = isLocale(p.locale) ? p.locale : isLocale(tenant.locale) ? tenant.locale : 'en';
  await runtime.mailer.send({
    to: p.to,
    subject: renderKey(locale, p.subject, p.params),
    text: renderKey(locale, p.text, p.params),
  });
}
