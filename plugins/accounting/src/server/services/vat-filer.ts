import { conflict, readCompanyProfile } from '@bureau/core';
import { type Ctx, dbOf, settingsOf } from './context.ts';

/** Who files the VAT filings: `VetaP` of the Tax Portal's forms, and the VAT period. */
export interface VatFiler {
  vatId: string | null;
  name: string;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  taxOffice: string | null;
  taxOfficeBranch: string | null;
  nace: string | null;
  kind: 'P' | 'F';
  /** The company profile's VAT period unless overridden here; monthly when neither says. */
  vatPeriod: 'month' | 'quarter';
  /** Whether the firm is a VAT payer: the saved company profile's answer, a payer until it is saved (read-only here). */
  vatPayer: boolean;
  coefficient: string | null;
  /** The fields not set here and taken from core's company profile (Settings → Company). */
  fromProfile: ('vatId' | 'name' | 'street' | 'city' | 'postalCode' | 'vatPeriod')[];
}

/**
 * The filer as the accounting settings keep it; a field left empty there is the company profile's
 * (its DIČ when Czech, legal name, street, city and postal code, cut to what the Tax Portal takes),
 * so the firm's details are entered once. A field set here overrides the profile for the filings.
 */
export async function getVatFiler(ctx: Ctx): Promise<VatFiler> {
  const s = await settingsOf(ctx);
  const p = await readCompanyProfile(dbOf(ctx), ctx.tenant);
  const fromProfile: VatFiler['fromProfile'] = [];
  const pick = <T>(field: VatFiler['fromProfile'][number], own: T | null, profile: T | null): T | null => {
    if (own !== null) return own;
    if (profile !== null) fromProfile.push(field);
    return profile;
  };
  const dic = p.dic?.replace(/\s/g, '').toUpperCase() ?? '';
  const zip = p.zip.replace(/\s/g, '');
  const profilePeriod = p.vatPayer && p.vatPeriod ? (p.vatPeriod === 'quarterly' ? 'quarter' : 'month') : null;
  const filer = {
    vatId: pick('vatId', s.vat_id, /^CZ\d{8,10}$/.test(dic) ? dic : null),
    name: pick('name', s.filer_name, p.legalName.trim() || null) ?? ctx.tenant.name,
    street: pick('street', s.filer_street, p.street.trim().slice(0, 38) || null),
    city: pick('city', s.filer_city, p.city.trim().slice(0, 48) || null),
    postalCode: pick('postalCode', s.filer_postal_code, /^\d{5}$/.test(zip) ? zip : null),
    taxOffice: s.tax_office,
    taxOfficeBranch: s.tax_office_branch,
    nace: s.nace,
    kind: s.filer_kind,
    vatPeriod: pick('vatPeriod', s.vat_period, profilePeriod) ?? 'month',
    vatPayer: p.updatedAt === null || p.vatPayer,
    coefficient: s.vat_coefficient === null ? null : String(Number(s.vat_coefficient)),
  };
  return { ...filer, fromProfile };
}

export type VatFilerPatch = Partial<Omit<VatFiler, 'coefficient' | 'fromProfile' | 'vatPayer' | 'vatPeriod'>> & {
  /** null: follow the company profile. */
  vatPeriod?: 'month' | 'quarter' | null | undefined;
};

export async function updateVatFiler(ctx: Ctx, patch: VatFilerPatch): Promise<VatFiler> {
  const before = await getVatFiler(ctx);
  const set: Record<string, unknown> = {};
  const cols: Record<keyof VatFilerPatch, string> = {
    vatId: 'vat_id',
    name: 'filer_name',
    street: 'filer_street',
    city: 'filer_city',
    postalCode: 'filer_postal_code',
    taxOffice: 'tax_office',
    taxOfficeBranch: 'tax_office_branch',
    nace: 'nace',
    kind: 'filer_kind',
    vatPeriod: 'vat_period',
  };
  for (const [k, col] of Object.entries(cols)) {
    const v = patch[k as keyof VatFilerPatch];
    if (v !== undefined) set[col] = v;
  }
  if (Object.keys(set).length) {
    await dbOf(ctx).updateTable('accounting.settings').set(set).where('tenant_id', '=', ctx.tenant.id).execute();
  }
  const after = await getVatFiler(ctx);
  await ctx.audit({
    action: 'accounting.vat_filer.update',
    entityType: 'accounting.settings',
    entityId: null,
    before,
    after,
  });
  return after;
}

/** The filer's details a filing cannot go without; 409 `filer_incomplete` naming what is missing. */
export function requireFiler(f: VatFiler): VatFiler & { vatId: string; taxOffice: string } {
  const missing = [!f.vatId && 'vatId', !f.taxOffice && 'taxOffice'].filter((x): x is string => !!x);
  if (missing.length) {
    throw conflict(
      'filer_incomplete',
      {
        en: 'Fill in the VAT filer first (DIČ and tax office): {missing}',
        cs: 'Nejdřív doplňte údaje plátce (DIČ a finanční úřad): {missing}',
      },
      { missing: missing.join(', ') },
    );
  }
  return f as VatFiler & { vatId: string; taxOffice: string };
}
