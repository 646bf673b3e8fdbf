import {
  badRequest,
  checkHours,
  defineRoute,
  fieldError,
  json,
  jsonBody,
  type PluginRouter,
  problemResponses,
  z,
} from '@bureau/core';
import { PRIORITIES, type Priority } from '../data/sla-defaults.ts';
import { m } from '../messages.ts';
import { hoursSettings, policies } from '../services/sla.ts';

const tags = ['it'];

const Hours = z
  .object({
    timeZone: z.string().min(1).max(64).default('Europe/Prague'),
    start: z.string().max(5),
    end: z.string().max(5),
    weekdays: z.array(z.number().int()).max(7),
    czechHolidays: z.boolean().default(true),
  })
  .openapi('ItBusinessHours');

const Target = z.object({
  responseMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 60),
  resolutionMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 365),
});
const Policies = z
  .object(Object.fromEntries(PRIORITIES.map((p) => [p, Target])) as Record<Priority, typeof Target>)
  .openapi('ItSlaPolicies');

/** Business hours and SLA targets per priority (the helpdesk's settings). */
export const helpdeskSettingsRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/settings/hours',
        tags,
        summary: 'Business hours the SLA clocks count (default Mon–Fri 8:00–16:00 Prague, Czech holidays off)',
        permission: 'it.read',
        responses: { 200: json(Hours), ...problemResponses(401, 403) },
      }),
      async (c) => c.json(await hoursSettings(c.var.ctx), 200),
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/settings/hours',
        tags,
        summary: 'Set business hours; 400 impossible_hours (a bad time, an empty day, no working day, an unknown zone)',
        permission: 'it.helpdesk.manage',
        request: { body: jsonBody(Hours) },
        responses: { 200: json(Hours), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const h = c.req.valid('json');
        const problems = checkHours(h);
        if (problems.length)
          throw badRequest(
            'impossible_hours',
            m.impossible_hours,
            problems.map((p) => fieldError(p.path, m[p.problem])),
          );
        const weekdays = [...new Set(h.weekdays)].sort();
        const row = {
          time_zone: h.timeZone,
          day_start: h.start,
          day_end: h.end,
          weekdays: JSON.stringify(weekdays),
          czech_holidays: h.czechHolidays,
        };
        await c.var.db
          .insertInto('it.settings')
          .values({ tenant_id: c.var.tenant.id, ...row })
          .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
          .execute();
        await c.var.ctx.audit({
          action: 'it.settings.hours',
          entityType: 'it.settings',
          entityId: c.var.tenant.id,
          after: h,
        });
        return c.json({ ...h, weekdays }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/settings/sla',
        tags,
        summary: 'SLA targets per priority, in business minutes',
        permission: 'it.read',
        responses: { 200: json(Policies), ...problemResponses(401, 403) },
      }),
      async (c) => c.json(await policies(c.var.ctx), 200),
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/settings/sla',
        tags,
        summary: 'Set SLA targets for new tickets; 400 when a resolution target is shorter than its response target',
        permission: 'it.helpdesk.manage',
        request: { body: jsonBody(Policies) },
        responses: { 200: json(Policies), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const bad = PRIORITIES.filter((p) => input[p].resolutionMinutes < input[p].responseMinutes);
        if (bad.length)
          throw badRequest(
            'invalid_input',
            m.resolution_before_response,
            bad.map((p) => fieldError(`${p}.resolutionMinutes`, m.resolution_before_response)),
          );
        for (const p of PRIORITIES) {
          const row = { response_minutes: input[p].responseMinutes, resolution_minutes: input[p].resolutionMinutes };
          await c.var.db
            .insertInto('it.sla_policies')
            .values({ tenant_id: c.var.tenant.id, priority: p, ...row })
            .onConflict((oc) => oc.columns(['tenant_id', 'priority']).doUpdateSet(row))
            .execute();
        }
        await c.var.ctx.audit({
          action: 'it.settings.sla',
          entityType: 'it.settings',
          entityId: c.var.tenant.id,
          after: input,
        });
        return c.json(input, 200);
      },
    );
