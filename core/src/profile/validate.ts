import { isEu, isValidCzDic, isValidIco, isValidVatId, normalizeVatId } from '../billing/vat.ts';
import { badRequest, type FieldError, fieldError } from '../http/problem.ts';
import {
  czechAccountToIban,
  formatCzechAccount,
  ibanToCzechAccount,
  isValidBic,
  normalizeIban,
  parseCzechAccount,
} from './bank-account.ts';
import { pm } from './messages.ts';
import type { CompanyBankAccount, CompanyProfileInput } from './schema.ts';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export type ValidProfile = Omit<CompanyProfileInput, 'vatPeriod' | 'bankAccounts' | 'email'> & {
  vatPeriod: 'monthly' | 'quarterly' | null;
  email: string | null;
  bankAccounts: CompanyBankAccount[];
};

/**
 * Checks and normalizes the firm's details: IČO and DIČ checksums (as billing checks a buyer), a VAT
 * payer's DIČ and filing period, each bank account's IBAN/BIC/Czech number (deriving the one from the
 * other), currency codes and one default account per currency. All problems at once, by field.
 */
export function validateProfile(p: CompanyProfileInput): ValidProfile {
  const errors: FieldError[] = [];
  const ico = p.ico ? p.ico.replace(/\s+/g, '') : null;
  const icoOut = ico && p.country === 'CZ' ? ico.padStart(8, '0') : ico;
  if (icoOut && (p.country === 'CZ' || p.country === 'SK') && !isValidIco(icoOut.padStart(8, '0')))
    errors.push(fieldError('ico', pm.bad_ico));
  const dic = p.dic ? normalizeVatId(p.dic) : null;
  if (dic) {
    if (p.country === 'CZ' && !isValidCzDic(dic)) errors.push(fieldError('dic', pm.bad_cz_dic));
    else if (p.country !== 'CZ' && isEu(p.country) && !isValidVatId(dic, p.country))
      errors.push(fieldError('dic', pm.bad_vat_id, { country: p.country }));
  }
  if (p.vatPayer && !dic) errors.push(fieldError('dic', pm.dic_required));
  if (p.vatPayer && !p.vatPeriod) errors.push(fieldError('vatPeriod', pm.period_required));
  if (!CURRENCIES.has(p.defaultCurrency)) errors.push(fieldError('defaultCurrency', pm.bad_currency));

  const accounts: CompanyBankAccount[] = p.bankAccounts.map((a, i) => {
    const at = (field: string) => `bankAccounts.${i}.${field}`;
    let iban = a.iban ? normalizeIban(a.iban) : null;
    if (a.iban && !iban) errors.push(fieldError(at('iban'), pm.bad_iban));
    let accountNumber: string | null = null;
    if (a.accountNumber) {
      const parsed = parseCzechAccount(a.accountNumber);
      if (!parsed) errors.push(fieldError(at('accountNumber'), pm.bad_account));
      else {
        accountNumber = formatCzechAccount(parsed);
        const derived = czechAccountToIban(parsed);
        if (!a.iban) iban = derived;
        else if (iban && iban !== derived) errors.push(fieldError(at('accountNumber'), pm.account_mismatch));
      }
    } else if (iban) {
      const domestic = ibanToCzechAccount(iban);
      accountNumber = domestic ? formatCzechAccount(domestic) : null;
    }
    if (!a.iban && !a.accountNumber) errors.push(fieldError(at('iban'), pm.bad_iban));
    const bic = a.bic ? a.bic.replace(/\s+/g, '').toUpperCase() : null;
    if (bic && !isValidBic(bic)) errors.push(fieldError(at('bic'), pm.bad_bic));
    if (!CURRENCIES.has(a.currency)) errors.push(fieldError(at('currency'), pm.bad_currency));
    return {
      iban: iban ?? '',
      bic,
      accountNumber,
      currency: a.currency,
      isDefault: a.isDefault,
      label: a.label ?? null,
    };
  });
  const defaults = new Set<string>();
  accounts.forEach((a, i) => {
    if (!a.isDefault) return;
    if (defaults.has(a.currency)) errors.push(fieldError(`bankAccounts.${i}.isDefault`, pm.two_defaults));
    defaults.add(a.currency);
  });

  if (errors.length) throw badRequest('invalid_input', pm.invalid, errors);
  return {
    ...p,
    ico: icoOut,
    dic,
    vatPeriod: p.vatPayer ? (p.vatPeriod ?? null) : null,
    email: p.email ?? null,
    bankAccounts: accounts,
  };
}
