import nodemailer, { type SendMailOptions } from 'nodemailer';

/** A file sent with an e-mail (an invoice's PDF, its ISDOC). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/** Sends e-mail: over SMTP when configured, otherwise to the log. Tests read `outbox` (attachments included). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Every mail sent by this process, newest last (kept for development and tests). */
  readonly outbox: readonly Mail[];
}

/** The message nodemailer sends: each attachment becomes a MIME part of a multipart/mixed message (base64). */
export function smtpMessage(from: string, mail: Mail): SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content),
    })),
  };
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: (line: string) => void;
}): Mailer {
  const outbox: Mail[] = [];
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    outbox,
    async send(mail) {
      outbox.push(mail);
      if (outbox.length > 1000) outbox.shift();
      const attachments = mail.attachments ?? [];
      if (transport) {
        await transport.sendMail(smtpMessage(options.from, mail));
      } else {
        const files = attachments.map((a) => `\n[attachment ${a.filename} ${a.contentType} ${a.content.byteLength} B]`);
        options.log(`mail to ${mail.to}: ${mail.subject}\n${mail.text}${files.join('')}`);
      }
    },
  };
}
