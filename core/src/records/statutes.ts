import type { LocalizedText } from '../plugins/define-plugin.ts';

/**
 * What starts a retention period. A record class's records each carry the date its trigger happened
 * (`triggerDate`); the period runs from that date.
 *
 * - `created`: the day the record was made;
 * - `period_end`: the last day of the accounting period the record belongs to (accounting act § 31);
 * - `tax_period_end`: the last day of the tax period in which the supply took place (VAT act § 35);
 * - `year_end`: 31 December of the year the record concerns ("calendar years following the year");
 * - `employment_end`: the last day of employment;
 * - `last_contact`: the last time the firm dealt with the person (last examination, last document).
 */
export const RETENTION_TRIGGERS = [
  'created',
  'period_end',
  'tax_period_end',
  'year_end',
  'employment_end',
  'last_contact',
] as const;
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];

export const TRIGGER_LABELS: Record<RetentionTrigger, LocalizedText> = {
  created: { en: 'from creation', cs: 'od vzniku' },
  period_end: { en: 'from the end of the accounting period', cs: 'od konce účetního období' },
  tax_period_end: { en: 'from the end of the tax period', cs: 'od konce zdaňovacího období' },
  year_end: { en: 'from the end of the calendar year', cs: 'od konce kalendářního roku' },
  employment_end: { en: 'from the end of employment', cs: 'od skončení zaměstnání' },
  last_contact: { en: 'from the last contact', cs: 'od posledního kontaktu' },
};

export interface Period {
  years: number;
  months: number;
}

/**
 * A legal basis for keeping a kind of record. `duty: true` is a statutory minimum (a tenant may
 * lengthen it, never shorten it); `duty: false` names the rule that limits keeping (GDPR storage
 * limitation) or a reasoned default, with no minimum.
 */
export interface Statute {
  key: string;
  label: LocalizedText;
  /** The minimum period under a duty; the recommended default otherwise. */
  period: Period;
  trigger: RetentionTrigger;
  duty: boolean;
  /** The provision, as it is cited in Czech practice. */
  source: string;
  /** Where to read it (official collection or the EU's EUR-Lex). */
  url: string;
  /** What to know beyond the figure (exceptions, archival selection). */
  note?: LocalizedText;
  /** False where the figure could not be checked against the published text in this version. */
  verified: boolean;
}

/**
 * Czech and EU retention rules Bureau ships (version below). Figures are taken from the provision
 * cited next to each; tests use worked examples from the same provisions
 * (core/test/records-classes.test.ts). Change a figure only together with its source and the version.
 */
export const STATUTES_VERSION = '2026-12';

export const STATUTES: readonly Statute[] = [
  {
    key: 'cz.accounting.books',
    label: {
      en: 'Accounting documents, books, depreciation plans, inventories, chart of accounts',
      cs: 'Účetní doklady, účetní knihy, odpisové plány, inventurní soupisy, účtový rozvrh',
    },
    period: { years: 5, months: 0 },
    trigger: 'period_end',
    duty: true,
    source: 'zákon č. 563/1991 Sb., o účetnictví, § 31 odst. 2 písm. b)',
    url: 'https://www.zakonyprolidi.cz/cs/1991-563#p31',
    verified: true,
  },
  {
    key: 'cz.accounting.statements',
    label: { en: 'Financial statements and annual reports', cs: 'Účetní závěrka a výroční zpráva' },
    period: { years: 10, months: 0 },
    trigger: 'period_end',
    duty: true,
    source: 'zákon č. 563/1991 Sb., o účetnictví, § 31 odst. 2 písm. a)',
    url: 'https://www.zakonyprolidi.cz/cs/1991-563#p31',
    note: {
      en: 'Business corporations must let the state archive select archival records before destroying founding documents and annual reports (Act 499/2004 Coll., § 3 and Annex 1).',
      cs: 'Obchodní korporace musí před zničením zakladatelských dokumentů a výročních zpráv umožnit výběr archiválií (zákon č. 499/2004 Sb., § 3 a příloha č. 1).',
    },
    verified: true,
  },
  {
    key: 'cz.vat.documents',
    label: { en: 'Tax documents (VAT) and VAT records', cs: 'Daňové doklady a evidence pro daňové účely (DPH)' },
    period: { years: 10, months: 0 },
    trigger: 'tax_period_end',
    duty: true,
    source: 'zákon č. 235/2004 Sb., o dani z přidané hodnoty, § 35 odst. 1',
    url: 'https://www.zakonyprolidi.cz/cs/2004-235#p35',
    verified: true,
  },
  {
    key: 'cz.pension.payroll-ledgers',
    label: {
      en: 'Payroll ledgers and records needed for pension insurance',
      cs: 'Mzdové listy a účetní záznamy pro účely důchodového pojištění',
    },
    period: { years: 30, months: 0 },
    trigger: 'year_end',
    duty: true,
    source: 'zákon č. 582/1991 Sb., o organizaci a provádění sociálního zabezpečení, § 35a odst. 4',
    url: 'https://www.zakonyprolidi.cz/cs/1991-582#p35a',
    note: {
      en: '30 calendar years following the year they concern; 10 years for employees drawing an old-age pension.',
      cs: '30 kalendářních roků následujících po roce, jehož se týkají; u poživatelů starobního důchodu 10 let.',
    },
    verified: true,
  },
  {
    key: 'cz.sickness-insurance.records',
    label: {
      en: 'Sickness insurance records (start and end of employment, attendance)',
      cs: 'Záznamy pro nemocenské pojištění (vznik a skončení zaměstnání, docházka)',
    },
    period: { years: 10, months: 0 },
    trigger: 'year_end',
    duty: true,
    source: 'zákon č. 187/2006 Sb., o nemocenském pojištění, § 96',
    url: 'https://www.zakonyprolidi.cz/cs/2006-187#p96',
    verified: true,
  },
  {
    key: 'cz.social-insurance.contributions',
    label: {
      en: 'Records for social security contributions',
      cs: 'Záznamy pro stanovení a odvod pojistného na sociální zabezpečení',
    },
    period: { years: 10, months: 0 },
    trigger: 'year_end',
    duty: true,
    source: 'zákon č. 589/1992 Sb., o pojistném na sociální zabezpečení, § 22c',
    url: 'https://www.zakonyprolidi.cz/cs/1992-589#p22c',
    verified: true,
  },
  {
    key: 'cz.health.documentation',
    label: { en: 'Medical documentation (laboratory)', cs: 'Zdravotnická dokumentace (laboratoř)' },
    period: { years: 10, months: 0 },
    trigger: 'last_contact',
    duty: true,
    source: 'vyhláška č. 444/2024 Sb., o zdravotnické dokumentaci, § 13 a příloha č. 3',
    url: 'https://www.zakonyprolidi.cz/cs/2024-444',
    note: {
      en: 'Ten years is the conservative figure used until the annex row for laboratory records is checked; a laboratory may lengthen it.',
      cs: 'Deset let je opatrná hodnota do ověření řádku přílohy pro laboratorní záznamy; laboratoř ji může prodloužit.',
    },
    verified: false,
  },
  {
    key: 'cz.civil.limitation',
    label: {
      en: 'Evidence for claims (general limitation period)',
      cs: 'Důkazy pro nároky (obecná promlčecí lhůta)',
    },
    period: { years: 3, months: 0 },
    trigger: 'last_contact',
    duty: false,
    source: 'zákon č. 89/2012 Sb., občanský zákoník, § 629 odst. 1',
    url: 'https://www.zakonyprolidi.cz/cs/2012-89#p629',
    verified: true,
  },
  {
    key: 'eu.gdpr.storage-limitation',
    label: {
      en: 'Personal data kept no longer than needed',
      cs: 'Osobní údaje uchovávané jen po nezbytnou dobu',
    },
    period: { years: 0, months: 6 },
    trigger: 'last_contact',
    duty: false,
    source: 'nařízení (EU) 2016/679 (GDPR), čl. 5 odst. 1 písm. e) a čl. 17',
    url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
    verified: true,
  },
];

/** GDPR Art. 12(3): a data-subject request is answered within one month of receipt. */
export const SUBJECT_REQUEST_DEADLINE = {
  period: { years: 0, months: 1 } satisfies Period,
  source: 'nařízení (EU) 2016/679 (GDPR), čl. 12 odst. 3',
  url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
} as const;

const byKey = new Map(STATUTES.map((s) => [s.key, s]));

export const statute = (key: string): Statute | undefined => byKey.get(key);

export const periodMonths = (p: Period): number => p.years * 12 + p.months;
