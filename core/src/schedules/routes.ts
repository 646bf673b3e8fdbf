import { z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { conflict, notFound } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { isoOrNull } from '../lib/time.ts';
import { nextFire } from './cron.ts';
import { scm } from './messages.ts';
import { installedSchedules } from './registry.ts';

const Label = z.object({ en: z.string(), cs: z.string() });
const RunStatus = z.enum(['running', 'succeeded', 'failed', 'retry_requested']);

const ScheduleRun = z
  .object({
    id: z.string(),
    schedule: z.string(),
    module: z.string(),
    scheduledFor: z.string(),
    status: RunStatus,
    attempts: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('ScheduleRun');

const ScheduleInfo = z
  .object({
    key: z.string(),
    module: z.string(),
    name: z.string(),
    label: Label,
    cron: z.string(),
    timeZone: z.string(),
    next: z.string().nullable(),
    last: ScheduleRun.nullable(),
    failedRuns: z.number().int().openapi({ description: 'Runs whose last attempt failed' }),
  })
  .openapi('Schedule');

function toRun(r: Record<string, any>): z.infer<typeof ScheduleRun> {
  return {
    id: r.id,
    schedule: r.schedule,
    module: r.module_id,
    scheduledFor: isoOrNull(r.scheduled_for) as string,
    status: r.status,
    attempts: r.attempts,
    startedAt: isoOrNull(r.started_at) as string,
    finishedAt: isoOrNull(r.finished_at),
    durationMs: r.duration_ms ?? null,
    error: r.error ?? null,
  };
}

/** The tenant's scheduled jobs and their runs (permission tenant.events.manage, like failed events). */
export const scheduleRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/schedules',
      tags: ['schedules'],
      summary: "Scheduled jobs of the tenant's enabled modules, with their last run and next time",
      permission: 'tenant.events.manage',
      responses: { 200: json(z.object({ schedules: z.array(ScheduleInfo) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { db, tenant, runtime } = c.var;
      const enabled = new Set(
        (
          await db
            .selectFrom('core.tenant_modules')
            .select('module_id')
            .where('tenant_id', '=', tenant.id)
            .where('enabled', '=', true)
            .execute()
        ).map((r) => r.module_id),
      );
      const mine = installedSchedules(runtime.plugins, [], runtime.config.billing.timeZone).filter(
        (s) => s.kind === 'tenant' && enabled.has(s.moduleId),
      );
      if (!mine.length) return c.json({ schedules: [] }, 200);
      const keys = mine.map((s) => s.key);
      const last = await db
        .selectFrom('core.schedule_runs')
        .selectAll()
        .distinctOn('schedule')
        .where('tenant_id', '=', tenant.id)
        .where('schedule', 'in', keys)
        .orderBy('schedule')
        .orderBy('scheduled_for', 'desc')
        .execute();
      const failed = await db
        .selectFrom('core.schedule_runs')
        .select(['schedule', (eb) => eb.fn.countAll<string>().as('n')])
        .where('tenant_id', '=', tenant.id)
        .where('schedule', 'in', keys)
        .where('status', '=', 'failed')
        .groupBy('schedule')
        .execute();
      const lastBy = new Map(last.map((r) => [r.schedule, toRun(r)]));
      const failedBy = new Map(failed.map((r) => [r.schedule, Number(r.n)]));
      const now = runtime.clock.now();
      return c.json(
        {
          schedules: mine.map((s) => ({
            key: s.key,
            module: s.moduleId as string,
            name: s.name,
            label: s.definition.label,
            cron: s.cron,
            timeZone: s.timeZone,
            next: nextFire(s.cron, s.timeZone, now)?.toISOString() ?? null,
            last: lastBy.get(s.key) ?? null,
            failedRuns: failedBy.get(s.key) ?? 0,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/schedules/runs',
      tags: ['schedules'],
      summary: 'Runs of scheduled jobs, newest period first',
      permission: 'tenant.events.manage',
      request: {
        query: z.object({
          status: RunStatus.optional(),
          schedule: z.string().max(120).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.iso
            .datetime()
            .optional()
            .openapi({ description: '`scheduledFor` of the last run of the previous page' }),
        }),
      },
      responses: {
        200: json(z.object({ runs: z.array(ScheduleRun), next: z.string().nullable() })),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      let query = c.var.db
        .selectFrom('core.schedule_runs')
        .selectAll()
        .where('tenant_id', '=', c.var.tenant.id)
        .orderBy('scheduled_for', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit + 1);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.schedule) query = query.where('schedule', '=', q.schedule);
      if (q.before) query = query.where('scheduled_for', '<', new Date(q.before));
      const rows = await query.execute();
      const page = rows.slice(0, q.limit).map(toRun);
      return c.json({ runs: page, next: rows.length > q.limit ? (page.at(-1)?.scheduledFor ?? null) : null }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/schedules/runs/{id}/retry',
      tags: ['schedules'],
      summary: 'Runs a failed scheduled run again (within the scheduler’s next tick)',
      permission: 'tenant.events.manage',
      request: { params: IdParam },
      responses: { 202: json(ScheduleRun), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { db, tenant, ctx } = c.var;
      const run = await db
        .selectFrom('core.schedule_runs')
        .selectAll()
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!run) throw notFound('Scheduled run');
      if (run.status !== 'failed') throw conflict('not_failed', scm.not_failed, { status: run.status });
      if (!(await ctx.isEnabled(run.module_id))) {
        throw conflict('module_not_enabled', scm.module_not_enabled, {
          module: run.module_id,
        });
      }
      const updated = await db
        .updateTable('core.schedule_runs')
        .set({ status: 'retry_requested' })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.audit({
        action: 'schedule.retried',
        entityType: 'schedule_run',
        entityId: id,
        before: { status: 'failed' },
        after: { status: 'retry_requested', schedule: run.schedule, scheduledFor: isoOrNull(run.scheduled_for) },
      });
      return c.json(toRun(updated), 202);
    },
  );
