/**
 * Czech birth numbers (rodné číslo, zákon č. 133/2000 Sb., o evidenci obyvatel, § 13): `YYMMDD/XXX`
 * for people born before 1954, `YYMMDD/XXXX` since, where the ten-digit number is divisible by 11
 * (or, for numbers issued until 1985, the first nine digits give remainder 10 and the check digit is
 * 0). Women have 50 added to the month; since 2004 20 (men) or 70 (women) may be added when a day's
 * numbers run out (§ 13 odst. 5, as amended by zákon č. 53/2004 Sb.). HR (employees) and the lab
 * (patients, FHIR identifiers) check them here.
 */
export interface BirthNumberInfo {
  /** Normalised, without the slash. */
  value: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** A birth number typed with or without the slash and spaces, checked; null when it is not one. */
export function parseBirthNumber(input: string): BirthNumberInfo | null {
  const digits = input.replace(/\s|\//g, '');
  if (!/^\d{9,10}$/.test(digits)) return null;
  const yy = Number(digits.slice(0, 2));
  let mm = Number(digits.slice(2, 4));
  const dd = Number(digits.slice(4, 6));
  let year: number;
  if (digits.length === 9) {
    if (yy >= 54) return null; // nine digits only before 1954
    year = 1900 + yy;
  } else {
    year = yy >= 54 ? 1900 + yy : 2000 + yy;
    const rest = Number(digits.slice(0, 9)) % 11;
    const ok = Number(digits) % 11 === 0 || (rest === 10 && digits[9] === '0' && year < 1986);
    if (!ok) return null;
  }
  let sex: 'male' | 'female' = 'male';
  if (mm > 70 && year >= 2004) {
    sex = 'female';
    mm -= 70;
  } else if (mm > 50) {
    sex = 'female';
    mm -= 50;
  } else if (mm > 20 && year >= 2004) {
    mm -= 20;
  }
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (mm < 1 || mm > 12 || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return null;
  return { value: digits, birthDate: date.toISOString().slice(0, 10), sex };
}

/** `YYMMDD/XXXX` as people write it. */
export const formatBirthNumber = (v: string) => `${v.slice(0, 6)}/${v.slice(6)}`;
