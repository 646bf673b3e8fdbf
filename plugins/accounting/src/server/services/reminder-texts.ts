import { defineMessages } from '@bureau/core';

/** The reminder e-mail, in the customer's language (the PDF's labels are in reminder-pdf.ts). */
export const rm = defineMessages('accounting.reminders', {
  mail_subject: {
    en: '{level} – invoice {number} from {seller} is overdue',
    cs: '{level} – faktura {number} od {seller} je po splatnosti',
  },
  mail_text: {
    en: 'Hello,\n\nour records show that invoice {number}, due on {due}, has not been paid in full. Amount due: {remaining} (payment reference {vs}, account {account}).\n\nPlease pay the amount without delay, or let us know if you have paid it already. The reminder is attached as a PDF.\n\nKind regards\n{seller}',
    cs: 'Dobrý den,\n\nevidujeme, že faktura {number} se splatností {due} dosud nebyla plně uhrazena. Zbývá uhradit {remaining} (variabilní symbol {vs}, účet {account}).\n\nProsíme o úhradu bez zbytečného odkladu; pokud jste již zaplatili, dejte nám prosím vědět. Upomínku posíláme v příloze jako PDF.\n\nS pozdravem\n{seller}',
  },
  mail_text_interest: {
    en: 'Hello,\n\nour records show that invoice {number}, due on {due}, has not been paid in full. Amount due: {remaining} (payment reference {vs}, account {account}).\n\nStatutory late-payment interest for {days, plural, one {# day} other {# days}} of delay ({rate} % a year, Czech Government Regulation No. 351/2013 Coll.) is {interest}.\n\nPlease pay the amount without delay, or let us know if you have paid it already. The reminder is attached as a PDF.\n\nKind regards\n{seller}',
    cs: 'Dobrý den,\n\nevidujeme, že faktura {number} se splatností {due} dosud nebyla plně uhrazena. Zbývá uhradit {remaining} (variabilní symbol {vs}, účet {account}).\n\nZákonný úrok z prodlení za {days, plural, one {# den} few {# dny} many {# dne} other {# dní}} prodlení ({rate} % ročně, nařízení vlády č. 351/2013 Sb.) činí {interest}.\n\nProsíme o úhradu bez zbytečného odkladu; pokud jste již zaplatili, dejte nám prosím vědět. Upomínku posíláme v příloze jako PDF.\n\nS pozdravem\n{seller}',
  },
});

/** Level names as the letter, the e-mail and the list show them. */
export const LEVEL_NAMES = {
  cs: { 1: '1. upomínka', 2: '2. upomínka', 3: 'Poslední upomínka' },
  en: { 1: 'First reminder', 2: 'Second reminder', 3: 'Final notice' },
} as const;
