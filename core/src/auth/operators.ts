import type { SessionUser } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import { isEmailVerified } from './email-verification.ts';
import { sm } from './messages.ts';
import { hasSecondFactor } from './second-factor.ts';

/**
 * Platform operator: the signed-in account's address is listed in BUREAU_OPERATORS AND the account
 * proved it owns that address (issue 11, item 1) AND, unless BUREAU_OPERATOR_2FA=optional, it has
 * two-step sign-in on (every live session of such an account passed it: turning it on ends the
 * others). Read from the database on every request, so a listed address someone registered without
 * access to its mailbox never gains operator rights.
 */
export async function isPlatformOperator(runtime: Pick<Runtime, 'config' | 'db'>, user: SessionUser): Promise<boolean> {
  if (!runtime.config.operators.includes(user.email.toLowerCase())) return false;
  if (!(await isEmailVerified(runtime.db, user.id))) return false;
  if (runtime.config.operatorSecondFactor === 'optional') return true;
  if (await hasSecondFactor(runtime.db, user.id)) return true;
  throw new Problem(403, 'second_factor_required', sm.operator_needs_totp);
}
