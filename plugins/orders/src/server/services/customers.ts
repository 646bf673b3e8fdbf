import type { PluginContext } from '@bureau/core';
import type { z } from 'zod';
import type { CustomerInput } from '../../schema.ts';

/**
 * The one place orders learns who a customer (or vendor) is. Core's shared address book (parties) is
 * being built in this release; until it is on main, `{ partyId }` is kept as an opaque id together
 * with the snapshot the order was placed with, and `{ name, … }` is stored as that snapshot. When
 * core's parties API lands, `resolveParty` looks the id up there (404 for an unknown one) and creates
 * a party from the details; nothing else in orders changes.
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
    return {
      partyId: input.partyId,
      name: input.partyId,
      email: null,
      phone: null,
      ico: null,
      street: null,
      city: null,
      postalCode: null,
      country: ctx.tenant.country,
    };
  }
  return {
    partyId: null,
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    ico: input.ico ?? null,
    street: input.street ?? null,
    city: input.city ?? null,
    postalCode: input.postalCode ?? null,
    country: input.country ?? ctx.tenant.country,
  };
}

/** How accounting is told who the invoice is for (its PartyRef). */
export function accountingPartyRef(p: PartySnapshot) {
  if (p.partyId && p.name === p.partyId) return { partyId: p.partyId };
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
