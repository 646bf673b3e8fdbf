/**
 * The statutory statements of a Czech business in the abridged layout (zkrácený rozsah: the items
 * marked by letters and Roman numerals) of vyhláška č. 500/2002 Sb., příloha č. 1 (rozvaha) and
 * příloha č. 2 (výkaz zisku a ztráty, druhové členění), as in force from 2016 (vyhláška č. 250/2015
 * Sb.), with the synthetic accounts of the směrná účtová osnova (příloha č. 4 of the same decree and
 * the accounting standard ČÚS 001) that feed each item. A prefix matches every account whose code
 * starts with it; the most specific prefix wins.
 */

export interface StatementItem {
  /** The item's mark on the form: `B.II`, `C.IV`, `A.V`, `I.`, `D.`. */
  mark: string;
  cs: string;
  en: string;
  prefixes: readonly string[];
  /**
   * For groups whose accounts are receivables or payables by their balance (31–37, 39 and the
   * clearing accounts), the item takes only debit (`asset`) or credit (`liability`) balances.
   */
  side?: 'asset' | 'liability';
}

const i = (mark: string, cs: string, en: string, prefixes: string[], side?: 'asset' | 'liability'): StatementItem => ({
  mark,
  cs,
  en,
  prefixes,
  ...(side ? { side } : {}),
});

const MIXED = ['31', '32', '33', '34', '35', '36', '37', '388', '389', '39'];

/** Rozvaha, aktiva (netto), příloha č. 1: A, B.I–B.III, C.I–C.IV, D. */
export const BALANCE_ASSETS: readonly StatementItem[] = [
  i('A.', 'Pohledávky za upsaný základní kapitál', 'Subscribed capital unpaid', ['353']),
  i('B.I.', 'Dlouhodobý nehmotný majetek', 'Intangible fixed assets', ['01', '07', '041', '051', '091', '093']),
  i('B.II.', 'Dlouhodobý hmotný majetek', 'Tangible fixed assets', [
    '02',
    '03',
    '08',
    '042',
    '052',
    '092',
    '094',
    '095',
    '097',
    '098',
  ]),
  i('B.III.', 'Dlouhodobý finanční majetek', 'Long-term financial assets', ['06', '043', '053', '096']),
  i('C.I.', 'Zásoby', 'Inventories', ['11', '12', '13', '15', '19']),
  i('C.II.', 'Pohledávky', 'Receivables', MIXED, 'asset'),
  i('C.III.', 'Krátkodobý finanční majetek', 'Short-term financial assets', ['25', '291']),
  i('C.IV.', 'Peněžní prostředky', 'Cash', ['21', '22', '26']),
  i('D.', 'Časové rozlišení aktiv', 'Prepayments and accrued income', ['381', '382', '385']),
];

/**
 * Rozvaha, pasiva: A.I–A.VI, B, C (C.I long-term, C.II short-term), D. A.IV also takes what was
 * earned in earlier years and never closed; A.V the result of the fiscal year to the statement day.
 */
export const BALANCE_LIABILITIES: readonly StatementItem[] = [
  i('A.I.', 'Základní kapitál', 'Registered capital', ['411', '419', '252', '491']),
  i('A.II.', 'Ážio a kapitálové fondy', 'Share premium and capital funds', ['412', '413', '414', '416', '417', '418']),
  i('A.III.', 'Fondy ze zisku', 'Funds from profit', ['421', '423', '426', '427']),
  i('A.IV.', 'Výsledek hospodaření minulých let (+/-)', 'Retained earnings of prior years', ['428', '429']),
  i('A.V.', 'Výsledek hospodaření běžného účetního období (+/-)', 'Profit or loss of the current period', ['431']),
  i('A.VI.', 'Rozhodnuto o zálohách na výplatu podílu na zisku (-)', 'Advances on profit shares decided', ['432']),
  i('B.', 'Rezervy', 'Provisions', ['45']),
  i('C.I.', 'Dlouhodobé závazky', 'Long-term liabilities', ['46', '47', '48']),
  i('C.II.', 'Krátkodobé závazky', 'Short-term liabilities', [...MIXED, '23', '24'], 'liability'),
  i('D.', 'Časové rozlišení pasiv', 'Accruals and deferred income', ['383', '384']),
];

/** Výkaz zisku a ztráty, druhové členění, příloha č. 2: revenue items (Roman) and costs (letters). */
export const PROFIT_AND_LOSS: readonly (StatementItem & {
  kind: 'income' | 'expense';
  block: 'operating' | 'financial' | 'tax';
})[] = [
  {
    ...i('I.', 'Tržby z prodeje výrobků a služeb', 'Revenue from products and services', ['601', '602']),
    kind: 'income',
    block: 'operating',
  },
  { ...i('II.', 'Tržby za prodej zboží', 'Revenue from goods', ['604']), kind: 'income', block: 'operating' },
  { ...i('A.', 'Výkonová spotřeba', 'Cost of sales', ['50', '51']), kind: 'expense', block: 'operating' },
  {
    ...i('B.', 'Změna stavu zásob vlastní činnosti (+/-)', 'Change in own inventories', ['581', '582', '583', '584']),
    kind: 'expense',
    block: 'operating',
  },
  {
    ...i('C.', 'Aktivace (-)', 'Own work capitalised', ['585', '586', '587', '588']),
    kind: 'expense',
    block: 'operating',
  },
  { ...i('D.', 'Osobní náklady', 'Personnel costs', ['52']), kind: 'expense', block: 'operating' },
  {
    ...i('E.', 'Úpravy hodnot v provozní oblasti', 'Value adjustments (operating)', ['551', '557', '558', '559']),
    kind: 'expense',
    block: 'operating',
  },
  {
    ...i('III.', 'Ostatní provozní výnosy', 'Other operating income', ['64', '69', '60']),
    kind: 'income',
    block: 'operating',
  },
  {
    ...i('F.', 'Ostatní provozní náklady', 'Other operating costs', [
      '53',
      '54',
      '552',
      '554',
      '555',
      '556',
      '58',
      '5',
    ]),
    kind: 'expense',
    block: 'operating',
  },
  {
    ...i('IV.', 'Výnosy z dlouhodobého finančního majetku – podíly', 'Income from shares', ['661', '665']),
    kind: 'income',
    block: 'financial',
  },
  {
    ...i('G.', 'Náklady vynaložené na prodané podíly', 'Cost of shares sold', ['561']),
    kind: 'expense',
    block: 'financial',
  },
  {
    ...i('V.', 'Výnosy z ostatního dlouhodobého finančního majetku', 'Income from other long-term financial assets', [
      '666',
    ]),
    kind: 'income',
    block: 'financial',
  },
  {
    ...i(
      'H.',
      'Náklady související s ostatním dlouhodobým finančním majetkem',
      'Costs of other long-term financial assets',
      ['566'],
    ),
    kind: 'expense',
    block: 'financial',
  },
  { ...i('VI.', 'Výnosové úroky a podobné výnosy', 'Interest income', ['662']), kind: 'income', block: 'financial' },
  {
    ...i('I.', 'Úpravy hodnot a rezervy ve finanční oblasti', 'Value adjustments and provisions (financial)', [
      '574',
      '579',
    ]),
    kind: 'expense',
    block: 'financial',
  },
  { ...i('J.', 'Nákladové úroky a podobné náklady', 'Interest costs', ['562']), kind: 'expense', block: 'financial' },
  {
    ...i('VII.', 'Ostatní finanční výnosy', 'Other financial income', ['66', '67', '68']),
    kind: 'income',
    block: 'financial',
  },
  {
    ...i('K.', 'Ostatní finanční náklady', 'Other financial costs', ['56', '57']),
    kind: 'expense',
    block: 'financial',
  },
  { ...i('L.', 'Daň z příjmů', 'Income tax', ['591', '592', '595']), kind: 'expense', block: 'tax' },
  {
    ...i('M.', 'Převod podílu na výsledku hospodaření společníkům (+/-)', 'Profit shares transferred to partners', [
      '596',
      '597',
      '598',
      '59',
    ]),
    kind: 'expense',
    block: 'tax',
  },
];

/** Closing and opening accounts (701, 702, 710) take part in no statement item. */
export const CLOSING_ACCOUNTS = ['70', '71'];

/** The item an account feeds: the longest matching prefix among the items. */
export function itemOf<T extends StatementItem>(items: readonly T[], code: string, balance: bigint): T | null {
  let best: T | null = null;
  let len = -1;
  for (const it of items) {
    if (it.side === 'asset' && balance < 0n) continue;
    if (it.side === 'liability' && balance > 0n) continue;
    for (const p of it.prefixes) {
      if (code.startsWith(p) && p.length > len) {
        best = it;
        len = p.length;
      }
    }
  }
  return best;
}
