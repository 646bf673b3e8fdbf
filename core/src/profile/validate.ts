import { badRequest, type FieldError, fieldError } from '../http/problem.ts';
import { idm } from '../identifiers/messages.ts';
import { checkBankAccount, checkCompanyIds, checkOneDefaultPerCurrency, isCurrency } from '../identifiers/validate.ts';
import { pm } from './messages.ts';
import type { CompanyBankAccount, CompanyProfileInput } from './schema.ts';

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
  const { ico, dic } = checkCompanyIds(p, errors);
  if (p.vatPayer && !dic) errors.push(fieldError('dic', pm.dic_required));
  if (p.vatPayer && !p.vatPeriod) errors.push(fieldError('vatPeriod', pm.period_required));
  if (!isCurrency(p.defaultCurrency)) errors.push(fieldError('defaultCurrency', idm.bad_currency));

  const accounts: CompanyBankAccount[] = p.bankAccounts.map((a, i) => ({
    ...checkBankAccount(a, (field) => `bankAccounts.${i}.${field}`, errors),
    isDefault: a.isDefault,
    label: a.label ?? null,
  }));
  checkOneDefaultPerCurrency(accounts, errors);

  if (errors.length) throw badRequest('invalid_input', pm.invalid, errors);
  return {
    ...p,
    ico,
    dic,
    vatPeriod: p.vatPayer ? (p.vatPeriod ?? null) : null,
    email: p.email ?? null,
    bankAccounts: accounts,
  };
}
