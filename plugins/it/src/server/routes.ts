import {
  defineRoute,
  formatMoney,
  json,
  jsonBody,
  listQuery,
  listResponse,
  newId,
  type PluginRouter,
  Problem,
  parseMoney,
  problem,
  problemResponses,
  sendList,
  workflowRoutes,
  z,
} from '@bureau/core';
import { ASSET_CREATED, type AssetCreated } from '../contract.ts';
import { AssetInput } from '../schema.ts';
import { m } from './messages.ts';
import { assetWorkflow } from './workflow.ts';

export const Asset = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    status: z.string(),
    dueDate: z.string().nullable(),
    amount: z.string().nullable(),
    currency: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ItAsset');
export type Asset = z.infer<typeof Asset>;

/** A `date` column from either driver (PGlite gives a Date at UTC midnight, pg a string). */
const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

const toAsset = (r: Record<string, any>): Asset => ({
  id: r.id,
  code: r.code,
  name: r.name,
  status: r.status,
  dueDate: r.due_date ? ymd(r.due_date) : null,
  amount: r.amount_minor === null ? null : formatMoney(r.amount_minor),
  currency: r.currency ?? null,
  note: r.note ?? null,
  createdAt: new Date(r.created_at).toISOString(),
});

const AssetQuery = listQuery({
  sort: ['createdAt', 'code', 'name', 'dueDate', 'status'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { status: z.enum(['open', 'overdue', 'done', 'cancelled']).optional() },
});

const tags = ['it'];

const assetRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assets',
        tags,
        summary: 'Assets: search, filter, sort, pages; format=csv|xlsx exports the filter',
        permission: 'it.read',
        request: { query: AssetQuery },
        responses: { 200: listResponse(Asset), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = c.var.db.selectFrom('it.assets as i').selectAll('i').where('i.tenant_id', '=', c.var.tenant.id);
        if (q.status) query = query.where('i.status', '=', q.status);
        return sendList(
          c,
          q,
          query,
          {
            sort: {
              createdAt: 'i.created_at',
              code: 'i.code',
              name: 'i.name',
              dueDate: 'i.due_date',
              status: 'i.status',
            },
            id: 'i.id',
            search: ['i.code', 'i.name', 'i.note'],
          },
          toAsset,
          {
            filename: 'assets',
            title: { en: 'Assets', cs: 'Assets' },
            columns: [
              { header: { en: 'Code', cs: 'Kód' }, value: (i) => i.code },
              { header: { en: 'Name', cs: 'Název' }, value: (i) => i.name },
              { header: { en: 'Status', cs: 'Stav' }, value: (i) => i.status },
              { header: { en: 'Due date', cs: 'Termín' }, value: (i) => i.dueDate },
              { header: { en: 'Amount', cs: 'Částka' }, value: (i) => i.amount, amount: true },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/assets',
        tags,
        summary: 'Create a asset (open); emits it.asset.created',
        permission: 'it.manage',
        request: { body: jsonBody(AssetInput) },
        responses: { 201: json(Asset, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const id = newId();
        const code = input.code ?? id.slice(-8).toUpperCase();
        const taken = await db
          .selectFrom('it.assets')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('code', '=', code)
          .executeTakeFirst();
        if (taken)
          throw problem(
            409,
            m.code_taken,
            { code },
            { errors: [{ path: 'code', message: m.code_taken, params: { code } }] },
          );
        const row = await db
          .insertInto('it.assets')
          .values({
            tenant_id: tenant.id,
            id,
            code,
            name: input.name,
            status: assetWorkflow.initial,
            due_date: input.dueDate ?? null,
            amount_minor: input.amount ? String(parseMoney(input.amount)) : null,
            currency: input.amount ? (input.currency ?? tenant.currency) : null,
            note: input.note ?? null,
            created_at: ctx.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const item = toAsset(row);
        const payload: AssetCreated = { assetId: id, name: item.name };
        await ctx.emit(ASSET_CREATED, payload);
        await ctx.audit({ action: ASSET_CREATED, entityType: 'it.asset', entityId: id, after: input });
        return c.json(item, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assets/{id}',
        tags,
        summary: 'One asset',
        permission: 'it.read',
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 200: json(Asset), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const row = await c.var.db
          .selectFrom('it.assets')
          .selectAll()
          .where('tenant_id', '=', c.var.tenant.id)
          .where('id', '=', c.req.valid('param').id)
          .executeTakeFirst();
        if (!row) throw new Problem(404, 'not_found', m.asset_not_found);
        return c.json(toAsset(row), 200);
      },
    );

/**
 * Mounted at /api/t/:tenant/it behind the module gate; each route names its permission. The
 * workflow adds `GET /assets/{id}/workflow` and `POST /assets/{id}/complete|lapse|cancel`.
 */
export const routes = (router: PluginRouter) => workflowRoutes(assetRoutes(router), assetWorkflow, { path: '/assets' });

export type AssetRoutes = ReturnType<typeof assetRoutes>;
