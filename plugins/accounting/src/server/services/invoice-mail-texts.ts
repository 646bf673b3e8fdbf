import { defineMessages } from '@bureau/core';

/** The e-mail that sends an issued sales document to its customer, in the customer's language. */
export const im = defineMessages('accounting.invoiceMail', {
  subject: {
    en: '{document} {number} from {seller}',
    cs: '{document} {number} od {seller}',
  },
  text: {
    en: 'Hello,\n\nplease find attached {documentObject} {number} for {total}, due on {due}. Please pay it to account {account} with payment reference {vs}.\n\nThe PDF is the document itself; the ISDOC file lets your accounting software read it in.\n\nKind regards\n{seller}',
    cs: 'Dobrý den,\n\nv příloze posíláme {documentObject} {number} na částku {total} se splatností {due}. Uhraďte jej prosím na účet {account} s variabilním symbolem {vs}.\n\nPDF je samotný doklad; soubor ISDOC si načte váš účetní program.\n\nS pozdravem\n{seller}',
  },
  text_nothing_to_pay: {
    en: 'Hello,\n\nplease find attached {documentObject} {number} for {total}. Nothing is left to pay on it.\n\nThe PDF is the document itself; the ISDOC file lets your accounting software read it in.\n\nKind regards\n{seller}',
    cs: 'Dobrý den,\n\nv příloze posíláme {documentObject} {number} na částku {total}. K úhradě z něj nic nezbývá.\n\nPDF je samotný doklad; soubor ISDOC si načte váš účetní program.\n\nS pozdravem\n{seller}',
  },
});

/** What each kind of sales document is called in the subject and, as the object of "we send", in the text. */
export const DOCUMENT_NAMES = {
  invoice: { title: { en: 'Invoice', cs: 'Faktura' }, object: { en: 'invoice', cs: 'fakturu' } },
  credit_note: {
    title: { en: 'Credit note', cs: 'Opravný daňový doklad' },
    object: { en: 'credit note', cs: 'opravný daňový doklad' },
  },
  debit_note: {
    title: { en: 'Debit note', cs: 'Opravný daňový doklad' },
    object: { en: 'debit note', cs: 'opravný daňový doklad' },
  },
  advance: {
    title: { en: 'Advance invoice', cs: 'Zálohová faktura' },
    object: { en: 'advance invoice', cs: 'zálohovou fakturu' },
  },
  advance_tax: {
    title: { en: 'Tax document for a received payment', cs: 'Daňový doklad k přijaté platbě' },
    object: { en: 'tax document for a received payment', cs: 'daňový doklad k přijaté platbě' },
  },
} as const;
