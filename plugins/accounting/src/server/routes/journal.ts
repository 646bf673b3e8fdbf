import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { entryView, listEntries, reverse } from '../services/ledger.ts';
import { listPeriods, lockPeriod, unlockPeriod } from '../services/periods.ts';
import { postingServiceFor } from '../services/posting.ts';
import {
  AccountCode,
  DateString,
  EntrySchema,
  IdParam,
  Ok,
  Paging,
  Period,
  PostingRequestSchema,
  Text,
} from './schemas.ts';

const EntrySummary = z
  .object({
    id: z.string(),
    number: z.string(),
    date: z.string(),
    memo: z.string(),
    currency: z.string(),
    total: z.string(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
    reversesId: z.string().nullable(),
    reversedById: z.string().nullable(),
  })
  .openapi('AccountingJournalEntrySummary');

const PeriodSchema = z
  .object({
    period: z.string(),
    locked: z.boolean(),
    lockedAt: z.string().nullable(),
    lockedBy: z.string().nullable(),
    entries: z.number().int(),
  })
  .openapi('AccountingPeriod');

const tags = ['accounting: journal'];

/** The journal (posting, reversal) and period locks. */
export const journalRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/journal',
        tags,
        summary: 'Journal entries, newest first',
        permission: 'accounting.read',
        request: {
          query: z.object({
            from: DateString.optional(),
            to: DateString.optional(),
            account: AccountCode.optional(),
            costCenter: Text(50)
              .min(1)
              .optional()
              .openapi({ description: 'Entries with a line of this cost centre; `none`: a line without one' }),
            q: Text(100).optional(),
            ...Paging,
          }),
        },
        responses: { 200: json(z.object({ entries: z.array(EntrySummary) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { costCenter, ...q } = c.req.valid('query');
        const centre = costCenter === undefined ? undefined : costCenter === 'none' ? null : costCenter;
        return c.json({ entries: await listEntries(c.var.ctx, { ...q, costCenter: centre }) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/journal',
        tags,
        summary:
          'Post a balanced entry. 201 with its number; 200 with the existing entry when `source` was posted before; 400 `unbalanced`; 409 `period_locked`.',
        permission: 'accounting.post',
        request: { body: jsonBody(PostingRequestSchema) },
        responses: {
          201: json(EntrySchema, 'Posted'),
          200: json(EntrySchema, 'Already posted for this source'),
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => {
        // Same rules as the posting service other modules use (accounting.* sources are reserved).
        const { entry, created } = await postingServiceFor(c.var.ctx).post(c.req.valid('json'));
        return created ? c.json(entry, 201) : c.json(entry, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/journal/{id}',
        tags,
        summary: 'One entry with its lines',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(EntrySchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await entryView(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/journal/{id}/reverse',
        tags,
        summary:
          'Post the reversal (debits and credits swapped). Dated like the original unless that period is locked (then today) or `date` is given.',
        permission: 'accounting.post',
        request: {
          params: IdParam,
          body: {
            required: false,
            content: {
              'application/json': { schema: z.object({ date: DateString.optional(), memo: Text(500).optional() }) },
            },
          },
        },
        responses: { 201: json(EntrySchema, 'Reversal posted'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const body = (c.req.valid('json') ?? {}) as { date?: string; memo?: string };
        return c.json(await reverse(c.var.ctx, c.req.valid('param').id, body), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/periods',
        tags,
        summary: 'The months of a fiscal year with their lock state',
        permission: 'accounting.read',
        request: { query: z.object({ year: z.coerce.number().int().min(1900).max(2999).optional() }) },
        responses: {
          200: json(z.object({ year: z.number().int(), periods: z.array(PeriodSchema) })),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => {
        const year = c.req.valid('query').year ?? c.var.ctx.now().getUTCFullYear();
        return c.json({ year, periods: await listPeriods(c.var.ctx, year) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/periods/{period}/lock',
        tags,
        summary: 'Close a month: nothing can be posted into it until it is unlocked',
        permission: 'accounting.admin',
        request: { params: z.object({ period: Period }) },
        responses: { 200: json(Ok), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        await lockPeriod(c.var.ctx, c.req.valid('param').period);
        return c.json({ ok: true as const }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/periods/{period}/unlock',
        tags,
        summary: 'Reopen a locked month (audited)',
        permission: 'accounting.admin',
        request: { params: z.object({ period: Period }) },
        responses: { 200: json(Ok), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        await unlockPeriod(c.var.ctx, c.req.valid('param').period);
        return c.json({ ok: true as const }, 200);
      },
    );
