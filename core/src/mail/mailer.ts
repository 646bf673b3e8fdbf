import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail: over SMTP when configured, otherwise to the log. Tests read `outbox`. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Every mail sent by this process, newest last (kept for development and tests). */
  readonly outbox: readonly Mail[];
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
      if (transport) {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      } else {
        options.log(`mail to ${mail.to}: ${mail.subject}\n${mail.text}`);
      }
    },
  };
}
