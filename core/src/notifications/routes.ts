import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TenantEnv } from '../http/env.ts';
import { requestLocale } from '../http/locale.ts';
import { notFound, Problem } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, problemResponses } from '../http/schemas.ts';
import { CHANNELS, SEVERITIES } from './define.ts';
import { nm } from './messages.ts';
import { preferenceTopics, readPreferences, savePreferences } from './preferences.ts';
import { type NotificationRow, renderNotification } from './render.ts';

const Notification = z
  .object({
    id: z.string(),
    severity: z.enum(SEVERITIES),
    category: z.string().nullable(),
    title: z.string().openapi({ description: "In the reader's language" }),
    body: z.string().nullable(),
    link: z.string().nullable().openapi({ description: "A path inside the tenant's app, e.g. /medical/results/…" }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const Inbox = z
  .object({
    items: z.array(Notification),
    nextCursor: z.string().nullable(),
    unread: z.number().int().openapi({ description: "The caller's unread notifications in this tenant" }),
  })
  .openapi('Inbox');

const InboxQuery = z.object({
  filter: z.enum(['all', 'unread']).default('all'),
  cursor: z.uuid().optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const Channel = z.enum(CHANNELS);
const Topic = z
  .object({
    topic: z.string(),
    kind: z.enum(['severity', 'category']),
    label: z.object({ en: z.string(), cs: z.string() }),
    module: z.string(),
    channel: Channel.nullable().openapi({ description: 'The caller’s choice; null follows the default' }),
    defaultChannel: Channel.nullable().openapi({ description: "null: a category follows its severity's choice" }),
  })
  .openapi('NotificationTopic');
const Preferences = z.object({ items: z.array(Topic) }).openapi('NotificationPreferences');
const PreferencesInput = z.object({
  preferences: z
    .record(z.string().max(200), Channel.nullable())
    .refine((r) => Object.keys(r).length <= 100)
    .openapi({ description: 'topic → inapp | email | off, or null to follow the default' }),
});

/** The signed-in person; notifications belong to people, not to API tokens. */
function userOf(c: Context<TenantEnv>): string {
  const id = c.var.actor.userId;
  if (!id || c.var.actor.kind !== 'user') throw new Problem(403, 'user_only', nm.user_only);
  return id;
}

async function unreadCount(c: Context<TenantEnv>, userId: string): Promise<number> {
  const row = await c.var.db
    .selectFrom('core.notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', c.var.tenant.id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function preferencesView(c: Context<TenantEnv>, userId: string) {
  const { runtime, db, tenant } = c.var;
  const chosen = await readPreferences(db, tenant.id, userId);
  const topics = await preferenceTopics(runtime, db, tenant.id);
  return { items: topics.map((t) => ({ ...t, channel: chosen.get(t.topic) ?? null })) };
}

/**
 * The caller's inbox in a tenant (every member has one; no permission needed): the list, the unread
 * count for the bell, mark read, mark all read, and the caller's preferences per severity and category.
 */
export const notificationRoutes = newRouter<TenantEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags: ['notifications'],
      summary: "The caller's notifications in this tenant, newest first, in the reader's language",
      request: { query: InboxQuery },
      responses: { 200: json(Inbox), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const userId = userOf(c);
      const q = c.req.valid('query');
      let query = c.var.db
        .selectFrom('core.notifications')
        .select(['id', 'severity', 'category', 'title_key', 'body_key', 'params', 'link', 'created_at', 'read_at'])
        .where('tenant_id', '=', c.var.tenant.id)
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(q.limit + 1);
      if (q.filter === 'unread') query = query.where('read_at', 'is', null);
      if (q.cursor) query = query.where('id', '<', q.cursor);
      const rows = (await query.execute()) as NotificationRow[];
      const page = rows.slice(0, q.limit);
      const locale = requestLocale(c);
      return c.json(
        {
          items: page.map((r) => renderNotification(locale, r)),
          nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
          unread: await unreadCount(c, userId),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications/unread',
      tags: ['notifications'],
      summary: "How many of the caller's notifications are unread (the bell)",
      responses: { 200: json(z.object({ unread: z.number().int() })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ unread: await unreadCount(c, userOf(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags: ['notifications'],
      summary: 'Marks one of the caller’s notifications read',
      request: { params: IdParam },
      responses: { 200: json(z.object({ unread: z.number().int() })), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const userId = userOf(c);
      const { id } = c.req.valid('param');
      const found = await c.var.db
        .updateTable('core.notifications')
        .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(c.var.runtime.clock.now())) }))
        .where('tenant_id', '=', c.var.tenant.id)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      if (!found) throw notFound(nm.not_found);
      return c.json({ unread: await unreadCount(c, userId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read-all',
      tags: ['notifications'],
      summary: 'Marks all of the caller’s notifications in this tenant read',
      responses: {
        200: json(z.object({ marked: z.number().int(), unread: z.number().int() })),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const userId = userOf(c);
      const res = await c.var.db
        .updateTable('core.notifications')
        .set({ read_at: c.var.runtime.clock.now() })
        .where('tenant_id', '=', c.var.tenant.id)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return c.json({ marked: Number(res.numUpdatedRows), unread: 0 }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications/preferences',
      tags: ['notifications'],
      summary: 'What the caller receives per severity and per category: in-app only, e-mail too, or off',
      responses: { 200: json(Preferences), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await preferencesView(c, userOf(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/notifications/preferences',
      tags: ['notifications'],
      summary: "Sets the caller's choices (topics not named keep theirs); an unknown topic is a field error",
      request: { body: jsonBody(PreferencesInput) },
      responses: { 200: json(Preferences), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const userId = userOf(c);
      const { preferences } = c.req.valid('json');
      await savePreferences(c.var.runtime, c.var.db, c.var.tenant.id, userId, preferences);
      await c.var.ctx.audit({
        action: 'notifications.preferences_changed',
        entityType: 'notifications.preferences',
        entityId: null,
        after: preferences,
      });
      return c.json(await preferencesView(c, userId), 200);
    },
  );
