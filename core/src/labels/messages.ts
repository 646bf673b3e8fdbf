import { defineMessages } from '../i18n/messages.ts';

export const lbm = defineMessages('labels', {
  cannot_print: { en: 'Some codes cannot be printed', cs: 'Některé kódy nelze vytisknout' },
  not_encodable: { en: 'Cannot be encoded as {symbology}', cs: 'Nelze zakódovat jako {symbology}' },
  ascii_only: {
    en: 'Code 128 takes only letters without diacritics, digits and punctuation: use QR or DataMatrix',
    cs: 'Code 128 nese jen písmena bez diakritiky, číslice a interpunkci: použijte QR nebo DataMatrix',
  },
  too_long_bars: {
    en: 'Too long for this label size: use a larger label, QR or DataMatrix',
    cs: 'Na tuto velikost štítku je příliš dlouhý: zvolte větší štítek, QR nebo DataMatrix',
  },
  too_long_2d: {
    en: 'Too long for this label size: use a larger label',
    cs: 'Na tuto velikost štítku je příliš dlouhý: zvolte větší štítek',
  },
  too_many_labels: {
    en: 'At most {maximum, number} labels in one print',
    cs: 'Nejvýše {maximum, number} štítků v jednom tisku',
  },
  skip_beyond_sheet: { en: 'More than one sheet holds', cs: 'Víc, než pojme jeden arch' },
});
