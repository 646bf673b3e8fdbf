/**
 * @bureau/core's public surface: the only module plugins and apps import from core.
 */
export { z } from '@hono/zod-openapi';
export type { ChainVerification } from './audit/verify.ts';
export { type Bureau, type BureauOptions, createBureau, migrateAll } from './bureau.ts';
export {
  addBusinessMinutes,
  type BusinessHours,
  businessHours,
  businessMinutesBetween,
  CZ_HOLIDAYS_VERSION,
  checkHours,
  czechHolidays,
  easterSunday,
  type Holiday,
  type HoursProblem,
  isBusinessTime,
  isCzechHoliday,
  localDate,
  type SimpleHours,
} from './calendar/index.ts';
export { type Config, loadConfig, testConfig } from './config.ts';
export { connect, type Database } from './db/connect.ts';
export { type GuardViolation, tenantTableViolations } from './db/isolation-guard.ts';
export { enableTenantRls } from './db/rls.ts';
export { withTenant } from './db/with-tenant.ts';
export type { DeadLetter } from './events/dead-letters.ts';
export {
  DEAD_LETTER_QUEUE,
  type DrainResult,
  EVENTS_QUEUE,
  type EventDispatcher,
  type EventOptions,
} from './events/dispatcher.ts';
export type { CoreApp } from './http/app.ts';
export type { Actor, BaseEnv, TenantEnv, TenantInfo, TenantVariables } from './http/env.ts';
export { requestLocale } from './http/locale.ts';
export {
  badRequest,
  conflict,
  type FieldError,
  fieldError,
  forbidden,
  notFound,
  Problem,
  problem,
  type RenderedFieldError,
  renderFieldError,
} from './http/problem.ts';
export { defineRoute } from './http/route.ts';
export { json, jsonBody, problemResponses } from './http/schemas.ts';
export { zodFieldErrors } from './http/validation.ts';
export {
  dateIn,
  dateText,
  decimalIn,
  defineFieldMessages,
  defineMessages,
  isLocale,
  type Locale,
  type Message,
  type MessageText,
  moneyIn,
  moneyText,
  type Params,
  storedText,
  tenantLocale,
  translate,
  translateBoth,
  translator,
} from './i18n/index.ts';
export {
  accountToIban,
  type BankAccountInput,
  type BirthNumberInfo,
  type CheckedBankAccount,
  type CzechAccount,
  checkBankAccount,
  checkCompanyIds,
  czechAccountToIban,
  domesticAccountText,
  formatBirthNumber,
  formatCzechAccount,
  ibanToCzechAccount,
  idm,
  isCurrency,
  isValidBic,
  isValidCzDic,
  isValidCzechAccount,
  isValidDic,
  isValidIco,
  isValidVatId,
  normalizeIban,
  normalizeIco,
  normalizeVatId,
  parseBirthNumber,
  parseCzechAccount,
} from './identifiers/index.ts';
export { drawBarcode } from './labels/render.ts';
export { type AboFile, type AboGroup, type AboOrder, type AboPayment, aboFile, aboOrder } from './lib/abo.ts';
export { isUuid, newId } from './lib/ids.ts';
export {
  type IsdocParty,
  isdocEl,
  isdocEscape,
  isdocParty,
  isdocPaymentMeans,
  isdocSplitStreet,
} from './lib/isdoc.ts';
export { formatMoney, minorDigits, parseMoney, roundHalfAway } from './lib/money.ts';
export {
  type CreditTransfer,
  type CreditTransferBatch,
  type CreditTransferBatchOrder,
  type CreditTransferOrder,
  creditTransferBatchesXml,
  creditTransferXml,
  sepaLatin,
} from './lib/pain001.ts';
export { createPdf } from './lib/pdf.ts';
export { parseCsvRows } from './lists/csv.ts';
export { type ListSpec, listAll, listPage, searchFilter } from './lists/page.ts';
export {
  type ListFormat,
  type ListInput,
  type ListPage,
  listPageSchema,
  listQuery,
  listResponse,
} from './lists/query.ts';
export { type ExportColumn, exportTable, type ListExport, sendList, tableFile, XLSX_TYPE } from './lists/send.ts';
export { type Table, toCsv, toXlsx } from './lists/table.ts';
export { sendMail } from './mail/localized.ts';
export type { MailAttachment } from './mail/mailer.ts';
export { OUTSIDE_MAIL_EVENT, type OutsideMail } from './mail/outside.ts';
export {
  CHANNELS,
  type Channel,
  DEFAULT_CHANNEL,
  type NotificationInput,
  type NotifyResult,
  SEVERITIES,
  type Severity,
} from './notifications/define.ts';
export {
  addPartyRoles,
  createParty,
  deleteParty,
  ensureParty,
  findParties,
  getParty,
  type ImportedParty,
  importParties,
  PARTIES_MANAGE,
  PARTIES_READ,
  PARTY_EVENTS,
  PARTY_ROLES,
  type Party,
  type PartyAddress,
  type PartyBankAccount,
  type PartyContact,
  type PartyInput,
  type PartyPatch,
  type PartySearch,
  updateParty,
} from './parties/index.ts';
export { pdfText } from './pdf-text.ts';
export {
  type AuditEntry,
  type BureauEvent,
  type BureauPlugin,
  definePlugin,
  type LocalizedText,
  type PluginContext,
  type PluginDefinition,
  type PluginRouter,
  type ServiceRef,
  serviceRef,
} from './plugins/define-plugin.ts';
export { type DemoLogin, type DemoOptions, type DemoResult, seedDemo } from './plugins/demo.ts';
export { moduleTitle } from './plugins/titles.ts';
export {
  type CompanyBankAccount,
  type CompanyProfile,
  payToAccount,
  profileAddressLines,
  readCompanyLogo,
  readCompanyProfile,
} from './profile/index.ts';
export type { ProviderTeam } from './providers/client-teams.ts';
export {
  type ClassRecordQuery,
  idsOrNone,
  onlyTriggered,
  pragueDay,
  yearEnd,
} from './records/class-helpers.ts';
export type {
  ClassRecord,
  DataSubject,
  DisposalAction,
  PersonalDataItem,
  PluginPersonalData,
  RecordClass,
} from './records/classes.ts';
export type { EntityRecords, PluginRecords } from './records/declarations.ts';
export { type RetentionTrigger, STATUTES, STATUTES_VERSION, type Statute } from './records/statutes.ts';
export { fileStorage, type RecordStorage, recordStorage, setRecordStorage } from './records/storage.ts';
export type { Clock, Runtime } from './runtime.ts';
export type {
  PlatformSchedule,
  ScheduleContext,
  ScheduleDefinition,
  ScheduleRunInfo,
} from './schedules/define.ts';
export {
  type RunReport,
  SCHEDULES_QUEUE,
  type ScheduleOptions,
  type Scheduler,
  type ScheduleStats,
} from './schedules/runner.ts';
export { grants } from './tenancy/permissions.ts';
export { templateDataDir, templatePostgres } from './test-templates.ts';
export {
  createTestBureau,
  createTestDatabase,
  type SignupOptions,
  type TestBureau,
  type TestDatabase,
  type TestUser,
} from './testing.ts';
export {
  defineWorkflow,
  type GuardResult,
  type TransitionRun,
  type WorkflowDefinition,
  type WorkflowState,
  type WorkflowTransition,
} from './workflows/define-workflow.ts';
export type {
  HistoryEntry,
  StateView,
  TransitionOptions,
  TransitionResult,
  TransitionView,
  WorkflowView,
} from './workflows/engine.ts';
export type { WorkflowHandle } from './workflows/handle.ts';
export { type WorkflowRouteOptions, WorkflowViewSchema, workflowRoutes } from './workflows/routes.ts';
