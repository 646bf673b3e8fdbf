import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/route.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import type { PluginRouter } from '../plugins/define-plugin.ts';
import type { WorkflowDefinition } from './define-workflow.ts';

const Label = z.object({ en: z.string(), cs: z.string() });
const State = z
  .object({
    key: z.string(),
    label: Label,
    tone: z.enum(['neutral', 'info', 'accent', 'success', 'warning', 'danger']),
    final: z.boolean(),
  })
  .openapi('WorkflowState');

export const WorkflowViewSchema = z
  .object({
    entityType: z.string(),
    id: z.string(),
    state: State,
    transitions: z.array(
      z.object({
        name: z.string(),
        label: Label,
        to: State,
        allowed: z.boolean(),
        reason: Label.nullable(),
        danger: z.boolean(),
        input: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'JSON Schema of the input' }),
      }),
    ),
    history: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        transition: z.string().nullable(),
        transitionLabel: Label.nullable(),
        from: State.nullable(),
        to: State,
        actor: z.string(),
        note: z.string().nullable(),
      }),
    ),
  })
  .openapi('WorkflowView');

const Note = z.string().trim().max(2000).nullable().optional().openapi({ description: 'Kept in the status history' });

export interface WorkflowRouteOptions {
  /** The collection path of the records, relative to the plugin (e.g. `/orders`). */
  path: `/${string}`;
  /** OpenAPI tags; default the plugin's first path segment. */
  tags?: string[];
}

/**
 * Mounts a workflow's routes on a plugin router, under `<path>/{id}`:
 *  - `GET <path>/{id}/workflow` (the workflow's read permission): the state, the transitions the caller
 *    may run now, each with its guard's verdict and input schema, and the status history;
 *  - `POST <path>/{id}/<transition>` for each transition (its permission, published as `x-permission`),
 *    body `{ note?, ...input }`; answers the new view. 409 `invalid_transition` from a wrong state,
 *    409 `transition_blocked` when the guard refuses.
 * `router.openapi(...)` chains stay typed for the plugin's own routes; call this last or in between.
 */
export function workflowRoutes<R extends PluginRouter>(
  router: R,
  workflow: WorkflowDefinition<any, any, any>,
  options: WorkflowRouteOptions,
): R {
  const path = options.path.replace(/\/$/, '');
  const tags = options.tags ?? [path.split('/')[1] ?? 'workflow'];
  router.openapi(
    defineRoute({
      method: 'get',
      path: `${path}/{id}/workflow`,
      tags,
      summary: 'State, allowed transitions and status history',
      permission: workflow.readPermission,
      request: { params: IdParam },
      responses: { 200: json(WorkflowViewSchema), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await c.var.ctx.workflow(workflow).view(id), 200);
    },
  );
  for (const [name, tr] of Object.entries(workflow.transitions)) {
    const body = (tr.input ?? z.object({})).extend({ note: Note });
    router.openapi(
      defineRoute({
        method: 'post',
        path: `${path}/{id}/${name}`,
        tags,
        summary: `${tr.label.en} (workflow transition to ${tr.to})`,
        permission: tr.permission,
        request: {
          params: IdParam,
          body: { required: !!tr.input, content: { 'application/json': { schema: body } } },
        },
        responses: { 200: json(WorkflowViewSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { note, ...input } = (c.req.valid('json') ?? {}) as { note?: string | null } & Record<string, unknown>;
        const handle = c.var.ctx.workflow(workflow);
        await handle.transition(id, name, { input, note: note ?? null });
        return c.json(await handle.view(id), 200);
      },
    );
  }
  return router;
}
