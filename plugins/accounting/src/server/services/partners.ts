import {
  badRequest,
  conflict,
  createParty,
  type FieldError,
  findParties,
  getParty,
  newId,
  notFound,
  type Party,
  type PartyPatch,
  updateParty,
} from '@bureau/core';
import { sql, type Updateable } from 'kysely';
import { money } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import type { PartnerKind, PartnersTable } from './db.ts';
import {
  isValidBic,
  isValidCzechAccount,
  isValidDic,
  isValidIco,
  normalizeDic,
  normalizeIban,
  normalizeIco,
} from './identifiers.ts';
import { roleAccount } from './settings.ts';
import { functionalSql } from './sql-money.ts';

export interface PartnerInput {
  name: string;
  ico?: string | null | undefined;
  dic?: string | null | undefined;
  iban?: string | null | undefined;
  bic?: string | null | undefined;
  bankAccount?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  street?: string | null | undefined;
  city?: string | null | undefined;
  postalCode?: string | null | undefined;
  country?: string | undefined;
  paymentTermsDays?: number | undefined;
  active?: boolean | undefined;
  note?: string | null | undefined;
  /** A party of core's address book this customer (vendor) is: its details fill what the input leaves out. */
  partyId?: string | undefined;
}

export interface PartnerView {
  id: string;
  /** The party of core's address book this partner is a role of (null once the party was removed). */
  partyId: string | null;
  kind: PartnerKind;
  name: string;
  ico: string | null;
  dic: string | null;
  iban: string | null;
  bic: string | null;
  bankAccount: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  country: string;
  paymentTermsDays: number;
  active: boolean;
  note: string | null;
  /** Open documents' unpaid amounts, functional currency. */
  outstanding: string;
  /** Payments not yet allocated to a document (overpayments), functional currency. */
  credit: string;
}

/** Validates and normalises identifiers; collects every field error. */
function clean(input: Partial<PartnerInput>): Updateable<PartnersTable> {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const opt = (v: string | null | undefined) =>
    v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();
  if (input.name !== undefined) out.name = input.name.trim();
  const ico = opt(input.ico);
  if (ico !== undefined) {
    const n = ico === null ? null : normalizeIco(ico);
    if (n !== null && !isValidIco(n))
      errors.push({
        path: 'ico',
        message: {
          en: 'Not a valid IČO (8 digits with a mod-11 check digit)',
          cs: 'Neplatné IČO (8 číslic s kontrolní číslicí mod 11)',
        },
      });
    out.ico = n;
  }
  const dic = opt(input.dic);
  if (dic !== undefined) {
    const n = dic === null ? null : normalizeDic(dic);
    if (n !== null && !isValidDic(n))
      errors.push({ path: 'dic', message: { en: 'Not a valid VAT number (DIČ)', cs: 'Neplatné DIČ' } });
    out.dic = n;
  }
  const iban = opt(input.iban);
  if (iban !== undefined) {
    const n = iban === null ? null : normalizeIban(iban);
    if (iban !== null && n === null)
      errors.push({ path: 'iban', message: { en: 'Not a valid IBAN', cs: 'Neplatný IBAN' } });
    out.iban = n;
  }
  const bic = opt(input.bic);
  if (bic !== undefined) {
    if (bic !== null && !isValidBic(bic))
      errors.push({ path: 'bic', message: { en: 'Not a valid BIC', cs: 'Neplatný kód BIC' } });
    out.bic = bic?.toUpperCase() ?? null;
  }
  const account = opt(input.bankAccount);
  if (account !== undefined) {
    if (account !== null && !isValidCzechAccount(account)) {
      errors.push({
        path: 'bankAccount',
        message: {
          en: 'Expected a Czech account number such as 19-2000145399/0800',
          cs: 'Zadejte české číslo účtu, např. 19-2000145399/0800',
        },
      });
    }
    out.bank_account = account;
  }
  for (const [k, col] of [
    ['email', 'email'],
    ['phone', 'phone'],
    ['street', 'street'],
    ['city', 'city'],
    ['postalCode', 'postal_code'],
    ['note', 'note'],
  ] as const) {
    const v = opt(input[k]);
    if (v !== undefined) out[col] = v;
  }
  if (input.country !== undefined) out.country = input.country.toUpperCase();
  if (input.paymentTermsDays !== undefined) out.payment_terms_days = input.paymentTermsDays;
  if (input.active !== undefined) out.active = input.active;
  if (errors.length)
    throw badRequest(
      'invalid_input',
      { en: 'Some identifiers are invalid', cs: 'Některé identifikátory jsou neplatné' },
      errors,
    );
  return out;
}

function partnersQuery(ctx: Ctx, kind: PartnerKind, functional: string) {
  const open = functionalSql(sql`(d.total - d.paid)`, sql`d.currency`, sql`d.rate`, functional);
  const unallocated = functionalSql(sql`(y.amount - y.allocated)`, sql`y.currency`, sql`y.rate`, functional);
  return dbOf(ctx)
    .selectFrom('accounting.partners as p')
    .selectAll('p')
    .select([
      sql<string>`coalesce((select sum(${open}) from accounting.documents d
        where d.tenant_id = p.tenant_id and d.partner_id = p.id and d.status = 'issued'), 0)::bigint`.as(
        'outstanding_raw',
      ),
      sql<string>`coalesce((select sum(${unallocated}) from accounting.payments y
        where y.tenant_id = p.tenant_id and y.partner_id = p.id and y.voided_at is null), 0)::bigint`.as('credit_raw'),
    ])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.kind', '=', kind);
}

type PartnerRow = Awaited<ReturnType<ReturnType<typeof partnersQuery>['executeTakeFirstOrThrow']>>;

function view(r: PartnerRow, currency: string): PartnerView {
  return {
    id: r.id,
    partyId: r.party_id,
    kind: r.kind,
    name: r.name,
    ico: r.ico,
    dic: r.dic,
    iban: r.iban,
    bic: r.bic,
    bankAccount: r.bank_account,
    email: r.email,
    phone: r.phone,
    street: r.street,
    city: r.city,
    postalCode: r.postal_code,
    country: r.country,
    paymentTermsDays: r.payment_terms_days,
    active: r.active,
    note: r.note,
    outstanding: money(r.outstanding_raw, currency),
    credit: money(r.credit_raw, currency),
  };
}

export async function listPartners(
  ctx: Ctx,
  kind: PartnerKind,
  opts: { q?: string | undefined; active?: boolean | undefined; limit: number; offset: number },
) {
  const { currency } = await settingsOf(ctx);
  let q = partnersQuery(ctx, kind, currency);
  if (opts.active !== undefined) q = q.where('p.active', '=', opts.active);
  if (opts.q) {
    const like = `%${opts.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(p.name)`, 'like', like), eb('p.ico', '=', opts.q as string)]));
  }
  const rows = await q.orderBy(sql`lower(p.name)`).orderBy('p.id').limit(opts.limit).offset(opts.offset).execute();
  return rows.map((r) => view(r, currency));
}

export async function getPartner(ctx: Ctx, kind: PartnerKind, id: string): Promise<PartnerView> {
  const { currency } = await settingsOf(ctx);
  const row = await partnersQuery(ctx, kind, currency).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(kind === 'customer' ? 'Customer' : 'Vendor');
  return view(row, currency);
}

async function assertIcoFree(ctx: Ctx, kind: PartnerKind, ico: string | null | undefined, except?: string) {
  if (!ico) return;
  let q = dbOf(ctx)
    .selectFrom('accounting.partners')
    .select('name')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', kind)
    .where('ico', '=', ico);
  if (except) q = q.where('id', '<>', except);
  const other = await q.executeTakeFirst();
  if (other)
    throw conflict('duplicate_ico', {
      en: `${other.name} already has IČO ${ico}`,
      cs: `IČO ${ico} už má ${other.name}`,
    });
}

/** The address book's details as accounting keeps them on a partner (its billing address, default account). */
function fromParty(p: Party): PartnerInput {
  const address = p.addresses.find((a) => a.kind === 'billing') ?? p.addresses[0];
  const account = p.bankAccounts.find((a) => a.isDefault) ?? p.bankAccounts[0];
  return {
    name: p.name,
    ico: p.ico && /^\d{8}$/.test(p.ico) ? p.ico : null,
    dic: p.dic,
    email: p.email,
    phone: p.phone,
    street: address?.street || null,
    city: address?.city || null,
    postalCode: address?.zip || null,
    country: p.country,
    iban: account?.iban || null,
    bic: account?.bic ?? null,
    bankAccount: account && !account.iban ? account.accountNumber : null,
  };
}

/**
 * What a partner adds to its party. A partner joining a party the address book knows only fills what
 * the party lacks; a change of the partner (`overwrite`) carries its name, identifiers, contacts and
 * billing address over. Its account is added when the party does not have it; nothing is erased.
 */
function partyPatch(party: Party | null, p: PartnerView, kind: PartnerKind, currency: string, overwrite: boolean) {
  const patch: PartyPatch = {};
  if (!party || overwrite) Object.assign(patch, { name: p.name, country: p.country });
  for (const k of ['ico', 'dic', 'email', 'phone'] as const) if (p[k] && (overwrite || !party?.[k])) patch[k] = p[k];
  const billing = party?.addresses.some((a) => a.kind === 'billing');
  if ((p.street || p.city || p.postalCode) && (overwrite || !billing)) {
    const address = { kind: 'billing' as const, street: p.street ?? '', city: p.city ?? '', zip: p.postalCode ?? '' };
    patch.addresses = [address, ...(party?.addresses ?? []).filter((a) => a.kind !== 'billing')];
  }
  const accounts = party?.bankAccounts ?? [];
  const known = accounts.some(
    (a) => (p.iban && a.iban === p.iban) || (p.bankAccount && a.accountNumber === p.bankAccount),
  );
  if ((p.iban || p.bankAccount) && !known) {
    const added = p.iban ? { iban: p.iban, bic: p.bic } : { accountNumber: p.bankAccount };
    const currencyOf = p.iban && !p.iban.startsWith('CZ') ? currency : 'CZK';
    patch.bankAccounts = [
      ...accounts,
      { ...added, currency: currencyOf, isDefault: !accounts.some((a) => a.isDefault && a.currency === currencyOf) },
    ];
  }
  if (!party?.roles.includes(kind)) patch.roles = [...(party?.roles ?? []), kind];
  return patch;
}

/**
 * Keeps the partner a role of one party in core's address book: the party it names, else the one
 * with its IČO, else a new one; the party learns what accounting knows and gets the role. Answers the
 * party id.
 */
async function linkParty(
  ctx: Ctx,
  kind: PartnerKind,
  p: PartnerView,
  currency: string,
  overwrite: boolean,
): Promise<string> {
  let party = p.partyId ? await getParty(ctx, p.partyId) : null;
  let keepIco = true;
  if (p.ico && party?.ico !== p.ico) {
    const [holder] = await findParties(ctx, { ico: p.ico, activeOnly: false, limit: 1 });
    const taken = holder ? await partyTaken(ctx, kind, holder.id, p.id) : false;
    if (holder && !taken) party = holder;
    else if (holder) keepIco = false; // another partner of this kind is that party already
  }
  const patch = partyPatch(party, p, kind, currency, overwrite && party?.id === p.partyId);
  if (!keepIco) delete patch.ico;
  const linked = !party
    ? await createParty(ctx, { ...patch, name: p.name })
    : Object.keys(patch).length
      ? await updateParty(ctx, party.id, patch)
      : party;
  if (linked.id !== p.partyId) {
    await dbOf(ctx)
      .updateTable('accounting.partners')
      .set({ party_id: linked.id })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', p.id)
      .execute();
  }
  return linked.id;
}

/** Whether another partner of this kind is that party already. */
async function partyTaken(ctx: Ctx, kind: PartnerKind, partyId: string, except?: string): Promise<string | null> {
  let q = dbOf(ctx)
    .selectFrom('accounting.partners')
    .select('name')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', kind)
    .where('party_id', '=', partyId);
  if (except) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst())?.name ?? null;
}

async function assertPartyFree(ctx: Ctx, kind: PartnerKind, partyId: string, except?: string) {
  const other = await partyTaken(ctx, kind, partyId, except);
  if (other)
    throw conflict(
      'duplicate_party',
      kind === 'customer'
        ? { en: `${other} is already a customer`, cs: `${other} už je odběratel` }
        : { en: `${other} is already a vendor`, cs: `${other} už je dodavatel` },
    );
}

/** The address book's party a partner input names, or 400 when there is none. */
async function partyOf(ctx: Ctx, partyId: string): Promise<Party> {
  const party = await getParty(ctx, partyId);
  if (!party)
    throw badRequest('invalid_input', { en: 'Unknown party', cs: 'Neznámý subjekt' }, [
      { path: 'partyId', message: { en: 'No such party in the address book', cs: 'Takový subjekt v adresáři není' } },
    ]);
  return party;
}

export async function createPartner(ctx: Ctx, kind: PartnerKind, input: PartnerInput): Promise<PartnerView> {
  const settings = await settingsOf(ctx);
  let merged = input;
  if (input.partyId) {
    const party = await partyOf(ctx, input.partyId);
    await assertPartyFree(ctx, kind, party.id);
    const known = fromParty(party);
    merged = {
      ...known,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null && v !== '')),
    };
  }
  const values = clean(merged);
  await assertIcoFree(ctx, kind, values.ico);
  const id = newId();
  await dbOf(ctx)
    .insertInto('accounting.partners')
    .values({
      country: settings.country,
      ...values,
      name: values.name as string,
      tenant_id: ctx.tenant.id,
      id,
      kind,
      party_id: input.partyId ?? null,
    })
    .execute();
  await linkParty(ctx, kind, await getPartner(ctx, kind, id), settings.currency, false);
  const created = await getPartner(ctx, kind, id);
  await ctx.audit({
    action: `accounting.${kind}.create`,
    entityType: `accounting.${kind}`,
    entityId: id,
    after: created,
  });
  return created;
}

export async function updatePartner(
  ctx: Ctx,
  kind: PartnerKind,
  id: string,
  patch: Partial<PartnerInput>,
): Promise<PartnerView> {
  const before = await getPartner(ctx, kind, id);
  const { partyId, ...rest } = patch;
  const values = clean(rest);
  if (values.ico) await assertIcoFree(ctx, kind, values.ico, id);
  if (partyId && partyId !== before.partyId) {
    await partyOf(ctx, partyId);
    await assertPartyFree(ctx, kind, partyId, id);
    values.party_id = partyId;
  }
  if (Object.keys(values).length) {
    await dbOf(ctx)
      .updateTable('accounting.partners')
      .set(values)
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
  }
  const { currency } = await settingsOf(ctx);
  await linkParty(ctx, kind, await getPartner(ctx, kind, id), currency, true);
  const after = await getPartner(ctx, kind, id);
  await ctx.audit({
    action: `accounting.${kind}.update`,
    entityType: `accounting.${kind}`,
    entityId: id,
    before,
    after,
  });
  return after;
}

/**
 * The address book changed a party (event `core.party.updated`): its customer and vendor take over
 * the details accounting prints (name, IČO, DIČ, contacts, billing address, default account).
 */
export async function syncFromParty(ctx: Ctx, partyId: string): Promise<void> {
  const party = await getParty(ctx, partyId);
  if (!party) return;
  const known = fromParty(party);
  const db = dbOf(ctx);
  const partners = await db
    .selectFrom('accounting.partners')
    .select(['id', 'kind'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('party_id', '=', partyId)
    .execute();
  for (const p of partners) {
    let values: Updateable<PartnersTable>;
    try {
      values = clean(known);
    } catch {
      continue; // details accounting cannot keep (a foreign registration number): the partner keeps its own
    }
    if (values.ico) {
      const clash = await db
        .selectFrom('accounting.partners')
        .select('id')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('kind', '=', p.kind)
        .where('ico', '=', values.ico)
        .where('id', '<>', p.id)
        .executeTakeFirst();
      if (clash) delete values.ico;
    }
    await db
      .updateTable('accounting.partners')
      .set(values)
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', p.id)
      .execute();
  }
}

/** Deletes a customer or vendor nobody refers to; otherwise 409 (deactivate instead). */
export async function deletePartner(ctx: Ctx, kind: PartnerKind, id: string): Promise<void> {
  const before = await getPartner(ctx, kind, id);
  const db = dbOf(ctx);
  const t = ctx.tenant.id;
  const used =
    (await db
      .selectFrom('accounting.documents')
      .select('id')
      .where('tenant_id', '=', t)
      .where('partner_id', '=', id)
      .limit(1)
      .executeTakeFirst()) ??
    (await db
      .selectFrom('accounting.payments')
      .select('id')
      .where('tenant_id', '=', t)
      .where('partner_id', '=', id)
      .limit(1)
      .executeTakeFirst()) ??
    (await db
      .selectFrom('accounting.journal_lines')
      .select('id')
      .where('tenant_id', '=', t)
      .where('partner_id', '=', id)
      .limit(1)
      .executeTakeFirst());
  if (used)
    throw conflict('partner_in_use', {
      en: `${before.name} has documents or postings; deactivate instead`,
      cs: `${before.name} má doklady nebo zápisy; místo smazání ho deaktivujte`,
    });
  await db.deleteFrom('accounting.partners').where('tenant_id', '=', t).where('id', '=', id).execute();
  // The party stays in the address book, no longer in this role.
  const party = before.partyId ? await getParty(ctx, before.partyId) : null;
  if (party?.roles.includes(kind)) await updateParty(ctx, party.id, { roles: party.roles.filter((r) => r !== kind) });
  await ctx.audit({ action: `accounting.${kind}.delete`, entityType: `accounting.${kind}`, entityId: id, before });
}

export interface StatementRow {
  date: string;
  entryId: string;
  number: string;
  memo: string;
  debit: string | null;
  credit: string | null;
  balance: string;
}

/**
 * A customer's or vendor's statement: postings on the receivable (payable) control account for
 * this partner, with the opening balance and a running balance. Positive balance = they owe us
 * (customer) or we owe them (vendor).
 */
export async function partnerStatement(ctx: Ctx, kind: PartnerKind, id: string, from: string | undefined, to: string) {
  const partner = await getPartner(ctx, kind, id);
  const { currency } = await settingsOf(ctx);
  const account = await roleAccount(ctx, kind === 'customer' ? 'receivable' : 'payable');
  const sign = kind === 'customer' ? 1n : -1n;
  const db = dbOf(ctx);
  const openingRow = from
    ? await db
        .selectFrom('accounting.journal_lines')
        .select(sql<string>`coalesce(sum(debit - credit), 0)::bigint`.as('net'))
        .where('tenant_id', '=', ctx.tenant.id)
        .where('partner_id', '=', id)
        .where('account_id', '=', account)
        .where('date', '<', from)
        .executeTakeFirst()
    : undefined;
  const opening = BigInt(openingRow?.net ?? '0') * sign;
  let q = db
    .selectFrom('accounting.journal_lines as l')
    .innerJoin('accounting.journal_entries as e', (j) =>
      j.onRef('e.tenant_id', '=', 'l.tenant_id').onRef('e.id', '=', 'l.entry_id'),
    )
    .select(['l.date', 'e.id', 'e.number', 'e.memo', 'l.debit', 'l.credit'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.partner_id', '=', id)
    .where('l.account_id', '=', account)
    .where('l.date', '<=', to);
  if (from) q = q.where('l.date', '>=', from);
  const rows = await q.orderBy('l.date').orderBy('e.seq').orderBy('l.line_no').limit(10_000).execute();
  let running = opening;
  const out: StatementRow[] = rows.map((r) => {
    running += (BigInt(r.debit) - BigInt(r.credit)) * sign;
    return {
      date: r.date,
      entryId: r.id,
      number: r.number,
      memo: r.memo,
      debit: BigInt(r.debit) > 0n ? money(r.debit, currency) : null,
      credit: BigInt(r.credit) > 0n ? money(r.credit, currency) : null,
      balance: money(running, currency),
    };
  });
  return {
    partner: { id: partner.id, name: partner.name, kind },
    currency,
    from: from ?? null,
    to,
    opening: money(opening, currency),
    rows: out,
    closing: money(running, currency),
  };
}
