import { conflict, readCompanyProfile } from '@bureau/core';
import { type Ctx, dbOf } from './context.ts';

/**
 * Whether the firm is a VAT payer, as core's company profile (Settings → Company) says once it is
 * saved. Until the firm saves its profile Bureau keeps treating it as a payer, as the books were set
 * up for one; a saved "not a VAT payer" switches VAT off for new documents and the filings.
 */
export async function isVatPayer(ctx: Ctx): Promise<boolean> {
  const p = await readCompanyProfile(dbOf(ctx), ctx.tenant);
  return p.updatedAt === null || p.vatPayer;
}

/** 409 `not_vat_payer`: a non-payer files no VAT return, control statement or EC sales list (zákon 235/2004 Sb. § 101, § 101c, § 102 bind payers). */
export async function requireVatPayer(ctx: Ctx): Promise<void> {
  if (await isVatPayer(ctx)) return;
  throw conflict('not_vat_payer', {
    en: 'The company profile says the firm is not a VAT payer, so it files no VAT return, control statement or EC sales list',
    cs: 'Podle profilu firmy nejste plátce DPH, takže nepodáváte přiznání k DPH, kontrolní ani souhrnné hlášení',
  });
}
