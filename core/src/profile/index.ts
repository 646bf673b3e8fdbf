export type { CompanyBankAccount, CompanyProfile } from './schema.ts';
export { payToAccount, profileAddressLines, readCompanyLogo, readCompanyProfile } from './service.ts';
