/** Notifications: `ctx.notify`, the per-user inbox and e-mail after commit, per-user preferences. */
export {
  CHANNELS,
  type Channel,
  DEFAULT_CHANNEL,
  type NotificationInput,
  type NotifyResult,
  SEVERITIES,
  type Severity,
} from './define.ts';
export { NOTIFICATION_MAIL_EVENT } from './notify.ts';
