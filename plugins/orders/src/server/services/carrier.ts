import { type FieldError, fieldError, type PluginContext, Problem } from '@bureau/core';
import { type PacketaPacket, packetaCsv, parsePacketaAnswer } from '../carriers/packeta.ts';
import { m } from '../messages.ts';

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

interface WaitingPackage {
  packageId: string;
  orderId: string;
  number: string;
  packetNumber: string;
  packageNo: number;
}

/** Packages of Packeta orders (packed or shipped) that have no tracking number yet, with their packet numbers. */
async function waitingPackages(ctx: PluginContext) {
  const rows = await ctx.db
    .selectFrom('orders.packages as p')
    .innerJoin('orders.orders as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.order_id'))
    .select([
      'p.id as package_id',
      'p.package_no',
      'p.weight_g',
      'o.id as order_id',
      'o.number',
      'o.customer',
      'o.ship_to',
      'o.currency',
      'o.total_minor',
      'o.cash_on_delivery',
    ])
    .select((eb) =>
      eb
        .selectFrom('orders.packages as q')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('q.tenant_id', '=', 'p.tenant_id')
        .whereRef('q.order_id', '=', 'p.order_id')
        .as('packages'),
    )
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.tracking_number', 'is', null)
    .where('o.carrier', '=', 'packeta')
    .where('o.status', 'in', ['packed', 'shipped'])
    .orderBy('o.number')
    .orderBy('p.package_no')
    .execute();
  return rows.map((r) => ({
    ...r,
    packetNumber: Number(r.packages) > 1 ? `${r.number}-${r.package_no}` : r.number,
  }));
}

/**
 * The Packeta import file of every package waiting for Packeta: the ship-to address (else the
 * customer), the order total as the packet's value, cash on delivery on the first package, the
 * package's weight, and the ship-to's pickup point (else `homeDeliveryCarrierId`). 409
 * `pickup_point_missing` naming the orders that have neither.
 */
export async function packetaExport(
  ctx: PluginContext,
  options: { homeDeliveryCarrierId?: string | undefined; senderLabel?: string | undefined },
): Promise<{ csv: string; count: number }> {
  const rows = await waitingPackages(ctx);
  const missing = new Set<string>();
  const packets: PacketaPacket[] = [];
  for (const r of rows) {
    const shipTo = parse(r.ship_to) as Record<string, string | null> | null;
    const customer = parse(r.customer) as Record<string, string | null>;
    const destination = shipTo?.pickupPointId ?? options.homeDeliveryCarrierId;
    if (!destination) {
      missing.add(r.number);
      continue;
    }
    const to = shipTo ?? customer;
    packets.push({
      number: r.packetNumber,
      recipient: {
        name: to.name ?? '',
        company: shipTo ? null : customer.ico ? customer.name : null,
        email: to.email ?? customer.email ?? null,
        phone: to.phone ?? customer.phone ?? null,
        street: to.street ?? null,
        city: to.city ?? null,
        postalCode: to.postalCode ?? null,
      },
      valueMinor: BigInt(r.total_minor),
      codMinor: r.cash_on_delivery && r.package_no === 1 ? BigInt(r.total_minor) : null,
      currency: r.currency,
      weightGrams: r.weight_g,
      destinationId: destination,
      senderLabel: options.senderLabel ?? null,
    });
  }
  if (missing.size)
    throw new Problem(409, 'pickup_point_missing', m.pickup_point_missing, {
      params: { count: missing.size, orders: [...missing].join(', ') },
      extra: { orders: [...missing] },
    });
  return { csv: packetaCsv(packets), count: packets.length };
}

/**
 * Reads the tracking numbers back from Packeta's answer file: every line must name a package waiting
 * for one (else 400 `tracking_rejected` with an error per line and nothing saved). The order takes
 * the tracking number of its first package.
 */
export async function packetaTracking(ctx: PluginContext, content: string): Promise<{ updated: WaitingPackage[] }> {
  const lines = parsePacketaAnswer(content);
  if (!lines)
    throw new Problem(400, 'tracking_unreadable', m.tracking_unreadable, {
      errors: [fieldError('content', m.tracking_unreadable)],
    });
  const waiting = new Map((await waitingPackages(ctx)).map((p) => [p.packetNumber, p]));
  const errors: FieldError[] = [];
  const updates: Array<{ row: Awaited<ReturnType<typeof waitingPackages>>[number]; tracking: string }> = [];
  for (const l of lines) {
    const row = waiting.get(l.number);
    if (!row) errors.push(fieldError('content', m.tracking_unknown_packet, { line: l.line, number: l.number }));
    else if (!l.tracking) errors.push(fieldError('content', m.tracking_missing, { line: l.line }));
    else updates.push({ row, tracking: l.tracking.slice(0, 40) });
  }
  if (errors.length)
    throw new Problem(400, 'tracking_rejected', m.tracking_rejected, { params: { count: errors.length }, errors });
  for (const u of updates) {
    await ctx.db
      .updateTable('orders.packages')
      .set({ tracking_number: u.tracking })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', u.row.package_id)
      .execute();
    if (u.row.package_no === 1)
      await ctx.db
        .updateTable('orders.orders')
        .set({ tracking_number: u.tracking })
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', u.row.order_id)
        .execute();
  }
  await ctx.audit({
    action: 'orders.tracking.imported',
    entityType: 'orders.order',
    entityId: null,
    after: { packages: updates.length },
  });
  return {
    updated: updates.map((u) => ({
      packageId: u.row.package_id,
      orderId: u.row.order_id,
      number: u.row.number,
      packetNumber: u.row.packetNumber,
      packageNo: u.row.package_no,
    })),
  };
}
