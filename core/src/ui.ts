/**
 * @bureau/core/ui — the web side of core: what plugin panels and the shell import.
 * Browser code only: nothing here may import server code (db, http, auth).
 */
import './ui/kit.css';

export {
  ApiError,
  apiFetch,
  type FieldError,
  type OkBody,
  type PluginClient,
  type ProblemBody,
  pluginClient,
  readResponse,
  unwrap,
} from './ui/api.ts';
export { type AttachmentInfo, Attachments } from './ui/attachments.tsx';
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
export { createForm, type FormState } from './ui/form.ts';
export { currencyDigits, formatDate, formatDateTime, formatMoney, formatNumber, formatRelative } from './ui/format.ts';
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
