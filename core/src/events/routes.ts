import { z } from '@hono/zod-openapi';
import { auditVisibility } from '../audit/visibility.ts';
import type { TenantEnv } from '../http/env.ts';
import { conflict, notFound } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { cm } from '../i18n/core-messages.ts';
import { isoOrNull } from '../lib/time.ts';
import { callerOf } from '../records/access.ts';
import { moduleOf } from '../records/declarations.ts';
import type { DeadLetter } from './dead-letters.ts';

const DeadLetterSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    type: z.string(),
    payload: z.unknown(),
    occurredAt: z.string(),
    error: z.string(),
    attempts: z.number(),
    failedAt: z.string(),
    status: z.enum(['open', 'retried', 'resolved']),
    retries: z.number(),
    retriedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .openapi('DeadLetter');

function toDeadLetter(r: Record<string, any>): DeadLetter {
  return {
    id: r.id,
    eventId: r.event_id,
    type: r.event_type,
    payload: r.payload ?? null,
    occurredAt: isoOrNull(r.occurred_at) as string,
    error: r.error,
    attempts: r.attempts,
    failedAt: isoOrNull(r.failed_at) as string,
    status: r.status,
    retries: r.retries,
    retriedAt: isoOrNull(r.retried_at),
    resolvedAt: isoOrNull(r.resolved_at),
  };
}

/** The tenant's dead-letter list and the retry action (permission tenant.events.manage). */
export const eventRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/events/dead-letters',
      tags: ['events'],
      permission: 'tenant.events.manage',
      request: {
        query: z.object({ status: z.enum(['open', 'retried', 'resolved', 'all']).default('open') }),
      },
      responses: {
        200: json(z.object({ deadLetters: z.array(DeadLetterSchema) })),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      let q = c.var.db
        .selectFrom('core.event_dead_letters as d')
        .leftJoin('core.outbox as o', (j) =>
          j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.event_id'),
        )
        .selectAll('d')
        .select(['o.payload', 'o.occurred_at'])
        .where('d.tenant_id', '=', c.var.tenant.id)
        .orderBy('d.failed_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(500);
      if (status !== 'all') q = q.where('d.status', '=', status);
      // A module's event payloads (and errors, which may quote them) only for those who may read the
      // module, as with its audit entries; the rest still see that something failed, and may retry it.
      const { hiddenModules } = await auditVisibility(callerOf(c.var));
      const withheld = (type: string) => hiddenModules.includes(moduleOf(type));
      return c.json(
        {
          deadLetters: (await q.execute())
            .map(toDeadLetter)
            .map((d) => (withheld(d.type) ? { ...d, payload: null, error: 'withheld' } : d)),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/events/dead-letters/{id}/retry',
      tags: ['events'],
      permission: 'tenant.events.manage',
      request: { params: IdParam },
      responses: {
        202: json(z.object({ id: z.string(), eventId: z.string(), status: z.literal('retried') })),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const tenantId = c.var.tenant.id;
      const dl = await c.var.db
        .selectFrom('core.event_dead_letters')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!dl) throw notFound(cm.dead_letter_not_found);
      if (dl.status !== 'open') throw conflict('not_open', cm.dead_letter_not_open, { status: dl.status });
      const now = c.var.runtime.clock.now();
      // Back into the outbox under the same event id: the dispatcher sends it to pg-boss again after
      // commit, with fresh retries; handlers that already processed it skip it.
      const requeued = await c.var.db
        .updateTable('core.outbox')
        .set({ dispatched_at: null, redriven_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', dl.event_id)
        .returning('id')
        .executeTakeFirst();
      if (!requeued) throw conflict('event_gone', cm.event_gone);
      await c.var.db
        .updateTable('core.event_dead_letters')
        .set({ status: 'retried', retried_at: now, retries: Number(dl.retries) + 1 })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
      await c.var.ctx.audit({
        action: 'event.retried',
        entityType: 'event',
        entityId: dl.event_id,
        before: { status: dl.status },
        after: { status: 'retried', deadLetter: id, type: dl.event_type },
      });
      return c.json({ id, eventId: dl.event_id, status: 'retried' as const }, 202);
    },
  );
