export { PARTIES_MANAGE, PARTIES_READ } from './routes.ts';
export {
  PARTY_ROLES,
  type Party,
  type PartyAddress,
  type PartyBankAccount,
  type PartyContact,
  type PartyInput,
  type PartyPatch,
} from './schema.ts';
export {
  addPartyRoles,
  createParty,
  deleteParty,
  ensureParty,
  findParties,
  getParty,
  type ImportedParty,
  importParties,
  PARTY_EVENTS,
  type PartySearch,
  updateParty,
} from './service.ts';
