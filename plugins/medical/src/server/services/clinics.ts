import { addPartyRoles, ensureParty, fieldError, getParty, type PluginContext, Problem } from '@bureau/core';
import { m } from '../messages.ts';

/** The role a referring clinic has in core's address book. */
export const CLINIC_ROLE = 'clinic';

/**
 * The referring clinic of an order, as a party of core's address book: the party named by
 * `clinicPartyId` (400 `unknown_clinic` when the tenant has none such; it takes the role `clinic`
 * if it lacked it), else the party with the clinic's name (found, or added with the role). Null
 * when the order names no clinic. The order keeps the name as it was when placed.
 */
export async function resolveClinic(
  ctx: PluginContext,
  input: { clinicPartyId?: string | undefined; clinicName?: string | undefined },
): Promise<{ partyId: string; name: string } | null> {
  if (input.clinicPartyId) {
    const party = await getParty(ctx, input.clinicPartyId);
    if (!party) {
      throw new Problem(400, 'unknown_clinic', m.unknown_clinic, {
        errors: [fieldError('clinicPartyId', m.unknown_clinic)],
      });
    }
    if (!party.roles.includes(CLINIC_ROLE)) await addPartyRoles(ctx, party.id, [CLINIC_ROLE]);
    return { partyId: party.id, name: party.name };
  }
  if (!input.clinicName) return null;
  const party = await ensureParty(ctx, { name: input.clinicName }, CLINIC_ROLE);
  return { partyId: party.id, name: party.name };
}
