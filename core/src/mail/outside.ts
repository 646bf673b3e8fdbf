import type { Kysely } from 'kysely';
import { writeEvent } from '../events/outbox.ts';
import type { TenantInfo } from '../http/env.ts';
import { isLocale, type Locale } from '../i18n/locale.ts';
import { type Message, messageById, type Params } from '../i18n/messages.ts';
import { renderKey } from '../notifications/render.ts';
import type { BureauEvent } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import type { MailAttachment } from './mailer.ts';

/** The outbox event that sends one e-mail to an address outside the tenant after the transaction committed. */
export const OUTSIDE_MAIL_EVENT = 'core.mail.outside';

/**
 * An e-mail to someone who is not a member (a party's contact: a referring clinic, a supplier): two
 * declared messages, sent in `locale`, after commit. The params go into the outbox: keep personal
 * data out of them. Attachments (a document the recipient is owed: an invoice's PDF) wait in the
 * outbox too, base64, at most 10 MB in all.
 */
export interface OutsideMail {
  to: string;
  locale: Locale;
  subject: Message;
  text: Message;
  params?: Params;
  attachments?: MailAttachment[];
}

/** How an attachment waits in the outbox event's JSON payload. */
interface QueuedAttachment {
  filename: string;
  contentType: string;
  base64: string;
}

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** A plain file name: no folders, quotes or line breaks (it goes into a MIME header). */
const FILENAME = /^[\p{L}\p{N} ._()+-]{1,200}$/u;
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(; *[\w-]+=[\w.-]+)*$/;

function queuedAttachments(list: MailAttachment[]): QueuedAttachment[] {
  let total = 0;
  return list.map((a) => {
    if (!FILENAME.test(a.filename)) throw new Error('mail: an attachment needs a plain file name');
    if (!CONTENT_TYPE.test(a.contentType)) throw new Error('mail: an attachment needs a content type');
    total += a.content.byteLength;
    if (total > MAX_ATTACHMENT_BYTES) throw new Error('mail: attachments over 10 MB');
    return { filename: a.filename, contentType: a.contentType, base64: Buffer.from(a.content).toString('base64') };
  });
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
  const attachments = queuedAttachments(mail.attachments ?? []);
  return writeEvent(db, {
    tenantId,
    type: OUTSIDE_MAIL_EVENT,
    payload: {
      to: mail.to,
      locale: mail.locale,
      subject: mail.subject.id,
      text: mail.text.id,
      params,
      ...(attachments.length ? { attachments } : {}),
    },
    occurredAt: now,
  });
}

/** Sends the e-mail of one `core.mail.outside` event (delivery after commit; at least once). */
export async function mailOutside(runtime: Runtime, tenant: TenantInfo, event: BureauEvent): Promise<void> {
  const p = event.payload as {
    to: string;
    locale: string;
    subject: string;
    text: string;
    params: Params;
    attachments?: QueuedAttachment[];
  };
  const locale = isLocale(p.locale) ? p.locale : isLocale(tenant.locale) ? tenant.locale : 'en';
  await runtime.mailer.send({
    to: p.to,
    subject: renderKey(locale, p.subject, p.params),
    text: renderKey(locale, p.text, p.params),
    attachments: (p.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: new Uint8Array(Buffer.from(a.base64, 'base64')),
    })),
  });
}
