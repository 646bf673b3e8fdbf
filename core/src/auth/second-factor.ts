import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import { Problem } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import { sm } from './messages.ts';
import { hashSecret, randomSecret } from './tokens.ts';
import { matchTotp, newTotpKey, otpauthUri, totpKeyBase32 } from './totp.ts';

/** Recovery codes issued at enrolment: each signs in once instead of a code from the app. */
export const RECOVERY_CODES = 10;

export interface SecondFactorStatus {
  enabled: boolean;
  /** Unused recovery codes (0 when not enabled). */
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(db: Kysely<any>, userId: string): Promise<SecondFactorStatus> {
  const row = await db
    .selectFrom('core.user_totp')
    .select('enabled_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row?.enabled_at) return { enabled: false, recoveryCodesLeft: 0 };
  const left = await db
    .selectFrom('core.user_recovery_codes')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return { enabled: true, recoveryCodesLeft: Number(left?.n ?? 0) };
}

export async function hasSecondFactor(db: Kysely<any>, userId: string): Promise<boolean> {
  return (await secondFactorStatus(db, userId)).enabled;
}

/**
 * Starts enrolment: a new secret, pending until `confirmEnrolment` sees a code made from it.
 * Returns what the authenticator app needs: the otpauth URI, its QR code (SVG) and the key typed.
 */
export async function startEnrolment(runtime: Runtime, user: { id: string; email: string }) {
  if (await hasSecondFactor(runtime.db, user.id))
    throw new Problem(409, 'second_factor_enabled', sm.totp_already_enabled);
  const key = newTotpKey();
  const secret = totpKeyBase32(key);
  await runtime.db
    .insertInto('core.user_totp')
    .values({ user_id: user.id, secret, enabled_at: null, last_step: null, created_at: runtime.clock.now() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, enabled_at: null, last_step: null }))
    .execute();
  const uri = otpauthUri(key, user.email);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, uri, qrSvg };
}

function newRecoveryCode(): string {
  const s = randomSecret(10).slice(0, 10);
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

const normalizeRecovery = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Confirms enrolment with a first code; returns the recovery codes (shown once, stored hashed). */
export async function confirmEnrolment(runtime: Runtime, userId: string, code: string): Promise<string[]> {
  const row = await runtime.db
    .selectFrom('core.user_totp')
    .select(['secret', 'enabled_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new Problem(409, 'second_factor_not_started', sm.totp_not_started);
  if (row.enabled_at) throw new Problem(409, 'second_factor_enabled', sm.totp_already_enabled);
  const step = matchTotp(decodeBase32IgnorePadding(row.secret), code.trim(), runtime.clock.now().getTime());
  if (step === null) throw new Problem(400, 'second_factor_invalid', sm.totp_invalid);
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await runtime.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('core.user_totp')
      .set({ enabled_at: runtime.clock.now(), last_step: step })
      .where('user_id', '=', userId)
      .execute();
    await trx.deleteFrom('core.user_recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('core.user_recovery_codes')
      .values(codes.map((c) => ({ user_id: userId, code_hash: hashSecret(normalizeRecovery(c)), used_at: null })))
      .execute();
  });
  return codes;
}

/**
 * Checks a second-factor code at sign-in (or before a sensitive change): a TOTP code of a step
 * after the last one used (each code works once), or an unused recovery code (then used up).
 */
export async function verifySecondFactor(runtime: Runtime, userId: string, code: string): Promise<boolean> {
  const row = await runtime.db
    .selectFrom('core.user_totp')
    .select(['secret', 'enabled_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row?.enabled_at) return false;
  const trimmed = code.trim();
  const step = matchTotp(decodeBase32IgnorePadding(row.secret), trimmed, runtime.clock.now().getTime());
  if (step !== null) {
    // Atomic: of two requests with the same code, one wins.
    const used = await runtime.db
      .updateTable('core.user_totp')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', sql.lit(step))]))
      .executeTakeFirst();
    return Number(used.numUpdatedRows) === 1;
  }
  const recovery = await runtime.db
    .updateTable('core.user_recovery_codes')
    .set({ used_at: runtime.clock.now() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashSecret(normalizeRecovery(trimmed)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(recovery.numUpdatedRows) === 1;
}

/** Removes the factor and its recovery codes. */
export async function disableSecondFactor(db: Kysely<any>, userId: string): Promise<void> {
  await db.deleteFrom('core.user_recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('core.user_totp').where('user_id', '=', userId).execute();
}
