/**
 * How long hr keeps a candidate's personal data, as versioned data with its source (change a figure
 * only together with its source and the version). Read by the `hr.candidates` record class and the
 * nightly `candidate-retention` schedule.
 */
export const RECRUITING_DATA_VERSION = '2026-12';

export interface RetentionRule {
  /** Months after the selection ended (hired, rejected, withdrawn) that the data are kept. */
  months: number;
  /** The rule, as it is cited. */
  source: string;
  url: string;
  /** What the figure rests on. */
  note: { en: string; cs: string };
  /** False where the figure is not a number written in the cited text. */
  verified: boolean;
}

/**
 * Candidates who were not hired (and the application of those who were): the regulation keeps
 * personal data no longer than the purpose needs and sets no number; six months after the selection
 * ends leaves a rejected candidate time to contest the decision and matches core's
 * `eu.gdpr.storage-limitation` default. A candidate's consent to be kept for later openings extends it
 * to the day the consent ends.
 */
export const CANDIDATE_RETENTION: RetentionRule = {
  months: 6,
  source: 'nařízení (EU) 2016/679 (GDPR), čl. 5 odst. 1 písm. e) a čl. 6 odst. 1 písm. a) a b)',
  url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  note: {
    en: 'The regulation sets no number of months: six is a reasoned default (time to contest a selection), not a statutory figure. Consent (Art. 6(1)(a)) allows keeping the data longer, until it ends or is withdrawn.',
    cs: 'Nařízení počet měsíců nestanoví: šest měsíců je odůvodněná výchozí hodnota (čas na napadení výběru), nikoli zákonná lhůta. Souhlas (čl. 6 odst. 1 písm. a)) umožňuje údaje uchovat déle, do jeho skončení nebo odvolání.',
  },
  verified: false,
};
