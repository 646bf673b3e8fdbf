import { withTenant } from '../db/with-tenant.ts';
import type { TenantInfo } from '../http/env.ts';
import { isLocale } from '../i18n/locale.ts';
import { sendMail } from '../mail/localized.ts';
import type { BureauEvent } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import { nm } from './messages.ts';
import { renderKey } from './render.ts';

/**
 * Mails the notifications of one outbox event (`core.notification.mail`), after the transaction that
 * wrote them committed. Each entry still `pending` is sent in its recipient's language and then
 * marked `sent`, one at a time, so a retry after a failure sends only what is left. Nothing is sent
 * while a database transaction is open (the embedded database would wait on the mail server).
 */
export async function mailNotifications(runtime: Runtime, tenant: TenantInfo, event: BureauEvent): Promise<number> {
  const ids = ((event.payload as { ids?: unknown })?.ids ?? []) as string[];
  if (!Array.isArray(ids) || !ids.length) return 0;
  const pending = await withTenant(runtime.db, tenant.id, (trx) =>
    trx
      .selectFrom('core.notifications as n')
      .innerJoin('core.users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.title_key', 'n.body_key', 'n.params', 'n.link', 'u.email', 'u.locale'])
      .where('n.tenant_id', '=', tenant.id)
      .where('n.id', 'in', ids)
      .where('n.email', '=', 'pending')
      .orderBy('n.id')
      .execute(),
  );
  const base = `${runtime.config.publicUrl}/t/${tenant.slug}`;
  let sent = 0;
  for (const n of pending) {
    const locale = isLocale(n.locale) ? n.locale : isLocale(tenant.locale) ? tenant.locale : 'en';
    const title = renderKey(locale, n.title_key, n.params);
    const body = n.body_key ? renderKey(locale, n.body_key, n.params) : '';
    await sendMail(runtime, {
      to: n.email,
      locale,
      subject: nm.mail_subject,
      text: nm.mail_text,
      params: {
        firm: tenant.name,
        title,
        body,
        link: `${base}${n.link ?? '/inbox'}`,
        settings: `${base}/inbox?tab=settings`,
      },
    });
    await withTenant(runtime.db, tenant.id, (trx) =>
      trx
        .updateTable('core.notifications')
        .set({ email: 'sent', emailed_at: runtime.clock.now() })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', n.id)
        .execute(),
    );
    sent++;
  }
  return sent;
}
