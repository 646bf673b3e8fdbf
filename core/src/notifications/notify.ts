import type { Kysely } from 'kysely';
import { writeEvent } from '../events/outbox.ts';
import { messageById } from '../i18n/messages.ts';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';
import { type Channel, DEFAULT_CHANNEL, type NotificationInput, type NotifyResult, SEVERITIES } from './define.ts';
import { channelsFor } from './preferences.ts';
import { resolveRecipients } from './recipients.ts';

/** The outbox event that mails a batch of notifications after the sending transaction committed. */
export const NOTIFICATION_MAIL_EVENT = 'core.notification.mail';

const LINK = /^\/(?!\/)[^\s\\]{0,499}$/;

/** Refuses a call that is a programming error of the calling plugin (not the user's input). */
function checkInput(runtime: Runtime, n: NotificationInput): void {
  if (!n.title?.id || messageById(n.title.id) !== n.title)
    throw new Error('notify: title must be a message declared with defineMessages');
  if (n.body && messageById(n.body.id) !== n.body)
    throw new Error('notify: body must be a message declared with defineMessages');
  if (n.severity !== undefined && !SEVERITIES.includes(n.severity))
    throw new Error(`notify: severity must be one of ${SEVERITIES.join(', ')}`);
  if (n.link !== undefined && !LINK.test(n.link))
    throw new Error('notify: link must be a path inside the app, starting with a single "/"');
  if (n.category !== undefined && !declaredCategories(runtime).has(n.category))
    throw new Error(`notify: category "${n.category}" is not declared by any plugin's \`notifications\``);
}

/** Every category declared by an installed plugin, with its label. */
export function declaredCategories(runtime: Pick<Runtime, 'plugins'>) {
  return new Map(runtime.plugins.flatMap((p) => Object.entries(p.notifications ?? {})));
}

/**
 * Sends a notification in the caller's tenant transaction: resolves the recipients, applies each
 * one's preference (category, else severity, else the default), writes one inbox entry per
 * recipient who has not turned it off and, for those who want e-mail, one outbox event that mails
 * them after commit (never inside the request). A refusal writes nothing.
 */
export async function notify(
  runtime: Runtime,
  db: Kysely<any>,
  tenantId: string,
  input: NotificationInput,
): Promise<NotifyResult> {
  checkInput(runtime, input);
  const severity = input.severity ?? 'info';
  const users = await resolveRecipients(runtime, db, tenantId, input.to);
  const channels = await channelsFor(db, tenantId, users, severity, input.category ?? null);
  const now = runtime.clock.now();
  // Bigints as numbers, so ICU plurals still apply; dates as ISO strings.
  const params = JSON.stringify(input.params ?? {}, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  const rows = users
    .map((userId) => ({ userId, channel: channels.get(userId) ?? (DEFAULT_CHANNEL[severity] as Channel) }))
    .filter((r) => r.channel !== 'off')
    .map((r) => ({
      tenant_id: tenantId,
      id: newId(),
      user_id: r.userId,
      severity,
      category: input.category ?? null,
      title_key: input.title.id,
      body_key: input.body?.id ?? null,
      params,
      link: input.link ?? null,
      created_at: now,
      email: r.channel === 'email' ? 'pending' : 'none',
    }));
  if (rows.length) await db.insertInto('core.notifications').values(rows).execute();
  const mailed = rows.filter((r) => r.email === 'pending').map((r) => r.id);
  if (mailed.length)
    await writeEvent(db, { tenantId, type: NOTIFICATION_MAIL_EVENT, payload: { ids: mailed }, occurredAt: now });
  return { ids: rows.map((r) => r.id), recipients: users.length, emailed: mailed.length };
}
