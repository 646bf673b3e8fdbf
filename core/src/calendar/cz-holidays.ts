/**
 * Czech public holidays, as the law lists them: zákon č. 245/2000 Sb., o státních svátcích, o
 * ostatních svátcích, o významných dnech a o dnech pracovního klidu (§ 1 státní svátky, § 2 ostatní
 * svátky; all of them are days of rest, § 3). Each entry names the provision and the year it
 * applies from. Amendments: Good Friday added by zákon č. 359/2015 Sb. (from 2016); the names of
 * 28 September and 17 November as amended by zákon č. 101/2019 Sb. (name only, dates unchanged).
 *
 * Easter Monday and Good Friday move with Easter Sunday (computed in easter.ts).
 */
export const CZ_HOLIDAYS_VERSION = '245/2000 Sb. as amended by 359/2015 Sb. and 101/2019 Sb.';

export interface FixedHoliday {
  month: number;
  day: number;
  name: { en: string; cs: string };
  source: string;
  since: number;
}

export interface EasterHoliday {
  /** Days from Easter Sunday. */
  offset: number;
  name: { en: string; cs: string };
  source: string;
  since: number;
}

export const CZ_FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  {
    month: 1,
    day: 1,
    name: {
      en: 'Restoration Day of the Independent Czech State; New Year',
      cs: 'Den obnovy samostatného českého státu; Nový rok',
    },
    source: '245/2000 Sb. § 1 a), § 2 a)',
    since: 2000,
  },
  { month: 5, day: 1, name: { en: 'Labour Day', cs: 'Svátek práce' }, source: '245/2000 Sb. § 2 d)', since: 2000 },
  { month: 5, day: 8, name: { en: 'Liberation Day', cs: 'Den vítězství' }, source: '245/2000 Sb. § 1 b)', since: 2000 },
  {
    month: 7,
    day: 5,
    name: { en: 'Saints Cyril and Methodius Day', cs: 'Den slovanských věrozvěstů Cyrila a Metoděje' },
    source: '245/2000 Sb. § 1 c)',
    since: 2000,
  },
  {
    month: 7,
    day: 6,
    name: { en: 'Jan Hus Day', cs: 'Den upálení mistra Jana Husa' },
    source: '245/2000 Sb. § 1 d)',
    since: 2000,
  },
  {
    month: 9,
    day: 28,
    name: { en: 'St. Wenceslas Day (Czech Statehood Day)', cs: 'Den české státnosti' },
    source: '245/2000 Sb. § 1 e)',
    since: 2000,
  },
  {
    month: 10,
    day: 28,
    name: { en: 'Independent Czechoslovak State Day', cs: 'Den vzniku samostatného československého státu' },
    source: '245/2000 Sb. § 1 f)',
    since: 2000,
  },
  {
    month: 11,
    day: 17,
    name: { en: 'Struggle for Freedom and Democracy Day', cs: 'Den boje za svobodu a demokracii' },
    source: '245/2000 Sb. § 1 g)',
    since: 2000,
  },
  { month: 12, day: 24, name: { en: 'Christmas Eve', cs: 'Štědrý den' }, source: '245/2000 Sb. § 2 e)', since: 2000 },
  {
    month: 12,
    day: 25,
    name: { en: 'Christmas Day', cs: '1. svátek vánoční' },
    source: '245/2000 Sb. § 2 f)',
    since: 2000,
  },
  {
    month: 12,
    day: 26,
    name: { en: "St. Stephen's Day", cs: '2. svátek vánoční' },
    source: '245/2000 Sb. § 2 g)',
    since: 2000,
  },
];

export const CZ_EASTER_HOLIDAYS: readonly EasterHoliday[] = [
  {
    offset: -2,
    name: { en: 'Good Friday', cs: 'Velký pátek' },
    source: '245/2000 Sb. § 2 b), added by 359/2015 Sb.',
    since: 2016,
  },
  {
    offset: 1,
    name: { en: 'Easter Monday', cs: 'Velikonoční pondělí' },
    source: '245/2000 Sb. § 2 c)',
    since: 2000,
  },
];
