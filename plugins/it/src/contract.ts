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
