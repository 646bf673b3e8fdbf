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
    en: "Provider staff cannot add people to the client; the client's own admins invite members",
    cs: 'Pracovníci poskytovatele nemohou do klienta přidávat lidi; členy zvou správci klienta',
  },
  signup_taken_subject: {
    en: 'Someone tried to sign up to Bureau with your e-mail',
    cs: 'Někdo se pokusil zaregistrovat do Bureau s vaším e-mailem',
  },
  signup_taken_text: {
    en: 'Hello,\n\nsomeone just tried to create a new Bureau account with {email}, which already has an account. Nothing was changed.\n\nIf it was you, sign in: {login}\nForgot your password? Set a new one: {reset}\n\nIf it was not you, you can ignore this message.',
    cs: 'Dobrý den,\n\nněkdo se právě pokusil založit nový účet v Bureau s adresou {email}, která už účet má. Nic se nezměnilo.\n\nPokud jste to byli vy, přihlaste se: {login}\nZapomněli jste heslo? Nastavte si nové: {reset}\n\nPokud jste to nebyli vy, zprávu můžete ignorovat.',
  },
  totp_required: {
    en: 'Enter the 6-digit code from your authenticator app (or a recovery code)',
    cs: 'Zadejte šestimístný kód z ověřovací aplikace (nebo záložní kód)',
  },
  totp_invalid: { en: 'The code is wrong or already used', cs: 'Kód není správný nebo už byl použit' },
  totp_already_enabled: {
    en: 'Two-step sign-in is already on; turn it off first to set it up again',
    cs: 'Dvoufázové přihlášení už je zapnuté; pro nové nastavení ho nejdříve vypněte',
  },
  totp_not_started: { en: 'Start the set-up first', cs: 'Nejdříve začněte s nastavením' },
  operator_needs_totp: {
    en: 'Platform operators must turn on two-step sign-in (Settings → Security) to use the operator API',
    cs: 'Provozovatelé platformy musí pro operátorské API zapnout dvoufázové přihlášení (Nastavení → Zabezpečení)',
  },
  already_verified: { en: 'Your e-mail is already confirmed', cs: 'Váš e-mail už je potvrzený' },
});
