import { type FieldError, fieldError } from '../http/problem.ts';
import {
  czechAccountToIban,
  formatCzechAccount,
  ibanToCzechAccount,
  isValidBic,
  normalizeIban,
  parseCzechAccount,
} from './bank-account.ts';
import { hasVatIdFormat, isValidCzDic, isValidDic, isValidIco, isValidVatId, normalizeVatId } from './company-ids.ts';
import { idm } from './messages.ts';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether a code is an ISO 4217 currency this runtime knows. */
export const isCurrency = (code: string) => CURRENCIES.has(code);

/**
 * A firm's IČO and DIČ checked for its country and normalized; each problem is pushed to `errors` as a
 * field error at `prefix + 'ico'` / `prefix + 'dic'`. Czech and Slovak IČOs get the check digit. The DIČ
 * is checked against the firm's country (a Czech DIČ's checksum, another EU country's VAT number form);
 * with `anyDic` by its own prefix instead (any country by shape, a CZ one fully), for a partner who may be
 * registered for VAT elsewhere than it sits.
 */
export function checkCompanyIds(
  input: { ico?: string | null | undefined; dic?: string | null | undefined; country: string },
  errors: FieldError[],
  options: { prefix?: string; anyDic?: boolean } = {},
): { ico: string | null; dic: string | null } {
  const at = (f: string) => `${options.prefix ?? ''}${f}`;
  const { country } = input;
  const raw = input.ico ? input.ico.replace(/\s+/g, '') : null;
  const ico = raw && country === 'CZ' ? raw.padStart(8, '0') : raw || null;
  if (ico && (country === 'CZ' || country === 'SK') && !isValidIco(ico.padStart(8, '0')))
    errors.push(fieldError(at('ico'), idm.bad_ico));
  const dic = input.dic ? normalizeVatId(input.dic) : null;
  if (dic && !options.anyDic) {
    if (country === 'CZ') {
      if (!isValidCzDic(dic)) errors.push(fieldError(at('dic'), idm.bad_cz_dic));
    } else if (hasVatIdFormat(country) && !isValidVatId(dic, country))
      errors.push(fieldError(at('dic'), idm.bad_vat_id, { country }));
  } else if (dic && !isValidDic(dic)) {
    errors.push(fieldError(at('dic'), dic.startsWith('CZ') ? idm.bad_cz_dic : idm.bad_dic));
  }
  return { ico, dic };
}

export interface BankAccountInput {
  iban?: string | null | undefined;
  bic?: string | null | undefined;
  accountNumber?: string | null | undefined;
  currency: string;
}

export interface CheckedBankAccount {
  iban: string;
  bic: string | null;
  accountNumber: string | null;
  currency: string;
}

/**
 * One bank account checked and completed: the IBAN's checksum, the BIC's form, a Czech domestic number's
 * two check digits (vyhláška ČNB č. 169/2011 Sb.), the IBAN derived from the domestic number (or the
 * domestic number from a Czech IBAN), the currency code. Problems go to `errors` at `at(field)`.
 */
export function checkBankAccount(
  a: BankAccountInput,
  at: (field: string) => string,
  errors: FieldError[],
): CheckedBankAccount {
  let iban = a.iban ? normalizeIban(a.iban) : null;
  if (a.iban && !iban) errors.push(fieldError(at('iban'), idm.bad_iban));
  let accountNumber: string | null = null;
  if (a.accountNumber) {
    const parsed = parseCzechAccount(a.accountNumber);
    if (!parsed) errors.push(fieldError(at('accountNumber'), idm.bad_account));
    else {
      accountNumber = formatCzechAccount(parsed);
      const derived = czechAccountToIban(parsed);
      if (!a.iban) iban = derived;
      else if (iban && iban !== derived) errors.push(fieldError(at('accountNumber'), idm.account_mismatch));
    }
  } else if (iban) {
    const domestic = ibanToCzechAccount(iban);
    accountNumber = domestic ? formatCzechAccount(domestic) : null;
  }
  if (!a.iban && !a.accountNumber) errors.push(fieldError(at('iban'), idm.bad_iban));
  const bic = a.bic ? a.bic.replace(/\s+/g, '').toUpperCase() : null;
  if (bic && !isValidBic(bic)) errors.push(fieldError(at('bic'), idm.bad_bic));
  if (!isCurrency(a.currency)) errors.push(fieldError(at('currency'), idm.bad_currency));
  return { iban: iban ?? '', bic, accountNumber, currency: a.currency };
}

/** One default account per currency; a second is a field error at its `isDefault`. */
export function checkOneDefaultPerCurrency(
  accounts: readonly { currency: string; isDefault: boolean }[],
  errors: FieldError[],
): void {
  const defaults = new Set<string>();
  accounts.forEach((a, i) => {
    if (!a.isDefault) return;
    if (defaults.has(a.currency)) errors.push(fieldError(`bankAccounts.${i}.isDefault`, idm.two_defaults));
    defaults.add(a.currency);
  });
}
