import type { Kysely } from 'kysely';
import { Problem } from '../http/problem.ts';
import { isLocale } from '../i18n/locale.ts';
import { sendMail } from '../mail/localized.ts';
import type { Runtime } from '../runtime.ts';
import { sm } from './messages.ts';
import { hashSecret, randomSecret } from './tokens.ts';

export const VERIFY_TTL_HOURS = 48;

/**
 * Queues the confirmation mail (sent after the response, mail/queue.ts). Earlier unused links of
 * the user stay valid until they expire (a resend must not break a link already in the inbox).
 */
export async function sendEmailVerification(runtime: Runtime, user: { id: string }): Promise<void> {
  await runtime.mailQueue.enqueue('verify_email', { userId: user.id });
}

/** The queued job: mails a single-use link proving the account owns its address (unless it already did). */
export async function mailEmailVerification(runtime: Runtime, payload: Record<string, unknown>): Promise<void> {
  const user = await runtime.db
    .selectFrom('core.users')
    .select(['id', 'email', 'name', 'locale', 'email_verified_at'])
    .where('id', '=', String(payload.userId))
    .executeTakeFirst();
  if (!user || user.email_verified_at) return;
  const token = randomSecret();
  const now = runtime.clock.now();
  await runtime.db
    .insertInto('core.email_verifications')
    .values({
      token_hash: hashSecret(token),
      user_id: user.id,
      email: user.email.toLowerCase(),
      expires_at: new Date(now.getTime() + VERIFY_TTL_HOURS * 3_600_000),
      created_at: now,
    })
    .execute();
  await sendMail(runtime, {
    to: user.email,
    locale: isLocale(user.locale) ? user.locale : 'en',
    subject: sm.verify_mail_subject,
    text: sm.verify_mail_text,
    params: {
      name: user.name,
      email: user.email,
      hours: VERIFY_TTL_HOURS,
      link: `${runtime.config.publicUrl}/verify-email?token=${token}`,
    },
  });
}

/**
 * Uses a verification token once: marks the account verified when the link was sent to its current
 * address. Returns the user's id and address.
 */
export async function confirmEmailVerification(
  runtime: Runtime,
  token: string,
): Promise<{ userId: string; email: string }> {
  const now = runtime.clock.now();
  const result = await runtime.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('core.email_verifications')
      .set({ used_at: now })
      .where('token_hash', '=', hashSecret(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id', 'email'])
      .executeTakeFirst();
    if (!row) return null;
    const user = await trx
      .updateTable('core.users')
      .set((eb) => ({ email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(now)) }))
      .where('id', '=', row.user_id)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', row.email))
      .returning(['id', 'email'])
      .executeTakeFirst();
    return user ? { userId: user.id as string, email: user.email as string } : null;
  });
  if (!result) throw new Problem(400, 'invalid_token', sm.verify_invalid);
  return result;
}

/** Whether the account proved it owns its address. */
export async function isEmailVerified(db: Kysely<any>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('core.users').select('email_verified_at').where('id', '=', userId).executeTakeFirst();
  return !!row?.email_verified_at;
}

/** 403 `email_unverified` unless the account is verified. */
export async function requireVerifiedEmail(db: Kysely<any>, userId: string): Promise<void> {
  if (!(await isEmailVerified(db, userId))) throw new Problem(403, 'email_unverified', sm.email_unverified);
}
