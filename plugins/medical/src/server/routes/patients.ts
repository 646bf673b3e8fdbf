import {
  badRequest,
  defineRoute,
  fieldError,
  json,
  jsonBody,
  newId,
  notFound,
  type PluginRouter,
  parseBirthNumber,
  problem,
  problemResponses,
  z,
} from '@bureau/core';
import { m } from '../messages.ts';
import { ymd } from '../services/decimal.ts';

export const Patient = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string(),
    sex: z.enum(['male', 'female', 'other', 'unknown']),
    birthNumber: z.string().nullable(),
    insurer: z.string().nullable(),
  })
  .openapi('MedicalPatient');
export type Patient = z.infer<typeof Patient>;

const PatientInput = z.object({
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  birthDate: z.iso.date(),
  sex: z.enum(['male', 'female', 'other', 'unknown']),
  birthNumber: z.string().trim().min(9).max(11).optional(),
  insurer: z
    .string()
    .trim()
    .regex(/^\d{3}$/)
    .optional()
    .openapi({ description: 'Czech health insurer code (e.g. 111 VZP)' }),
});

export const toPatient = (r: Record<string, any>): Patient => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  birthDate: ymd(r.birth_date),
  sex: r.sex,
  birthNumber: r.birth_number ?? null,
  insurer: r.insurer ?? null,
});

const PatientQuery = z.object({
  q: z.string().trim().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * Patients: special-category data. Audit entries keep ids and field names only (records
 * declaration), and every read of a patient is audited with ctx.auditRead.
 */
export const patientRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/patients',
        tags: ['medical'],
        permission: 'medical.read',
        request: { query: PatientQuery },
        responses: { 200: json(z.object({ patients: z.array(Patient) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { q, limit } = c.req.valid('query');
        const { db, tenant, ctx } = c.var;
        let query = db
          .selectFrom('medical.patients')
          .selectAll()
          .where('tenant_id', '=', tenant.id)
          .orderBy('last_name')
          .orderBy('first_name')
          .orderBy('id')
          .limit(limit);
        if (q) {
          const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
          query = query.where((eb) =>
            eb.or([
              eb('last_name', 'ilike', like),
              eb('first_name', 'ilike', like),
              eb('birth_number', 'like', `${q.replace(/\//g, '').replace(/[\\%_]/g, '')}%`),
            ]),
          );
        }
        const rows = await query.execute();
        for (const r of rows) await ctx.auditRead('medical.patient', r.id);
        return c.json({ patients: rows.map(toPatient) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/patients',
        tags: ['medical'],
        permission: 'medical.order',
        request: { body: jsonBody(PatientInput) },
        responses: { 201: json(Patient), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        if (input.birthDate > ctx.now().toISOString().slice(0, 10)) {
          throw badRequest('birth_date_future', m.birth_date_future, [fieldError('birthDate', m.birth_date_future)]);
        }
        let birthNumber: string | null = null;
        if (input.birthNumber) {
          const parsed = parseBirthNumber(input.birthNumber);
          if (!parsed) {
            throw badRequest('bad_birth_number', m.bad_birth_number, [fieldError('birthNumber', m.bad_birth_number)]);
          }
          const sexClash = (input.sex === 'male' || input.sex === 'female') && input.sex !== parsed.sex;
          if (parsed.birthDate !== input.birthDate || sexClash) {
            throw badRequest('birth_number_mismatch', m.birth_number_mismatch, [
              fieldError('birthNumber', m.birth_number_mismatch),
            ]);
          }
          birthNumber = parsed.value;
          const taken = await db
            .selectFrom('medical.patients')
            .select('id')
            .where('tenant_id', '=', tenant.id)
            .where('birth_number', '=', birthNumber)
            .executeTakeFirst();
          if (taken) throw problem(409, m.patient_exists, undefined, { extra: { patientId: taken.id } });
        }
        const row = {
          tenant_id: tenant.id,
          id: newId(),
          first_name: input.firstName,
          last_name: input.lastName,
          birth_date: input.birthDate,
          sex: input.sex,
          birth_number: birthNumber,
          insurer: input.insurer ?? null,
          created_at: ctx.now(),
        };
        await db.insertInto('medical.patients').values(row).execute();
        const patient = toPatient(row);
        await ctx.audit({
          action: 'medical.patient_created',
          entityType: 'medical.patient',
          entityId: row.id,
          after: patient,
        });
        return c.json(patient, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/patients/{id}',
        tags: ['medical'],
        permission: 'medical.read',
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 200: json(Patient), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { db, tenant, ctx } = c.var;
        const row = await db
          .selectFrom('medical.patients')
          .selectAll()
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound(m.patient_not_found);
        await ctx.auditRead('medical.patient', id);
        return c.json(toPatient(row), 200);
      },
    );
