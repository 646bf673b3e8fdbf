import type { SessionUser } from '../http/env.ts';
import type { Runtime } from '../runtime.ts';
import { isEmailVerified } from './email-verification.ts';

/**
 * Platform operator: the signed-in account's address is listed in BUREAU_OPERATORS AND the account
 * proved it owns that address (issue 11, item 1). Read from the database on every request, so a
 * listed address someone registered without access to its mailbox never gains operator rights.
 */
export async function isPlatformOperator(runtime: Pick<Runtime, 'config' | 'db'>, user: SessionUser): Promise<boolean> {
  if (!runtime.config.operators.includes(user.email.toLowerCase())) return false;
  return isEmailVerified(runtime.db, user.id);
}
