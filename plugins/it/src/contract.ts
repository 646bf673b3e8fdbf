/**
 * What other plugins may import from it (`@bureau/plugin-it/contract`): event names and
 * payloads. Add service interfaces and `serviceRef`s here when others need to call in.
 */
export const ASSET_CREATED = 'it.asset.created';
export interface AssetCreated {
  assetId: string;
  name: string;
}
