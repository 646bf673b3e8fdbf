import { getParty, isLocale, type Locale, newId, type PluginContext } from '@bureau/core';
import { m } from '../messages.ts';
import type { Test } from './catalogue.ts';

export type NoticeKind = 'rejected' | 'critical';

/** The clinic party's address: its own e-mail, else its first contact's. */
const addressOf = (party: { email: string | null; contacts: { email: string | null }[] }) =>
  party.email ?? party.contacts.find((c) => c.email)?.email ?? null;

/**
 * The clinic's language: parties hold none, so a Czech or Slovak clinic reads Czech, a clinic in
 * another country than the lab English, and one in the lab's own country the lab's language.
 */
function localeOf(ctx: PluginContext, country: string): Locale {
  if (country === 'CZ' || country === 'SK') return 'cs';
  if (country !== ctx.tenant.country) return 'en';
  return isLocale(ctx.tenant.locale) ? ctx.tenant.locale : 'en';
}

/**
 * Tells the ordering clinic (a party of the address book, not a tenant) of a rejected specimen or a
 * critical value: an e-mail to the party's address after commit (core's outbox), without the
 * patient's name — the lab, the order number, the barcode, the test or the reason, and a request to
 * call the lab back; recorded on the order's history. A clinic without an address gets no e-mail:
 * the history says "call" instead.
 */
export async function noticeClinic(
  ctx: PluginContext,
  kind: NoticeKind,
  about: {
    orderId: string;
    specimenId: string;
    resultId?: string;
    test?: Pick<Test, 'code' | 'name'>;
    reason?: string;
  },
): Promise<void> {
  const { db, tenant } = ctx;
  const order = await db
    .selectFrom('medical.orders as o')
    .innerJoin('medical.specimens as s', (j) =>
      j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.order_id', '=', 'o.id'),
    )
    .select(['o.number', 'o.clinic_party_id', 's.barcode'])
    .where('o.tenant_id', '=', tenant.id)
    .where('o.id', '=', about.orderId)
    .where('s.id', '=', about.specimenId)
    .executeTakeFirstOrThrow();
  const party = order.clinic_party_id ? await getParty(ctx, order.clinic_party_id) : null;
  const to = party ? addressOf(party) : null;
  const locale = party ? localeOf(ctx, party.country) : null;
  if (to && locale) {
    const params = {
      lab: tenant.name,
      order: order.number,
      barcode: order.barcode,
      code: about.test?.code ?? '',
      test: about.test ? about.test.name[locale] : '',
      reason: about.reason ?? '',
    };
    await ctx.mail({
      to,
      locale,
      subject: kind === 'rejected' ? m.clinic_rejected_subject : m.clinic_critical_subject,
      text: kind === 'rejected' ? m.clinic_rejected_text : m.clinic_critical_text,
      params,
    });
  }
  await db
    .insertInto('medical.clinic_notices')
    .values({
      tenant_id: tenant.id,
      id: newId(),
      order_id: about.orderId,
      specimen_id: about.specimenId,
      result_id: about.resultId ?? null,
      kind,
      channel: to ? 'email' : 'call',
      sent_to: to,
      locale,
      created_at: ctx.now(),
    })
    .execute();
}
