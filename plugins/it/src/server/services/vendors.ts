import { addPartyRoles, badRequest, ensureParty, fieldError, getParty, isUuid, type PluginContext } from '@bureau/core';
import { m } from '../messages.ts';

/** The vendor an asset was bought from: a party of core's address book, and its name then. */
export interface VendorRef {
  partyId: string;
  name: string;
}

/**
 * Who the vendor is: `vendorId` names a party of the address book (400 `vendor_not_found` when this
 * tenant has none by that id); a name finds the party of that name without an IČO, or adds it. Either
 * way the party gets the role `vendor`, so the vendor pickers offer it next time. Null when neither is given.
 */
export async function resolveVendor(
  ctx: PluginContext,
  input: { vendorId?: string | null | undefined; vendor?: string | null | undefined },
): Promise<VendorRef | null> {
  if (input.vendorId) {
    const party = isUuid(input.vendorId) ? await getParty(ctx, input.vendorId) : null;
    if (!party) throw badRequest('vendor_not_found', m.vendor_not_found, [fieldError('vendorId', m.vendor_not_found)]);
    await addPartyRoles(ctx, party.id, ['vendor']);
    return { partyId: party.id, name: party.name };
  }
  const name = input.vendor?.trim();
  if (!name) return null;
  // The schema keeps the name within the address book's limits, so this adds no field errors of its own.
  const party = await ensureParty(ctx, { name }, 'vendor');
  return { partyId: party.id, name: party.name };
}
