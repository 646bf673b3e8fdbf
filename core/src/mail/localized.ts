import { translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Message, Params } from '../i18n/messages.ts';
import type { MailAttachment, Mailer } from './mailer.ts';

/** An e-mail written as two declared messages, sent in the recipient's language. */
export interface LocalizedMail {
  to: string;
  locale: Locale;
  subject: Message;
  text: Message;
  params?: Params;
  attachments?: MailAttachment[];
}

export async function sendMail(runtime: { mailer: Mailer }, mail: LocalizedMail): Promise<void> {
  await runtime.mailer.send({
    to: mail.to,
    subject: translate(mail.locale, mail.subject, mail.params),
    text: translate(mail.locale, mail.text, mail.params),
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
  });
}
