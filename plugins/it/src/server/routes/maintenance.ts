import {
  badRequest,
  defineRoute,
  fieldError,
  formatMoney,
  json,
  jsonBody,
  listQuery,
  listResponse,
  newId,
  notFound,
  type PluginContext,
  type PluginRouter,
  parseMoney,
  problem,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import { MAINTENANCE_COMPLETED, type MaintenanceCompleted } from '../../contract.ts';
import { CompleteInput, METERS, PlanInput, ReadingInput, SkipInput } from '../../schema.ts';
import { m } from '../messages.ts';
import {
  type AssetSchedule,
  defaultStart,
  earliest,
  openDue,
  openDueForAsset,
  type PlanRow,
  planQuery,
  planSchedule,
  recordReading,
  tenantCalendar,
  ymd,
} from '../services/maintenance.ts';

const tags = ['it'];

const ScheduleRow = z.object({
  assetId: z.uuid(),
  tag: z.string(),
  name: z.string(),
  nextDueOn: z.string().nullable(),
  nextMeter: z.number().nullable(),
  lastReading: z.number().nullable(),
  lastDoneOn: z.string().nullable(),
  openWorkOrders: z.number(),
});

export const Plan = z
  .object({
    id: z.uuid(),
    title: z.string(),
    assetId: z.string().nullable(),
    categoryId: z.string().nullable(),
    target: z.string(),
    kind: z.enum(['days', 'months', 'meter']),
    every: z.number(),
    meter: z.enum(METERS).nullable(),
    meterStart: z.number().nullable(),
    leadMeter: z.number().nullable(),
    basis: z.enum(['fixed', 'floating']),
    startsOn: z.string(),
    shift: z.enum(['none', 'before', 'after']),
    leadDays: z.number(),
    checklist: z.array(z.string()),
    priority: z.string(),
    estimatedMinutes: z.number().nullable(),
    instructions: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    /** The earliest next due date over the plan's assets (an open work order's, or the next period's). */
    nextDueAt: z.string().nullable(),
    nextMeter: z.number().nullable(),
    schedule: z.array(ScheduleRow),
  })
  .openapi('ItMaintenancePlan');
export type Plan = z.infer<typeof Plan>;

export const WorkOrder = z
  .object({
    id: z.uuid(),
    number: z.string(),
    planId: z.uuid(),
    assetId: z.uuid(),
    assetTag: z.string(),
    assetName: z.string(),
    seq: z.number(),
    title: z.string(),
    dueOn: z.string(),
    meterDue: z.number().nullable(),
    checklist: z.array(z.object({ text: z.string(), done: z.boolean() })),
    status: z.enum(['open', 'done', 'skipped']),
    overdue: z.boolean(),
    openedAt: z.string(),
    completedAt: z.string().nullable(),
    completedOn: z.string().nullable(),
    completedBy: z.string().nullable(),
    notes: z.string().nullable(),
    minutesSpent: z.number().nullable(),
    parts: z.array(z.object({ name: z.string(), quantity: z.string(), cost: z.string().nullable() })),
    cost: z.string().nullable(),
    currency: z.string().nullable(),
    meterReading: z.number().nullable(),
    instructions: z.string().nullable(),
  })
  .openapi('ItWorkOrder');
export type WorkOrder = z.infer<typeof WorkOrder>;

export const Reading = z
  .object({
    id: z.uuid(),
    meter: z.enum(METERS),
    value: z.number(),
    readAt: z.string(),
    recordedBy: z.string(),
  })
  .openapi('ItMeterReading');
export type Reading = z.infer<typeof Reading>;

const IdParam = z.object({ id: z.uuid() });

const WorkOrderQuery = listQuery({
  sort: ['dueOn', 'number', 'completedAt'],
  defaultSort: 'dueOn',
  defaultDir: 'asc',
  filters: {
    /** `overdue`: open and due before today in the tenant's calendar; `upcoming`: open, due from today on. */
    state: z.enum(['open', 'overdue', 'upcoming', 'done', 'skipped', 'closed']).optional(),
    assetId: z.uuid().optional(),
    planId: z.uuid().optional(),
    /** Due on or before this date. */
    dueBefore: z.iso.date().optional(),
  },
});

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function toPlan(ctx: PluginContext, r: PlanRow & Record<string, any>): Promise<Plan> {
  const schedule: AssetSchedule[] = await planSchedule(ctx, r);
  return {
    id: r.id,
    title: r.title,
    assetId: r.asset_id,
    categoryId: r.category_id,
    target: r.target_label ?? '',
    kind: r.kind,
    every: r.every,
    meter: r.meter as Plan['meter'],
    meterStart: num(r.meter_start),
    leadMeter: num(r.lead_meter),
    basis: r.basis,
    startsOn: ymd(r.starts_on),
    shift: r.shift,
    leadDays: r.lead_days,
    checklist: r.checklist,
    priority: r.priority,
    estimatedMinutes: r.estimated_minutes ?? null,
    instructions: r.instructions ?? null,
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
    ...earliest(schedule),
    schedule,
  };
}

const plansWithTarget = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.maintenance_plans as p')
    .leftJoin('it.assets as a', (j) => j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.asset_id'))
    .leftJoin('it.categories as c', (j) =>
      j.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.id', '=', 'p.category_id'),
    )
    .selectAll('p')
    .select(sql<string>`coalesce(a.tag || ' ' || a.name, c.name)`.as('target_label'))
    .where('p.tenant_id', '=', ctx.tenant.id);

const workOrderQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.work_orders as w')
    .innerJoin('it.assets as a', (j) => j.onRef('a.tenant_id', '=', 'w.tenant_id').onRef('a.id', '=', 'w.asset_id'))
    .innerJoin('it.maintenance_plans as p', (j) =>
      j.onRef('p.tenant_id', '=', 'w.tenant_id').onRef('p.id', '=', 'w.plan_id'),
    )
    .selectAll('w')
    .select(['a.tag as asset_tag', 'a.name as asset_name', 'p.instructions'])
    .where('w.tenant_id', '=', ctx.tenant.id);

const toWorkOrder =
  (today: string) =>
  (r: Record<string, any>): WorkOrder => ({
    id: r.id,
    number: r.number,
    planId: r.plan_id,
    assetId: r.asset_id,
    assetTag: r.asset_tag,
    assetName: r.asset_name,
    seq: r.seq,
    title: r.title,
    dueOn: ymd(r.due_on),
    meterDue: num(r.meter_due),
    checklist: r.checklist,
    status: r.status,
    overdue: r.status === 'open' && ymd(r.due_on) < today,
    openedAt: new Date(r.opened_at).toISOString(),
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    completedOn: r.completed_on ? ymd(r.completed_on) : null,
    completedBy: r.completed_by_label ?? null,
    notes: r.notes ?? null,
    minutesSpent: r.minutes_spent ?? null,
    parts: r.parts,
    cost: r.cost_minor === null || r.cost_minor === undefined ? null : formatMoney(r.cost_minor),
    currency: r.currency ?? null,
    meterReading: num(r.meter_reading),
    instructions: r.instructions ?? null,
  });

async function findPlan(ctx: PluginContext, id: string) {
  const row = await plansWithTarget(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m.plan_not_found);
  return row as unknown as PlanRow & Record<string, any>;
}

async function workOrder(ctx: PluginContext, id: string) {
  const row = await workOrderQuery(ctx).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m.work_order_not_found);
  return row;
}

/** Checks the rules zod cannot say alone: one target, one interval, a meter only with a meter plan, a start not past. */
async function checkPlan(ctx: PluginContext, input: PlanInput, today: string) {
  if (!!input.assetId === !!input.categoryId)
    throw badRequest('plan_target', m.plan_target, [fieldError('assetId', m.plan_target)]);
  const intervals = [input.everyDays, input.everyMonths, input.everyMeter].filter((x) => x !== undefined);
  if (intervals.length !== 1)
    throw badRequest('plan_interval', m.plan_interval, [fieldError('everyDays', m.plan_interval)]);
  if (input.everyMeter !== undefined && !input.meter)
    throw badRequest('meter_required', m.meter_required, [fieldError('meter', m.meter_required)]);
  if (input.everyMeter === undefined && (input.meter || input.meterStart !== undefined))
    throw badRequest('meter_only', m.meter_only, [fieldError('meter', m.meter_only)]);
  if (input.startsOn && input.startsOn < today)
    throw badRequest('starts_in_past', m.starts_in_past, [fieldError('startsOn', m.starts_in_past)]);
  const [table, id, field, message] = input.assetId
    ? (['it.assets', input.assetId, 'assetId', m.asset_not_found] as const)
    : (['it.categories', input.categoryId as string, 'categoryId', m.category_not_found] as const);
  const found = await ctx.db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found)
    throw badRequest(`${field === 'assetId' ? 'asset' : 'category'}_not_found`, message, [fieldError(field, message)]);
}

export const maintenanceRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/maintenance/plans',
        tags,
        summary: 'Maintenance plans with each covered asset’s next due date or meter threshold',
        permission: 'it.read',
        request: { query: z.object({ assetId: z.uuid().optional(), active: z.enum(['true', 'false']).optional() }) },
        responses: { 200: json(z.object({ items: z.array(Plan) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const q = c.req.valid('query');
        let query = plansWithTarget(ctx);
        if (q.active) query = query.where('p.active', '=', q.active === 'true');
        if (q.assetId) {
          const asset = await ctx.db
            .selectFrom('it.assets')
            .select('category_id')
            .where('tenant_id', '=', ctx.tenant.id)
            .where('id', '=', q.assetId)
            .executeTakeFirst();
          query = query.where((eb) =>
            eb.or([eb('p.asset_id', '=', q.assetId as string), eb('p.category_id', '=', asset?.category_id ?? null)]),
          );
        }
        const rows = await query.orderBy('p.created_at').limit(500).execute();
        const items: Plan[] = [];
        for (const r of rows) items.push(await toPlan(ctx, r as never));
        return c.json({ items }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/maintenance/plans',
        tags,
        summary:
          'A recurring maintenance plan for an asset or a category: every N days, N months (fixed or from the last completion) or N meter units; work orders open ahead by the lead',
        permission: 'it.maintenance.manage',
        request: { body: jsonBody(PlanInput) },
        responses: { 201: json(Plan, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const input = c.req.valid('json');
        const { today } = await tenantCalendar(ctx);
        await checkPlan(ctx, input, today);
        const kind = input.everyDays ? 'days' : input.everyMonths ? 'months' : 'meter';
        const every = (input.everyDays ?? input.everyMonths ?? input.everyMeter) as number;
        const id = newId();
        await ctx.db
          .insertInto('it.maintenance_plans')
          .values({
            tenant_id: ctx.tenant.id,
            id,
            title: input.title,
            asset_id: input.assetId ?? null,
            category_id: input.categoryId ?? null,
            kind,
            every,
            basis: kind === 'meter' ? 'fixed' : input.basis,
            starts_on: input.startsOn ?? defaultStart(kind, every, today),
            shift: input.shift,
            lead_days: input.leadDays,
            meter: input.meter ?? null,
            meter_start: kind === 'meter' ? (input.meterStart ?? 0) : null,
            lead_meter: kind === 'meter' ? (input.leadMeter ?? 0) : null,
            checklist: JSON.stringify(input.checklist),
            priority: input.priority,
            estimated_minutes: input.estimatedMinutes ?? null,
            instructions: input.instructions ?? null,
            created_at: ctx.now(),
            created_by: ctx.actor?.userId ?? null,
          })
          .execute();
        await ctx.audit({
          action: 'it.maintenance.planned',
          entityType: 'it.maintenance_plan',
          entityId: id,
          after: input,
        });
        // A period already within the lead opens its work order now.
        await openDue(ctx, ctx.now(), id);
        return c.json(await toPlan(ctx, await findPlan(ctx, id)), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/maintenance/plans/{id}',
        tags,
        summary: 'One plan with where each covered asset stands',
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(Plan), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await toPlan(c.var.ctx, await findPlan(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/maintenance/plans/{id}/active',
        tags,
        summary: 'Pause (active=false) or resume a plan; a paused plan opens no work orders',
        permission: 'it.maintenance.manage',
        request: { params: IdParam, body: jsonBody(z.object({ active: z.boolean() })) },
        responses: { 200: json(Plan), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const plan = await findPlan(ctx, c.req.valid('param').id);
        const { active } = c.req.valid('json');
        await ctx.db
          .updateTable('it.maintenance_plans')
          .set({ active })
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', plan.id)
          .execute();
        await ctx.audit({
          action: active ? 'it.maintenance.resumed' : 'it.maintenance.paused',
          entityType: 'it.maintenance_plan',
          entityId: plan.id,
        });
        if (active) await openDue(ctx, ctx.now(), plan.id);
        return c.json(await toPlan(ctx, await findPlan(ctx, plan.id)), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/maintenance/work-orders',
        tags,
        summary:
          'Work orders: state=open|overdue|upcoming|done|skipped|closed, asset, plan, due before; sorted by due date; format=csv|xlsx',
        permission: 'it.read',
        request: { query: WorkOrderQuery },
        responses: { 200: listResponse(WorkOrder), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const q = c.req.valid('query');
        const { today } = await tenantCalendar(ctx);
        let query = workOrderQuery(ctx);
        if (q.state === 'open') query = query.where('w.status', '=', 'open');
        if (q.state === 'overdue') query = query.where('w.status', '=', 'open').where('w.due_on', '<', today);
        if (q.state === 'upcoming') query = query.where('w.status', '=', 'open').where('w.due_on', '>=', today);
        if (q.state === 'done' || q.state === 'skipped') query = query.where('w.status', '=', q.state);
        if (q.state === 'closed') query = query.where('w.status', '!=', 'open');
        if (q.assetId) query = query.where('w.asset_id', '=', q.assetId);
        if (q.planId) query = query.where('w.plan_id', '=', q.planId);
        if (q.dueBefore) query = query.where('w.due_on', '<=', q.dueBefore);
        return sendList(
          c,
          q,
          query,
          {
            sort: { dueOn: 'w.due_on', number: 'w.number', completedAt: 'w.completed_at' },
            id: 'w.id',
            search: ['w.number', 'w.title', 'a.tag', 'a.name'],
          } as never,
          toWorkOrder(today),
          {
            filename: 'work-orders',
            title: { en: 'Work orders', cs: 'Pracovní příkazy' },
            columns: [
              { header: { en: 'Number', cs: 'Číslo' }, value: (w) => w.number },
              { header: { en: 'Asset', cs: 'Majetek' }, value: (w) => w.assetTag },
              { header: { en: 'Title', cs: 'Název' }, value: (w) => w.title },
              { header: { en: 'Due', cs: 'Termín' }, value: (w) => w.dueOn },
              { header: { en: 'Status', cs: 'Stav' }, value: (w) => w.status },
              { header: { en: 'Done', cs: 'Hotovo' }, value: (w) => w.completedOn },
              { header: { en: 'Done by', cs: 'Provedl' }, value: (w) => w.completedBy },
              { header: { en: 'Minutes', cs: 'Minuty' }, value: (w) => w.minutesSpent },
              { header: { en: 'Cost', cs: 'Náklady' }, value: (w) => w.cost, amount: true },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/maintenance/work-orders/{id}',
        tags,
        summary: 'One work order with its checklist',
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(WorkOrder), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { today } = await tenantCalendar(c.var.ctx);
        return c.json(toWorkOrder(today)(await workOrder(c.var.ctx, c.req.valid('param').id)), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/maintenance/work-orders/{id}/complete',
        tags,
        summary:
          'Complete a work order: a tick per checklist item, notes, time spent, parts and cost, the meter reading; records who and when. 409 when it is closed',
        permission: 'it.maintenance',
        request: { params: IdParam, body: jsonBody(CompleteInput) },
        responses: { 200: json(WorkOrder), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const input = c.req.valid('json');
        const w = await closeable(ctx, c.req.valid('param').id);
        const items = w.checklist as Array<{ text: string }>;
        if (input.checklist.length !== items.length)
          throw badRequest('checklist_length', m.checklist_length, [
            fieldError('checklist', m.checklist_length, { count: items.length }),
          ]);
        const parts = input.parts.map((p) => ({ name: p.name, quantity: p.quantity, cost: p.cost ?? null }));
        const cost = input.cost
          ? parseMoney(input.cost)
          : parts.some((p) => p.cost)
            ? parts.reduce((s, p) => s + (p.cost ? (parseMoney(p.cost) ?? 0n) : 0n), 0n)
            : null;
        const plan = (await planQuery(ctx).where('id', '=', w.plan_id).executeTakeFirstOrThrow()) as PlanRow;
        if (input.meterReading !== undefined && plan.meter)
          await recordReading(ctx, w.asset_id, plan.meter, input.meterReading);
        const { today } = await tenantCalendar(ctx);
        await close(ctx, w, today, {
          status: 'done',
          checklist: JSON.stringify(items.map((it, i) => ({ text: it.text, done: input.checklist[i] }))),
          notes: input.notes ?? null,
          minutes_spent: input.minutesSpent ?? null,
          parts: JSON.stringify(parts),
          cost_minor: cost === null ? null : String(cost),
          currency: cost === null ? null : ctx.tenant.currency,
          meter_reading: input.meterReading ?? null,
        });
        return c.json(toWorkOrder(today)(await workOrder(ctx, w.id)), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/maintenance/work-orders/{id}/skip',
        tags,
        summary: 'Skip a period with a reason (the next period is unaffected). 409 when it is closed',
        permission: 'it.maintenance',
        request: { params: IdParam, body: jsonBody(SkipInput) },
        responses: { 200: json(WorkOrder), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const w = await closeable(ctx, c.req.valid('param').id);
        const { today } = await tenantCalendar(ctx);
        await close(ctx, w, today, { status: 'skipped', notes: c.req.valid('json').reason });
        return c.json(toWorkOrder(today)(await workOrder(ctx, w.id)), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assets/{id}/meters',
        tags,
        summary: "An asset's meter readings, newest first",
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(Reading) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        await existingAsset(c.var.ctx, c.req.valid('param').id);
        const rows = await c.var.db
          .selectFrom('it.meter_readings')
          .selectAll()
          .where('tenant_id', '=', c.var.tenant.id)
          .where('asset_id', '=', c.req.valid('param').id)
          .orderBy('read_at', 'desc')
          .orderBy('value', 'desc')
          .limit(200)
          .execute();
        return c.json(
          {
            items: rows.map((r) => ({
              id: r.id,
              meter: r.meter,
              value: Number(r.value),
              readAt: new Date(r.read_at).toISOString(),
              recordedBy: r.recorded_by_label,
            })),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/assets/{id}/meters',
        tags,
        summary:
          'Record a meter reading (km, operating hours, pages, cycles); a reading lower than the last is 409 meter_backwards. Opens the work orders of meter plans it brings due',
        permission: 'it.maintenance',
        request: { params: IdParam, body: jsonBody(ReadingInput) },
        responses: {
          201: json(z.object({ reading: Reading, opened: z.array(z.string()) }), 'Created'),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { ctx, actor } = c.var;
        const assetId = c.req.valid('param').id;
        const input = c.req.valid('json');
        await existingAsset(ctx, assetId);
        const r = await recordReading(ctx, assetId, input.meter, input.value);
        const opened = await openDueForAsset(ctx, assetId);
        return c.json(
          {
            reading: {
              id: r.id,
              meter: input.meter,
              value: input.value,
              readAt: r.readAt.toISOString(),
              recordedBy: actor.label,
            },
            opened: opened.map((o) => o.number),
          },
          201,
        );
      },
    );

/** 404 unless the asset exists in this tenant. */
async function existingAsset(ctx: PluginContext, id: string) {
  const row = await ctx.db
    .selectFrom('it.assets')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(m.asset_not_found);
}

/** The work order, locked, if still open (409 `work_order_closed` otherwise). */
async function closeable(ctx: PluginContext, id: string) {
  const w = await ctx.db
    .selectFrom('it.work_orders')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!w) throw notFound(m.work_order_not_found);
  if (w.status !== 'open') throw problem(409, m.work_order_closed, { number: w.number });
  return w;
}

/**
 * Closes a work order (done or skipped) with who and when, records the completion date as the
 * plan's last one for the asset (a floating plan's next period counts from it) and opens the next
 * period if it is already within the lead.
 */
async function close(ctx: PluginContext, w: Record<string, any>, today: string, values: Record<string, unknown>) {
  const now = ctx.now();
  await ctx.db
    .updateTable('it.work_orders')
    .set({
      ...values,
      completed_at: now,
      completed_on: today,
      completed_by: ctx.actor?.userId ?? null,
      completed_by_label: ctx.actor?.label ?? 'API',
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', w.id)
    .execute();
  await ctx.db
    .updateTable('it.maintenance_progress')
    .set({ last_done_on: today })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('plan_id', '=', w.plan_id)
    .where('asset_id', '=', w.asset_id)
    .execute();
  const payload: MaintenanceCompleted = {
    workOrderId: w.id,
    number: w.number,
    planId: w.plan_id,
    assetId: w.asset_id,
    completedOn: today,
    skipped: values.status === 'skipped',
  };
  await ctx.emit(MAINTENANCE_COMPLETED, payload);
  await ctx.audit({
    action: values.status === 'skipped' ? 'it.maintenance.skipped' : MAINTENANCE_COMPLETED,
    entityType: 'it.work_order',
    entityId: w.id,
    after: payload,
  });
  await openDue(ctx, now, w.plan_id);
}
