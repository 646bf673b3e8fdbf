import {
  defineRoute,
  json,
  jsonBody,
  listQuery,
  listResponse,
  type PluginRouter,
  problem,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import { ASSIGNEES, CourseInput, TemplateInput, TrainingInput } from '../../schema.ts';
import { m } from '../messages.ts';
import {
  checklists,
  deleteTemplate,
  getTemplate,
  saveTemplate,
  setTaskDone,
  startOnboarding,
  templates,
} from '../onboarding/service.ts';
import {
  courses,
  createCourse,
  recordTraining,
  toTraining,
  trainingsQuery,
  updateCourse,
} from '../onboarding/training.ts';
import { pragueDate, ymd } from '../services/dates.ts';

const tags = ['hr: onboarding and training'];
const IdParam = z.object({ id: z.uuid() });
const Assignee = z.enum(ASSIGNEES);

const TemplateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.string().nullable(),
    tasks: z.array(z.object({ id: z.uuid(), title: z.string(), assignee: Assignee, dueDays: z.number() })),
  })
  .openapi('HrOnboardingTemplate');
const TaskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  assignee: Assignee,
  dueDate: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});
const ChecklistList = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        employeeId: z.uuid(),
        name: z.string(),
        createdAt: z.string(),
        done: z.number(),
        total: z.number(),
        tasks: z.array(TaskSchema),
      }),
    ),
  })
  .openapi('HrOnboardingChecklists');
const OpenTask = TaskSchema.extend({ employeeId: z.uuid(), employeeName: z.string(), checklist: z.string() }).openapi(
  'HrOnboardingTask',
);
const CourseSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    validityMonths: z.number().nullable(),
    remindDays: z.number(),
    description: z.string().nullable(),
  })
  .openapi('HrCourse');
const TRAINING_STATUSES = ['valid', 'expiring', 'expired', 'superseded', 'permanent'] as const;
const TrainingSchema = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    employeeName: z.string(),
    courseId: z.uuid(),
    courseName: z.string(),
    completedOn: z.string(),
    expiresOn: z.string().nullable(),
    certificate: z.string().nullable(),
    flaggedOn: z.string().nullable(),
    status: z.enum(TRAINING_STATUSES),
  })
  .openapi('HrTraining');

const TaskQuery = listQuery({
  sort: ['dueDate'],
  defaultSort: 'dueDate',
  defaultDir: 'asc',
  filters: {
    assignee: Assignee.optional(),
    employeeId: z.uuid().optional(),
    open: z.enum(['true', 'false']).optional(),
  },
});
const TrainingQuery = listQuery({
  sort: ['expiresOn', 'completedOn'],
  defaultSort: 'expiresOn',
  defaultDir: 'asc',
  filters: {
    employeeId: z.uuid().optional(),
    courseId: z.uuid().optional(),
    /** `current`: the latest completion of each course per employee; `due`: of those, the flagged, expiring or expired. */
    view: z.enum(['all', 'current', 'due']).optional(),
  },
});

async function employeeExists(c: { var: { db: any; tenant: { id: string } } }, id: string) {
  const e = await c.var.db
    .selectFrom('hr.employees')
    .select(['id', 'position', 'start_date'])
    .where('tenant_id', '=', c.var.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!e) throw problem(404, m.employee_not_found);
  return e as { id: string; position: string | null; start_date: unknown };
}

/**
 * Onboarding checklist templates per position and the checklists hires get, the open tasks for HR,
 * managers, IT and the employee; courses and completed trainings with their expiry.
 */
export const onboardingRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/onboarding/templates',
        tags,
        summary: 'Checklist templates with their tasks (one per position, and a default without one)',
        permission: 'hr.read',
        responses: { 200: json(z.object({ items: z.array(TemplateSchema) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await templates(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/onboarding/templates',
        tags,
        summary: 'A checklist template: tasks for HR, the manager, IT and the employee, due days after the start',
        permission: 'hr.people.manage',
        request: { body: jsonBody(TemplateInput) },
        responses: { 201: json(TemplateSchema, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const id = await saveTemplate(c.var.ctx, c.req.valid('json'));
        return c.json(await getTemplate(c.var.ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/onboarding/templates/{id}',
        tags,
        summary: 'Replace a template (checklists already started keep their tasks)',
        permission: 'hr.people.manage',
        request: { params: IdParam, body: jsonBody(TemplateInput) },
        responses: { 200: json(TemplateSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await saveTemplate(c.var.ctx, c.req.valid('json'), id);
        return c.json(await getTemplate(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: '/onboarding/templates/{id}',
        tags,
        summary: 'Delete a template (checklists already started stay)',
        permission: 'hr.people.manage',
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(TemplateSchema) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        await deleteTemplate(c.var.ctx, c.req.valid('param').id);
        return c.json({ items: await templates(c.var.ctx) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees/{id}/onboarding',
        tags,
        summary: "An employee's onboarding checklists with their tasks",
        permission: 'hr.read',
        request: { params: IdParam },
        responses: { 200: json(ChecklistList), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await employeeExists(c, id);
        return c.json({ items: await checklists(c.var.ctx, id) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/employees/{id}/onboarding',
        tags,
        summary: 'Start a checklist for an employee from a template (hiring starts one by itself)',
        permission: 'hr.people.manage',
        request: { params: IdParam, body: jsonBody(z.object({ templateId: z.uuid() })) },
        responses: { 201: json(ChecklistList, 'Created'), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const e = await employeeExists(c, id);
        await startOnboarding(
          c.var.ctx,
          { id, position: e.position, startDate: ymd(e.start_date) },
          c.req.valid('json').templateId,
        );
        return c.json({ items: await checklists(c.var.ctx, id) }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/onboarding/tasks',
        tags,
        summary: 'Onboarding tasks across employees: filter by assignee (hr, manager, it, employee), employee, open',
        permission: 'hr.read',
        request: { query: TaskQuery },
        responses: { 200: listResponse(OpenTask), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = c.var.db
          .selectFrom('hr.onboarding_tasks as k')
          .innerJoin('hr.onboarding_checklists as cl', (j: any) =>
            j.onRef('cl.tenant_id', '=', 'k.tenant_id').onRef('cl.id', '=', 'k.checklist_id'),
          )
          .innerJoin('hr.employees as e', (j: any) =>
            j.onRef('e.tenant_id', '=', 'cl.tenant_id').onRef('e.id', '=', 'cl.employee_id'),
          )
          .selectAll('k')
          .select(['cl.employee_id', 'cl.name as checklist', 'e.first_name', 'e.last_name'])
          .where('k.tenant_id', '=', c.var.tenant.id);
        if (q.assignee) query = query.where('k.assignee', '=', q.assignee);
        if (q.employeeId) query = query.where('cl.employee_id', '=', q.employeeId);
        if (q.open === 'true') query = query.where('k.done_at', 'is', null);
        if (q.open === 'false') query = query.where('k.done_at', 'is not', null);
        return sendList(
          c,
          q,
          query,
          { sort: { dueDate: 'k.due_date' }, id: 'k.id', search: ['k.title', 'e.first_name', 'e.last_name'] },
          (r: Record<string, any>) => ({
            id: r.id,
            title: r.title,
            assignee: r.assignee,
            dueDate: ymd(r.due_date),
            done: r.done_at !== null,
            doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
            doneBy: r.done_by ?? null,
            employeeId: r.employee_id,
            employeeName: `${r.first_name} ${r.last_name}`,
            checklist: r.checklist,
          }),
          {
            filename: 'onboarding-tasks',
            title: { en: 'Onboarding tasks', cs: 'Úkoly nástupu' },
            columns: [
              { header: { en: 'Employee', cs: 'Zaměstnanec' }, value: (x) => x.employeeName },
              { header: { en: 'Task', cs: 'Úkol' }, value: (x) => x.title },
              { header: { en: 'Who', cs: 'Kdo' }, value: (x) => x.assignee },
              { header: { en: 'Due', cs: 'Termín' }, value: (x) => x.dueDate },
              { header: { en: 'Done', cs: 'Hotovo' }, value: (x) => x.doneAt },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/onboarding/tasks/{id}/done',
        tags,
        summary: 'Tick a task off; answers the employee’s checklists',
        permission: 'hr.onboarding.work',
        request: { params: IdParam },
        responses: { 200: json(ChecklistList), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const employeeId = await setTaskDone(c.var.ctx, c.req.valid('param').id, true);
        return c.json({ items: await checklists(c.var.ctx, employeeId) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/onboarding/tasks/{id}/reopen',
        tags,
        summary: 'Open a ticked task again',
        permission: 'hr.onboarding.work',
        request: { params: IdParam },
        responses: { 200: json(ChecklistList), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const employeeId = await setTaskDone(c.var.ctx, c.req.valid('param').id, false);
        return c.json({ items: await checklists(c.var.ctx, employeeId) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/training/courses',
        tags,
        summary: 'Courses with how long a completion is valid',
        permission: 'hr.read',
        responses: { 200: json(z.object({ items: z.array(CourseSchema) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await courses(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/training/courses',
        tags,
        summary: 'A course (e.g. work safety, valid 24 months, flagged 30 days before)',
        permission: 'hr.people.manage',
        request: { body: jsonBody(CourseInput) },
        responses: { 201: json(CourseSchema, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createCourse(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/training/courses/{id}',
        tags,
        summary: 'Change a course (recorded trainings keep their expiry)',
        permission: 'hr.people.manage',
        request: { params: IdParam, body: jsonBody(CourseInput.partial()) },
        responses: { 200: json(CourseSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await updateCourse(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/training/records',
        tags,
        summary: 'Completed trainings with their status; view=current|due; format=csv|xlsx',
        permission: 'hr.read',
        request: { query: TrainingQuery },
        responses: { 200: listResponse(TrainingSchema), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const today = pragueDate(c.var.ctx.now());
        let query = trainingsQuery(c.var);
        if (q.employeeId) query = query.where('tr.employee_id', '=', q.employeeId);
        if (q.courseId) query = query.where('tr.course_id', '=', q.courseId);
        const latest = sql<boolean>`not exists (select 1 from hr.trainings n where n.tenant_id = tr.tenant_id
          and n.employee_id = tr.employee_id and n.course_id = tr.course_id
          and (n.completed_on > tr.completed_on or (n.completed_on = tr.completed_on and n.id > tr.id)))`;
        if (q.view === 'current' || q.view === 'due') query = query.where(latest);
        if (q.view === 'due')
          query = query
            .where('tr.expires_on', 'is not', null)
            .where(sql<boolean>`(tr.flagged_on is not null or tr.expires_on <= ${today}::date + co.remind_days)`);
        return sendList(
          c,
          q,
          query,
          {
            sort: { expiresOn: 'tr.expires_on', completedOn: 'tr.completed_on' },
            id: 'tr.id',
            search: ['e.first_name', 'e.last_name', 'co.name'],
          },
          (r: Record<string, any>) => toTraining(r, today),
          {
            filename: 'trainings',
            title: { en: 'Trainings', cs: 'Školení' },
            columns: [
              { header: { en: 'Employee', cs: 'Zaměstnanec' }, value: (x) => x.employeeName },
              { header: { en: 'Course', cs: 'Školení' }, value: (x) => x.courseName },
              { header: { en: 'Completed', cs: 'Absolvováno' }, value: (x) => x.completedOn },
              { header: { en: 'Valid until', cs: 'Platné do' }, value: (x) => x.expiresOn },
              { header: { en: 'Status', cs: 'Stav' }, value: (x) => x.status },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/training/records',
        tags,
        summary: 'Record a completed training; the expiry defaults from the course’s validity',
        permission: 'hr.people.manage',
        request: { body: jsonBody(TrainingInput) },
        responses: { 201: json(TrainingSchema, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const id = await recordTraining(c.var.ctx, c.req.valid('json'));
        const row = await trainingsQuery(c.var).where('tr.id', '=', id).executeTakeFirstOrThrow();
        return c.json(toTraining(row, pragueDate(c.var.ctx.now())), 201);
      },
    );
