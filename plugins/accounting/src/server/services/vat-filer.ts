import { conflict } from '@bureau/core';
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
  vatPeriod: 'month' | 'quarter';
  coefficient: string | null;
}

export async function getVatFiler(ctx: Ctx): Promise<VatFiler> {
  const s = await settingsOf(ctx);
  return {
    vatId: s.vat_id,
    name: s.filer_name ?? ctx.tenant.name,
    street: s.filer_street,
    city: s.filer_city,
    postalCode: s.filer_postal_code,
    taxOffice: s.tax_office,
    taxOfficeBranch: s.tax_office_branch,
    nace: s.nace,
    kind: s.filer_kind,
    vatPeriod: s.vat_period,
    coefficient: s.vat_coefficient === null ? null : String(Number(s.vat_coefficient)),
  };
}

export type VatFilerPatch = Partial<Omit<VatFiler, 'coefficient'>>;

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
