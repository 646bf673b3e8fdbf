import { defineMessages } from '../i18n/messages.ts';

export const tm = defineMessages('tenancy', {
  tenant_not_found: { en: 'No such workspace', cs: 'Takový pracovní prostor neexistuje' },
  invalid_token: { en: 'The API token is not valid', cs: 'API token není platný' },
  invitation_invalid: {
    en: 'This invitation is invalid, used, revoked or expired',
    cs: 'Tato pozvánka je neplatná, použitá, zrušená nebo jí vypršela platnost',
  },
  sign_in_or_create: {
    en: 'Sign in, or give a name and password to create your account',
    cs: 'Přihlaste se, nebo zadejte jméno a heslo a založte si účet',
  },
  member_not_found: { en: 'No such member', cs: 'Takový člen neexistuje' },
  last_owner: {
    en: 'The last owner cannot be removed or demoted; make someone else owner first',
    cs: 'Posledního vlastníka nelze odebrat ani mu snížit roli; nejdříve udělejte vlastníkem někoho jiného',
  },
  no_such_role: { en: 'No such role', cs: 'Taková role neexistuje' },
  invitation_not_found: { en: 'No such invitation', cs: 'Taková pozvánka neexistuje' },
  already_member: { en: 'This person is already a member', cs: 'Tento člověk už je členem' },
  email_mismatch: {
    en: 'This invitation is for {email}; sign in with that address',
    cs: 'Tato pozvánka je pro {email}; přihlaste se touto adresou',
  },
  slug_taken: { en: 'This address is taken', cs: 'Tato adresa je obsazená' },
  slug_format: {
    en: '3–40 lowercase letters, digits or dashes',
    cs: '3–40 malých písmen bez diakritiky, číslic nebo pomlček',
  },
  slug_reserved: { en: 'This address is reserved', cs: 'Tato adresa je vyhrazená' },
  email_taken: {
    en: 'An account with this e-mail exists; sign in instead',
    cs: 'Účet s tímto e-mailem už existuje; přihlaste se',
  },
  unknown_permissions: {
    en: 'Unknown {count, plural, one {permission} other {permissions}}: {permissions}',
    cs: '{count, plural, one {Neznámé oprávnění} other {Neznámá oprávnění}}: {permissions}',
  },
  role_builtin: { en: 'That key is a built-in role', cs: 'Tento klíč patří vestavěné roli' },
  role_exists: { en: 'A role with this key exists', cs: 'Role s tímto klíčem už existuje' },
  role_not_found: { en: 'No such role', cs: 'Taková role neexistuje' },
  role_in_use: {
    en: 'Members still hold this role; change their role first',
    cs: 'Tuto roli ještě mají někteří členové; nejdříve jim roli změňte',
  },
  role_key_format: {
    en: '2–40 lowercase letters, digits, - or _',
    cs: '2–40 malých písmen bez diakritiky, číslic, - nebo _',
  },
  country_code: { en: 'A two-letter country code (CZ)', cs: 'Dvoupísmenný kód země (CZ)' },
  currency_code: { en: 'A three-letter currency code (CZK)', cs: 'Třípísmenný kód měny (CZK)' },
  password_length: { en: 'At least 10 characters', cs: 'Alespoň 10 znaků' },
  invitation_mail_subject: { en: 'Join {tenant} on Bureau', cs: 'Pozvánka do {tenant} v Bureau' },
  invitation_mail_text: {
    en: 'Hello,\n\n{inviter} invites you to {tenant}. Accept here (valid for {days, plural, one {# day} other {# days}}):\n{link}',
    cs: 'Dobrý den,\n\n{inviter} vás zve do {tenant}. Pozvánku přijmete zde (platí {days, plural, one {# den} few {# dny} many {# dne} other {# dní}}):\n{link}',
  },
});

export const am = defineMessages('auth', {
  invalid_credentials: { en: 'E-mail or password is wrong', cs: 'Nesprávný e-mail nebo heslo' },
  current_password_wrong: { en: 'The current password is wrong', cs: 'Současné heslo není správné' },
  reset_invalid: {
    en: 'This reset link is invalid, used or expired',
    cs: 'Tento odkaz pro obnovu hesla je neplatný, použitý nebo vypršel',
  },
  token_beyond_own: {
    en: 'A token cannot hold permissions you do not have',
    cs: 'Token nemůže mít oprávnění, která sami nemáte',
  },
  token_not_found: { en: 'No such token', cs: 'Takový token neexistuje' },
  reset_mail_subject: { en: 'Reset your Bureau password', cs: 'Obnovení hesla do Bureau' },
  reset_mail_text: {
    en: 'Hello,\n\nset a new password here (the link works once, for one hour):\n{link}\n\nIf you did not ask for this, ignore this message.',
    cs: 'Dobrý den,\n\nnové heslo si nastavíte zde (odkaz platí hodinu a jen jednou):\n{link}\n\nPokud jste o obnovu nežádali, zprávu ignorujte.',
  },
});
