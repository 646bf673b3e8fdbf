import {
  defineRoute,
  json,
  jsonBody,
  listQuery,
  listResponse,
  notFound,
  type PluginRouter,
  Problem,
  problem,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { AssetInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { assetQuery, getAsset, registerAsset, toAsset } from '../services/assets.ts';
import { assignmentQuery, toAssignment } from '../services/assignments.ts';

const tags = ['it'];

export const Asset = z
  .object({
    id: z.uuid(),
    tag: z.string(),
    name: z.string(),
    categoryId: z.uuid(),
    category: z.string(),
    serialNumber: z.string().nullable(),
    model: z.string().nullable(),
    vendor: z.string().nullable(),
    vendorId: z.uuid().nullable(),
    purchaseDate: z.string().nullable(),
    purchasePrice: z.string().nullable(),
    currency: z.string().nullable(),
    invoiceRef: z.string().nullable(),
    warrantyUntil: z.string().nullable(),
    locationId: z.string().nullable(),
    location: z.string().nullable(),
    status: z.string(),
    retiredReason: z.string().nullable(),
    custom: z.record(z.string(), z.union([z.string(), z.number()])),
    holder: z.string().nullable(),
    holderType: z.string().nullable(),
    holderId: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ItAsset');
export type Asset = z.infer<typeof Asset>;

export const Assignment = z
  .object({
    id: z.uuid(),
    assetId: z.uuid(),
    assetTag: z.string(),
    assetName: z.string(),
    holderType: z.enum(['user', 'employee', 'location', 'asset']),
    holderId: z.string(),
    holder: z.string(),
    checkedOutAt: z.string(),
    checkedOutBy: z.string().nullable(),
    expectedBack: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    checkedInAt: z.string().nullable(),
    checkedInBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('ItAssignment');
export type Assignment = z.infer<typeof Assignment>;
const Assignments = z.object({ items: z.array(Assignment) });

const STATUSES = ['in_stock', 'deployed', 'in_repair', 'lost', 'retired'] as const;

const AssetQuery = listQuery({
  sort: ['createdAt', 'tag', 'name', 'purchaseDate', 'warrantyUntil', 'status'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: {
    status: z.enum(STATUSES).optional(),
    categoryId: z.uuid().optional(),
    locationId: z.uuid().optional(),
    /** Assets bought from this vendor (a party of the address book). */
    vendorId: z.uuid().optional(),
    /** Warranty ending on or before this date (and not ended before `warrantyFrom`). */
    warrantyUntil: z.iso.date().optional(),
    warrantyFrom: z.iso.date().optional(),
  },
});

const IdParam = z.object({ id: z.uuid() });

export const assetRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assets',
        tags,
        summary: 'Assets: search (tag, serial, name, model), filter, sort, pages; format=csv|xlsx exports the filter',
        permission: 'it.read',
        request: { query: AssetQuery },
        responses: { 200: listResponse(Asset), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = assetQuery(c.var.ctx);
        if (q.status) query = query.where('a.status', '=', q.status);
        if (q.categoryId) query = query.where('a.category_id', '=', q.categoryId);
        if (q.locationId) query = query.where('a.location_id', '=', q.locationId);
        if (q.vendorId) query = query.where('a.vendor_party_id', '=', q.vendorId);
        if (q.warrantyUntil) query = query.where('a.warranty_until', '<=', q.warrantyUntil);
        if (q.warrantyFrom) query = query.where('a.warranty_until', '>=', q.warrantyFrom);
        return sendList(
          c,
          q,
          query,
          {
            sort: {
              createdAt: 'a.created_at',
              tag: 'a.tag',
              name: 'a.name',
              purchaseDate: 'a.purchase_date',
              warrantyUntil: 'a.warranty_until',
              status: 'a.status',
            },
            id: 'a.id',
            search: ['a.tag', 'a.name', 'a.serial_number', 'a.model', 'a.vendor', 'g.holder_label'],
          },
          toAsset,
          {
            filename: 'assets',
            title: { en: 'Assets', cs: 'Majetek' },
            columns: [
              { header: { en: 'Tag', cs: 'Štítek' }, value: (a) => a.tag },
              { header: { en: 'Name', cs: 'Název' }, value: (a) => a.name },
              { header: { en: 'Category', cs: 'Kategorie' }, value: (a) => a.category },
              { header: { en: 'Serial number', cs: 'Sériové číslo' }, value: (a) => a.serialNumber },
              { header: { en: 'Vendor', cs: 'Dodavatel' }, value: (a) => a.vendor },
              { header: { en: 'Status', cs: 'Stav' }, value: (a) => a.status },
              { header: { en: 'Holder', cs: 'Držitel' }, value: (a) => a.holder },
              { header: { en: 'Purchased', cs: 'Pořízeno' }, value: (a) => a.purchaseDate },
              { header: { en: 'Price', cs: 'Cena' }, value: (a) => a.purchasePrice, amount: true },
              { header: { en: 'Warranty until', cs: 'Záruka do' }, value: (a) => a.warrantyUntil },
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
        summary: 'Register an asset in stock (tag generated when absent); 409 tag_taken / serial_taken',
        permission: 'it.assets.manage',
        request: { body: jsonBody(AssetInput) },
        responses: { 201: json(Asset, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        return c.json(await registerAsset(c.var.ctx, c.req.valid('json')), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assets/{id}',
        tags,
        summary: 'One asset with its category, location and current holder',
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(Asset), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const asset = await getAsset(c.var.ctx, c.req.valid('param').id);
        if (!asset) throw new Problem(404, 'not_found', m.asset_not_found);
        return c.json(asset, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assets/{id}/assignments',
        tags,
        summary: "An asset's check-out history, newest first",
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(Assignments), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        if (!(await getAsset(c.var.ctx, id))) throw notFound(m.asset_not_found);
        const rows = await assignmentQuery(c.var.ctx).where('g.asset_id', '=', id).execute();
        return c.json({ items: rows.map(toAssignment) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/assignments',
        tags,
        summary:
          "A holder's assignment history (a member, employee, location or asset); open=true for what they have now",
        permission: 'it.read',
        request: {
          query: z.object({
            holderType: z.enum(['user', 'employee', 'location', 'asset']),
            holderId: z.string().min(1).max(100),
            open: z.enum(['true', 'false']).optional(),
          }),
        },
        responses: { 200: json(Assignments), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = assignmentQuery(c.var.ctx)
          .where('g.holder_type', '=', q.holderType)
          .where('g.holder_id', '=', q.holderId);
        if (q.open === 'true') query = query.where('g.checked_in_at', 'is', null);
        return c.json({ items: (await query.limit(500).execute()).map(toAssignment) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/my/assets',
        tags,
        summary: 'My equipment: what is checked out to the signed-in member now, and what they had',
        permission: 'it.read',
        responses: { 200: json(Assignments), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const userId = c.var.actor.userId;
        if (!userId) return c.json({ items: [] }, 200);
        const rows = await assignmentQuery(c.var.ctx)
          .where('g.holder_type', '=', 'user')
          .where('g.holder_id', '=', userId)
          .limit(500)
          .execute();
        return c.json({ items: rows.map(toAssignment) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/assets/{id}/acknowledge',
        tags,
        summary: 'The holder confirms receipt of an asset checked out to them (recorded once)',
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(Assignment), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx, actor } = c.var;
        const id = c.req.valid('param').id;
        const asset = await getAsset(ctx, id);
        if (!asset) throw notFound(m.asset_not_found);
        const open = await assignmentQuery(ctx)
          .where('g.asset_id', '=', id)
          .where('g.checked_in_at', 'is', null)
          .executeTakeFirst();
        if (!open) throw problem(409, m.not_checked_out, { tag: asset.tag });
        if (open.holder_type !== 'user' || open.holder_id !== actor.userId) throw problem(403, m.not_holder);
        if (!open.acknowledged_at) {
          await ctx.db
            .updateTable('it.assignments')
            .set({ acknowledged_at: ctx.now() })
            .where('tenant_id', '=', ctx.tenant.id)
            .where('id', '=', open.id)
            .execute();
          await ctx.audit({
            action: 'it.asset.acknowledged',
            entityType: 'it.asset',
            entityId: id,
            after: { assignmentId: open.id },
          });
        }
        const row = await assignmentQuery(ctx).where('g.id', '=', open.id).executeTakeFirstOrThrow();
        return c.json(toAssignment(row), 200);
      },
    );
