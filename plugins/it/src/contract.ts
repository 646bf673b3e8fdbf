/**
 * What other plugins may import from it (`@bureau/plugin-it/contract`): event names and payloads.
 * Workflow events (`it.asset.checkout`, `it.asset.checkin`, `it.asset.retire`, …) carry
 * `{ id, entityType, transition, from, to, actor }` plus the holder for check-out and check-in.
 */
export const ASSET_CREATED = 'it.asset.created';
export interface AssetCreated {
  assetId: string;
  tag: string;
  name: string;
}

/**
 * A ticket's SLA clock passed its due instant unmet (written by the `sla-escalation` schedule, once
 * per clock): `clock` is `response` or `resolution`, `dueAt` the instant it fell due.
 */
export const TICKET_SLA_BREACHED = 'it.ticket.sla_breached';
export interface TicketSlaBreached {
  ticketId: string;
  number: string;
  clock: 'response' | 'resolution';
  dueAt: string;
  priority: string;
  assigneeId: string | null;
}

/**
 * A maintenance period came due for an asset (its due date minus the plan's lead days, or its meter
 * threshold): the `maintenance-due` schedule or a meter reading opened work order `number`. Once per
 * (plan, asset, period).
 */
export const MAINTENANCE_DUE = 'it.maintenance.due';
export interface MaintenanceDue {
  workOrderId: string;
  number: string;
  planId: string;
  assetId: string;
  assetTag: string;
  title: string;
  dueOn: string;
  meterDue: number | null;
}

/** A work order was completed (or skipped, with `skipped: true`). */
export const MAINTENANCE_COMPLETED = 'it.maintenance.completed';
export interface MaintenanceCompleted {
  workOrderId: string;
  number: string;
  planId: string;
  assetId: string;
  completedOn: string;
  skipped: boolean;
}

/** An accessory's or consumable's available quantity fell to or below its minimum (once per dip). */
export const STOCK_LOW = 'it.stock.low';
export interface StockLow {
  itemId: string;
  name: string;
  kind: 'accessory' | 'consumable';
  available: number;
  minQuantity: number;
}

/** A licence's expiry came within its notice days (once per expiry date; a renewal re-arms it). */
export const LICENCE_EXPIRING = 'it.licence.expiring';
export interface LicenceExpiring {
  licenceId: string;
  name: string;
  expiresOn: string;
  seatsUsed: number;
}
