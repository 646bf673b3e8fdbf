// IČO, DIČ, IBAN, BIC and Czech account checks are core's (one module for billing, the profile, parties and plugins).
export {
  isValidBic,
  isValidCzechAccount,
  isValidDic,
  isValidIco,
  normalizeIban,
  normalizeIco,
  normalizeVatId as normalizeDic,
} from '@bureau/core';

/** Variable symbol: up to 10 digits, leading zeros insignificant. */
export const normalizeVariableSymbol = (vs: string | null | undefined): string | null => {
  if (!vs) return null;
  const digits = vs.trim().replace(/^0+(?=\d)/, '');
  return /^\d{1,10}$/.test(digits) ? digits : null;
};
