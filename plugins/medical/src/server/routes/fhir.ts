import {
  badRequest,
  defineRoute,
  fieldError,
  json,
  jsonBody,
  newId,
  notFound,
  type PluginContext,
  type PluginRouter,
  parseBirthNumber,
  problemResponses,
  z,
} from '@bureau/core';
import { m } from '../messages.ts';
import { loadTests } from '../services/catalogue.ts';
import { orderToFhir, RC_SYSTEM, TEST_SYSTEM } from '../services/fhir.ts';
import { orderDetail } from '../services/order-detail.ts';
import { CreatedOrder, createOrder } from '../services/orders.ts';

const Coding = z.object({ system: z.string().max(200).optional(), code: z.string().max(64).optional() }).passthrough();
const ServiceRequest = z
  .object({
    resourceType: z.literal('ServiceRequest'),
    id: z.string().max(64).optional(),
    identifier: z
      .array(z.object({ value: z.string().max(64).optional() }).passthrough())
      .max(10)
      .optional(),
    status: z.string().max(30).optional(),
    intent: z.string().max(30).optional(),
    priority: z.enum(['routine', 'urgent', 'asap', 'stat']).optional(),
    code: z.object({ coding: z.array(Coding).min(1).max(10) }).passthrough(),
    requester: z
      .object({ display: z.string().max(200).optional() })
      .passthrough()
      .optional(),
    note: z
      .array(z.object({ text: z.string().max(1000) }).passthrough())
      .max(10)
      .optional(),
    occurrenceDateTime: z.iso.datetime({ offset: true }).optional(),
  })
  .passthrough();
const FhirPatient = z
  .object({
    resourceType: z.literal('Patient'),
    identifier: z
      .array(z.object({ system: z.string().max(200).optional(), value: z.string().max(64).optional() }).passthrough())
      .max(10)
      .optional(),
    name: z
      .array(
        z
          .object({ family: z.string().trim().min(1).max(80), given: z.array(z.string().trim().min(1).max(80)).min(1) })
          .passthrough(),
      )
      .min(1),
    gender: z.enum(['male', 'female', 'other', 'unknown']),
    birthDate: z.iso.date(),
  })
  .passthrough();
const ImportBundle = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.string().max(30),
    entry: z
      .array(z.object({ resource: z.union([FhirPatient, ServiceRequest]) }).passthrough())
      .min(2)
      .max(101),
  })
  .openapi('MedicalFhirImport', { description: 'A FHIR R4 Bundle with one Patient and its ServiceRequests' });

const fhirProblem = (reason: string) =>
  badRequest('bad_fhir', m.bad_fhir, [fieldError('entry', m.bad_fhir, { reason })]);

/** The patient of an imported bundle: found by birth number, else registered. */
async function patientFrom(ctx: PluginContext, p: z.infer<typeof FhirPatient>): Promise<string> {
  const rc = p.identifier?.find((i) => i.system === RC_SYSTEM)?.value;
  let birthNumber: string | null = null;
  if (rc) {
    const parsed = parseBirthNumber(rc);
    if (!parsed) throw fhirProblem('Patient.identifier: birth number');
    birthNumber = parsed.value;
    const found = await ctx.db
      .selectFrom('medical.patients')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('birth_number', '=', birthNumber)
      .executeTakeFirst();
    if (found) return found.id;
  }
  const name = p.name[0] as { family: string; given: string[] };
  const id = newId();
  await ctx.db
    .insertInto('medical.patients')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      first_name: name.given.join(' '),
      last_name: name.family,
      birth_date: p.birthDate,
      sex: p.gender,
      birth_number: birthNumber,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.audit({
    action: 'medical.patient_created',
    entityType: 'medical.patient',
    entityId: id,
    after: { source: 'fhir' },
  });
  return id;
}

/** FHIR R4: an order as a Bundle (Patient, ServiceRequest, Specimen, Observation, DiagnosticReport); import of ServiceRequests. */
export const fhirRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders/{id}/fhir',
        tags: ['medical'],
        permission: 'medical.read',
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 200: json(z.record(z.string(), z.unknown())), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        const detail = await orderDetail(c.var.ctx, c.req.valid('param').id);
        if (!detail) throw notFound(m.order_not_found);
        return c.body(JSON.stringify(orderToFhir(detail, c.var.ctx.now())), 200, {
          'content-type': 'application/fhir+json; charset=utf-8',
        }) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/fhir/ServiceRequest',
        tags: ['medical'],
        permission: 'medical.order',
        request: { body: jsonBody(ImportBundle) },
        responses: { 201: json(CreatedOrder), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const bundle = c.req.valid('json');
        const { ctx } = c.var;
        const resources = bundle.entry.map((e) => e.resource);
        const patients = resources.filter((r): r is z.infer<typeof FhirPatient> => r.resourceType === 'Patient');
        const requests = resources.filter(
          (r): r is z.infer<typeof ServiceRequest> => r.resourceType === 'ServiceRequest',
        );
        if (patients.length !== 1) throw fhirProblem('exactly one Patient');
        if (requests.length === 0) throw fhirProblem('at least one ServiceRequest');
        const catalogue = await loadTests(ctx);
        const codes: string[] = [];
        for (const sr of requests) {
          const test =
            catalogue.find((t) => sr.code.coding.some((cd) => cd.system === TEST_SYSTEM && cd.code === t.code)) ??
            catalogue.find(
              (t) => t.loinc && sr.code.coding.some((cd) => cd.system === 'http://loinc.org' && cd.code === t.loinc),
            );
          if (!test) {
            const shown = sr.code.coding
              .map((cd) => cd.code)
              .filter(Boolean)
              .join(', ');
            throw fhirProblem(`ServiceRequest.code ${shown}: not in the catalogue`);
          }
          codes.push(test.code);
        }
        const patientId = await patientFrom(ctx, patients[0] as z.infer<typeof FhirPatient>);
        const first = requests[0] as z.infer<typeof ServiceRequest>;
        const priorities = requests.map((r) => r.priority ?? 'routine');
        const priority =
          priorities.includes('stat') || priorities.includes('asap')
            ? 'stat'
            : priorities.includes('urgent')
              ? 'urgent'
              : 'routine';
        const note = requests.flatMap((r) => r.note?.map((n) => n.text) ?? []).join('\n');
        const order = await createOrder(
          ctx,
          {
            patientId,
            tests: codes,
            priority,
            ...(note ? { clinicalNote: note.slice(0, 1000) } : {}),
            ...(first.requester?.display ? { clinician: first.requester.display.slice(0, 120) } : {}),
            ...(first.occurrenceDateTime ? { collectedAt: first.occurrenceDateTime } : {}),
          },
          { source: 'fhir', externalId: first.identifier?.[0]?.value ?? first.id ?? undefined },
        );
        return c.json(order, 201);
      },
    );
