/**
 * Czech health insurance companies and their codes (číselník zdravotních pojišťoven, as published by
 * the Ministry of Health / Centrální registr pojištěnců; the codes also appear in the employer's monthly
 * reports and in payment variable symbols). Source: https://www.mzcr.cz/zdravotni-pojistovny/ (checked 2026).
 */
export const HEALTH_INSURERS = {
  '111': 'Všeobecná zdravotní pojišťovna ČR',
  '201': 'Vojenská zdravotní pojišťovna ČR',
  '205': 'Česká průmyslová zdravotní pojišťovna',
  '207': 'Oborová zdravotní pojišťovna zaměstnanců bank, pojišťoven a stavebnictví',
  '209': 'Zaměstnanecká pojišťovna Škoda',
  '211': 'Zdravotní pojišťovna ministerstva vnitra ČR',
  '213': 'RBP, zdravotní pojišťovna',
} as const;
export type HealthInsurer = keyof typeof HEALTH_INSURERS;
export const INSURER_CODES = Object.keys(HEALTH_INSURERS) as [HealthInsurer, ...HealthInsurer[]];
