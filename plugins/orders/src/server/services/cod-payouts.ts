import { type FieldError, fieldError, formatMoney, newId, type PluginContext, Problem, z } from '@bureau/core';
import { paymentsService } from '@bureau/plugin-accounting/contract';
import { codAmount } from '../carriers/packeta.ts';
import { type PayoutLine, parsePacketaPayout } from '../carriers/packeta-payout.ts';
import { cm } from '../cod-messages.ts';
import { settleCod } from './cod-settle.ts';
import { nextNumber } from './numbers.ts';
import { today, ymd } from './products.ts';

export const PayoutRowStatus = z.enum(['matched', 'short', 'over', 'unknown', 'settled']);
export type PayoutRowStatus = z.infer<typeof PayoutRowStatus>;

export const PayoutRow = z.object({
  line: z.number(),
  tracking: z.string(),
  reference: z.string(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  /** What the order asks on delivery (null for an unknown parcel). */
  due: z.string().nullable(),
  paid: z.string(),
  fee: z.string(),
  difference: z.string().nullable(),
  status: PayoutRowStatus,
});
export type PayoutRow = z.infer<typeof PayoutRow>;

export const PayoutSummary = z.object({
  carrier: z.literal('packeta'),
  payoutDate: z.string(),
  currency: z.string(),
  /** Cash on delivery of all rows, fees of all rows, and what the carrier transfers (cod − fees). */
  cod: z.string(),
  fees: z.string(),
  total: z.string(),
  counts: z.record(PayoutRowStatus, z.number()),
});

export const PayoutPreview = PayoutSummary.extend({ rows: z.array(PayoutRow) });

export const Payout = PayoutSummary.extend({
  id: z.string(),
  number: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export const PayoutDetail = Payout.extend({ rows: z.array(PayoutRow) });

interface MatchedRow {
  line: PayoutLine;
  orderId: string | null;
  orderNumber: string | null;
  dueMinor: bigint | null;
  status: PayoutRowStatus;
}

/** What a Packeta order asks on delivery: the total, in whole crowns for CZK (as the export sends it). */
const codDue = (totalMinor: bigint, currency: string) =>
  currency === 'CZK' ? BigInt(codAmount(totalMinor, currency)) * 100n : totalMinor;

/** Reads the file, or 400 with an error per line that cannot be read (nothing is matched). */
function readPayout(content: string): PayoutLine[] {
  const parsed = parsePacketaPayout(content);
  if (!parsed)
    throw new Problem(400, 'payout_unreadable', cm.payout_unreadable, {
      errors: [fieldError('content', cm.payout_unreadable)],
    });
  const errors: FieldError[] = parsed.errors.map((e) =>
    fieldError('content', cm[`line_${e.problem}`], { line: e.line }),
  );
  const currency = parsed.lines[0]?.currency;
  for (const l of parsed.lines)
    if (l.currency !== currency)
      errors.push(fieldError('content', cm.line_mixed_currency, { line: l.line, currency: currency ?? '' }));
  if (errors.length)
    throw new Problem(400, 'payout_rejected', cm.payout_rejected, { params: { count: errors.length }, errors });
  if (!parsed.lines.length)
    throw new Problem(400, 'payout_empty', cm.payout_empty, { errors: [fieldError('content', cm.payout_empty)] });
  return parsed.lines;
}

/**
 * Finds each line's order among this tenant's Packeta orders: by the parcel's barcode (a package's
 * tracking number), else by the order number (with `-n` of a multi-package order). An order's COD is
 * due once: a second line for it is due nothing. `lock` takes the orders' rows for the confirmation.
 */
async function matchLines(ctx: PluginContext, lines: PayoutLine[], lock: boolean): Promise<MatchedRow[]> {
  const trackings = [...new Set(lines.map((l) => l.tracking).filter(Boolean))];
  const byTracking = new Map<string, string>();
  if (trackings.length) {
    const rows = await ctx.db
      .selectFrom('orders.packages')
      .select(['order_id', 'tracking_number'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('tracking_number', 'in', trackings)
      .execute();
    for (const r of rows) byTracking.set(r.tracking_number as string, r.order_id);
  }
  const numbers = [
    ...new Set(lines.flatMap((l) => (l.reference ? [l.reference, l.reference.replace(/-\d+$/, '')] : []))),
  ];
  const ids = [...new Set(byTracking.values())];
  let q = ctx.db
    .selectFrom('orders.orders')
    .select(['id', 'number', 'currency', 'total_minor', 'cash_on_delivery', 'cod_settled_at'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('carrier', '=', 'packeta')
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb('id', 'in', ids)] : []),
        ...(numbers.length ? [eb('number', 'in', numbers)] : []),
        eb.lit(false),
      ]),
    )
    .orderBy('id');
  if (lock) q = q.forUpdate();
  const orders = await q.execute();
  const byId = new Map(orders.map((o) => [o.id, o]));
  const byNumber = new Map(orders.map((o) => [o.number, o]));
  const seen = new Set<string>();
  return lines.map((line) => {
    const order =
      byId.get(byTracking.get(line.tracking) ?? '') ??
      byNumber.get(line.reference) ??
      byNumber.get(line.reference.replace(/-\d+$/, ''));
    if (!order) return { line, orderId: null, orderNumber: null, dueMinor: null, status: 'unknown' };
    const first = !seen.has(order.id);
    seen.add(order.id);
    const due = first && order.cash_on_delivery ? codDue(BigInt(order.total_minor), order.currency) : 0n;
    const status: PayoutRowStatus = order.cod_settled_at
      ? 'settled'
      : line.codMinor === due
        ? 'matched'
        : line.codMinor < due
          ? 'short'
          : 'over';
    return { line, orderId: order.id, orderNumber: order.number, dueMinor: due, status };
  });
}

function summarise(rows: MatchedRow[]) {
  const cod = rows.reduce((s, r) => s + r.line.codMinor, 0n);
  const fees = rows.reduce((s, r) => s + r.line.feeMinor, 0n);
  const counts = Object.fromEntries(PayoutRowStatus.options.map((s) => [s, rows.filter((r) => r.status === s).length]));
  const payoutDate =
    rows
      .map((r) => r.line.date)
      .sort()
      .at(-1) ?? '';
  return { cod, fees, counts: counts as Record<PayoutRowStatus, number>, payoutDate };
}

interface RowFigures {
  line: number;
  tracking: string;
  reference: string;
  orderId: string | null;
  orderNumber: string | null;
  dueMinor: bigint | null;
  paidMinor: bigint;
  feeMinor: bigint;
  status: PayoutRowStatus;
}

const rowView = (r: RowFigures): PayoutRow => ({
  line: r.line,
  tracking: r.tracking,
  reference: r.reference,
  orderId: r.orderId,
  orderNumber: r.orderNumber,
  due: r.dueMinor === null ? null : formatMoney(r.dueMinor),
  paid: formatMoney(r.paidMinor),
  fee: formatMoney(r.feeMinor),
  difference: r.dueMinor === null ? null : formatMoney(r.paidMinor - r.dueMinor),
  status: r.status,
});

const matchedView = (r: MatchedRow): PayoutRow =>
  rowView({ ...r, ...r.line, paidMinor: r.line.codMinor, feeMinor: r.line.feeMinor, status: r.status });

/** The dry run: every line of Packeta's payout report with its order, what was due and paid, and its status. Writes nothing. */
export async function previewPayout(ctx: PluginContext, content: string): Promise<z.infer<typeof PayoutPreview>> {
  const rows = await matchLines(ctx, readPayout(content), false);
  const s = summarise(rows);
  return {
    carrier: 'packeta',
    payoutDate: s.payoutDate,
    currency: rows[0]?.line.currency ?? 'CZK',
    cod: formatMoney(s.cod),
    fees: formatMoney(s.fees),
    total: formatMoney(s.cod - s.fees),
    counts: s.counts,
    rows: rows.map(matchedView),
  };
}

/**
 * Confirms the payout: keeps the batch (number `CP-yyyy-nnnnn`, date, total, fees, rows), settles the
 * cash on delivery of every order found (`codSettledAt`; with accounting its invoice is paid by what
 * was paid out, to money in transit, and the fees are posted as an expense). Any line that is not
 * `matched` (short or over, an unknown parcel, settled before) needs `acceptDifference` and a note,
 * else 400 `payout_difference` and nothing is written.
 */
export async function confirmPayout(
  ctx: PluginContext,
  input: { content: string; acceptDifference?: boolean | undefined; note?: string | null | undefined },
): Promise<string> {
  const rows = await matchLines(ctx, readPayout(input.content), true);
  const s = summarise(rows);
  const odd = rows.length - s.counts.matched;
  const note = input.note?.trim() || null;
  if (odd && !(input.acceptDifference && note))
    throw new Problem(400, 'payout_difference', cm.payout_difference, {
      params: { count: odd },
      errors: [fieldError('note', cm.payout_difference, { count: odd })],
    });
  const id = newId();
  const number = await nextNumber(ctx, 'CP', s.payoutDate || today(ctx));
  const currency = rows[0]?.line.currency ?? 'CZK';
  await ctx.db
    .insertInto('orders.cod_payouts')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      number,
      carrier: 'packeta',
      payout_date: s.payoutDate,
      currency,
      cod_minor: s.cod.toString(),
      fees_minor: s.fees.toString(),
      total_minor: (s.cod - s.fees).toString(),
      note,
      created_at: ctx.now(),
      created_by: ctx.actor?.label ?? null,
    })
    .execute();
  await ctx.db
    .insertInto('orders.cod_payout_rows')
    .values(
      rows.map((r) => ({
        tenant_id: ctx.tenant.id,
        payout_id: id,
        line_no: r.line.line,
        tracking: r.line.tracking,
        reference: r.line.reference,
        order_id: r.orderId,
        due_minor: r.dueMinor?.toString() ?? null,
        paid_minor: r.line.codMinor.toString(),
        fee_minor: r.line.feeMinor.toString(),
        status: r.status,
      })),
    )
    .execute();
  const payable = rows.filter((r) => r.orderId && r.status !== 'settled');
  await settleCod(
    ctx,
    payable.map((r) => ({ orderId: r.orderId as string, amountMinor: r.line.codMinor })),
    { settlement: number, date: s.payoutDate, method: 'cod' },
  );
  if (s.fees > 0n && (await ctx.isEnabled('accounting')))
    await ctx.use(paymentsService).recordCarrierFee({
      source: { type: 'orders.cod-payout', id },
      amount: formatMoney(s.fees),
      date: s.payoutDate,
      carrier: 'Packeta',
      reference: number,
    });
  await ctx.audit({
    action: 'orders.cod_payout.confirmed',
    entityType: 'orders.cod_payout',
    entityId: id,
    after: { number, cod: formatMoney(s.cod), fees: formatMoney(s.fees), rows: rows.length, note },
  });
  return id;
}

type PayoutRecord = Record<string, any>;

function payoutView(p: PayoutRecord, counts: Record<PayoutRowStatus, number>): z.infer<typeof Payout> {
  return {
    id: p.id,
    number: p.number,
    carrier: 'packeta',
    payoutDate: ymd(p.payout_date),
    currency: p.currency,
    cod: formatMoney(BigInt(p.cod_minor)),
    fees: formatMoney(BigInt(p.fees_minor)),
    total: formatMoney(BigInt(p.total_minor)),
    counts,
    note: p.note,
    createdAt: new Date(p.created_at).toISOString(),
    createdBy: p.created_by,
  };
}

const noCounts = () =>
  Object.fromEntries(PayoutRowStatus.options.map((s) => [s, 0])) as Record<PayoutRowStatus, number>;

/** Payouts confirmed, newest first, with their rows counted by status. */
export async function listPayouts(ctx: PluginContext): Promise<z.infer<typeof Payout>[]> {
  const payouts = await ctx.db
    .selectFrom('orders.cod_payouts')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .orderBy('payout_date', 'desc')
    .orderBy('number', 'desc')
    .limit(200)
    .execute();
  if (!payouts.length) return [];
  const counts = await ctx.db
    .selectFrom('orders.cod_payout_rows')
    .select(['payout_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('tenant_id', '=', ctx.tenant.id)
    .where(
      'payout_id',
      'in',
      payouts.map((p) => p.id),
    )
    .groupBy(['payout_id', 'status'])
    .execute();
  return payouts.map((p) => {
    const c = noCounts();
    for (const r of counts) if (r.payout_id === p.id) c[r.status as PayoutRowStatus] = Number(r.n);
    return payoutView(p, c);
  });
}

/** One payout with its rows in file order; 404 `payout_not_found`. */
export async function payoutDetail(ctx: PluginContext, id: string): Promise<z.infer<typeof PayoutDetail>> {
  const p = await ctx.db
    .selectFrom('orders.cod_payouts')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!p) throw new Problem(404, 'payout_not_found', cm.payout_not_found);
  const rows = await ctx.db
    .selectFrom('orders.cod_payout_rows as r')
    .leftJoin('orders.orders as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.order_id'))
    .select([
      'r.line_no',
      'r.tracking',
      'r.reference',
      'r.order_id',
      'o.number',
      'r.due_minor',
      'r.paid_minor',
      'r.fee_minor',
      'r.status',
    ])
    .where('r.tenant_id', '=', ctx.tenant.id)
    .where('r.payout_id', '=', id)
    .orderBy('r.line_no')
    .execute();
  const counts = noCounts();
  for (const r of rows) counts[r.status as PayoutRowStatus] += 1;
  return {
    ...payoutView(p, counts),
    rows: rows.map((r) =>
      rowView({
        line: r.line_no,
        tracking: r.tracking,
        reference: r.reference,
        orderId: r.order_id,
        orderNumber: r.number ?? null,
        dueMinor: r.due_minor === null ? null : BigInt(r.due_minor),
        paidMinor: BigInt(r.paid_minor),
        feeMinor: BigInt(r.fee_minor),
        status: r.status as PayoutRowStatus,
      }),
    ),
  };
}

export const OpenParcel = z.object({
  orderId: z.string(),
  number: z.string(),
  trackingNumber: z.string().nullable(),
  shippedAt: z.string().nullable(),
  /** Whole days since shipping, in the firm's day (Europe/Prague). */
  ageDays: z.number().nullable(),
  due: z.string(),
  currency: z.string(),
});

/** Shipped or delivered Packeta orders on cash on delivery whose cash is not paid out yet, oldest first. */
export async function openParcels(ctx: PluginContext): Promise<z.infer<typeof OpenParcel>[]> {
  const rows = await ctx.db
    .selectFrom('orders.orders')
    .select(['id', 'number', 'tracking_number', 'shipped_at', 'total_minor', 'currency'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('carrier', '=', 'packeta')
    .where('cash_on_delivery', '=', true)
    .where('status', 'in', ['shipped', 'delivered'])
    .where('cod_settled_at', 'is', null)
    .orderBy('shipped_at')
    .orderBy('number')
    .limit(500)
    .execute();
  const now = Date.parse(`${today(ctx)}T00:00:00Z`);
  const dayOf = (d: Date) =>
    Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(d)}T00:00:00Z`);
  return rows.map((r) => {
    const shipped = r.shipped_at ? new Date(r.shipped_at) : null;
    return {
      orderId: r.id,
      number: r.number,
      trackingNumber: r.tracking_number,
      shippedAt: shipped?.toISOString() ?? null,
      ageDays: shipped ? Math.round((now - dayOf(shipped)) / 86_400_000) : null,
      due: formatMoney(codDue(BigInt(r.total_minor), r.currency)),
      currency: r.currency,
    };
  });
}

export type PayoutPreviewView = z.infer<typeof PayoutPreview>;
export type PayoutView = z.infer<typeof Payout>;
export type OpenParcelView = z.infer<typeof OpenParcel>;
