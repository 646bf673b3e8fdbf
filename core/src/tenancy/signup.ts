import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import type { TenantInfo } from '../http/env.ts';
import { fieldError, Problem } from '../http/problem.ts';
import { newId } from '../lib/ids.ts';
import { tm } from './messages.ts';

export interface NewTenant {
  name: string;
  slug: string;
  kind: 'company' | 'provider';
  country: string;
  currency: string;
  locale: 'en' | 'cs';
}

export async function slugTaken(db: Kysely<any>, slug: string): Promise<boolean> {
  return !!(await db.selectFrom('core.tenants').select('id').where('slug', '=', slug).executeTakeFirst());
}

export const slugTakenProblem = () =>
  new Problem(409, 'slug_taken', tm.slug_taken, {
    extra: { field: 'tenant.slug' },
    errors: [fieldError('tenant.slug', tm.slug_taken)],
  });

/** Inserts a tenant; a taken slug is a 409 `slug_taken`. Runs in the caller's (privileged) transaction. */
export async function insertTenant(trx: Kysely<any>, t: NewTenant): Promise<string> {
  if (await slugTaken(trx, t.slug)) throw slugTakenProblem();
  const id = newId();
  await trx
    .insertInto('core.tenants')
    .values({
      id,
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      country: t.country,
      currency: t.currency,
      locale: t.locale,
    })
    .execute();
  return id;
}

export async function insertMembership(trx: Kysely<any>, tenantId: string, userId: string, role: string) {
  await trx
    .insertInto('core.memberships')
    .values({ tenant_id: tenantId, id: newId(), user_id: userId, role })
    .execute();
}

export async function findUserByEmail(db: Kysely<any>, email: string) {
  return db
    .selectFrom('core.users')
    .select(['id', 'email', 'name', 'locale', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** Inserts a user; a taken e-mail is a 409 `email_taken`. */
export async function insertUser(
  trx: Kysely<any>,
  u: { email: string; name: string; passwordHash: string; locale: 'en' | 'cs' },
): Promise<string> {
  if (await findUserByEmail(trx, u.email))
    throw new Problem(409, 'email_taken', tm.email_taken, {
      extra: { field: 'email' },
      errors: [fieldError('email', tm.email_taken)],
    });
  const id = newId();
  await trx
    .insertInto('core.users')
    .values({ id, email: u.email.toLowerCase(), name: u.name, locale: u.locale, password_hash: u.passwordHash })
    .execute();
  return id;
}

/** Sign-up: user, tenant and owner membership in one transaction. */
export async function signup(
  db: Kysely<any>,
  input: { email: string; password: string; name: string; locale: 'en' | 'cs'; tenant: NewTenant },
  onTenantCreated: (trx: Kysely<any>, tenant: TenantInfo) => Promise<void> = async () => {},
): Promise<{ userId: string; tenantId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, { ...input, passwordHash });
    const tenantId = await insertTenant(trx, input.tenant);
    await insertMembership(trx, tenantId, userId, 'owner');
    await onTenantCreated(trx, { id: tenantId, status: 'active', ...input.tenant });
    return { userId, tenantId };
  });
}
