import {
  defineRoute,
  forbidden,
  grants,
  json,
  jsonBody,
  listQuery,
  listResponse,
  type PluginRouter,
  problemResponses,
  sendList,
  workflowRoutes,
  z,
} from '@bureau/core';
import {
  CandidateInput,
  CandidateUpdate,
  InterviewInput,
  MoveInput,
  OpeningInput,
  OpeningUpdate,
  ScorecardInput,
  StagesInput,
} from '../../schema.ts';
import {
  addScorecard,
  type Candidate,
  candidateRow,
  candidatesQuery,
  createCandidate,
  createOpening,
  getOpening,
  interviews,
  moveCandidate,
  openingsQuery,
  saveStages,
  scheduleInterview,
  stages,
  toCandidate,
  toOpening,
  updateCandidate,
  updateOpening,
} from '../recruiting/service.ts';
import { candidateWorkflow, openingWorkflow } from '../recruiting/workflow.ts';

const tags = ['hr: recruiting'];
const IdParam = z.object({ id: z.uuid() });
const Localized = z.object({ en: z.string(), cs: z.string() });

const StageSchema = z
  .object({ id: z.uuid(), key: z.string().nullable(), label: Localized, position: z.number() })
  .openapi('HrRecruitingStage');
const StageList = z.object({ items: z.array(StageSchema) });

const OpeningSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    department: z.string().nullable(),
    position: z.string().nullable(),
    managerId: z.string().nullable(),
    managerName: z.string().nullable(),
    headcount: z.number(),
    contractType: z.enum(['hpp', 'dpp', 'dpc']).nullable(),
    description: z.string().nullable(),
    status: z.enum(['open', 'paused', 'closed']),
    createdAt: z.string(),
    active: z.number(),
    hired: z.number(),
  })
  .openapi('HrOpening');

const CANDIDATE_STATUSES = ['active', 'offered', 'hired', 'rejected', 'withdrawn'] as const;
const CandidateSchema = z
  .object({
    id: z.uuid(),
    openingId: z.uuid(),
    openingTitle: z.string(),
    stageId: z.uuid(),
    status: z.enum(CANDIDATE_STATUSES),
    masked: z.boolean().describe('True when the caller lacks hr.recruiting.personal: initials only, no contact'),
    anonymised: z.boolean(),
    name: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    source: z.string().nullable(),
    note: z.string().nullable(),
    consentUntil: z.string().nullable(),
    lastContact: z.string(),
    closedOn: z.string().nullable(),
    offer: z
      .object({
        contractType: z.enum(['hpp', 'dpp', 'dpc']),
        startDate: z.string(),
        monthlySalary: z.string().nullable(),
        hourlyRate: z.string().nullable(),
        weeklyHours: z.string().nullable(),
      })
      .nullable(),
    employeeId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('HrCandidate');

const ScorecardSchema = z.object({
  id: z.uuid(),
  interviewId: z.uuid(),
  interviewerId: z.uuid(),
  interviewerName: z.string(),
  rating: z.number(),
  recommendation: z.enum(['strong_no', 'no', 'yes', 'strong_yes']),
  criteria: z.array(z.object({ name: z.string(), score: z.number() })),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
const InterviewSchema = z
  .object({
    id: z.uuid(),
    candidateId: z.uuid(),
    startsAt: z.string(),
    durationMinutes: z.number(),
    kind: z.enum(['onsite', 'video', 'phone']),
    location: z.string().nullable(),
    note: z.string().nullable(),
    interviewers: z.array(z.object({ id: z.uuid(), name: z.string() })),
    scorecards: z.array(ScorecardSchema),
  })
  .openapi('HrInterview');
const CandidateDetail = CandidateSchema.extend({ interviews: z.array(InterviewSchema) }).openapi('HrCandidateDetail');

const BoardSchema = z
  .object({
    opening: OpeningSchema,
    columns: z.array(
      z.object({
        /** A stage id, or `offered` / `hired`. */
        id: z.string(),
        stage: StageSchema.nullable(),
        candidates: z.array(CandidateSchema),
      }),
    ),
    closed: z.number().describe('Rejected and withdrawn candidates'),
  })
  .openapi('HrRecruitingBoard');

const OpeningQuery = listQuery({
  sort: ['createdAt', 'title'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { status: z.enum(['open', 'paused', 'closed']).optional() },
});
const CandidateQuery = listQuery({
  sort: ['createdAt', 'lastContact'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: {
    openingId: z.uuid().optional(),
    stageId: z.uuid().optional(),
    status: z.enum(CANDIDATE_STATUSES).optional(),
  },
});

type C = { var: { ctx: any; grants: readonly string[] } };
/** Names, contact, notes, consent and offers of candidates: only with `hr.recruiting.personal`. */
const personal = (c: C) => grants(c.var.grants, 'hr.recruiting.personal');

async function detail(c: C, id: string) {
  const see = personal(c);
  const row = await candidateRow(c.var.ctx, id);
  if (see) await c.var.ctx.auditRead('hr.candidate', id);
  return { ...toCandidate(row, see), interviews: await interviews(c.var.ctx, id, see) };
}

/**
 * Recruiting: the pipeline stages, openings (workflow open → paused → closed) with their board,
 * candidates (workflow active → offered → hired | rejected | withdrawn; stage moves within active),
 * interviews and scorecards. Candidates' personal data are masked for readers without
 * `hr.recruiting.personal` and every full read is audited.
 */
export const recruitingRoutes = (router: PluginRouter) =>
  workflowRoutes(
    workflowRoutes(
      router
        .openapi(
          defineRoute({
            method: 'get',
            path: '/recruiting/stages',
            tags,
            summary: 'The pipeline stages in order (the defaults until the tenant sets its own)',
            permission: 'hr.recruiting.read',
            responses: { 200: json(StageList), ...problemResponses(401, 403) },
          }),
          async (c) => c.json({ items: await stages(c.var.ctx) }, 200),
        )
        .openapi(
          defineRoute({
            method: 'put',
            path: '/recruiting/stages',
            tags,
            summary: 'Set the pipeline: kept ids renamed and moved, new names added, missing stages removed',
            permission: 'hr.recruiting.manage',
            request: { body: jsonBody(StagesInput) },
            responses: { 200: json(StageList), ...problemResponses(400, 401, 403, 409) },
          }),
          async (c) => c.json({ items: await saveStages(c.var.ctx, c.req.valid('json')) }, 200),
        )
        .openapi(
          defineRoute({
            method: 'get',
            path: '/recruiting/openings',
            tags,
            summary: 'Openings with candidate counts; filter by status; format=csv|xlsx',
            permission: 'hr.recruiting.read',
            request: { query: OpeningQuery },
            responses: { 200: listResponse(OpeningSchema), ...problemResponses(400, 401, 403) },
          }),
          async (c) => {
            const q = c.req.valid('query');
            let query = openingsQuery(c.var);
            if (q.status) query = query.where('o.status', '=', q.status);
            return sendList(
              c,
              q,
              query,
              {
                sort: { createdAt: 'o.created_at', title: 'o.title' },
                id: 'o.id',
                search: ['o.title', 'o.department', 'o.position'],
              },
              toOpening,
              {
                filename: 'openings',
                title: { en: 'Openings', cs: 'Otevřené pozice' },
                columns: [
                  { header: { en: 'Title', cs: 'Název' }, value: (o) => o.title },
                  { header: { en: 'Department', cs: 'Oddělení' }, value: (o) => o.department },
                  { header: { en: 'Headcount', cs: 'Počet míst' }, value: (o) => o.headcount },
                  { header: { en: 'In the pipeline', cs: 'Ve výběru' }, value: (o) => o.active },
                  { header: { en: 'Hired', cs: 'Přijato' }, value: (o) => o.hired },
                  { header: { en: 'Status', cs: 'Stav' }, value: (o) => o.status },
                ],
              },
            );
          },
        )
        .openapi(
          defineRoute({
            method: 'post',
            path: '/recruiting/openings',
            tags,
            summary: 'Open a position to recruit for',
            permission: 'hr.recruiting.manage',
            request: { body: jsonBody(OpeningInput) },
            responses: { 201: json(OpeningSchema, 'Created'), ...problemResponses(400, 401, 403) },
          }),
          async (c) => {
            const id = await createOpening(c.var.ctx, c.req.valid('json'));
            await c.var.ctx.workflow(openingWorkflow).start(id);
            return c.json(await getOpening(c.var.ctx, id), 201);
          },
        )
        .openapi(
          defineRoute({
            method: 'get',
            path: '/recruiting/openings/{id}',
            tags,
            summary: 'One opening with candidate counts',
            permission: 'hr.recruiting.read',
            request: { params: IdParam },
            responses: { 200: json(OpeningSchema), ...problemResponses(400, 401, 403, 404) },
          }),
          async (c) => c.json(await getOpening(c.var.ctx, c.req.valid('param').id), 200),
        )
        .openapi(
          defineRoute({
            method: 'patch',
            path: '/recruiting/openings/{id}',
            tags,
            summary: 'Change an opening',
            permission: 'hr.recruiting.manage',
            request: { params: IdParam, body: jsonBody(OpeningUpdate) },
            responses: { 200: json(OpeningSchema), ...problemResponses(400, 401, 403, 404) },
          }),
          async (c) => {
            const { id } = c.req.valid('param');
            await updateOpening(c.var.ctx, id, c.req.valid('json'));
            return c.json(await getOpening(c.var.ctx, id), 200);
          },
        )
        .openapi(
          defineRoute({
            method: 'get',
            path: '/recruiting/openings/{id}/board',
            tags,
            summary: 'The pipeline board of an opening: a column per stage, then offered and hired',
            permission: 'hr.recruiting.read',
            request: { params: IdParam },
            responses: { 200: json(BoardSchema), ...problemResponses(400, 401, 403, 404) },
          }),
          async (c) => {
            const { id } = c.req.valid('param');
            const opening = await getOpening(c.var.ctx, id);
            const list = await stages(c.var.ctx);
            const rows = await candidatesQuery(c.var)
              .where('c.opening_id', '=', id)
              .orderBy('c.created_at')
              .orderBy('c.id')
              .execute();
            const all = rows.map((r) => toCandidate(r, personal(c)));
            const of = (f: (x: Candidate) => boolean) => all.filter(f);
            return c.json(
              {
                opening,
                columns: [
                  ...list.map((s) => ({
                    id: s.id,
                    stage: s,
                    candidates: of((x) => x.status === 'active' && x.stageId === s.id),
                  })),
                  { id: 'offered', stage: null, candidates: of((x) => x.status === 'offered') },
                  { id: 'hired', stage: null, candidates: of((x) => x.status === 'hired') },
                ],
                closed: of((x) => x.status === 'rejected' || x.status === 'withdrawn').length,
              },
              200,
            );
          },
        )
        .openapi(
          defineRoute({
            method: 'get',
            path: '/recruiting/candidates',
            tags,
            summary: 'Candidates; filter by opening, stage, status. Names are initials without hr.recruiting.personal',
            permission: 'hr.recruiting.read',
            request: { query: CandidateQuery },
            responses: { 200: listResponse(CandidateSchema), ...problemResponses(400, 401, 403) },
          }),
          async (c) => {
            const q = c.req.valid('query');
            const see = personal(c);
            let query = candidatesQuery(c.var);
            if (q.openingId) query = query.where('c.opening_id', '=', q.openingId);
            if (q.stageId) query = query.where('c.stage_id', '=', q.stageId);
            if (q.status) query = query.where('c.status', '=', q.status);
            return sendList(
              c,
              q,
              query,
              {
                sort: { createdAt: 'c.created_at', lastContact: 'c.last_contact' },
                id: 'c.id',
                // Searching names would tell a masked reader who applied: they search openings only.
                search: see ? ['c.first_name', 'c.last_name', 'c.email', 'o.title'] : ['o.title'],
              },
              (r: Record<string, any>) => toCandidate(r, see),
              {
                filename: 'candidates',
                title: { en: 'Candidates', cs: 'Uchazeči' },
                columns: [
                  { header: { en: 'Name', cs: 'Jméno' }, value: (x) => x.name },
                  { header: { en: 'Opening', cs: 'Pozice' }, value: (x) => x.openingTitle },
                  { header: { en: 'E-mail', cs: 'E-mail' }, value: (x) => x.email },
                  { header: { en: 'Status', cs: 'Stav' }, value: (x) => x.status },
                  { header: { en: 'Last contact', cs: 'Poslední kontakt' }, value: (x) => x.lastContact },
                ],
              },
            );
          },
        )
        .openapi(
          defineRoute({
            method: 'post',
            path: '/recruiting/candidates',
            tags,
            summary: 'Add a candidate to an open opening (first stage of the pipeline)',
            permission: 'hr.recruiting.manage',
            request: { body: jsonBody(CandidateInput) },
            responses: { 201: json(CandidateDetail, 'Created'), ...problemResponses(400, 401, 403, 409) },
          }),
          async (c) => {
            const id = await createCandidate(c.var.ctx, c.req.valid('json'));
            await c.var.ctx.workflow(candidateWorkflow).start(id);
            return c.json(await detail(c, id), 201);
          },
        )
        .openapi(
          defineRoute({
            method: 'get',
            path: '/recruiting/candidates/{id}',
            tags,
            summary: 'One candidate with interviews and scorecards (a full read is audited)',
            permission: 'hr.recruiting.read',
            request: { params: IdParam },
            responses: { 200: json(CandidateDetail), ...problemResponses(400, 401, 403, 404) },
          }),
          async (c) => c.json(await detail(c, c.req.valid('param').id), 200),
        )
        .openapi(
          defineRoute({
            method: 'patch',
            path: '/recruiting/candidates/{id}',
            tags,
            summary: 'Change a candidate’s personal data or consent (also needs hr.recruiting.personal)',
            permission: 'hr.recruiting.manage',
            request: { params: IdParam, body: jsonBody(CandidateUpdate) },
            responses: { 200: json(CandidateDetail), ...problemResponses(400, 401, 403, 404, 409) },
          }),
          async (c) => {
            if (!personal(c)) throw forbidden('hr.recruiting.personal');
            const { id } = c.req.valid('param');
            await updateCandidate(c.var.ctx, id, c.req.valid('json'));
            return c.json(await detail(c, id), 200);
          },
        )
        .openapi(
          defineRoute({
            method: 'post',
            path: '/recruiting/candidates/{id}/stage',
            tags,
            summary: 'Move a candidate in the pipeline to another stage',
            permission: 'hr.recruiting.manage',
            request: { params: IdParam, body: jsonBody(MoveInput) },
            responses: { 200: json(CandidateDetail), ...problemResponses(400, 401, 403, 404, 409) },
          }),
          async (c) => {
            const { id } = c.req.valid('param');
            await moveCandidate(c.var.ctx, id, c.req.valid('json').stageId);
            return c.json(await detail(c, id), 200);
          },
        )
        .openapi(
          defineRoute({
            method: 'post',
            path: '/recruiting/candidates/{id}/interviews',
            tags,
            summary: 'Schedule an interview with one or more interviewers (employees)',
            permission: 'hr.recruiting.manage',
            request: { params: IdParam, body: jsonBody(InterviewInput) },
            responses: { 201: json(CandidateDetail, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
          }),
          async (c) => {
            const { id } = c.req.valid('param');
            await scheduleInterview(c.var.ctx, id, c.req.valid('json'));
            return c.json(await detail(c, id), 201);
          },
        )
        .openapi(
          defineRoute({
            method: 'post',
            path: '/recruiting/interviews/{id}/scorecards',
            tags,
            summary: 'An interviewer’s scorecard: overall rating 1–5, recommendation, criteria, notes',
            permission: 'hr.recruiting.interview',
            request: { params: IdParam, body: jsonBody(ScorecardInput) },
            responses: { 201: json(InterviewSchema, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
          }),
          async (c) => {
            const { id } = c.req.valid('param');
            await addScorecard(c.var.ctx, id, c.req.valid('json'));
            const row = await c.var.db
              .selectFrom('hr.interviews')
              .select('candidate_id')
              .where('tenant_id', '=', c.var.tenant.id)
              .where('id', '=', id)
              .executeTakeFirstOrThrow();
            const list = await interviews(c.var.ctx, row.candidate_id, personal(c));
            return c.json(list.find((i) => i.id === id)!, 201);
          },
        ),
      openingWorkflow,
      { path: '/recruiting/openings' },
    ),
    candidateWorkflow,
    { path: '/recruiting/candidates' },
  );
