import { fieldError, newId, type PluginContext, problem, storedText } from '@bureau/core';
import { m } from '../messages.ts';
import { markResponded } from './sla.ts';

/** A ticket number as people type it: `t-7`, `7` and `T-00007` all name T-00007. */
export function ticketNumber(typed: string): string {
  const digits = typed.trim().match(/^(?:t-?)?0*(\d{1,9})$/i)?.[1];
  return digits ? `T-${digits.padStart(5, '0')}` : typed.trim().toUpperCase();
}

const intoError = (message: (typeof m)[keyof typeof m], params?: Record<string, string>) => ({
  errors: [fieldError('into', message, params)],
});

/**
 * Merges a duplicate ticket into another of the same tenant (the transition `merge`, in its
 * transaction): the source's replies and notes move to the target, its attachments are filed under
 * the target, its asset goes to a target without one, and the target gets an internal note with the
 * source's report; the source gets a public note "merged into …" (in the firm's language) and its
 * requester a notification. Refused: the ticket itself (400 `merge_into_self`), a number the tenant
 * has no ticket under, e.g. another tenant's (400 `merge_target_not_found`), a closed target (409
 * `merge_target_closed`). Both rows are locked in id order, so two crossing merges cannot deadlock
 * into a cycle; a target merged into something else in the meantime is closed, hence refused.
 */
export async function mergeTicket(ctx: PluginContext, sourceId: string, typed: string) {
  const number = ticketNumber(typed);
  const found = await ctx.db
    .selectFrom('it.tickets')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!found) throw problem(400, m.merge_target_not_found, { number }, intoError(m.merge_target_not_found, { number }));
  if (found.id === sourceId) throw problem(400, m.merge_into_self, undefined, intoError(m.merge_into_self));
  const rows = await ctx.db
    .selectFrom('it.tickets')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', [sourceId, found.id])
    .orderBy('id')
    .forUpdate()
    .execute();
  const source = rows.find((r) => r.id === sourceId);
  const target = rows.find((r) => r.id === found.id);
  if (!source || !target) throw new Error('merge: a locked ticket vanished');
  if (target.status === 'closed')
    throw problem(409, m.merge_target_closed, { number }, intoError(m.merge_target_closed, { number }));

  const now = ctx.now();
  const where = <T extends { where: (...a: any[]) => T }>(q: T) => q.where('tenant_id', '=', ctx.tenant.id);
  await where(ctx.db.updateTable('it.ticket_messages').set({ ticket_id: target.id }))
    .where('ticket_id', '=', source.id)
    .execute();
  const movedAttachments = await ctx.moveAttachments({ entityType: 'it.ticket', fromId: source.id, toId: target.id });
  const message = (ticketId: string, body: string, internal: boolean) =>
    ctx.db
      .insertInto('it.ticket_messages')
      .values({
        tenant_id: ctx.tenant.id,
        id: newId(),
        ticket_id: ticketId,
        author_id: ctx.actor?.userId ?? null,
        author_label: ctx.actor?.label ?? 'IT',
        body,
        internal,
        created_at: now,
      })
      .execute();
  await message(
    target.id,
    storedText(ctx.tenant, m.merged_from_note, {
      number: source.number,
      title: source.title,
      requester: source.requester_label,
      description: source.description,
    }),
    true,
  );
  await message(
    source.id,
    storedText(ctx.tenant, m.merged_into_note, { number: target.number, title: target.title }),
    false,
  );
  const movedAsset = source.asset_id && !target.asset_id ? source.asset_id : null;
  if (movedAsset)
    await where(ctx.db.updateTable('it.tickets').set({ asset_id: movedAsset }))
      .where('id', '=', target.id)
      .execute();
  await markResponded(ctx, source.id);
  await where(
    ctx.db
      .updateTable('it.tickets')
      .set({ merged_into_id: target.id, resolved_at: now, closed_at: now, paused_since: source.paused_since ?? now }),
  )
    .where('id', '=', source.id)
    .execute();
  if (source.requester_id)
    await ctx.notify({
      to: [source.requester_id],
      title: m.ticket_merged,
      body: m.ticket_merged_body,
      params: { number: source.number, target: target.number, title: target.title },
      link: `/it/my/tickets/${source.id}`,
      category: 'it.tickets',
    });
  return {
    mergedIntoId: target.id,
    mergedIntoNumber: target.number,
    movedAttachments,
    movedAssetId: movedAsset,
  };
}
