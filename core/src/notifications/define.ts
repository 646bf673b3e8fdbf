import type { Message, Params } from '../i18n/messages.ts';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHANNELS = ['inapp', 'email', 'off'] as const;
/** `inapp`: the inbox only; `email`: the inbox and an e-mail; `off`: nothing. */
export type Channel = (typeof CHANNELS)[number];

/** What a user gets until they choose otherwise. */
export const DEFAULT_CHANNEL: Record<Severity, Channel> = { info: 'inapp', warning: 'inapp', critical: 'email' };

/**
 * A notification as a plugin sends it (`ctx.notify`). Title and body are declared messages, stored as
 * their keys with `params`, so each reader sees them in their own language.
 */
export interface NotificationInput {
  /** User ids (members of this tenant), or everyone in the tenant who holds a permission. */
  to: readonly string[] | { permission: string };
  title: Message;
  body?: Message;
  /** Values for the title's and body's placeholders (JSON: strings, numbers, `{ en, cs }` pairs, lists). */
  params?: Params;
  /** A path inside the tenant's app, e.g. `/medical/results/<id>`. */
  link?: string;
  /** Default `info`. */
  severity?: Severity;
  /** A category the plugin declares under `notifications` (`<plugin>.<name>`), which users may tune separately. */
  category?: string;
}

export interface NotifyResult {
  /** The inbox entries written (one per recipient who has not turned this kind off). */
  ids: string[];
  /** Recipients resolved (before preferences). */
  recipients: number;
  /** Of the entries, how many will also be e-mailed after commit. */
  emailed: number;
}

/** `severity:<s>` for a severity, the category key for a category. */
export const severityTopic = (s: Severity) => `severity:${s}`;
