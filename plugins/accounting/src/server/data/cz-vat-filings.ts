/**
 * Where the VAT records go in the Czech VAT filings, each figure with its source. Attribute names
 * are the Tax Portal's (EPO) XML names from the official schemas in `shared/oracles/epo`
 * (`dphdp3_epo2.xsd`, `dphkh1_epo2.xsd`, `dphshv_epo2.xsd`); row numbers are the printed form's
 * (Přiznání k dani z přidané hodnoty, vzor č. 25 and its Pokyny k vyplnění). Version of the law:
 * zákon č. 235/2004 Sb. (ZDPH) as amended by zákon č. 349/2023 Sb. (one reduced rate from 2024).
 */

/** A cell of the VAT return: its row on the form and its attribute in the EPO XML. */
export interface ReturnCell {
  row: string;
  veta: 'Veta1' | 'Veta2' | 'Veta4' | 'Veta5' | 'Veta6';
  attr: string;
  /** What the row holds, in Czech as the form says it. */
  label: string;
  source: string;
}

const c = (row: string, veta: ReturnCell['veta'], attr: string, label: string, source: string): ReturnCell => ({
  row,
  veta,
  attr,
  label,
  source,
});

/**
 * Every cell Bureau fills. `…23` attributes hold the standard rate and `…5` the reduced rate(s),
 * names kept from the years of 23 % and 5 %. The input rows have a "full" column (V plné výši)
 * and a "reduced" column (Krácený odpočet, § 76 coefficient).
 */
export const RETURN_CELLS = {
  r1Base: c(
    '1',
    'Veta1',
    'obrat23',
    'Dodání zboží / poskytnutí služeb, základní sazba – základ',
    'ZDPH § 13, § 14, § 37',
  ),
  r1Vat: c(
    '1',
    'Veta1',
    'dan23',
    'Dodání zboží / poskytnutí služeb, základní sazba – daň',
    'ZDPH § 47 odst. 1 písm. a)',
  ),
  r2Base: c('2', 'Veta1', 'obrat5', 'Dodání zboží / poskytnutí služeb, snížená sazba – základ', 'ZDPH § 13, § 14'),
  r2Vat: c('2', 'Veta1', 'dan5', 'Dodání zboží / poskytnutí služeb, snížená sazba – daň', 'ZDPH § 47 odst. 1 písm. b)'),
  r3Base: c(
    '3',
    'Veta1',
    'p_zb23',
    'Pořízení zboží z jiného členského státu, základní sazba – základ',
    'ZDPH § 16, § 25',
  ),
  r3Vat: c('3', 'Veta1', 'dan_pzb23', 'Pořízení zboží z jiného členského státu, základní sazba – daň', 'ZDPH § 108'),
  r4Base: c(
    '4',
    'Veta1',
    'p_zb5',
    'Pořízení zboží z jiného členského státu, snížená sazba – základ',
    'ZDPH § 16, § 25',
  ),
  r4Vat: c('4', 'Veta1', 'dan_pzb5', 'Pořízení zboží z jiného členského státu, snížená sazba – daň', 'ZDPH § 108'),
  r5Base: c(
    '5',
    'Veta1',
    'p_sl23_e',
    'Přijetí služby od osoby registrované v jiném čl. státě (§ 9 odst. 1), základní sazba – základ',
    'ZDPH § 9 odst. 1, § 108 odst. 3 písm. a)',
  ),
  r5Vat: c(
    '5',
    'Veta1',
    'dan_psl23_e',
    'Přijetí služby z jiného čl. státu, základní sazba – daň',
    'ZDPH § 108 odst. 3 písm. a)',
  ),
  r6Base: c('6', 'Veta1', 'p_sl5_e', 'Přijetí služby z jiného čl. státu, snížená sazba – základ', 'ZDPH § 9 odst. 1'),
  r6Vat: c(
    '6',
    'Veta1',
    'dan_psl5_e',
    'Přijetí služby z jiného čl. státu, snížená sazba – daň',
    'ZDPH § 108 odst. 3 písm. a)',
  ),
  r10Base: c(
    '10',
    'Veta1',
    'rez_pren23',
    'Přenesení daňové povinnosti (§ 92a) – odběratel, základní sazba – základ',
    'ZDPH § 92a',
  ),
  r10Vat: c(
    '10',
    'Veta1',
    'dan_rpren23',
    'Přenesení daňové povinnosti – odběratel, základní sazba – daň',
    'ZDPH § 92a odst. 2',
  ),
  r11Base: c(
    '11',
    'Veta1',
    'rez_pren5',
    'Přenesení daňové povinnosti – odběratel, snížená sazba – základ',
    'ZDPH § 92a',
  ),
  r11Vat: c(
    '11',
    'Veta1',
    'dan_rpren5',
    'Přenesení daňové povinnosti – odběratel, snížená sazba – daň',
    'ZDPH § 92a odst. 2',
  ),
  r12Base: c(
    '12',
    'Veta1',
    'p_sl23_z',
    'Ostatní plnění s povinností přiznat daň příjemcem, základní sazba – základ',
    'ZDPH § 108 odst. 1 písm. b), c)',
  ),
  r12Vat: c(
    '12',
    'Veta1',
    'dan_psl23_z',
    'Ostatní plnění s povinností přiznat daň příjemcem, základní sazba – daň',
    'ZDPH § 108',
  ),
  r13Base: c(
    '13',
    'Veta1',
    'p_sl5_z',
    'Ostatní plnění s povinností přiznat daň příjemcem, snížená sazba – základ',
    'ZDPH § 108 odst. 1 písm. b), c)',
  ),
  r13Vat: c(
    '13',
    'Veta1',
    'dan_psl5_z',
    'Ostatní plnění s povinností přiznat daň příjemcem, snížená sazba – daň',
    'ZDPH § 108',
  ),
  r20: c('20', 'Veta2', 'dod_zb', 'Dodání zboží do jiného členského státu', 'ZDPH § 64'),
  r21: c(
    '21',
    'Veta2',
    'pln_sluzby',
    'Poskytnutí služeb s místem plnění v jiném čl. státě (§ 9 odst. 1)',
    'ZDPH § 9 odst. 1, § 102 odst. 1 písm. d)',
  ),
  r22: c('22', 'Veta2', 'pln_vyvoz', 'Vývoz zboží', 'ZDPH § 66'),
  r25: c('25', 'Veta2', 'pln_rez_pren', 'Přenesení daňové povinnosti (§ 92a) – dodavatel', 'ZDPH § 92a odst. 1'),
  r26: c(
    '26',
    'Veta2',
    'pln_ost',
    'Ostatní uskutečněná plnění s nárokem na odpočet (místo plnění mimo tuzemsko)',
    'ZDPH § 24a, § 9 odst. 1',
  ),
  r40Base: c(
    '40',
    'Veta4',
    'pln23',
    'Přijatá zdanitelná plnění od plátců v tuzemsku, základní sazba – základ',
    'ZDPH § 72, § 73',
  ),
  r40Full: c('40', 'Veta4', 'odp_tuz23_nar', 'Odpočet v plné výši, základní sazba', 'ZDPH § 72 odst. 1, § 75'),
  r40Reduced: c('40', 'Veta4', 'odp_tuz23', 'Krácený odpočet, základní sazba', 'ZDPH § 76'),
  r41Base: c(
    '41',
    'Veta4',
    'pln5',
    'Přijatá zdanitelná plnění od plátců v tuzemsku, snížená sazba – základ',
    'ZDPH § 72, § 73',
  ),
  r41Full: c('41', 'Veta4', 'odp_tuz5_nar', 'Odpočet v plné výši, snížená sazba', 'ZDPH § 72 odst. 1, § 75'),
  r41Reduced: c('41', 'Veta4', 'odp_tuz5', 'Krácený odpočet, snížená sazba', 'ZDPH § 76'),
  r42Base: c('42', 'Veta4', 'dov_cu', 'Dovoz zboží (daň vyměřená celním úřadem) – základ', 'ZDPH § 23, § 72'),
  r42Full: c('42', 'Veta4', 'odp_cu_nar', 'Dovoz zboží – odpočet v plné výši', 'ZDPH § 72 odst. 1'),
  r42Reduced: c('42', 'Veta4', 'odp_cu', 'Dovoz zboží – krácený odpočet', 'ZDPH § 76'),
  r43Base: c(
    '43',
    'Veta4',
    'nar_zdp23',
    'Plnění z řádků 3 až 13, základní sazba – základ',
    'ZDPH § 72 odst. 1, § 73 odst. 1 písm. b)',
  ),
  r43Full: c(
    '43',
    'Veta4',
    'od_zdp23',
    'Plnění z řádků 3 až 13, základní sazba – odpočet v plné výši',
    'ZDPH § 73 odst. 1 písm. b)',
  ),
  r43Reduced: c('43', 'Veta4', 'odkr_zdp23', 'Plnění z řádků 3 až 13, základní sazba – krácený odpočet', 'ZDPH § 76'),
  r44Base: c(
    '44',
    'Veta4',
    'nar_zdp5',
    'Plnění z řádků 3 až 13, snížená sazba – základ',
    'ZDPH § 72 odst. 1, § 73 odst. 1 písm. b)',
  ),
  r44Full: c(
    '44',
    'Veta4',
    'od_zdp5',
    'Plnění z řádků 3 až 13, snížená sazba – odpočet v plné výši',
    'ZDPH § 73 odst. 1 písm. b)',
  ),
  r44Reduced: c('44', 'Veta4', 'odkr_zdp5', 'Plnění z řádků 3 až 13, snížená sazba – krácený odpočet', 'ZDPH § 76'),
  r46Full: c(
    '46',
    'Veta4',
    'odp_sum_nar',
    'Odpočet daně celkem (ř. 40 až 45) – v plné výši',
    'DPHDP3 ř. 46 = součet ř. 40–45',
  ),
  r46Reduced: c(
    '46',
    'Veta4',
    'odp_sum_kr',
    'Odpočet daně celkem (ř. 40 až 45) – krácený odpočet',
    'DPHDP3 ř. 46 = součet ř. 40–45',
  ),
  r50: c('50', 'Veta5', 'plnosv_kf', 'Osvobozená plnění bez nároku na odpočet', 'ZDPH § 51, § 76 odst. 3'),
  r52Coefficient: c('52', 'Veta5', 'koef_p20_nov', 'Koeficient (%)', 'ZDPH § 76 odst. 1'),
  r52Deduction: c('52', 'Veta5', 'odp_uprav_kf', 'Odpočet (krácený koeficientem)', 'ZDPH § 76 odst. 1'),
  r62: c('62', 'Veta6', 'dan_zocelk', 'Daň na výstupu celkem (ř. 1 až 13)', 'DPHDP3 ř. 62 = 1 + … + 13 − 61'),
  r63: c('63', 'Veta6', 'odp_zocelk', 'Odpočet daně celkem', 'DPHDP3 ř. 63 = 46 (v plné výši) + 52 + 53 + 60'),
  r64: c('64', 'Veta6', 'dano_da', 'Vlastní daňová povinnost (ř. 62 − 63, je-li kladný)', 'ZDPH § 101 odst. 1'),
  r65: c('65', 'Veta6', 'dano_no', 'Nadměrný odpočet (ř. 63 − 62, je-li kladný)', 'ZDPH § 105'),
} as const;

export type ReturnCellKey = keyof typeof RETURN_CELLS;

/**
 * The control statement lists a domestic supply (A.4) or purchase (B.2) document by document when its
 * total including VAT is over 10 000 Kč (in haléře here, the books' minor unit); smaller ones are
 * summed (A.5, B.3). Source: Pokyny k vyplnění formuláře Kontrolní hlášení DPH (Finanční správa),
 * oddíly A.4, A.5, B.2, B.3, under ZDPH § 101d. The DPHKH1 schema carries no amount threshold.
 */
export { KH_DETAIL_THRESHOLD } from './cz-vat.ts';

/**
 * EC sales list codes (`k_pln_eu`, dphshv_epo2.xsd): 0 goods to a VAT payer in another member state
 * (ZDPH § 64, § 13 odst. 1 a 2), 3 services with the place of supply there (§ 9 odst. 1, § 102 odst. 1
 * písm. d)). Codes 1 (transfer of own goods) and 2 (triangular trade) do not arise from documents.
 */
export const SHV_CODES = { goods: '0', services: '3' } as const;

/** Form codes of the Tax Portal (fixed attribute `dokument` of each schema). */
export const EPO_FORMS = {
  return: { element: 'DPHDP3', dokument: 'DP3' },
  control: { element: 'DPHKH1', dokument: 'KH1' },
  ecSales: { element: 'DPHSHV', dokument: 'SHV' },
} as const;

/**
 * Kind of filing: `B` řádné (regular) for the return (dapdph_forma) and the control statement
 * (khdph_forma), `R` for the EC sales list (shvies_forma). Source: the schemas' documentation.
 */
export const REGULAR_FILING = { return: 'B', control: 'B', ecSales: 'R' } as const;

/**
 * Filing deadlines: the return, the control statement and the EC sales list are due by the 25th day
 * after the period ends (ZDPH § 101 odst. 1, § 101e odst. 1, § 102 odst. 3).
 */
export const FILING_DUE_DAY = 25;
