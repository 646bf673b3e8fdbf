import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { AttendanceInput, SessionInput } from '../../schema.ts';
import { createSession, getSession, listSessions, recordAttendance } from '../onboarding/sessions.ts';

const tags = ['hr: onboarding and training'];
const IdParam = z.object({ id: z.uuid() });

const SessionSchema = z
  .object({
    id: z.uuid(),
    courseId: z.uuid(),
    courseName: z.string(),
    heldOn: z.string(),
    place: z.string().nullable(),
    trainer: z.string().nullable(),
    attendees: z.array(
      z.object({
        employeeId: z.uuid(),
        name: z.string(),
        number: z.string(),
        attended: z.boolean().nullable(),
        trainingId: z.string().nullable(),
        certificate: z.string().nullable(),
        expiresOn: z.string().nullable(),
      }),
    ),
  })
  .openapi('HrTrainingSession');

/** Course sessions: planning one for a list of employees, and recording attendance, which issues the certificates. */
export const trainingSessionRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/training/sessions',
        tags,
        summary: 'Training sessions, the latest first, with their attendees and certificates',
        permission: 'hr.read',
        request: { query: z.object({ courseId: z.uuid().optional() }) },
        responses: { 200: json(z.object({ items: z.array(SessionSchema) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ items: await listSessions(c.var.ctx, c.req.valid('query').courseId) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/training/sessions',
        tags,
        summary: 'Plan a session of a course for a list of employees',
        permission: 'hr.people.manage',
        request: { body: jsonBody(SessionInput) },
        responses: { 201: json(SessionSchema, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const id = await createSession(c.var.ctx, c.req.valid('json'));
        return c.json(await getSession(c.var.ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/training/sessions/{id}',
        tags,
        summary: 'One session with its attendees',
        permission: 'hr.read',
        request: { params: IdParam },
        responses: { 200: json(SessionSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getSession(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/training/sessions/{id}/attendance',
        tags,
        summary: 'Record who attended (from the session’s day): each gets the certificate with its expiry, once',
        permission: 'hr.people.manage',
        request: { params: IdParam, body: jsonBody(AttendanceInput) },
        responses: { 200: json(SessionSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await recordAttendance(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    );
