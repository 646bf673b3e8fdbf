import { type PluginContext, readCompanyProfile } from '@bureau/core';

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
 * Who sells and ships: the firm's own details from core's company profile (legal name, IČO, DIČ,
 * address; before the firm saves them, the profile's defaults from the tenant and its billing details).
 */
export async function senderOf(ctx: PluginContext): Promise<Sender> {
  const p = await readCompanyProfile(ctx.db, ctx.tenant);
  return {
    name: p.legalName || ctx.tenant.name,
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
