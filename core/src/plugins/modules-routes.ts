import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TenantEnv } from '../http/env.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { fm } from '../i18n/core-field-messages.ts';
import { isoOrNull } from '../lib/time.ts';
import type { BureauPlugin } from './define-plugin.ts';
import {
  disableModule,
  enableModule,
  installedPlugin,
  type ModuleOp,
  type ModuleRow,
  moduleRows,
  purgeModule,
} from './enablement.ts';
import { PLUGIN_ID, requiredBy } from './registry.ts';

type AnyPlugin = BureauPlugin<string, any>;
type Ctx = Context<TenantEnv>;

const Label = z.object({ en: z.string(), cs: z.string() });

const Module = z
  .looseObject({
    id: z.string(),
    version: z.string(),
    title: Label,
    description: Label,
    enabled: z.boolean(),
    enabledAt: z.string().nullable(),
    disabledAt: z.string().nullable(),
    requires: z.array(z.string()),
    requiredBy: z.array(z.string()),
    permissions: z.array(z.object({ key: z.string(), label: Label })),
  })
  .openapi('Module', {
    description: 'An installed module; billing and other core areas may add fields (e.g. price, entitlement).',
  });

const ModuleParam = z.object({ id: z.string().max(40).regex(PLUGIN_ID, fm.module_id.ref) });

const EnableBody = z.object({
  /** True when the caller accepts a price shown earlier (billing asks for it with 402 `confirmation_required`). */
  confirm: z.boolean().optional(),
});

const PurgeBody = z.object({ confirm: z.string().max(100) });

const PurgeResult = z
  .object({ module: z.string(), deleted: z.record(z.string(), z.number().int()) })
  .openapi('ModulePurge');

const opOf = (c: Ctx): ModuleOp => ({
  runtime: c.var.runtime,
  tenant: c.var.tenant,
  db: c.var.db,
  actor: c.var.actor,
  ctx: c.var.ctx,
});

async function describe(c: Ctx, plugin: AnyPlugin, row: ModuleRow | undefined) {
  const { runtime } = c.var;
  const extra: Record<string, unknown> = {};
  const hookCtx = { runtime, tenant: c.var.tenant, db: c.var.db, actor: c.var.actor };
  for (const info of runtime.hooks.moduleInfo) Object.assign(extra, await info(hookCtx, plugin.id));
  return {
    ...extra,
    id: plugin.id,
    version: plugin.version,
    title: plugin.title,
    description: plugin.description,
    enabled: row?.enabled === true,
    enabledAt: isoOrNull(row?.enabled_at),
    disabledAt: isoOrNull(row?.disabled_at),
    requires: [...(plugin.requires ?? [])],
    requiredBy: requiredBy(runtime.plugins, plugin.id),
    permissions: Object.entries(plugin.permissions).map(([key, label]) => ({ key, label })),
  };
}

/**
 * Module enablement per tenant: list, enable, disable (data kept) and the confirmed purge of a
 * disabled module's data. Every change runs in the tenant transaction and is audited.
 */
export const moduleRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/modules',
      tags: ['modules'],
      summary: 'Every installed module, with whether it is enabled for this tenant',
      permission: 'tenant.members.read',
      responses: { 200: json(z.object({ modules: z.array(Module) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const rows = await moduleRows(c.var.db, c.var.tenant.id);
      const modules = [];
      for (const p of c.var.runtime.plugins) modules.push(await describe(c, p, rows.get(p.id)));
      return c.json({ modules }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/modules/{id}',
      tags: ['modules'],
      summary: 'Enable a module for this tenant (its requirements must be enabled first)',
      permission: 'tenant.modules.manage',
      request: {
        params: ModuleParam,
        body: { required: false, content: { 'application/json': { schema: EnableBody } } },
      },
      responses: { 200: json(Module), ...problemResponses(400, 402, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { confirm } = c.req.valid('json') ?? {};
      const plugin = installedPlugin(c.var.runtime, id);
      const row = await enableModule(opOf(c), id, confirm === true);
      return c.json(await describe(c, plugin, row), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/modules/{id}',
      tags: ['modules'],
      summary: 'Disable a module for this tenant; its data is kept and comes back when it is enabled again',
      permission: 'tenant.modules.manage',
      request: { params: ModuleParam },
      responses: { 200: json(Module), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const plugin = installedPlugin(c.var.runtime, id);
      const row = await disableModule(opOf(c), id);
      return c.json(await describe(c, plugin, row), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/modules/{id}/purge',
      tags: ['modules'],
      summary:
        "Delete all of this tenant's data of a disabled module. Irreversible: the body must repeat the module id.",
      permission: 'tenant.modules.manage',
      request: {
        params: ModuleParam,
        body: { required: true, content: { 'application/json': { schema: PurgeBody } } },
      },
      responses: { 200: json(PurgeResult), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await purgeModule(opOf(c), id, c.req.valid('json').confirm);
      return c.json({ module: id, deleted }, 200);
    },
  );
