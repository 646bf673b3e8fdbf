import type { PluginContext } from '@bureau/core';
import { m } from '../messages.ts';
import type { Test } from './catalogue.ts';
import { chooseRule, releaseRules } from './release.ts';

/** The notification category of critical values (users may route it apart from its severity). */
export const CRITICAL_VALUE = 'medical.critical_value';

/**
 * Tells the people who may release a critical result of this test (the local rule's `critical`
 * permission, by default medical.authorise) that one was entered or released. Neither the patient
 * nor the value is in the notification (it may be e-mailed): the test, the specimen's barcode and a
 * link to the order.
 */
export async function notifyCritical(
  ctx: PluginContext,
  what: 'entered' | 'released',
  test: Pick<Test, 'id' | 'code' | 'name' | 'discipline'>,
  result: { id: string; order_id: string; specimen_id: string },
): Promise<void> {
  const permission = chooseRule(await releaseRules(ctx), { id: test.id, discipline: test.discipline }).critical;
  const specimen = await ctx.db
    .selectFrom('medical.specimens')
    .select('barcode')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', result.specimen_id)
    .executeTakeFirstOrThrow();
  await ctx.notify({
    to: { permission },
    severity: 'critical',
    category: CRITICAL_VALUE,
    title: what === 'entered' ? m.critical_entered : m.critical_released,
    ...(what === 'entered' ? { body: m.critical_entered_body } : {}),
    params: { test: test.name, code: test.code, barcode: specimen.barcode },
    link: `/medical/orders/${result.order_id}`,
  });
}
