import { Readable } from 'node:stream';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TenantEnv } from '../http/env.ts';
import { requestLocale } from '../http/locale.ts';
import { badRequest, fieldError, notFound } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, problemResponses } from '../http/schemas.ts';
import { listExports, readExport, requestExport } from './archive-export.ts';
import { findClass } from './classes.ts';
import { approveDisposal, listProposals, listRuns, proposeDisposals } from './disposal.ts';
import { listHolds, placeHold, releaseHold } from './holds.ts';
import { mm } from './management-messages.ts';
import { retentionSchedule, setTenantPeriod } from './periods.ts';
import { callerScope, type RecordsScope, today } from './scope.ts';
import { STATUTES_VERSION } from './statutes.ts';
import { subjectPdf } from './subject-pdf.ts';
import {
  collectSubjectData,
  complete,
  createRequest,
  eraseSubject,
  erasurePlan,
  listRequests,
  loadRequest,
  withheldTitles,
} from './subjects.ts';

const scope = (c: Context<TenantEnv>): Promise<RecordsScope> => callerScope(c.var);

const Text = { en: z.string(), cs: z.string() };
const Localized = z.object(Text);
const PeriodSchema = z.object({ years: z.number().int(), months: z.number().int() });
const ClassKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9_-]*$/)
  .max(80);
const Day = z.iso.date();

const Subject = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    birthNumber: z
      .string()
      .trim()
      .regex(/^\d{6}\/?\d{3,4}$/)
      .optional(),
    birthDate: Day.optional(),
  })
  .refine((s) => !!(s.name || s.email || s.birthNumber), { message: mm.subject_needs_identity.ref, path: ['name'] })
  .openapi('DataSubject');

const ScheduleClass = z.object({
  key: z.string(),
  module: z.string(),
  label: Localized,
  trigger: z.string(),
  triggerLabel: Localized,
  disposal: z.enum(['delete', 'anonymise', 'archive']),
  statutes: z.array(
    z.object({
      key: z.string(),
      label: Localized,
      period: PeriodSchema,
      trigger: z.string(),
      duty: z.boolean(),
      source: z.string(),
      url: z.string(),
      verified: z.boolean(),
      note: Localized.optional(),
    }),
  ),
  minimum: PeriodSchema,
  standard: PeriodSchema,
  period: PeriodSchema,
  lengthened: z.boolean(),
  due: z.number(),
  held: z.number(),
});
const Schedule = z
  .object({ today: z.string(), statutesVersion: z.string(), classes: z.array(ScheduleClass) })
  .openapi('RetentionSchedule');

const Hold = z
  .object({
    id: z.string(),
    scope: z.enum(['subject', 'class', 'records']),
    subject: z.any().nullable(),
    recordClass: z.string().nullable(),
    recordIds: z.array(z.string()).nullable(),
    reason: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    releasedAt: z.string().nullable(),
    releasedBy: z.string().nullable(),
  })
  .openapi('LegalHold');
const NewHold = z.object({
  scope: z.enum(['subject', 'class', 'records']),
  subject: Subject.optional(),
  recordClass: ClassKey.optional(),
  recordIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
  reason: z.string().trim().min(3).max(500),
});

const Item = z.object({
  id: z.string(),
  recordClass: z.string(),
  recordId: z.string(),
  label: z.string(),
  triggerDate: z.string(),
  keepUntil: z.string(),
  status: z.string(),
  runId: z.string().nullable(),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
const Run = z
  .object({
    id: z.string(),
    status: z.string(),
    total: z.number(),
    done: z.number(),
    skipped: z.number(),
    approvedAt: z.string(),
    approvedBy: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('DisposalRun');
const LoggedRun = Run.extend({
  log: z.array(
    z.object({
      recordClass: z.string(),
      disposal: z.string(),
      count: z.number(),
      disposedAt: z.string(),
      approvedBy: z.string(),
    }),
  ),
});

const Request = z
  .object({
    id: z.string(),
    kind: z.enum(['access', 'erasure']),
    subject: z.any(),
    status: z.enum(['open', 'done']),
    receivedOn: z.string(),
    dueOn: z.string(),
    responsibleUserId: z.string().nullable(),
    note: z.string().nullable(),
    outcome: z.any().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
  })
  .openapi('SubjectRequest');
const NewRequest = z.object({
  kind: z.enum(['access', 'erasure']),
  subject: Subject,
  receivedOn: Day.optional(),
  responsibleUserId: z.uuid().optional(),
  note: z.string().trim().max(1000).optional(),
});
const PersonalItem = z.object({
  module: z.string(),
  recordClass: z.string(),
  id: z.string(),
  label: z.string(),
  triggerDate: z.string().nullable(),
  data: z.record(z.string(), z.any()),
  reason: z.any().optional(),
});
const ArchiveExport = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number(),
    done: z.number(),
    size: z.number().nullable(),
    sha256: z.string().nullable(),
    requestedAt: z.string(),
    requestedBy: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('ArchiveExport');
const ItemRef = z.object({ recordClass: ClassKey, id: z.string().min(1).max(100) });

/** Records management (issue 18): retention schedule, class periods, legal holds, disposal, data-subject requests. */
export const managementRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/schedule',
      tags: ['records'],
      permission: 'tenant.records.read',
      description:
        "Every record class of the caller's enabled modules: statutes with sources, trigger, disposal, the minimum, the tenant's period and the count of records due (and held).",
      responses: { 200: json(Schedule), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ ...(await retentionSchedule(await scope(c))), statutesVersion: STATUTES_VERSION }, 200),
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/records/classes/{key}/period',
      tags: ['records'],
      permission: 'tenant.records.manage',
      description:
        "Sets the tenant's period for a class (`{ years, months }`), or back to the standard (`{ standard: true }`). Shorter than a statutory duty: 409 `below_statutory_minimum`.",
      request: {
        params: z.object({ key: ClassKey }),
        body: jsonBody(
          z.union([
            z.object({ standard: z.literal(true) }),
            z.object({ years: z.number().int().min(0).max(100), months: z.number().int().min(0).max(11) }),
          ]),
        ),
      },
      responses: { 200: json(ScheduleClass), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const s = await scope(c);
      const key = c.req.valid('param').key;
      const cls = findClass(s.runtime.plugins, key);
      if (!cls || !s.modules.has(cls.plugin.id)) throw notFound(mm.unknown_record_class);
      const body = c.req.valid('json');
      await setTenantPeriod(s, cls, 'standard' in body ? null : { years: body.years, months: body.months });
      const row = (await retentionSchedule(s)).classes.find((x) => x.key === key);
      return c.json(row as z.infer<typeof ScheduleClass>, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/holds',
      tags: ['records'],
      permission: 'tenant.records.read',
      request: { query: z.object({ active: z.enum(['true', 'false']).default('true') }) },
      responses: { 200: json(z.object({ holds: z.array(Hold) })), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const holds = await listHolds(await scope(c), c.req.valid('query').active === 'true');
      return c.json({ holds }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/holds',
      tags: ['records'],
      permission: 'tenant.records.holds',
      description:
        'Places a legal hold on a person (their records in every module), a record class, or listed records of a class. Nothing under a hold is proposed for disposal, disposed of or erased.',
      request: { body: jsonBody(NewHold) },
      responses: { 201: json(Hold), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await placeHold(await scope(c), c.req.valid('json')), 201),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/holds/{id}/release',
      tags: ['records'],
      permission: 'tenant.records.holds',
      request: { params: IdParam },
      responses: { 200: json(Hold), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await releaseHold(await scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/disposal/proposals',
      tags: ['records'],
      permission: 'tenant.records.read',
      request: {
        query: z.object({ status: z.enum(['proposed', 'approved', 'held', 'withdrawn']).optional() }),
      },
      responses: { 200: json(z.object({ items: z.array(Item) })), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json({ items: await listProposals(await scope(c), c.req.valid('query').status) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/disposal/proposals/refresh',
      tags: ['records'],
      permission: 'tenant.records.dispose',
      description: 'Proposes every record past retention that no hold keeps (core also does this daily).',
      responses: { 200: json(z.object({ proposed: z.number() })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ proposed: await proposeDisposals(await scope(c)) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/disposal/approve',
      tags: ['records'],
      permission: 'tenant.records.dispose',
      description:
        'Approves proposed records of a class (`recordClass`) or listed proposals (`itemIds`) and queues a disposal run. Any of them under a legal hold: 409 `records_held`, nothing changed.',
      request: {
        body: jsonBody(
          z
            .object({ recordClass: ClassKey.optional(), itemIds: z.array(z.uuid()).min(1).max(1000).optional() })
            .refine((b) => b.recordClass || b.itemIds, { message: mm.nothing_to_approve.ref, path: ['recordClass'] }),
        ),
      },
      responses: { 202: json(Run), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await approveDisposal(await scope(c), c.req.valid('json')), 202),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/disposal/runs',
      tags: ['records'],
      permission: 'tenant.records.read',
      description: 'Disposal runs with their progress and the disposal log (class, count, when, approved by whom).',
      responses: { 200: json(z.object({ runs: z.array(LoggedRun) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ runs: await listRuns(await scope(c)) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/requests',
      tags: ['records'],
      permission: 'tenant.privacy.manage',
      responses: { 200: json(z.object({ requests: z.array(Request) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ requests: await listRequests(await scope(c)) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/requests',
      tags: ['records'],
      permission: 'tenant.privacy.manage',
      description:
        'Records a data-subject request (access or erasure) with its deadline, one month from receipt (GDPR Art. 12(3)), and e-mails the responsible member.',
      request: { body: jsonBody(NewRequest) },
      responses: { 201: json(Request), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await createRequest(await scope(c), c.req.valid('json')), 201),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/requests/{id}',
      tags: ['records'],
      permission: 'tenant.privacy.manage',
      request: { params: IdParam },
      responses: { 200: json(Request), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await loadRequest(await scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/requests/{id}/data',
      tags: ['records'],
      permission: 'tenant.privacy.manage',
      description:
        "Everything the enabled modules hold about the request's person, through each module's `personalData.export`: JSON, or a readable PDF (`format=pdf`). Modules the caller may not read are listed in `withheld`. Audited as a read.",
      request: { params: IdParam, query: z.object({ format: z.enum(['json', 'pdf']).default('json') }) },
      responses: {
        200: {
          description: 'The export',
          content: {
            'application/json': { schema: z.any() },
            'application/pdf': { schema: z.any() },
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const s = await scope(c);
      const request = await loadRequest(s, c.req.valid('param').id);
      const { modules, withheld } = await collectSubjectData(s, request.subject);
      await s.ctx.auditRead('subject-request', request.id);
      const day = today(s.runtime);
      const disposition = (ext: string) => `attachment; filename="personal-data-${request.id}.${ext}"`;
      if (c.req.valid('query').format === 'pdf') {
        const pdf = await subjectPdf({
          locale: requestLocale(c),
          firm: s.tenant.name,
          subject: request.subject,
          receivedOn: request.receivedOn,
          today: day,
          modules,
          withheld: withheldTitles(s, withheld),
        });
        return new Response(new Uint8Array(pdf), {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': disposition('pdf'),
            'cache-control': 'private, no-store',
          },
        }) as never;
      }
      return c.json(
        {
          format: 'bureau.personal-data/1',
          firm: { name: s.tenant.name, slug: s.tenant.slug },
          request: { id: request.id, kind: request.kind, receivedOn: request.receivedOn },
          subject: request.subject,
          exportedOn: day,
          modules,
          withheld,
        },
        200,
        { 'content-disposition': disposition('json'), 'cache-control': 'private, no-store' },
      ) as never;
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/requests/{id}/erasure',
      tags: ['records'],
      permission: 'tenant.privacy.manage',
      description:
        'What an erasure would remove, and what is kept and why (the statute and until when, or a legal hold).',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            erase: z.array(PersonalItem),
            keep: z.array(PersonalItem),
            withheld: z.array(z.string()),
            withheldTitles: z.array(z.object({ en: z.string(), cs: z.string() })),
          }),
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const s = await scope(c);
      const request = await loadRequest(s, c.req.valid('param').id);
      return c.json(await erasurePlan(s, request.subject), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/requests/{id}/erase',
      tags: ['records'],
      permission: 'tenant.privacy.manage',
      description:
        "Erases or anonymises the listed records through each module's `personalData.erase`, deletes their attachments and closes the request. A listed record under a retention duty or a legal hold: 409 `retention_duty`, nothing changed.",
      request: { params: IdParam, body: jsonBody(z.object({ items: z.array(ItemRef).max(5000) })) },
      responses: { 200: json(Request), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const s = await scope(c);
      const id = c.req.valid('param').id;
      const { items } = c.req.valid('json');
      if (new Set(items.map((i) => `${i.recordClass}\n${i.id}`)).size !== items.length) {
        throw badRequest('invalid_input', mm.not_about_subject, [fieldError('items', mm.not_about_subject)]);
      }
      // Attachments are hidden now and purged by the records job after this commits.
      await eraseSubject(s, id, items);
      return c.json(await loadRequest(s, id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/requests/{id}/complete',
      tags: ['records'],
      permission: 'tenant.privacy.manage',
      description: 'Closes a request (an access request once the export was handed over).',
      request: { params: IdParam, body: jsonBody(z.object({ note: z.string().trim().max(1000).optional() })) },
      responses: { 200: json(Request), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const s = await scope(c);
      const id = c.req.valid('param').id;
      const done = await complete(s, id, { note: c.req.valid('json').note ?? null });
      await s.ctx.audit({ action: 'subject-request.completed', entityType: 'subject-request', entityId: id });
      return c.json(done, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/exports',
      tags: ['records'],
      permission: 'tenant.records.export',
      description: "The firm's data-set exports, newest first, with their progress.",
      responses: { 200: json(z.object({ exports: z.array(ArchiveExport) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ exports: await listExports(await scope(c)) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/records/exports',
      tags: ['records'],
      permission: 'tenant.records.export',
      description:
        "Queues an export of the firm's whole data set: every enabled module's tables and core's (company, roles, members, audit log, records management) as JSON and CSV, every attachment, a manifest and SHA256SUMS, in one .tar.gz built in the background. One at a time: 409 `export_running`.",
      responses: { 202: json(ArchiveExport), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await requestExport(await scope(c)), 202),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/records/exports/{id}/download',
      tags: ['records'],
      permission: 'tenant.records.export',
      description:
        'The finished archive (`application/gzip`); 409 `export_not_ready` while it is built. Audited as a read.',
      request: { params: IdParam },
      responses: {
        200: { description: 'The archive', content: { 'application/gzip': { schema: z.any() } } },
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const s = await scope(c);
      const { export: e, size, stream } = await readExport(s, c.req.valid('param').id);
      const day = e.requestedAt.slice(0, 10);
      return new Response(Readable.toWeb(stream()) as ReadableStream, {
        status: 200,
        headers: {
          'content-type': 'application/gzip',
          'content-length': String(size),
          'content-disposition': `attachment; filename="bureau-${s.tenant.slug}-${day}.tar.gz"`,
          'x-content-sha256': e.sha256 ?? '',
          'cache-control': 'private, no-store',
        },
      }) as never;
    },
  );
