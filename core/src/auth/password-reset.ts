import type { Kysely } from 'kysely';
import { Problem } from '../http/problem.ts';
import { isLocale } from '../i18n/locale.ts';
import { sendMail } from '../mail/localized.ts';
import type { Clock, Runtime } from '../runtime.ts';
import { am } from '../tenancy/messages.ts';
import { findUserByEmail } from '../tenancy/signup.ts';
import { hashPassword } from './passwords.ts';
import { hashSecret, randomSecret } from './tokens.ts';

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Queues the reset: the request only records the address (the same work whether or not it has an
 * account, so neither the answer nor its timing tells), and the job looks it up after the response.
 */
export async function requestPasswordReset(runtime: Runtime, email: string): Promise<void> {
  await runtime.mailQueue.enqueue('password_reset', { email });
}

/** The queued job: mails a reset link when the account exists; nothing otherwise. */
export async function mailPasswordReset(runtime: Runtime, payload: Record<string, unknown>): Promise<void> {
  const user = await findUserByEmail(runtime.db, String(payload.email));
  if (!user) return;
  const token = randomSecret();
  await runtime.db
    .insertInto('core.password_resets')
    .values({
      token_hash: hashSecret(token),
      user_id: user.id,
      expires_at: new Date(runtime.clock.now().getTime() + RESET_TTL_MS),
    })
    .execute();
  const link = `${runtime.config.publicUrl}/reset-password?token=${token}`;
  await sendMail(runtime, {
    to: user.email,
    locale: isLocale(user.locale) ? user.locale : 'en',
    subject: am.reset_mail_subject,
    text: am.reset_mail_text,
    params: { link },
  });
}

/**
 * Stores a new password hash and voids every reset link still pending for the account (issue 11,
 * item 6): a link mailed before the change, perhaps to a mailbox an attacker reads, dies with it.
 */
export async function setPassword(
  runtime: { db: Kysely<any>; clock: Clock },
  userId: string,
  passwordHash: string,
): Promise<void> {
  await runtime.db.updateTable('core.users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  await runtime.db
    .updateTable('core.password_resets')
    .set({ used_at: runtime.clock.now() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Uses a reset token once: sets the password and ends every session. Returns the user id. */
export async function confirmPasswordReset(runtime: Runtime, token: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  const userId = await runtime.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('core.password_resets')
      .set({ used_at: runtime.clock.now() })
      .where('token_hash', '=', hashSecret(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', runtime.clock.now())
      .returning('user_id')
      .executeTakeFirst();
    if (!row) return null;
    await setPassword({ db: trx, clock: runtime.clock }, row.user_id, passwordHash);
    return row.user_id as string;
  });
  if (!userId) throw new Problem(400, 'invalid_token', am.reset_invalid);
  await runtime.lucia.invalidateUserSessions(userId);
  return userId;
}
