export { czechAccountToIban, ibanToCzechAccount, parseCzechAccount } from './bank-account.ts';
export type { CompanyBankAccount, CompanyProfile } from './schema.ts';
export { payToAccount, profileAddressLines, readCompanyLogo, readCompanyProfile } from './service.ts';
