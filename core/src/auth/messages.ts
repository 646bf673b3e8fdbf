import { defineMessages } from '../i18n/messages.ts';

/** Messages of account security: e-mail verification, second factor, throttling (issue 11). */
export const sm = defineMessages('security', {
  verify_mail_subject: { en: 'Confirm your e-mail for Bureau', cs: 'Potvrďte svůj e-mail pro Bureau' },
  verify_mail_text: {
    en: 'Hello {name},\n\nconfirm that {email} is your address by opening this link (it works once, for {hours, plural, one {# hour} other {# hours}}):\n{link}\n\nIf you did not create a Bureau account, ignore this message.',
    cs: 'Dobrý den, {name},\n\npotvrďte, že {email} je vaše adresa, otevřením tohoto odkazu (platí {hours, plural, one {# hodinu} few {# hodiny} many {# hodiny} other {# hodin}} a jen jednou):\n{link}\n\nPokud jste si účet v Bureau nezakládali, zprávu ignorujte.',
  },
  verify_invalid: {
    en: 'This confirmation link is invalid, used or expired; ask for a new one',
    cs: 'Tento potvrzovací odkaz je neplatný, použitý nebo vypršel; požádejte o nový',
  },
  email_unverified: {
    en: 'Confirm your e-mail address first (we sent you a link)',
    cs: 'Nejdříve potvrďte svou e-mailovou adresu (poslali jsme vám odkaz)',
  },
  beyond_own_grants: {
    en: 'You cannot grant permissions you do not hold, or change someone who holds more than you',
    cs: 'Nemůžete udělit oprávnění, která sami nemáte, ani měnit někoho, kdo má víc než vy',
  },
  provider_staff_invite: {
    en: 'Provider staff cannot invite people of their own provider into the client',
    cs: 'Pracovníci poskytovatele nemohou do klienta zvát lidi svého poskytovatele',
  },
  already_verified: { en: 'Your e-mail is already confirmed', cs: 'Váš e-mail už je potvrzený' },
});
