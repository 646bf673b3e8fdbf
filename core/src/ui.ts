/**
 * @bureau/core/ui — the web side of core: what plugin panels and the shell import.
 * Browser code only: nothing here may import server code (db, http, auth).
 */
import './ui/kit.css';

export {
  ApiError,
  apiFetch,
  type FieldError,
  languageHeaders,
  type OkBody,
  type PluginClient,
  type ProblemBody,
  pluginClient,
  readResponse,
  unwrap,
} from './ui/api.ts';
export { type AttachmentInfo, Attachments } from './ui/attachments.tsx';
export { type AuditEntry, AuditTrail, useAuditActor } from './ui/audit-trail.tsx';
export {
  Async,
  AsyncTable,
  Badge,
  Button,
  type ButtonVariant,
  Card,
  type Column,
  ConfirmDialog,
  DataTable,
  DateText,
  EmptyState,
  ErrorState,
  Field,
  type FieldProps,
  FormError,
  LoadingState,
  Money,
  notify,
  PageHeader,
  problemMessage,
  SelectField,
  Spinner,
  StackedCell,
  ToastRegion,
  Toggle,
} from './ui/components.tsx';
export { DetailPage, type DetailTab } from './ui/detail.tsx';
export { type BoundField, createForm, type FormState, type IssueMessage, type SchemaIssue } from './ui/form.ts';
export { Form } from './ui/form-block.tsx';
export {
  businessToday,
  currencyDigits,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatRelative,
} from './ui/format.ts';
export {
  browserLocale,
  createI18n,
  type Dictionaries,
  type I18n,
  I18nProvider,
  type Messages,
  type Params,
  useI18n,
  useMessages,
} from './ui/i18n.tsx';
export { DateInput, describedBy, FieldFrame, MoneyInput, NumberInput } from './ui/inputs.tsx';
export { useIssueMessage } from './ui/issue-messages.ts';
export { type LabelItem, PrintLabels } from './ui/labels.tsx';
export {
  type ListColumn,
  type ListFilter,
  type ListPage,
  type ListQuery,
  ResourceList,
  Segmented,
} from './ui/list.tsx';
export { formatDateInput, formatDecimalInput, parseDateInput, parseDecimal } from './ui/locale-input.ts';
export { Modal } from './ui/modal.tsx';
export { type CalendarEntry, MonthCalendar, monthDays, shiftMonth } from './ui/month-calendar.tsx';
export { type AddressBookParty, PartyPicker } from './ui/party-picker.tsx';
export { createScanDetector, type ScanDetector, type ScanOptions } from './ui/scan.ts';
export { ScanInput, useGlobalScan } from './ui/scan-input.tsx';
export { defineStatuses, StatusBadge, type StatusMap, statusOptions, type Tone } from './ui/status.tsx';
export { type CurrentTenant, grants, type TenantContextValue, TenantProvider, useTenant } from './ui/tenant.tsx';
export {
  definePluginUi,
  LOCALES,
  type Locale,
  type LocalizedText,
  type PluginNavItem,
  type PluginRoute,
  type PluginUi,
  type PluginUiDefinition,
  type PluginWidget,
} from './ui/types.ts';
export {
  type WorkflowHistoryEntry,
  WorkflowPanel,
  type WorkflowStateView,
  type WorkflowTransitionView,
  type WorkflowViewData,
} from './ui/workflow.tsx';
