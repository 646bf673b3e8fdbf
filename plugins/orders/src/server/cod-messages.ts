import { defineMessages } from '@bureau/core';

/** What the carrier's cash-on-delivery payout tells people, in both languages. */
export const cm = defineMessages('orders.cod', {
  payout_unreadable: {
    en: 'The file has no header naming the COD amount, the payout date and the parcel (Barcode or Order number)',
    cs: 'Soubor nemá záhlaví se sloupci dobírky, data výplaty a zásilky (Čárový kód nebo Číslo objednávky)',
  },
  payout_rejected: {
    en: '{count, plural, one {# line} other {# lines}} of the payout file cannot be read; nothing was saved',
    cs: '{count, plural, one {# řádek} few {# řádky} many {# řádku} other {# řádků}} výpisu nelze přečíst; nic se neuložilo',
  },
  payout_empty: { en: 'The payout file lists no parcels', cs: 'Výpis neobsahuje žádné zásilky' },
  line_parcel: {
    en: 'Line {line}: no barcode or order number',
    cs: 'Řádek {line}: chybí čárový kód i číslo objednávky',
  },
  line_amount: {
    en: 'Line {line}: the COD or fee is not an amount',
    cs: 'Řádek {line}: dobírka nebo poplatek není částka',
  },
  line_date: { en: 'Line {line}: the payout date is not a date', cs: 'Řádek {line}: datum výplaty není datum' },
  line_currency: { en: 'Line {line}: unknown currency', cs: 'Řádek {line}: neznámá měna' },
  line_mixed_currency: {
    en: 'Line {line}: one payout is in one currency ({currency})',
    cs: 'Řádek {line}: výplata je v jedné měně ({currency})',
  },
  payout_difference: {
    en: '{count, plural, one {# parcel does} other {# parcels do}} not match what the orders ask: confirm with a note',
    cs: '{count, plural, one {# zásilka nesedí} few {# zásilky nesedí} many {# zásilky nesedí} other {# zásilek nesedí}} s tím, co objednávky žádají: potvrďte s poznámkou',
  },
  payout_not_found: { en: 'No such payout', cs: 'Taková výplata neexistuje' },
});
