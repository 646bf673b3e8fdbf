import { badRequest, fieldError, newId, type PluginContext, problem } from '@bureau/core';
import type { TemplateInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { addDays, ymd } from '../services/dates.ts';

type Row = Record<string, any>;
export type Assignee = 'hr' | 'manager' | 'it' | 'employee';

export interface Template {
  id: string;
  name: string;
  position: string | null;
  tasks: { id: string; title: string; assignee: Assignee; dueDays: number }[];
}

export interface ChecklistTask {
  id: string;
  title: string;
  assignee: Assignee;
  dueDate: string;
  done: boolean;
  doneAt: string | null;
  doneBy: string | null;
}

export interface Checklist {
  id: string;
  employeeId: string;
  name: string;
  createdAt: string;
  done: number;
  total: number;
  tasks: ChecklistTask[];
}

const key = (position: string | null | undefined) => position?.trim().toLowerCase() || null;

export async function templates(ctx: PluginContext, id?: string): Promise<Template[]> {
  const t = ctx.tenant.id;
  let q = ctx.db.selectFrom('hr.onboarding_templates').selectAll().where('tenant_id', '=', t);
  if (id) q = q.where('id', '=', id);
  const rows = await q.orderBy('position').orderBy('name').orderBy('id').execute();
  if (!rows.length) return [];
  const tasks = await ctx.db
    .selectFrom('hr.onboarding_template_tasks')
    .selectAll()
    .where('tenant_id', '=', t)
    .where(
      'template_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position ?? null,
    tasks: tasks
      .filter((x) => x.template_id === r.id)
      .map((x) => ({ id: x.id, title: x.title, assignee: x.assignee, dueDays: x.due_days })),
  }));
}

export async function getTemplate(ctx: PluginContext, id: string): Promise<Template> {
  const [found] = await templates(ctx, id);
  if (!found) throw problem(404, m.template_not_found);
  return found;
}

/** Writes a template (new, or replacing the given one's name, position and tasks); one per position. */
export async function saveTemplate(ctx: PluginContext, input: TemplateInput, id?: string): Promise<string> {
  const t = ctx.tenant.id;
  const position = input.position?.trim() || null;
  const others = await ctx.db
    .selectFrom('hr.onboarding_templates')
    .select(['id', 'position'])
    .where('tenant_id', '=', t)
    .execute();
  if (id && !others.some((o) => o.id === id)) throw problem(404, m.template_not_found);
  if (others.some((o) => o.id !== id && key(o.position) === key(position)))
    throw badRequest('invalid_input', m.template_position_taken, [fieldError('position', m.template_position_taken)]);
  const templateId = id ?? newId();
  if (id) {
    await ctx.db
      .updateTable('hr.onboarding_templates')
      .set({ name: input.name, position })
      .where('tenant_id', '=', t)
      .where('id', '=', id)
      .execute();
    await ctx.db
      .deleteFrom('hr.onboarding_template_tasks')
      .where('tenant_id', '=', t)
      .where('template_id', '=', id)
      .execute();
  } else {
    await ctx.db
      .insertInto('hr.onboarding_templates')
      .values({ tenant_id: t, id: templateId, name: input.name, position, created_at: ctx.now() })
      .execute();
  }
  await ctx.db
    .insertInto('hr.onboarding_template_tasks')
    .values(
      input.tasks.map((x, i) => ({
        tenant_id: t,
        id: newId(),
        template_id: templateId,
        title: x.title,
        assignee: x.assignee,
        due_days: x.dueDays,
        position: i,
      })),
    )
    .execute();
  await ctx.audit({
    action: id ? 'hr.onboarding.template_updated' : 'hr.onboarding.template_created',
    entityType: 'hr.onboarding_template',
    entityId: templateId,
    after: { name: input.name, position, tasks: input.tasks.length },
  });
  return templateId;
}

export async function deleteTemplate(ctx: PluginContext, id: string) {
  const res = await ctx.db
    .deleteFrom('hr.onboarding_templates')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!Number(res.numDeletedRows)) throw problem(404, m.template_not_found);
  await ctx.audit({ action: 'hr.onboarding.template_deleted', entityType: 'hr.onboarding_template', entityId: id });
}

/**
 * Starts an employee's onboarding from a template: the given one, else the template for their
 * position, else the default template (no position). Each task is due its days after the start date.
 * Returns the checklist's id, or null when the tenant has no template that applies.
 */
export async function startOnboarding(
  ctx: PluginContext,
  employee: { id: string; position: string | null; startDate: string },
  templateId?: string,
): Promise<string | null> {
  const all = await templates(ctx);
  const template = templateId
    ? all.find((x) => x.id === templateId)
    : (all.find((x) => x.position && key(x.position) === key(employee.position)) ?? all.find((x) => !x.position));
  if (templateId && !template) throw problem(404, m.template_not_found);
  if (!template) return null;
  const t = ctx.tenant.id;
  const id = newId();
  await ctx.db
    .insertInto('hr.onboarding_checklists')
    .values({
      tenant_id: t,
      id,
      employee_id: employee.id,
      template_id: template.id,
      name: template.name,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.db
    .insertInto('hr.onboarding_tasks')
    .values(
      template.tasks.map((x, i) => ({
        tenant_id: t,
        id: newId(),
        checklist_id: id,
        title: x.title,
        assignee: x.assignee,
        due_date: addDays(employee.startDate, x.dueDays),
        position: i,
      })),
    )
    .execute();
  await ctx.audit({
    action: 'hr.onboarding.started',
    entityType: 'hr.employee',
    entityId: employee.id,
    after: { checklistId: id, templateId: template.id, tasks: template.tasks.length },
  });
  return id;
}

const toTask = (r: Row): ChecklistTask => ({
  id: r.id,
  title: r.title,
  assignee: r.assignee,
  dueDate: ymd(r.due_date),
  done: r.done_at !== null && r.done_at !== undefined,
  doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
  doneBy: r.done_by ?? null,
});

/** An employee's checklists, newest first, with their tasks in order. */
export async function checklists(ctx: PluginContext, employeeId: string): Promise<Checklist[]> {
  const t = ctx.tenant.id;
  const rows = await ctx.db
    .selectFrom('hr.onboarding_checklists')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('employee_id', '=', employeeId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  if (!rows.length) return [];
  const tasks = await ctx.db
    .selectFrom('hr.onboarding_tasks')
    .selectAll()
    .where('tenant_id', '=', t)
    .where(
      'checklist_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('position')
    .execute();
  return rows.map((r) => {
    const own = tasks.filter((x) => x.checklist_id === r.id).map(toTask);
    return {
      id: r.id,
      employeeId: r.employee_id,
      name: r.name,
      createdAt: new Date(r.created_at).toISOString(),
      done: own.filter((x) => x.done).length,
      total: own.length,
      tasks: own,
    };
  });
}

/** Ticks a task off (or opens it again); returns the employee whose checklist it is. */
export async function setTaskDone(ctx: PluginContext, taskId: string, done: boolean): Promise<string> {
  const t = ctx.tenant.id;
  const row = await ctx.db
    .selectFrom('hr.onboarding_tasks as k')
    .innerJoin('hr.onboarding_checklists as c', (j) =>
      j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.checklist_id'),
    )
    .select(['k.id', 'k.done_at', 'c.employee_id'])
    .where('k.tenant_id', '=', t)
    .where('k.id', '=', taskId)
    .executeTakeFirst();
  if (!row) throw problem(404, m.task_not_found);
  if (done !== (row.done_at !== null)) {
    await ctx.db
      .updateTable('hr.onboarding_tasks')
      .set(done ? { done_at: ctx.now(), done_by: ctx.actor?.label ?? 'system' } : { done_at: null, done_by: null })
      .where('tenant_id', '=', t)
      .where('id', '=', taskId)
      .execute();
    await ctx.audit({
      action: done ? 'hr.onboarding.task_done' : 'hr.onboarding.task_reopened',
      entityType: 'hr.employee',
      entityId: row.employee_id,
      after: { taskId },
    });
  }
  return row.employee_id;
}
