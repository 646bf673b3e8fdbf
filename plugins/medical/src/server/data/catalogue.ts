/**
 * The starter catalogue a lab gets when it enables the module (it then edits it as its own).
 * Version 2026-01. Every reference range and critical limit names its source next to the figure;
 * LOINC codes are from loinc.org, units are UCUM.
 *
 * Age bands are in days (the API's unit): 18 years = 6575 days, 50 years = 18263 days
 * (365.25 days a year, rounded up), lower bound inclusive, upper bound exclusive.
 */

export const CATALOGUE_VERSION = '2026-01';

/** Rustad P et al. The Nordic Reference Interval Project 2000: recommended reference intervals for 25 common biochemical properties. Scand J Clin Lab Invest 2004;64(4):271–284. */
const NORIP = 'NORIP 2004 (Rustad et al., Scand J Clin Lab Invest 64:271–284)';
/** Nordin G et al. A multicentre study of reference intervals for haemoglobin, basic blood cell counts and erythrocyte indices in the adult population of the Nordic countries. Scand J Clin Lab Invest 2004;64(4):385–398. */
const NORIP_HAEM = 'Nordin et al. 2004 (Scand J Clin Lab Invest 64:385–398)';
/** American Diabetes Association, Standards of Care in Diabetes 2024, section 2 (impaired fasting glucose from 5.6 mmol/L) and section 6 (level 1 hypoglycaemia below 3.9 mmol/L). */
const ADA = 'ADA Standards of Care in Diabetes 2024, §2 and §6';
/** Mach F et al. 2019 ESC/EAS Guidelines for the management of dyslipidaemias. Eur Heart J 2020;41(1):111–188 (desirable levels for low-risk adults). */
const ESC = '2019 ESC/EAS dyslipidaemia guidelines (Eur Heart J 41:111–188)';
/** South West London Pathology, "Grossly abnormal results" telephone limits for GP results (swlpath.nhs.uk/gp/results/grossly-abnormal-results/): a value at or beyond the limit is phoned. */
const SWLP = 'SWLP grossly abnormal results limits (swlpath.nhs.uk)';

const ADULT = 6575;
const FIFTY = 18263;

export interface CatalogueRange {
  sex?: 'male' | 'female';
  ageFromDays?: number;
  ageToDays?: number;
  low?: string;
  high?: string;
  source: string;
}

export interface CatalogueTest {
  code: string;
  name: { en: string; cs: string };
  loinc: string | null;
  unit: string;
  specimenType: string;
  container: string;
  discipline: 'biochemistry' | 'haematology';
  decimals: number;
  referenceRanges: CatalogueRange[];
  criticalLow?: string;
  criticalHigh?: string;
  /** Where the critical limits come from. */
  criticalSource?: string;
  tatMinutes: number;
  /** Calculated analytes: an expression over other tests' codes (services/formula.ts). */
  formula?: string;
}

const SERUM = { specimenType: 'serum', container: 'SST (gold)' };
const EDTA = { specimenType: 'blood', container: 'EDTA K2 (lavender)' };
const FLUORIDE = { specimenType: 'plasma', container: 'NaF (grey)' };

export const STARTER_TESTS: CatalogueTest[] = [
  {
    code: 'NA',
    name: { en: 'Sodium', cs: 'Sodík' },
    loinc: '2951-2',
    unit: 'mmol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 0,
    referenceRanges: [{ ageFromDays: ADULT, low: '137', high: '145', source: NORIP }],
    criticalLow: '120',
    criticalHigh: '160',
    criticalSource: SWLP,
    tatMinutes: 120,
  },
  {
    code: 'K',
    name: { en: 'Potassium', cs: 'Draslík' },
    loinc: '2823-3',
    unit: 'mmol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 1,
    referenceRanges: [{ ageFromDays: ADULT, low: '3.6', high: '4.6', source: `${NORIP}, serum` }],
    criticalLow: '2.5',
    criticalHigh: '6.5',
    criticalSource: SWLP,
    tatMinutes: 120,
  },
  {
    code: 'CA',
    name: { en: 'Calcium', cs: 'Vápník' },
    loinc: '2000-8',
    unit: 'mmol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 2,
    referenceRanges: [{ ageFromDays: ADULT, low: '2.15', high: '2.51', source: NORIP }],
    criticalLow: '1.8',
    criticalHigh: '3.5',
    criticalSource: SWLP,
    tatMinutes: 240,
  },
  {
    code: 'CREA',
    name: { en: 'Creatinine', cs: 'Kreatinin' },
    loinc: '14682-9',
    unit: 'umol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 0,
    referenceRanges: [
      { sex: 'female', ageFromDays: ADULT, low: '45', high: '90', source: NORIP },
      { sex: 'male', ageFromDays: ADULT, low: '60', high: '105', source: NORIP },
    ],
    criticalHigh: '350',
    criticalSource: SWLP,
    tatMinutes: 240,
  },
  {
    code: 'ALT',
    name: { en: 'Alanine aminotransferase', cs: 'Alaninaminotransferáza' },
    loinc: '1742-6',
    unit: 'U/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 0,
    referenceRanges: [
      { sex: 'female', ageFromDays: ADULT, low: '10', high: '45', source: NORIP },
      { sex: 'male', ageFromDays: ADULT, ageToDays: FIFTY, low: '10', high: '70', source: `${NORIP}, men 18–49 y` },
      { sex: 'male', ageFromDays: FIFTY, low: '10', high: '45', source: `${NORIP}, men 50 y and over` },
    ],
    tatMinutes: 240,
  },
  {
    code: 'ALP',
    name: { en: 'Alkaline phosphatase', cs: 'Alkalická fosfatáza' },
    loinc: '6768-6',
    unit: 'U/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 0,
    referenceRanges: [{ ageFromDays: ADULT, low: '35', high: '105', source: NORIP }],
    tatMinutes: 240,
  },
  {
    code: 'GLU',
    name: { en: 'Glucose, fasting', cs: 'Glukóza nalačno' },
    loinc: '14749-6',
    unit: 'mmol/L',
    ...FLUORIDE,
    discipline: 'biochemistry',
    decimals: 1,
    referenceRanges: [{ ageFromDays: ADULT, low: '3.9', high: '5.5', source: ADA }],
    criticalHigh: '25',
    criticalSource: SWLP,
    tatMinutes: 120,
  },
  {
    code: 'CHOL',
    name: { en: 'Cholesterol, total', cs: 'Cholesterol celkový' },
    loinc: '14647-2',
    unit: 'mmol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 2,
    referenceRanges: [{ ageFromDays: ADULT, high: '5.0', source: ESC }],
    tatMinutes: 480,
  },
  {
    code: 'HDL',
    name: { en: 'HDL cholesterol', cs: 'HDL cholesterol' },
    loinc: '14646-4',
    unit: 'mmol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 2,
    referenceRanges: [
      { sex: 'male', ageFromDays: ADULT, low: '1.0', source: ESC },
      { sex: 'female', ageFromDays: ADULT, low: '1.2', source: ESC },
    ],
    tatMinutes: 480,
  },
  {
    code: 'TG',
    name: { en: 'Triglycerides', cs: 'Triacylglyceroly' },
    loinc: '14927-8',
    unit: 'mmol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 2,
    referenceRanges: [{ ageFromDays: ADULT, high: '1.7', source: ESC }],
    tatMinutes: 480,
  },
  {
    // Friedewald WT, Levy RI, Fredrickson DS. Clin Chem 1972;18(6):499–502, in mmol/L (TG / 2.2).
    code: 'LDL',
    name: { en: 'LDL cholesterol (calculated)', cs: 'LDL cholesterol (výpočet)' },
    loinc: null,
    unit: 'mmol/L',
    ...SERUM,
    discipline: 'biochemistry',
    decimals: 2,
    referenceRanges: [{ ageFromDays: ADULT, high: '3.0', source: ESC }],
    tatMinutes: 480,
    formula: 'CHOL - HDL - TG / 2.2',
  },
  {
    code: 'HB',
    name: { en: 'Haemoglobin', cs: 'Hemoglobin' },
    loinc: '718-7',
    unit: 'g/L',
    ...EDTA,
    discipline: 'haematology',
    decimals: 0,
    referenceRanges: [
      { sex: 'female', ageFromDays: ADULT, low: '117', high: '153', source: NORIP_HAEM },
      { sex: 'male', ageFromDays: ADULT, low: '134', high: '170', source: NORIP_HAEM },
    ],
    tatMinutes: 60,
  },
  {
    code: 'WBC',
    name: { en: 'Leukocytes', cs: 'Leukocyty' },
    loinc: '6690-2',
    unit: '10*9/L',
    ...EDTA,
    discipline: 'haematology',
    decimals: 1,
    referenceRanges: [{ ageFromDays: ADULT, low: '3.5', high: '8.8', source: NORIP_HAEM }],
    tatMinutes: 60,
  },
  {
    code: 'PLT',
    name: { en: 'Platelets', cs: 'Trombocyty' },
    loinc: '777-3',
    unit: '10*9/L',
    ...EDTA,
    discipline: 'haematology',
    decimals: 0,
    referenceRanges: [
      { sex: 'female', ageFromDays: ADULT, low: '165', high: '387', source: NORIP_HAEM },
      { sex: 'male', ageFromDays: ADULT, low: '145', high: '348', source: NORIP_HAEM },
    ],
    tatMinutes: 60,
  },
];

export const STARTER_PANELS = [
  { code: 'CBC', name: { en: 'Complete blood count', cs: 'Krevní obraz' }, tests: ['HB', 'WBC', 'PLT'] },
  { code: 'LIPID', name: { en: 'Lipid profile', cs: 'Lipidový profil' }, tests: ['CHOL', 'HDL', 'TG', 'LDL'] },
  { code: 'IONT', name: { en: 'Electrolytes', cs: 'Ionty' }, tests: ['NA', 'K', 'CA'] },
];

/**
 * The local rule every lab starts with: in haematology a technician with `medical.release` may
 * release results within range; anything flagged or critical, and everything else, needs
 * `medical.authorise`. Four-eyes stays on.
 */
export const STARTER_RULES = [
  {
    discipline: 'haematology',
    normal: 'medical.release',
    abnormal: 'medical.authorise',
    critical: 'medical.authorise',
    note: 'Technicians release routine haematology within range',
  },
] as const;
