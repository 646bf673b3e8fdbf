import { badRequest, getParty, isUuid } from '@bureau/core';
import type { PartyRef } from '../../contract.ts';
import { type Ctx, dbOf } from './context.ts';
import type { PartnerKind } from './db.ts';
import { normalizeIco } from './identifiers.ts';
import { createPartner } from './partners.ts';
import { pt } from './problem-texts.ts';

/**
 * The accounting customer (vendor) a contract caller means. `{ partyId }` names a known partner or a
 * party of core's address book (which becomes this kind of partner on first use);
 * details find one by IČO (or by exact name when there is none) and create it otherwise, so a
 * module can invoice a walk-in buyer without managing accounting's address book itself.
 */
export async function partnerForParty(ctx: Ctx, kind: PartnerKind, ref: PartyRef, path: string): Promise<string> {
  const db = dbOf(ctx);
  if ('partyId' in ref) {
    // Accounting's own partner id, or a party of core's address book (made this kind of partner on first use).
    const row = await db
      .selectFrom('accounting.partners')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb('id', '=', ref.partyId), eb('party_id', '=', ref.partyId)]))
      .executeTakeFirst();
    if (row) return row.id;
    const party = isUuid(ref.partyId) ? await getParty(ctx, ref.partyId) : null;
    if (!party) throw badRequest('invalid_input', pt.unknownPartner(kind), [{ path, message: pt.noSuchPartner(kind) }]);
    return (await createPartner(ctx, kind, { name: party.name, partyId: party.id })).id;
  }
  const ico = ref.ico ? normalizeIco(ref.ico) : null;
  let q = db
    .selectFrom('accounting.partners')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', kind);
  q = ico ? q.where('ico', '=', ico) : q.where('ico', 'is', null).where('name', '=', ref.name.trim());
  const found = await q.orderBy('created_at').executeTakeFirst();
  if (found) return found.id;
  try {
    const created = await createPartner(ctx, kind, {
      name: ref.name,
      ico,
      dic: ref.dic ?? null,
      email: ref.email ?? null,
      street: ref.street ?? null,
      city: ref.city ?? null,
      postalCode: ref.postalCode ?? null,
      iban: ref.iban ?? null,
      ...(ref.country ? { country: ref.country } : {}),
      ...(ref.paymentTermsDays !== undefined ? { paymentTermsDays: ref.paymentTermsDays } : {}),
    });
    return created.id;
  } catch (err) {
    const e = err as { errors?: { path: string; message: string }[] };
    if (e.errors) {
      throw badRequest(
        'invalid_input',
        `The ${kind} is invalid`,
        e.errors.map((f) => ({ path: `${path}.${f.path}`, message: f.message })),
      );
    }
    throw err;
  }
}
