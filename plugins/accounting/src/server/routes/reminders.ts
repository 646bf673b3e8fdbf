import { defineMessages, defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { reminderPdf } from '../services/reminder-pdf.ts';
import {
  invoiceReminders,
  prepareDueReminders,
  reminderRun,
  reminderSettings,
  saveReminderSettings,
  sendReminder,
  todayOf,
} from '../services/reminders.ts';
import { DateString, IdParam } from './schemas.ts';

const tags = ['accounting: reminders'];

const Settings = z
  .object({
    firstDays: z.number().int().min(1).max(365),
    secondDays: z.number().int().min(1).max(365),
    finalDays: z.number().int().min(1).max(365),
    autoSend: z.boolean(),
  })
  .openapi('AccountingReminderSettings');

const m = defineMessages('accounting.reminderSettings', {
  second_after_first: {
    en: 'The second reminder comes after the first',
    cs: 'Druhá upomínka musí přijít po první',
  },
  final_after_second: {
    en: 'The final notice comes after the second reminder',
    cs: 'Poslední upomínka musí přijít po druhé upomínce',
  },
});

const SettingsInput = Settings.refine((s) => s.firstDays < s.secondDays, {
  path: ['secondDays'],
  message: m.second_after_first.ref,
}).refine((s) => s.secondDays < s.finalDays, {
  path: ['finalDays'],
  message: m.final_after_second.ref,
});

const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const Reminder = z
  .object({
    id: z.uuid(),
    documentId: z.uuid(),
    level: Level,
    status: z.enum(['prepared', 'sent']),
    asOf: z.string(),
    daysOverdue: z.number().int(),
    remaining: z.string(),
    currency: z.string(),
    interest: z.string().nullable(),
    interestRate: z.string().nullable(),
    locale: z.enum(['cs', 'en']),
    sentTo: z.string().nullable(),
    preparedAt: z.string(),
    sentAt: z.string().nullable(),
    sentBy: z.string().nullable(),
  })
  .openapi('AccountingReminder');

const RunInvoice = z.object({
  id: z.uuid(),
  number: z.string(),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  currency: z.string(),
  total: z.string(),
  paid: z.string(),
  remaining: z.string(),
  interest: z.string().nullable(),
  interestRate: z.string().nullable(),
  dueLevel: z.number().int(),
  nextLevel: Level.nullable(),
  reminders: z.array(Reminder),
});

const Run = z
  .object({
    asOf: z.string(),
    settings: Settings,
    customers: z.array(
      z.object({
        partner: z.object({
          id: z.uuid(),
          name: z.string(),
          email: z.string().nullable(),
          locale: z.enum(['cs', 'en']),
        }),
        currency: z.string(),
        invoices: z.array(RunInvoice),
      }),
    ),
  })
  .openapi('AccountingReminderRun');

/** Reminders (upomínky) of overdue invoices: the tenant's levels, the run, sending, history and the letter. */
export const reminderRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reminders/settings',
        tags,
        summary: 'Reminder levels (days after the due date) and whether the daily run sends them itself',
        permission: 'accounting.read',
        responses: { 200: json(Settings), ...problemResponses(401, 403) },
      }),
      async (c) => c.json(await reminderSettings(c.var.ctx), 200),
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/reminders/settings',
        tags,
        summary: 'Set the reminder levels (strictly increasing days) and auto-send',
        permission: 'accounting.admin',
        request: { body: jsonBody(SettingsInput) },
        responses: { 200: json(Settings), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await saveReminderSettings(c.var.ctx, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reminders/run',
        tags,
        summary:
          'Overdue issued invoices per customer as of `asOf` (default today): delay, rest, statutory interest, reminders so far and the level due next',
        permission: 'accounting.read',
        request: { query: z.object({ asOf: DateString.optional() }) },
        responses: { 200: json(Run), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await reminderRun(c.var.ctx, c.req.valid('query').asOf ?? todayOf(c.var.ctx)), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/reminders/prepare',
        tags,
        summary:
          'Prepare today’s due reminders for review (what the daily schedule does); sends them when auto-send is on',
        permission: 'accounting.post',
        responses: {
          200: json(z.object({ prepared: z.number().int(), sent: z.number().int() })),
          ...problemResponses(401, 403),
        },
      }),
      async (c) => c.json(await prepareDueReminders(c.var.ctx, todayOf(c.var.ctx)), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/invoices/{id}/reminders',
        tags,
        summary: 'The reminders of an invoice, first level first',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(z.object({ reminders: z.array(Reminder) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json({ reminders: await invoiceReminders(c.var.ctx, c.req.valid('param').id) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/invoices/{id}/reminders',
        tags,
        summary:
          'Send the next reminder of an overdue invoice today (e-mail to the customer, in their language); 409 `not_overdue`, `reminder_not_due`',
        permission: 'accounting.post',
        request: { params: IdParam },
        responses: { 201: json(Reminder, 'Sent'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await sendReminder(c.var.ctx, c.req.valid('param').id, todayOf(c.var.ctx)), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reminders/{id}/pdf',
        tags,
        summary: 'The reminder as an A4 letter (PDF) in the customer’s language',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: {
          200: { description: 'The PDF (attachment)', content: { 'application/pdf': { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { bytes, fileName } = await reminderPdf(c.var.ctx, c.req.valid('param').id);
        return c.body(new Uint8Array(bytes), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName}"`,
        });
      },
    );
