import { defineMessages } from '../i18n/messages.ts';

/** What operations say to people: maintenance answers, operator routes, the failed-backup e-mail. */
export const om = defineMessages('ops', {
  maintenance_upgrade: {
    en: 'Bureau is being upgraded; please try again in a moment',
    cs: 'Bureau se právě aktualizuje; zkuste to prosím za chvíli',
  },
  maintenance_restore: {
    en: 'Bureau is being restored from a backup; please try again in a moment',
    cs: 'Bureau se právě obnovuje ze zálohy; zkuste to prosím za chvíli',
  },
  backup_running: {
    en: 'A backup is being made already; wait for it to finish',
    cs: 'Záloha se už vytváří; počkejte, až doběhne',
  },
  backup_not_found: { en: 'No such backup', cs: 'Taková záloha neexistuje' },
  backup_failed: { en: 'The backup failed: {reason}', cs: 'Zálohování selhalo: {reason}' },
  operator_only: {
    en: 'Only the platform operators (BUREAU_OPERATORS) may do this',
    cs: 'Tohle smějí jen provozovatelé platformy (BUREAU_OPERATORS)',
  },
  backup_failed_subject: {
    en: 'Bureau: the scheduled backup failed',
    cs: 'Bureau: plánovaná záloha selhala',
  },
  backup_failed_text: {
    en: 'The scheduled backup of {site} at {at} failed:\n\n{reason}\n\nThe last good backup is {last}. Backups are kept in {dir}; docs/operations.md says how to make one by hand (pnpm backup).',
    cs: 'Plánovaná záloha instalace {site} v {at} selhala:\n\n{reason}\n\nPoslední zdařilá záloha: {last}. Zálohy jsou uloženy v {dir}; jak zálohu vytvořit ručně (pnpm backup), popisuje docs/operations.md.',
  },
  no_backup_yet: { en: 'none yet', cs: 'zatím žádná' },
});
