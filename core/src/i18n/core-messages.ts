import { defineMessages } from './messages.ts';

/** Core's generic refusals (http, database errors, auth basics). Areas keep their own next to their code. */
export const cm = defineMessages('core', {
  not_found: { en: 'Not found', cs: 'Nenalezeno' },
  no_route: { en: 'No such route', cs: 'Taková adresa API neexistuje' },
  forbidden: {
    en: 'You do not have permission for this{permission, select, none {} other { ({permission})}}',
    cs: 'K tomu nemáte oprávnění{permission, select, none {} other { ({permission})}}',
  },
  unauthenticated: { en: 'Sign in first', cs: 'Nejdříve se přihlaste' },
  invalid_input: { en: 'Some of the values are not valid', cs: 'Některé údaje nejsou platné' },
  wrong_format: { en: 'A value has the wrong format', cs: 'Některý údaj má nesprávný formát' },
  out_of_range: { en: 'A number is out of range', cs: 'Číslo je mimo povolený rozsah' },
  bad_date: { en: 'A date or time is not valid', cs: 'Datum nebo čas není platné' },
  date_out_of_range: { en: 'A date or time is out of range', cs: 'Datum nebo čas je mimo povolený rozsah' },
  too_long: { en: 'A value is too long', cs: 'Některý údaj je příliš dlouhý' },
  bad_characters: { en: 'A value contains characters that are not allowed', cs: 'Údaj obsahuje nepovolené znaky' },
  exists: { en: 'It already exists', cs: 'Už existuje' },
  still_referenced: {
    en: 'It is still in use, or refers to something that does not exist',
    cs: 'Ještě se používá, nebo odkazuje na něco, co neexistuje',
  },
  breaks_rule: { en: 'A value breaks a rule', cs: 'Údaj porušuje pravidlo' },
  retry: {
    en: 'Another change got in the way; please try again',
    cs: 'Souběžná změna to překazila; zkuste to prosím znovu',
  },
  unavailable: {
    en: 'The database is unavailable; try again shortly',
    cs: 'Databáze je nedostupná; zkuste to za chvíli',
  },
  payload_too_large: {
    en: 'The request is too large (at most {limit, number} bytes)',
    cs: 'Požadavek je příliš velký (nejvýše {limit, number} bajtů)',
  },
  malformed_json: { en: 'The body is not valid JSON', cs: 'Tělo požadavku není platný JSON' },
  request_refused: { en: 'The request was refused', cs: 'Požadavek byl odmítnut' },
  internal: { en: 'Something went wrong on our side', cs: 'Něco se u nás pokazilo' },
  csrf: {
    en: 'This request must come from the Bureau web app (Origin header)',
    cs: 'Požadavek musí přijít z webové aplikace Bureau (hlavička Origin)',
  },
  from_before_to: { en: 'The start must be before the end', cs: 'Začátek musí být před koncem' },
  after_from: { en: 'Must be after the start', cs: 'Musí být po začátku' },
  dead_letter_not_found: { en: 'No such failed event', cs: 'Taková nedoručená událost neexistuje' },
  dead_letter_not_open: {
    en: 'This failed event is {status, select, retried {retried already} dismissed {dismissed} other {closed}}',
    cs: 'Tato nedoručená událost je už {status, select, retried {znovu odeslaná} dismissed {zamítnutá} other {uzavřená}}',
  },
  event_gone: { en: 'The event is no longer in the outbox', cs: 'Událost už ve frontě není' },
  subscription_suspended: {
    en: 'The subscription is suspended for an unpaid invoice; the account is read-only until it is paid',
    cs: 'Předplatné je pozastaveno pro neuhrazenou fakturu; do úhrady lze data jen číst',
  },
  subscription_canceled: {
    en: 'The subscription is canceled; data can be read and exported until the retention period ends',
    cs: 'Předplatné je zrušeno; data lze číst a exportovat do konce doby uchování',
  },
  unknown_transition: {
    en: 'There is no step "{transition}" here',
    cs: 'Krok „{transition}“ tu neexistuje',
  },
  invalid_transition: {
    en: '“{transition}” cannot be done now: the record is {state}',
    cs: '„{transition}“ teď nelze: záznam je ve stavu {state}',
  },
  throttled: {
    en: 'Too many attempts; try again in {seconds, plural, one {# second} other {# seconds}}',
    cs: 'Příliš mnoho pokusů; zkuste to znovu za {seconds, plural, one {# sekundu} few {# sekundy} many {# sekundy} other {# sekund}}',
  },
});
