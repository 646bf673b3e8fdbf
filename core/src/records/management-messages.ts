import { defineMessages } from '../i18n/messages.ts';

/** Server texts of records management (issue 18): retention schedule, holds, disposal, requests, exports. */
export const mm = defineMessages('records-management', {
  below_statutory_minimum: {
    en: 'The law requires keeping these records at least {years, plural, one {# year} other {# years}}{months, plural, =0 {} one { and # month} other { and # months}} ({source})',
    cs: 'Zákon vyžaduje uchovat tyto záznamy nejméně {years, plural, one {# rok} few {# roky} many {# roku} other {# let}}{months, plural, =0 {} one { a # měsíc} few { a # měsíce} many { a # měsíce} other { a # měsíců}} ({source})',
  },
  unknown_record_class: {
    en: 'No enabled module keeps this kind of record',
    cs: 'Tento druh záznamů nevede žádný zapnutý modul',
  },
  subject_needs_identity: {
    en: 'Give the person’s name, e-mail or birth number',
    cs: 'Uveďte jméno, e-mail nebo rodné číslo osoby',
  },
  hold_needs_records: { en: 'List the records to hold', cs: 'Uveďte záznamy, které se mají pozastavit' },
  hold_not_found: { en: 'No such legal hold', cs: 'Takové pozastavení skartace neexistuje' },
  hold_released: { en: 'This hold has been released already', cs: 'Toto pozastavení už bylo zrušeno' },
  not_proposed: {
    en: 'Some of these records are not proposed for disposal',
    cs: 'Některé z těchto záznamů nejsou navrženy ke skartaci',
  },
  nothing_to_approve: {
    en: 'Nothing is proposed for disposal here',
    cs: 'Zde není nic navrženo ke skartaci',
  },
  records_held: {
    en: '{count, plural, one {# record is} other {# records are}} under a legal hold and cannot be disposed of',
    cs: '{count, plural, one {# záznam je} few {# záznamy jsou} many {# záznamu je} other {# záznamů je}} pod pozastavením skartace a nelze {count, plural, one {jej} other {je}} skartovat',
  },
  not_a_member: { en: 'Choose a member of this firm', cs: 'Vyberte člena této firmy' },
  request_not_found: { en: 'No such request', cs: 'Taková žádost neexistuje' },
  request_done: { en: 'This request is closed already', cs: 'Tato žádost je už uzavřena' },
  retention_duty: {
    en: '{count, plural, one {# record must} other {# records must}} be kept by law or a legal hold and cannot be erased',
    cs: '{count, plural, one {# záznam je} few {# záznamy jsou} many {# záznamu je} other {# záznamů je}} nutné ze zákona nebo kvůli pozastavení uchovat a nelze {count, plural, one {jej} other {je}} vymazat',
  },
  not_about_subject: {
    en: 'Some of these records are not about this person',
    cs: 'Některé z těchto záznamů se této osoby netýkají',
  },
  request_mail_subject: {
    en: '{kind, select, access {Access request} other {Erasure request}} to answer by {due, date, long}',
    cs: '{kind, select, access {Žádost o přístup} other {Žádost o výmaz}} k vyřízení do {due, date, long}',
  },
  request_mail_text: {
    en: 'A person asked {firm} {kind, select, access {what it holds about them} other {to erase their personal data}}. You are responsible for the answer, due by {due, date, long} (GDPR Art. 12(3)). Open Settings → Records → Requests in Bureau.',
    cs: 'Osoba požádala firmu {firm} {kind, select, access {o informace, co o ní vede} other {o výmaz svých osobních údajů}}. Odpovídáte za vyřízení do {due, date, long} (čl. 12 odst. 3 GDPR). Otevřete v Bureau Nastavení → Záznamy → Žádosti.',
  },
  request_reminder_title: {
    en: '{stage, select, overdue {A data-subject request is overdue} other {A data-subject request is due in a week}}',
    cs: '{stage, select, overdue {Žádost subjektu údajů je po lhůtě} other {Za týden končí lhůta žádosti subjektu údajů}}',
  },
  request_reminder_body: {
    en: '{kind, select, access {The access request} other {The erasure request}} received on {received} {stage, select, overdue {was due} other {is due}} by {due} (GDPR Art. 12(3)).',
    cs: '{kind, select, access {Žádost o přístup} other {Žádost o výmaz}} přijatá {received} {stage, select, overdue {měla být vyřízena} other {musí být vyřízena}} do {due} (čl. 12 odst. 3 GDPR).',
  },
  export_running: {
    en: 'An export of this firm’s data is already running',
    cs: 'Export dat této firmy už probíhá',
  },
  export_not_found: { en: 'No such export', cs: 'Takový export neexistuje' },
  export_not_ready: { en: 'The export is not finished yet', cs: 'Export ještě není dokončen' },
  pdf_title: { en: 'Personal data held about {name}', cs: 'Osobní údaje vedené o osobě {name}' },
  pdf_intro: {
    en: '{firm} · request received {received, date, long} · answered {today, date, long}',
    cs: '{firm} · žádost přijata {received, date, long} · vyřízeno {today, date, long}',
  },
  pdf_none: { en: 'No records about this person.', cs: 'O této osobě nejsou vedeny žádné záznamy.' },
  pdf_kept_until: { en: 'Kept until {until, date, long}', cs: 'Uchováno do {until, date, long}' },
  pdf_withheld: {
    en: 'Not included (the exporter may not read these modules): {modules}',
    cs: 'Nezahrnuto (vyřizující nesmí číst tyto moduly): {modules}',
  },
});
