import type { PluginContext } from '@bureau/core';

export interface Sender {
  name: string;
  ico: string | null;
  dic: string | null;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  country: string;
}

/**
 * Who sells and ships: the tenant's own details as it keeps them for billing (core's billing
 * profile: name, IČO, DIČ, address), else the tenant's name and country.
 */
export async function senderOf(ctx: PluginContext): Promise<Sender> {
  const p = await ctx.db
    .selectFrom('core.billing_profiles')
    .select(['name', 'ico', 'dic', 'street', 'city', 'zip', 'country'])
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  if (!p)
    return {
      name: ctx.tenant.name,
      ico: null,
      dic: null,
      street: null,
      city: null,
      postalCode: null,
      country: ctx.tenant.country,
    };
  return {
    name: p.name || ctx.tenant.name,
    ico: p.ico ?? null,
    dic: p.dic ?? null,
    street: p.street || null,
    city: p.city || null,
    postalCode: p.zip || null,
    country: p.country || ctx.tenant.country,
  };
}

/** Address lines of a party for printing: name, street, postal code and city, country. */
export function addressLines(a: {
  name: string;
  street?: string | null;
  city?: string | null;
  postalCode?: string | null;
  country?: string | null;
}): string[] {
  return [
    a.name,
    a.street ?? '',
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.country && a.country !== 'CZ' ? a.country : '',
  ].filter((l) => l.trim() !== '');
}
