import {
  defineRoute,
  grants,
  json,
  jsonBody,
  listQuery,
  listResponse,
  type PluginRouter,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { DeliveredInput, FailureInput, HandoverInput, RunInput } from '../../schema.ts';
import type { Lang } from '../print/format.ts';
import { runSheetPdf } from '../print/run-sheet.ts';
import {
  addStops,
  createRun,
  deliverStop,
  failStop,
  removeStop,
  reorderStops,
  startRun,
} from '../services/delivery.ts';
import { completeRun } from '../services/delivery-cash.ts';
import { Driver, listDrivers, memberName } from '../services/delivery-people.ts';
import { ordersWaitingForRun, PlannableOrder } from '../services/delivery-plannable.ts';
import {
  OrderDelivery,
  orderDeliveries,
  Run,
  RunDetail,
  runDetail,
  runsQuery,
  toRun,
} from '../services/delivery-view.ts';
import { orderRow } from '../services/orders.ts';
import { moneyMinor, today } from '../services/products.ts';
import { LangQuery, Pdf, pdfResponse } from './print.ts';

const tags = ['orders: delivery runs'];
const IdParam = z.object({ id: z.uuid() });
const StopParam = z.object({ id: z.uuid(), stopId: z.uuid() });

const RunQuery = listQuery({
  sort: ['date', 'number', 'createdAt'],
  defaultSort: 'date',
  defaultDir: 'desc',
  filters: {
    status: z.enum(['planned', 'out', 'completed']).optional(),
    date: z.iso.date().optional(),
    driverUserId: z.uuid().optional(),
  },
});

/** Planning own-courier delivery runs (dispatch, `orders.fulfil`) and closing them with the cash handed over. */
export const deliveryRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/delivery/drivers',
        tags,
        summary: 'The members a run can be planned for (their role holds orders.deliver), by name',
        permission: 'orders.fulfil',
        responses: { 200: json(z.object({ items: z.array(Driver) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await listDrivers(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/delivery/plannable',
        tags,
        summary:
          'Own-courier orders a run can take: packed, or shipped and back from a failed stop (with why), none on a run already',
        permission: 'orders.fulfil',
        responses: { 200: json(z.object({ items: z.array(PlannableOrder) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ items: await ordersWaitingForRun(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/delivery/runs/{id}/sheet',
        tags,
        summary: 'The run sheet as an A4 PDF: stops in order with address, phone, cash to collect and signature boxes',
        permission: 'orders.fulfil',
        request: { params: IdParam, query: LangQuery },
        responses: { 200: Pdf, ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const run = await runDetail(ctx, c.req.valid('param').id);
        const lang: Lang = c.req.valid('query').lang ?? (ctx.tenant.locale === 'en' ? 'en' : 'cs');
        const pdf = await runSheetPdf(ctx, run, await memberName(ctx, run.driverUserId), lang);
        return pdfResponse(pdf, `${run.number}-${lang}`) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/orders/{id}/deliveries',
        tags,
        summary: "An order's own-courier stops: recipient, time and proof of delivery, or why it failed",
        permission: 'orders.read',
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(OrderDelivery) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const order = await orderRow(c.var.ctx, c.req.valid('param').id);
        return c.json({ items: await orderDeliveries(c.var.ctx, order.id) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/delivery/runs',
        tags,
        summary: 'Delivery runs: filter by status, date or driver',
        permission: 'orders.fulfil',
        request: { query: RunQuery },
        responses: { 200: listResponse(Run), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = runsQuery(c.var.ctx);
        if (q.status) query = query.where('r.status', '=', q.status);
        if (q.date) query = query.where('r.run_date', '=', q.date);
        if (q.driverUserId) query = query.where('r.driver_user_id', '=', q.driverUserId);
        return sendList(
          c,
          q,
          query,
          {
            sort: { date: 'r.run_date', number: 'r.number', createdAt: 'r.created_at' },
            id: 'r.id',
            search: ['r.number'],
          },
          toRun,
          {
            filename: 'delivery-runs',
            title: { en: 'Delivery runs', cs: 'Rozvozové trasy' },
            columns: [
              { header: { en: 'Number', cs: 'Číslo' }, value: (r) => r.number },
              { header: { en: 'Date', cs: 'Datum' }, value: (r) => r.date },
              { header: { en: 'Status', cs: 'Stav' }, value: (r) => r.status },
              { header: { en: 'Stops', cs: 'Zastávky' }, value: (r) => String(r.stopCount) },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/delivery/runs',
        tags,
        summary: 'Plan a run for a date and a driver (a member holding orders.deliver), with stops in the order given',
        permission: 'orders.fulfil',
        request: { body: jsonBody(RunInput) },
        responses: { 201: json(RunDetail, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const id = await createRun(c.var.ctx, c.req.valid('json'));
        return c.json(await runDetail(c.var.ctx, id), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/delivery/runs/{id}',
        tags,
        summary: 'One run: stops in order with address, packages and cash to collect, and its cash reconciliation',
        permission: 'orders.fulfil',
        request: { params: IdParam },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await runDetail(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/delivery/runs/{id}/stops',
        tags,
        summary: 'Add orders as stops at the end of a planned run',
        permission: 'orders.fulfil',
        request: { params: IdParam, body: jsonBody(z.object({ orderIds: z.array(z.uuid()).min(1).max(200) })) },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await addStops(c.var.ctx, id, c.req.valid('json').orderIds);
        return c.json(await runDetail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: '/delivery/runs/{id}/stops/{stopId}',
        tags,
        summary: 'Take a stop off a planned run (its order can be planned again)',
        permission: 'orders.fulfil',
        request: { params: StopParam },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id, stopId } = c.req.valid('param');
        await removeStop(c.var.ctx, id, stopId);
        return c.json(await runDetail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/delivery/runs/{id}/sequence',
        tags,
        summary: 'Reorder the stops: every stop of the run exactly once, in the new order',
        permission: 'orders.fulfil',
        request: { params: IdParam, body: jsonBody(z.object({ stopIds: z.array(z.uuid()).max(200) })) },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await reorderStops(c.var.ctx, id, c.req.valid('json').stopIds);
        return c.json(await runDetail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/delivery/runs/{id}/start',
        tags,
        summary: 'Send the run out for delivery: its packed orders are shipped through the order workflow',
        permission: 'orders.fulfil',
        request: { params: IdParam },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await startRun(c.var.ctx, id);
        return c.json(await runDetail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/delivery/runs/{id}/complete',
        tags,
        summary:
          'Close the run when every stop is done, with the cash the driver hands over (a difference only confirmed, with a note)',
        permission: 'orders.fulfil',
        request: { params: IdParam, body: jsonBody(HandoverInput) },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        await completeRun(c.var.ctx, id, { ...body, cashHandedMinor: moneyMinor(body.cashHandedOver) ?? 0n });
        return c.json(await runDetail(c.var.ctx, id), 200);
      },
    );

/** The driver's side: their own runs, and each stop delivered or failed (a dispatcher with `orders.fulfil` may record for any run). */
export const driverRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/driver/runs',
        tags,
        summary: "The signed-in driver's runs for a date (default today), each with its stops in order",
        permission: 'orders.deliver',
        request: { query: z.object({ date: z.iso.date().optional() }) },
        responses: { 200: json(z.object({ items: z.array(RunDetail) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const ctx = c.var.ctx;
        const date = c.req.valid('query').date ?? today(ctx);
        const runs = await runsQuery(ctx)
          .where('r.driver_user_id', '=', ctx.actor?.userId ?? '00000000-0000-0000-0000-000000000000')
          .where('r.run_date', '=', date)
          .orderBy('r.number')
          .execute();
        return c.json({ items: await Promise.all(runs.map((r) => runDetail(ctx, r.id))) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/driver/runs/{id}/stops/{stopId}/delivered',
        tags,
        summary:
          'A stop delivered: recipient and cash collected (400 cod_mismatch unless the difference is confirmed); the order is delivered through its workflow',
        permission: 'orders.deliver',
        request: { params: StopParam, body: jsonBody(DeliveredInput) },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id, stopId } = c.req.valid('param');
        const body = c.req.valid('json');
        await deliverStop(
          c.var.ctx,
          id,
          stopId,
          {
            recipientName: body.recipientName,
            codCollectedMinor: body.codCollected === undefined ? undefined : (moneyMinor(body.codCollected) ?? 0n),
            acceptDifference: body.acceptDifference,
            proof: body.proof,
          },
          grants(c.var.grants, 'orders.fulfil'),
        );
        return c.json(await runDetail(c.var.ctx, id), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/driver/runs/{id}/stops/{stopId}/failed',
        tags,
        summary:
          'A stop failed with a reason (nobody_home, refused, wrong_address, damaged, other with a note); the order can be planned again',
        permission: 'orders.deliver',
        request: { params: StopParam, body: jsonBody(FailureInput) },
        responses: { 200: json(RunDetail), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id, stopId } = c.req.valid('param');
        await failStop(c.var.ctx, id, stopId, c.req.valid('json'), grants(c.var.grants, 'orders.fulfil'));
        return c.json(await runDetail(c.var.ctx, id), 200);
      },
    );
