import {
  badRequest,
  ensureParty,
  fieldError,
  getParty,
  isUuid,
  type Party,
  type PluginContext,
  Problem,
} from '@bureau/core';
import type { z } from 'zod';
import type { CustomerInput } from '../../schema.ts';
import { m as om } from '../messages.ts';

/**
 * The one place orders learns who a customer (or vendor) is: a party of core's shared address book.
 * `{ partyId }` names one (400 at `customer.partyId` when the address book has none); details find the
 * party by IČO (else by exact name) or add it, with the customer role. The order keeps the party id
 * together with the snapshot it was placed with, so a later change in the address book does not
 * rewrite a placed order.
 */
export interface PartySnapshot {
  partyId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  ico: string | null;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  country: string;
}

export async function resolveParty(
  ctx: PluginContext,
  input: z.infer<typeof CustomerInput>,
  _role: 'customer' | 'vendor' = 'customer',
): Promise<PartySnapshot> {
  if ('partyId' in input) {
    const party = isUuid(input.partyId) ? await getParty(ctx, input.partyId) : null;
    if (!party) throw badRequest('invalid_input', om.unknown_party, [fieldError('customer.partyId', om.unknown_party)]);
    const address = party.addresses.find((a) => a.kind === 'billing') ?? party.addresses[0];
    return {
      partyId: party.id,
      name: party.name,
      email: party.email,
      phone: party.phone,
      ico: party.ico,
      street: address?.street || null,
      city: address?.city || null,
      postalCode: address?.zip || null,
      country: party.country,
    };
  }
  const snapshot = {
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    ico: input.ico ?? null,
    street: input.street ?? null,
    city: input.city ?? null,
    postalCode: input.postalCode ?? null,
    country: input.country ?? ctx.tenant.country,
  };
  let party: Party;
  try {
    party = await ensureParty(
      ctx,
      {
        name: snapshot.name,
        email: snapshot.email,
        phone: snapshot.phone,
        ico: snapshot.ico,
        country: snapshot.country,
        addresses:
          snapshot.street || snapshot.city || snapshot.postalCode
            ? [
                {
                  kind: 'billing',
                  street: snapshot.street ?? '',
                  city: snapshot.city ?? '',
                  zip: snapshot.postalCode ?? '',
                },
              ]
            : [],
      },
      'customer',
    );
  } catch (err) {
    // The address book's field errors (a wrong IČO check digit…) belong to the order's customer.
    if (err instanceof Problem && err.errors)
      throw new Problem(err.status, err.code, err.text, {
        errors: err.errors.map((e) => ({ ...e, path: `customer.${e.path}` })),
      });
    throw err;
  }
  return { partyId: party.id, ...snapshot };
}

/** How accounting is told who the invoice is for (its PartyRef). */
export function accountingPartyRef(p: PartySnapshot) {
  // Accounting makes the address book's party its customer on first use.
  if (p.partyId) return { partyId: p.partyId };
  return {
    name: p.name,
    ico: p.ico,
    email: p.email,
    street: p.street,
    city: p.city,
    postalCode: p.postalCode,
    country: p.country,
  };
}
