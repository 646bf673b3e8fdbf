import { type FieldError, fieldError, type PluginContext, Problem } from '@bureau/core';
import { m } from '../messages.ts';
import { fromMilli, milli } from './quantity.ts';
import { lockLevels, type MoveKind, postMoves } from './stock.ts';
import { locationOf, settingsOf, warehouseLocations } from './warehouses.ts';

export interface StockChange {
  productId: string;
  /** Signed; thousandths are rounded. */
  quantity: number | string;
  reason: string;
  locationId?: string | undefined;
  lot?: string | undefined;
  kind?: Extract<MoveKind, 'adjustment' | 'receipt' | 'return' | 'count' | 'scrap'>;
  orderId?: string | null;
  document?: string | null;
}

/** The product for a stock change; 400 with field errors when it cannot take one. */
export async function stockProduct(ctx: PluginContext, productId: string, field = 'productId') {
  const product = await ctx.db
    .selectFrom('orders.products')
    .select(['id', 'sku', 'whole_units', 'tracking', 'is_kit', 'active', 'reorder_point'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product)
    throw new Problem(400, 'unknown_product', m.unknown_product, { errors: [fieldError(field, m.unknown_product)] });
  if (product.is_kit)
    throw new Problem(400, 'kit_not_stocked', m.kit_not_stocked, { errors: [fieldError(field, m.kit_not_stocked)] });
  return product;
}

/** Checks a quantity for a product: not zero, whole where the product is counted in units, serials one by one. */
export function quantityErrors(
  product: { sku: string; whole_units: boolean; tracking: string },
  q: number,
  path: string,
  options: { positive?: boolean } = {},
): FieldError[] {
  if (q === 0) return [fieldError(path, m.zero_quantity)];
  if (options.positive && q < 0) return [fieldError(path, m.invalid_quantity)];
  if (product.whole_units && q % 1000 !== 0) return [fieldError(path, m.whole_units, { sku: product.sku })];
  if (product.tracking === 'serial' && Math.abs(q) !== 1000) return [fieldError(path, m.serial_quantity)];
  return [];
}

/**
 * Adds or removes stock at a bin (default: the default warehouse's first bin) as one move. A removal
 * may take only what is available there (on hand less reserved): 409 `insufficient_stock` otherwise.
 */
export async function changeStock(ctx: PluginContext, change: StockChange): Promise<void> {
  const product = await stockProduct(ctx, change.productId);
  const q = milli(change.quantity);
  const errors = quantityErrors(product, q, 'quantity');
  if (product.tracking !== 'none' && !change.lot) errors.push(fieldError('lot', m.lot_required, { sku: product.sku }));
  if (errors.length) throw new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? '', { errors });
  let locationId = change.locationId;
  if (locationId) {
    const loc = await locationOf(ctx, locationId);
    if (loc.kind !== 'bin' && !(change.kind === 'scrap' && loc.kind === 'scrap'))
      throw new Problem(400, 'location_not_bin', m.location_not_bin, {
        params: { kind: loc.kind },
        errors: [fieldError('locationId', m.location_not_bin, { kind: loc.kind })],
      });
  } else {
    const { warehouseId } = await settingsOf(ctx);
    locationId = (await warehouseLocations(ctx, warehouseId)).defaultBinId;
  }
  const lot = change.lot ?? '';
  if (q < 0) {
    const level = (await lockLevels(ctx, [product.id])).find((l) => l.locationId === locationId && l.lot === lot);
    const available = level ? level.onHand - level.reserved : 0;
    if (available + q < 0)
      throw new Problem(409, 'insufficient_stock', m.stock_short, {
        params: { available: fromMilli(available) },
        extra: { available: fromMilli(available) },
      });
  }
  await postMoves(ctx, [
    {
      productId: product.id,
      locationId,
      lot,
      kind: change.kind ?? 'adjustment',
      onHand: q,
      orderId: change.orderId ?? null,
      document: change.document ?? null,
      reason: change.reason,
    },
  ]);
}
