export {
  accountToIban,
  type CzechAccount,
  czechAccountToIban,
  domesticAccountText,
  formatCzechAccount,
  ibanToCzechAccount,
  isValidBic,
  isValidCzechAccount,
  normalizeIban,
  parseCzechAccount,
} from './bank-account.ts';
export { type BirthNumberInfo, formatBirthNumber, parseBirthNumber } from './birth-number.ts';
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
