import {
  defineRoute,
  json,
  jsonBody,
  listQuery,
  listResponse,
  notFound,
  type PluginContext,
  type PluginRouter,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import { LicenceInput, LicenceUpdate, SeatInput } from '../../schema.ts';
import { m } from '../messages.ts';
import {
  assignSeat,
  createLicence,
  getLicence,
  licenceQuery,
  releaseSeat,
  seatQuery,
  tenantToday,
  toLicence,
  toSeat,
  updateLicence,
} from '../services/licences.ts';

const tags = ['it'];

export const Licence = z
  .object({
    id: z.uuid(),
    name: z.string(),
    vendor: z.string().nullable(),
    seats: z.number(),
    seatsUsed: z.number(),
    seatsFree: z.number(),
    expiresOn: z.string().nullable(),
    noticeDays: z.number(),
    expiring: z.boolean(),
    expired: z.boolean(),
    cost: z.string().nullable(),
    currency: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ItLicence');
export type Licence = z.infer<typeof Licence>;

export const Seat = z
  .object({
    id: z.uuid(),
    licenceId: z.uuid(),
    licence: z.string().nullable(),
    holderType: z.enum(['user', 'employee', 'asset']),
    holderId: z.string(),
    holder: z.string(),
    assignedAt: z.string(),
    assignedBy: z.string().nullable(),
    releasedAt: z.string().nullable(),
    releasedBy: z.string().nullable(),
  })
  .openapi('ItLicenceSeat');
export type Seat = z.infer<typeof Seat>;

const LicenceDetail = Licence.extend({ seatList: z.array(Seat) }).openapi('ItLicenceDetail');
export type LicenceDetail = z.infer<typeof LicenceDetail>;

const LicenceListQuery = listQuery({
  sort: ['name', 'expiresOn', 'createdAt'],
  defaultSort: 'name',
  defaultDir: 'asc',
  filters: {
    /** `expiring`: within its notice days; `expired`; `full`: no free seat. */
    state: z.enum(['expiring', 'expired', 'full']).optional(),
  },
});

const IdParam = z.object({ id: z.uuid() });
const SeatParam = z.object({ id: z.uuid(), seatId: z.uuid() });

async function detail(ctx: PluginContext, id: string) {
  const licence = await getLicence(ctx, id);
  if (!licence) throw notFound(m.licence_not_found);
  const seats = await seatQuery(ctx).where('s.licence_id', '=', id).limit(1000).execute();
  return { ...licence, seatList: seats.map(toSeat) };
}

/** Software licences: seats given to members, employees or devices (never more than bought), expiry alerts. */
export const licenceRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/licences',
        tags,
        summary: 'Licences with seats used and free; state=expiring|expired|full; csv|xlsx',
        permission: 'it.read',
        request: { query: LicenceListQuery },
        responses: { 200: listResponse(Licence), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const today = await tenantToday(c.var.ctx);
        let query = licenceQuery(c.var.ctx);
        if (q.state === 'expiring')
          query = query.where(
            sql<boolean>`l.expires_on >= ${today}::date and l.expires_on - l.notice_days <= ${today}::date`,
          );
        if (q.state === 'expired') query = query.where(sql<boolean>`l.expires_on < ${today}::date`);
        if (q.state === 'full') query = query.where(sql<boolean>`l.seats_used >= l.seats`);
        return sendList(
          c,
          q,
          query,
          {
            sort: { name: 'l.name', expiresOn: 'l.expires_on', createdAt: 'l.created_at' },
            id: 'l.id',
            search: ['l.name', 'l.vendor'],
          },
          toLicence(today),
          {
            filename: 'licences',
            title: { en: 'Licences', cs: 'Licence' },
            columns: [
              { header: { en: 'Name', cs: 'Název' }, value: (l) => l.name },
              { header: { en: 'Vendor', cs: 'Dodavatel' }, value: (l) => l.vendor },
              { header: { en: 'Seats', cs: 'Míst' }, value: (l) => l.seats },
              { header: { en: 'Used', cs: 'Obsazeno' }, value: (l) => l.seatsUsed },
              { header: { en: 'Expires', cs: 'Vyprší' }, value: (l) => l.expiresOn },
              { header: { en: 'Cost', cs: 'Cena' }, value: (l) => l.cost, amount: true },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/licences',
        tags,
        summary: 'Register a licence with its seats and expiry; 409 licence_taken',
        permission: 'it.assets.manage',
        request: { body: jsonBody(LicenceInput) },
        responses: { 201: json(LicenceDetail, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const id = await createLicence(c.var.ctx, c.req.valid('json'));
        return c.json(await detail(c.var.ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/licences/{id}',
        tags,
        summary: 'One licence with its seats (current and released)',
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(LicenceDetail), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await detail(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/licences/{id}',
        tags,
        summary: 'Change seats (409 seats_in_use below what is used), renew (new expiry), notice days, note',
        permission: 'it.assets.manage',
        request: { params: IdParam, body: jsonBody(LicenceUpdate) },
        responses: { 200: json(LicenceDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await updateLicence(c.var.ctx, id, c.req.valid('json'));
        return c.json(await detail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/licences/{id}/seats',
        tags,
        summary: 'Give a seat to a member, an employee or an asset; 409 no_free_seats / seat_taken',
        permission: 'it.assets.assign',
        request: { params: IdParam, body: jsonBody(SeatInput) },
        responses: { 201: json(LicenceDetail, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await assignSeat(c.var.ctx, id, c.req.valid('json'));
        return c.json(await detail(c.var.ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/licences/{id}/seats/{seatId}/release',
        tags,
        summary: 'Free a seat; 409 seat_released',
        permission: 'it.assets.assign',
        request: { params: SeatParam },
        responses: { 200: json(LicenceDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id, seatId } = c.req.valid('param');
        await releaseSeat(c.var.ctx, id, seatId);
        return c.json(await detail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/licence-seats',
        tags,
        summary: "A holder's licence seats (open=true for the current ones)",
        permission: 'it.read',
        request: {
          query: z.object({
            holderType: z.enum(['user', 'employee', 'asset']),
            holderId: z.string().min(1).max(100),
            open: z.enum(['true', 'false']).optional(),
          }),
        },
        responses: { 200: json(z.object({ items: z.array(Seat) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = seatQuery(c.var.ctx)
          .where('s.holder_type', '=', q.holderType)
          .where('s.holder_id', '=', q.holderId);
        if (q.open === 'true') query = query.where('s.released_at', 'is', null);
        return c.json({ items: (await query.limit(500).execute()).map(toSeat) }, 200);
      },
    );
