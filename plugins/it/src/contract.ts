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
