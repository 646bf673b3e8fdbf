import { type FieldError, fieldError, formatMoney, grants, newId, type PluginContext, Problem } from '@bureau/core';
import { m } from '../messages.ts';
import { orderWorkflow } from '../workflow.ts';
import { nextNumber } from './numbers.ts';

export const FAILURE_REASONS = ['nobody_home', 'refused', 'wrong_address', 'damaged', 'other'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The permission that makes a member a driver. */
export const DELIVER = 'orders.deliver';

type Row = Record<string, any>;

/** Whether the member's role grants delivering (owner and admin hold everything). */
export async function isDriver(ctx: PluginContext, userId: string): Promise<boolean> {
  const member = await ctx.db
    .selectFrom('core.memberships')
    .select('role')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) return false;
  if (member.role === 'owner' || member.role === 'admin') return true;
  const role = await ctx.db
    .selectFrom('core.roles')
    .select('permissions')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('key', '=', member.role)
    .executeTakeFirst();
  return grants((role?.permissions as string[] | undefined) ?? [], DELIVER);
}

export async function runRow(ctx: PluginContext, id: string, lock = false): Promise<Row> {
  let q = ctx.db
    .selectFrom('orders.delivery_runs')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new Problem(404, 'not_found', m.run_not_found);
  return row;
}

async function stopsOf(ctx: PluginContext, runId: string): Promise<Row[]> {
  return ctx.db
    .selectFrom('orders.delivery_stops')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('run_id', '=', runId)
    .orderBy('seq')
    .execute();
}

/**
 * Checks that each order can go on a run: an order of this tenant (another tenant's is unknown),
 * by own courier, packed or shipped and not delivered, and not waiting on another run's stop.
 * Refuses all of them with a field error per order, nothing written.
 */
async function plannableOrders(ctx: PluginContext, orderIds: string[], field: string): Promise<Row[]> {
  const rows = orderIds.length
    ? await ctx.db
        .selectFrom('orders.orders')
        .select(['id', 'number', 'status', 'carrier', 'cash_on_delivery', 'total_minor', 'currency'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', 'in', orderIds)
        .execute()
    : [];
  const pending = orderIds.length
    ? await ctx.db
        .selectFrom('orders.delivery_stops')
        .select('order_id')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('order_id', 'in', orderIds)
        .where('status', '=', 'pending')
        .execute()
    : [];
  const planned = new Set(pending.map((p) => p.order_id as string));
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  orderIds.forEach((id, i) => {
    const o = byId.get(id);
    const path = `${field}.${i}`;
    if (!o) errors.push(fieldError(path, m.unknown_order));
    else if (o.carrier !== 'courier') errors.push(fieldError(path, m.order_not_courier, { number: o.number }));
    else if (o.status !== 'packed' && o.status !== 'shipped')
      errors.push(fieldError(path, m.order_not_packed, { number: o.number }));
    else if (planned.has(id) || seen.has(id))
      errors.push(fieldError(path, m.order_already_planned, { number: o.number }));
    seen.add(id);
  });
  if (errors.length) throw new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? '', { errors });
  return orderIds.map((id) => byId.get(id) as Row);
}

async function appendStops(ctx: PluginContext, runId: string, orders: Row[]): Promise<void> {
  if (!orders.length) return;
  const last = await ctx.db
    .selectFrom('orders.delivery_stops')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('run_id', '=', runId)
    .executeTakeFirst();
  const first = Number(last?.n ?? 0) + 1;
  await ctx.db
    .insertInto('orders.delivery_stops')
    .values(
      orders.map((o, i) => ({
        tenant_id: ctx.tenant.id,
        id: newId(),
        run_id: runId,
        seq: first + i,
        order_id: o.id,
        cod_due_minor: o.cash_on_delivery ? o.total_minor : 0,
      })),
    )
    .execute();
}

export interface RunInput {
  date: string;
  driverUserId: string;
  orderIds?: string[] | undefined;
  note?: string | null | undefined;
}

/** Plans a run for a date and a driver (a member holding `orders.deliver`), with its first stops in the order given. */
export async function createRun(ctx: PluginContext, input: RunInput): Promise<string> {
  if (!(await isDriver(ctx, input.driverUserId)))
    throw new Problem(400, 'not_a_driver', m.not_a_driver, { errors: [fieldError('driverUserId', m.not_a_driver)] });
  const orders = await plannableOrders(ctx, input.orderIds ?? [], 'orderIds');
  const id = newId();
  await ctx.db
    .insertInto('orders.delivery_runs')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      number: await nextNumber(ctx, 'DR', input.date),
      run_date: input.date,
      driver_user_id: input.driverUserId,
      note: input.note ?? null,
      created_at: ctx.now(),
    })
    .execute();
  await appendStops(ctx, id, orders);
  await ctx.audit({ action: 'orders.run.created', entityType: 'orders.run', entityId: id });
  return id;
}

export async function addStops(ctx: PluginContext, runId: string, orderIds: string[]): Promise<void> {
  const run = await runRow(ctx, runId, true);
  if (run.status !== 'planned') throw new Problem(409, 'run_not_planned', m.run_not_planned);
  await appendStops(ctx, runId, await plannableOrders(ctx, orderIds, 'orderIds'));
}

/** Takes a waiting stop off a planned run; its order can be planned again. */
export async function removeStop(ctx: PluginContext, runId: string, stopId: string): Promise<void> {
  const run = await runRow(ctx, runId, true);
  if (run.status !== 'planned') throw new Problem(409, 'run_not_planned', m.run_not_planned);
  const gone = await ctx.db
    .deleteFrom('orders.delivery_stops')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('run_id', '=', runId)
    .where('id', '=', stopId)
    .executeTakeFirst();
  if (!gone.numDeletedRows) throw new Problem(404, 'not_found', m.stop_not_found);
  await renumber(
    ctx,
    runId,
    (await stopsOf(ctx, runId)).map((s) => s.id as string),
  );
}

async function renumber(ctx: PluginContext, runId: string, stopIds: string[]): Promise<void> {
  // The (run, seq) key is checked at commit, so the stops can pass through each other's numbers.
  for (const [i, id] of stopIds.entries())
    await ctx.db
      .updateTable('orders.delivery_stops')
      .set({ seq: i + 1 })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('run_id', '=', runId)
      .where('id', '=', id)
      .execute();
}

/** Puts the run's stops in the order given: every stop of the run exactly once (400 `not_a_permutation`). */
export async function reorderStops(ctx: PluginContext, runId: string, stopIds: string[]): Promise<void> {
  const run = await runRow(ctx, runId, true);
  if (run.status === 'completed') throw new Problem(409, 'run_not_out', m.run_not_out);
  const current = (await stopsOf(ctx, runId)).map((s) => s.id as string);
  const given = new Set(stopIds);
  if (given.size !== stopIds.length || stopIds.length !== current.length || current.some((id) => !given.has(id)))
    throw new Problem(400, 'not_a_permutation', m.not_a_permutation, {
      errors: [fieldError('stopIds', m.not_a_permutation)],
    });
  await renumber(ctx, runId, stopIds);
}

/**
 * Sends the run out: planned → out for delivery. Its packed orders are shipped through the order
 * workflow (goods leave the dispatch location, invoicing on shipment as set).
 */
export async function startRun(ctx: PluginContext, runId: string): Promise<void> {
  const run = await runRow(ctx, runId, true);
  if (run.status !== 'planned') throw new Problem(409, 'run_not_planned', m.run_not_planned);
  const stops = await stopsOf(ctx, runId);
  if (!stops.length) throw new Problem(409, 'run_empty', m.run_empty);
  for (const s of stops) {
    const order = await ctx.db
      .selectFrom('orders.orders')
      .select('status')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', s.order_id)
      .executeTakeFirstOrThrow();
    if (order.status === 'packed') await ctx.transition(orderWorkflow, s.order_id, 'ship');
  }
  await ctx.db
    .updateTable('orders.delivery_runs')
    .set({ status: 'out', started_at: ctx.now() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', runId)
    .execute();
}

/** A pending stop of a run that is out, acted on by the run's driver (a dispatcher with `orders.fulfil` too). */
async function pendingStop(ctx: PluginContext, runId: string, stopId: string, mayDispatch: boolean) {
  const run = await runRow(ctx, runId, true);
  if (!mayDispatch && run.driver_user_id !== ctx.actor?.userId) throw new Problem(403, 'not_your_run', m.not_your_run);
  if (run.status !== 'out') throw new Problem(409, 'run_not_out', m.run_not_out);
  const stop = await ctx.db
    .selectFrom('orders.delivery_stops')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('run_id', '=', runId)
    .where('id', '=', stopId)
    .forUpdate()
    .executeTakeFirst();
  if (!stop) throw new Problem(404, 'not_found', m.stop_not_found);
  if (stop.status !== 'pending') throw new Problem(409, 'stop_not_pending', m.stop_not_pending);
  return { run, stop };
}

export interface DeliveredInput {
  recipientName: string;
  /** Cash collected in minor units; default what the stop asks. */
  codCollectedMinor?: bigint | undefined;
  /** The driver confirms that the cash collected differs from what the order asks. */
  acceptDifference?: boolean | undefined;
  proof?: { kind: 'signature' | 'photo'; dataUrl: string } | undefined;
}

/**
 * Marks a stop delivered: the recipient, the cash collected (a difference from the order's amount
 * only when confirmed, 400 `cod_mismatch` otherwise) and the order delivered through its workflow
 * (invoicing on delivery as set).
 */
export async function deliverStop(
  ctx: PluginContext,
  runId: string,
  stopId: string,
  input: DeliveredInput,
  mayDispatch: boolean,
): Promise<void> {
  const { run, stop } = await pendingStop(ctx, runId, stopId, mayDispatch);
  const due = BigInt(stop.cod_due_minor);
  const collected = input.codCollectedMinor ?? due;
  if (collected !== due && !input.acceptDifference) {
    const params = { collected: formatMoney(collected), due: `${formatMoney(due)} ${run.currency}` };
    throw new Problem(400, 'cod_mismatch', m.cod_mismatch, {
      params,
      errors: [fieldError('codCollected', m.cod_mismatch, params)],
    });
  }
  await ctx.transition(orderWorkflow, stop.order_id, 'courier_deliver');
  const proofRecordId = input.proof ? await storeProof(ctx, stop.order_id, input.proof) : null;
  await ctx.db
    .updateTable('orders.delivery_stops')
    .set({
      status: 'delivered',
      recipient_name: input.recipientName,
      cod_collected_minor: collected.toString(),
      proof_record_id: proofRecordId,
      done_at: ctx.now(),
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', stopId)
    .execute();
}

/**
 * Marks a stop failed with a reason (`other` needs a note). The order stays shipped with the goods on
 * the van; once the driver is back it can go on another run, or be taken back as a return.
 */
export async function failStop(
  ctx: PluginContext,
  runId: string,
  stopId: string,
  input: { reason: FailureReason; note?: string | null | undefined },
  mayDispatch: boolean,
): Promise<void> {
  if (input.reason === 'other' && !input.note?.trim())
    throw new Problem(400, 'note_required', m.note_required, { errors: [fieldError('note', m.note_required)] });
  await pendingStop(ctx, runId, stopId, mayDispatch);
  await ctx.db
    .updateTable('orders.delivery_stops')
    .set({
      status: 'failed',
      failure_reason: input.reason,
      failure_note: input.note?.trim() || null,
      done_at: ctx.now(),
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', stopId)
    .execute();
}

const PROOF_TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * Keeps the signature or photo as an attachment of the order (core records), so it shows with the
 * order's files to whoever may read the order; the type is judged from the bytes (400 `proof_not_image`).
 */
async function storeProof(ctx: PluginContext, orderId: string, proof: { kind: string; dataUrl: string }) {
  const bytes = new Uint8Array(Buffer.from(proof.dataUrl.slice(proof.dataUrl.indexOf(',') + 1), 'base64'));
  const { number } = await ctx.db
    .selectFrom('orders.orders')
    .select('number')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const ext = PROOF_TYPES[imageType(bytes)];
  if (!ext)
    throw new Problem(400, 'proof_not_image', m.proof_not_image, { errors: [fieldError('proof', m.proof_not_image)] });
  const kind = proof.kind === 'signature' ? 'signature' : 'photo';
  const { id } = await ctx.attach({
    entityType: 'orders.order',
    entityId: orderId,
    filename: `delivery-${kind}-${number}.${ext}`,
    bytes,
  });
  return id;
}

/** PNG, JPEG or WebP by their magic numbers. */
function imageType(b: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return '';
}
