import { isLocale } from '../i18n/locale.ts';
import { sendMail } from '../mail/localized.ts';
import type { MailJobHandler } from '../mail/queue.ts';
import { mailEmailVerification } from './email-verification.ts';
import { sm } from './messages.ts';
import { mailPasswordReset } from './password-reset.ts';

/** Tells an address that already has an account that someone tried to sign up with it (issue 11, item 7). */
const mailSignupTaken: MailJobHandler = async (runtime, payload) => {
  const email = String(payload.email);
  await sendMail(runtime, {
    to: email,
    locale: isLocale(String(payload.locale)) ? (payload.locale as 'en' | 'cs') : 'en',
    subject: sm.signup_taken_subject,
    text: sm.signup_taken_text,
    params: {
      email,
      login: `${runtime.config.publicUrl}/login`,
      reset: `${runtime.config.publicUrl}/reset`,
    },
  });
};

/** The account mails core queues (mail/queue.ts): confirmation links, reset links, sign-up notices. */
export const accountMailHandlers: Record<string, MailJobHandler> = {
  verify_email: mailEmailVerification,
  password_reset: mailPasswordReset,
  signup_taken: mailSignupTaken,
};
