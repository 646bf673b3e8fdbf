import type { Kysely } from 'kysely';
import { creatorPath } from '../auth/token-access.ts';
import { hashSecret, randomSecret } from '../auth/tokens.ts';
import type { TenantInfo } from '../http/env.ts';
import { conflict, Problem } from '../http/problem.ts';
import { isLocale } from '../i18n/locale.ts';
import { newId } from '../lib/ids.ts';
import { sendMail } from '../mail/localized.ts';
import type { Runtime } from '../runtime.ts';
import { roleGrants } from './access.ts';
import { tm } from './messages.ts';
import { isSubset } from './permissions.ts';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(
  row: { accepted_at: unknown; revoked_at: unknown; expires_at: Date | string },
  now: Date,
): InvitationStatus {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return new Date(row.expires_at) <= now ? 'expired' : 'pending';
}

/** Creates an invitation in the tenant transaction, mails the link and returns it (shown to the admin once). */
export async function createInvitation(
  runtime: Runtime,
  db: Kysely<any>,
  tenant: TenantInfo,
  input: {
    email: string;
    role: string;
    invitedBy: string | null;
    engagementId?: string | null;
    /**
     * False for the founding owner of a tenant a provider created: the provider's person is named in
     * the mail but is no member whose path the acceptance could re-check.
     */
    recordInviter?: boolean;
  },
) {
  const member = await db
    .selectFrom('core.memberships as m')
    .innerJoin('core.users as u', 'u.id', 'm.user_id')
    .select('m.id')
    .where('m.tenant_id', '=', tenant.id)
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', input.email))
    .executeTakeFirst();
  if (member) throw conflict('already_member', tm.already_member);
  const now = runtime.clock.now();
  // A new invitation replaces a pending one for the same address.
  await db
    .updateTable('core.invitations')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenant.id)
    .where('email', '=', input.email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  const token = randomSecret();
  const id = newId();
  const expiresAt = new Date(now.getTime() + runtime.config.invitationDays * 86_400_000);
  await db
    .insertInto('core.invitations')
    .values({
      tenant_id: tenant.id,
      id,
      email: input.email,
      role: input.role,
      token_hash: hashSecret(token),
      invited_by: input.recordInviter === false ? null : input.invitedBy,
      engagement_id: input.engagementId ?? null,
      expires_at: expiresAt,
    })
    .execute();
  const link = `${runtime.config.publicUrl}/invite?token=${token}`;
  // In the invitee's language when they have an account, else in the firm's.
  const people = await db
    .selectFrom('core.users')
    .select(['id', 'email', 'name', 'locale'])
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()),
        ...(input.invitedBy ? [eb('id', '=', input.invitedBy)] : []),
      ]),
    )
    .execute();
  const invitee = people.find((u) => u.email.toLowerCase() === input.email.toLowerCase());
  const inviter = people.find((u) => u.id === input.invitedBy);
  await sendMail(runtime, {
    to: input.email,
    locale: isLocale(invitee?.locale) ? invitee.locale : isLocale(tenant.locale) ? tenant.locale : 'en',
    subject: tm.invitation_mail_subject,
    text: tm.invitation_mail_text,
    params: { tenant: tenant.name, inviter: inviter?.name || tenant.name, days: runtime.config.invitationDays, link },
  });
  return {
    id,
    email: input.email,
    role: input.role,
    expiresAt: expiresAt.toISOString(),
    status: 'pending' as const,
    link,
  };
}

/** Finds a pending invitation by its secret, across tenants (the invitee is not a member yet). */
export async function findInvitation(runtime: Runtime, token: string) {
  if (token.length > 200) return null;
  return runtime.db
    .selectFrom('core.invitations as i')
    .innerJoin('core.tenants as t', 't.id', 'i.tenant_id')
    .select([
      'i.id',
      'i.tenant_id',
      'i.email',
      'i.role',
      'i.expires_at',
      'i.accepted_at',
      'i.revoked_at',
      'i.invited_by',
      'i.engagement_id',
      't.name',
      't.slug',
    ])
    .where('i.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
}

/** Marks the invitation used and adds the membership, once; a second use is refused. */
export async function acceptInvitation(runtime: Runtime, token: string, userId: string, userEmail: string) {
  const inv = await findInvitation(runtime, token);
  const now = runtime.clock.now();
  if (!inv || invitationStatus(inv, now) !== 'pending') {
    throw new Problem(404, 'invitation_invalid', tm.invitation_invalid);
  }
  if (inv.email.toLowerCase() !== userEmail.toLowerCase()) {
    throw conflict('email_mismatch', tm.email_mismatch, { email: inv.email });
  }
  // The inviter's path is re-checked now (issue 11, items 2 and 3): an invitation made by provider
  // staff dies with the engagement, and one whose role exceeds what its inviter holds today (removed,
  // demoted) does nothing.
  const path = await creatorPath(runtime, inv.tenant_id, {
    created_by: inv.invited_by,
    engagement_id: inv.engagement_id,
  });
  const roleGrantsNow = await roleGrants(runtime, runtime.db, inv.tenant_id, inv.role);
  if (!path || !isSubset(roleGrantsNow, path.grants)) {
    await runtime.db
      .updateTable('core.invitations')
      .set({ revoked_at: now })
      .where('tenant_id', '=', inv.tenant_id)
      .where('id', '=', inv.id)
      .where('accepted_at', 'is', null)
      .execute();
    throw new Problem(404, 'invitation_invalid', tm.invitation_invalid);
  }
  await runtime.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('core.invitations')
      .set({ accepted_at: now, accepted_by: userId })
      .where('tenant_id', '=', inv.tenant_id)
      .where('id', '=', inv.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!used) throw new Problem(404, 'invitation_invalid', tm.invitation_invalid);
    const existing = await trx
      .selectFrom('core.memberships')
      .select('id')
      .where('tenant_id', '=', inv.tenant_id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto('core.memberships')
        .values({ tenant_id: inv.tenant_id, id: newId(), user_id: userId, role: inv.role })
        .execute();
    }
  });
  return { tenant: { id: inv.tenant_id, slug: inv.slug, name: inv.name }, role: inv.role };
}
