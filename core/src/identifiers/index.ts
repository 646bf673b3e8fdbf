export {
  type CzechAccount,
  czechAccountToIban,
  formatCzechAccount,
  ibanToCzechAccount,
  isValidBic,
  isValidCzechAccount,
  normalizeIban,
  parseCzechAccount,
} from './bank-account.ts';
export {
  hasVatIdFormat,
  isValidCzDic,
  isValidDic,
  isValidIco,
  isValidVatId,
  normalizeIco,
  normalizeVatId,
} from './company-ids.ts';
export { idm } from './messages.ts';
export {
  type BankAccountInput,
  type CheckedBankAccount,
  checkBankAccount,
  checkCompanyIds,
  checkOneDefaultPerCurrency,
  isCurrency,
} from './validate.ts';
