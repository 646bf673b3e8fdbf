/** What the pages read from the orders API (the server's zod schemas, as TypeScript types). */
export type { Order, OrderDetail } from '../server/services/orders.ts';
export type { Product } from '../server/services/products.ts';
export type { PurchaseOrder, PurchaseOrderDetail } from '../server/services/purchasing.ts';
export type { Return, ReturnDetail } from '../server/services/returns.ts';
export type { WorksheetRow } from '../server/services/worksheet.ts';

export interface StockView {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  scrapped: number;
  locations: Array<{
    locationId: string;
    code: string;
    lot: string;
    onHand: number;
    reserved: number;
    available: number;
  }>;
}

export interface PickItem {
  productId: string;
  sku: string;
  picked: number;
  remaining: number;
  complete: boolean;
}

export interface Suggestion {
  productId: string;
  sku: string;
  name: string;
  available: number;
  onOrder: number;
  reorderPoint: number;
  suggested: number;
  lastVendor: { partyId: string | null; name: string } | null;
  lastUnitCost: string | null;
}
export type {
  OpenParcelView,
  PayoutPreviewView,
  PayoutRow,
  PayoutView,
} from '../server/services/cod-payouts.ts';
export type { Driver } from '../server/services/delivery-people.ts';
export type { PlannableOrder } from '../server/services/delivery-plannable.ts';
export type { OrderDelivery, Run, RunDetail } from '../server/services/delivery-view.ts';
