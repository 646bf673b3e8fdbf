/**
 * GTIN check digits (GTIN-8, UPC-A/GTIN-12, EAN-13/GTIN-13, GTIN-14), per the GS1 General
 * Specifications §7.9.1: from the right, excluding the check digit, digits are weighted 3, 1, 3, 1…;
 * the check digit brings the sum to a multiple of ten.
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a string is a GTIN of 8, 12, 13 or 14 digits with a correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}
