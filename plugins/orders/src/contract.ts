/**
 * What other plugins may import from orders (`@bureau/plugin-orders/contract`): event names and
 * payloads, and the stock query service.
 *
 * The order workflow emits `orders.order.<transition>` (core's workflow engine names them):
 * `orders.order.confirm`, `orders.order.ship` (payload includes `backorderId` when the rest was
 * backordered), `orders.order.deliver`, `orders.order.cancel`.
 */
import { serviceRef } from '@bureau/core';

export const ORDER_EVENTS = {
  confirmed: 'orders.order.confirm',
  shipped: 'orders.order.ship',
  delivered: 'orders.order.deliver',
  cancelled: 'orders.order.cancel',
} as const;

export const STOCK_LOW = 'orders.stock.low';
export interface StockLow {
  productId: string;
  sku: string;
  available: number;
  reorderPoint: number;
}

export interface StockFigures {
  onHand: number;
  reserved: number;
  available: number;
}

export interface StockService {
  /** On hand, reserved and available of a product by id or SKU; null when unknown. */
  get(product: { productId: string } | { sku: string }): Promise<StockFigures | null>;
}

export const stockService = serviceRef<StockService>('orders', 'stock');
